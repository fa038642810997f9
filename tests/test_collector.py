"""tui.collector: a large list built after the first frame is frozen after its frame, a small one is not."""

import gc

from lilla_ratten.tui import collector


class _Widget:
    def __init__(self):
        self.after = []

    def call_after_refresh(self, callback):
        self.after.append(callback)


def test_a_large_build_is_frozen_after_its_frame_a_small_one_not():
    was = gc.isenabled()
    gc.enable()
    try:
        small, large = _Widget(), _Widget()
        collector.built(small, collector.LARGE - 1)
        collector.built(large, collector.LARGE)
        assert small.after == [] and len(large.after) == 1
        rows = [[i] for i in range(collector.LARGE)]  # young, tracked objects
        frozen = gc.get_freeze_count()
        large.after[0]()
        assert gc.get_freeze_count() >= frozen + len(rows)
    finally:
        gc.unfreeze()
        if not was:
            gc.disable()


def test_nothing_is_frozen_while_the_collector_is_off():
    was = gc.isenabled()
    gc.disable()
    try:
        widget = _Widget()
        collector.built(widget, collector.LARGE)
        assert widget.after == []
    finally:
        if was:
            gc.enable()
