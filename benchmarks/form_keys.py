"""Keystroke to frame in a form holding 5 000 characters (issue 28).

    .venv/bin/python benchmarks/form_keys.py [--presses 40]

A new status report on the richest sample, its summary 5 000 characters long, the form
open (headless, Pilot), typing at the end of that summary: the CPU time from each key to
the end of the screen update (as tui_speed.py measures keys: Pilot's idle waits would
swamp wall-clock figures). Every key re-checks the record as the form does (parse, the
project's rules on a copy). Against a bare Textual app with one TextArea holding the same
text, measured the same way in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("Familjerna har deltagit i samtal och aktiviteter; flera har gått vidare till studier och arbete. " * 60)[:5000]


async def _cpu_per_press(pilot, keys: list[str]) -> float:
    samples = []
    for key in keys:
        start = time.process_time()
        await pilot.press(key)
        await pilot.pause()
        samples.append(time.process_time() - start)
    return statistics.median(samples)


async def measure(path: Path, presses: int) -> dict[str, float]:
    from textual.app import App
    from textual.widgets import TextArea

    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.session import Session

    results = {}
    app = LillaRattenApp(Session.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")  # a new status report's form, drafted from the project
        await pilot.pause()
        form = app.screen
        area = form.query_one("#f-summary", TextArea)
        area.text = TEXT
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.pause()
        assert len(area.text) == 5000, len(area.text)
        results["form"] = await _cpu_per_press(pilot, list("ab " * presses)[:presses])
        assert area.text.startswith(TEXT) and len(area.text) == 5000 + presses  # the keys reached the text

    class Bare(App):
        def compose(self):
            yield TextArea(TEXT)

        def on_mount(self):
            area = self.query_one(TextArea)
            area.focus()
            area.move_cursor(area.document.end)

    bare = Bare()
    async with bare.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        results["bare"] = await _cpu_per_press(pilot, list("ab " * presses)[:presses])
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=40)
    args = parser.parse_args()
    sample = ROOT / "sample_projects" / "ingen-ska-lamnas-utanfor-2.toml"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / sample.name
        shutil.copy(sample, path)
        import os

        os.environ.setdefault("LILLA_RATTEN_CACHE", str(Path(tmp) / "cache"))
        os.environ.setdefault("XDG_STATE_HOME", str(Path(tmp) / "state"))
        r = asyncio.run(measure(path, args.presses))
    print(f"keystroke to frame (CPU time), a form holding 5 000 characters, median of {args.presses}")
    print(f"  bare Textual TextArea       {r['bare'] * 1000:7.1f} ms")
    print(f"  lilla-ratten record form    {r['form'] * 1000:7.1f} ms   form ratio {r['form'] / r['bare']:.2f}x  (target <= 50 ms)")


if __name__ == "__main__":
    sys.exit(main())
