"""Keys typed fast after the key that opens a form go into the form, not to the list behind it.

A terminal delivers a burst of keys at once (a fast typist, a paste of keystrokes, tmux
send-keys): before, the keys after ``a`` reached the list while the form was still being
built — ``i`` there opened the Implementation form and the rest were lost.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TabbedContent

from lilla_ratten.tui.screens.record_form import RecordForm
from tests.conftest import MINIMAL
from tests.test_tui import make_app


def _burst(app, text: str) -> None:
    """Post the keys as a terminal delivers a burst: all queued before any is handled."""
    for ch in text:
        key = {" ": "space"}.get(ch, ch)
        app.post_message(events.Key(key, ch))


async def test_a_burst_of_keys_after_a_goes_into_the_new_form(write):
    app = make_app(write(MINIMAL))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")  # the milestones
        await pilot.pause()
        _burst(app, "ahalvtid i maj")
        for _ in range(10):
            await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["ProjectScreen", "RecordForm"]  # nothing else opened
        assert form.query_one("#f-title").value == "halvtid i maj"
        assert app._held_keys is None  # nothing left held


# a refused `a` (every decision point there already) gives its held keys back at once:
# tests/test_walkthrough_fixes.py presses `n` right after it and gets its form


async def test_keys_are_given_back_when_no_form_opens(write):
    app = make_app(write(MINIMAL))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        app.hold_keys()  # as the key that opens a form does, but no form comes
        _burst(app, "5")
        await pilot.pause(app.HOLD_SECONDS + 0.3)
        await pilot.pause()
        assert app._held_keys is None
        assert app.screen.query_one(TabbedContent).active == "activities"  # the held 5 was given back



async def test_a_burst_after_n_goes_into_the_new_status_report(write):
    app = make_app(write(MINIMAL))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        _burst(app, "nhalvtid")
        for _ in range(10):
            await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["ProjectScreen", "RecordForm"]
        focused = app.screen.focused
        assert (getattr(focused, "value", None) or getattr(focused, "text", "")).endswith("halvtid")
