"""Keystroke to frame in a form holding 5 000 characters (issue 28), and forms on large projects (issue 34).

    .venv/bin/python benchmarks/form_keys.py [--presses 40] [--sizes 500,5000,50000]

A new status report on the richest sample, its summary 5 000 characters long, the form
open (headless, Pilot), typing at the end of that summary: the CPU time from each key to
the end of the screen update (as tui_speed.py measures keys: Pilot's idle waits would
swamp wall-clock figures). Every key re-checks the record as the form does (parse, the
project's rules on a copy). Against a bare Textual app with one TextArea holding the same
text, measured the same way in the same run.

The curve (``--sizes``): the app on synthetic projects of 500, 5 000 and 50 000 activities
(benchmarks/synthetic.py, as tui_scale.py makes them; 120×40, all plugins, after the records
were rendered ahead): ``n`` until the new status report's form is idle on screen (twice:
the first opening pays for the first compose of its styles), Esc on it, then the activity
form (Enter on a row): a character typed at the end of its title (median CPU of the app's
thread per key, as tui_scale.py measures) and Ctrl+S until the record is stored and the
list idle again. Against, in the same run: a bare Textual app with one Input, typed into the
same way; and a bare modal screen holding as many Inputs, Selects and TextAreas as the
status report's form, pushed and dismissed.
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


async def _cpu(pilot, key: str) -> float:
    start = time.thread_time()
    await pilot.press(key)
    await pilot.pause()
    return time.thread_time() - start


async def curve_at(path: Path, presses: int) -> tuple[dict[str, float], dict[str, int]]:
    """The forms on one project: n opened and closed, keys typed in an activity's form, Ctrl+S."""
    from textual.widgets import Input, Select, TextArea

    from lilla_ratten.tui.screens.record_form import RecordForm
    from tui_scale import _open, _until_idle_with_plugins

    out: dict[str, float] = {}
    app = await _open(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _until_idle_with_plugins(pilot)
        ahead = app.session._ahead
        while ahead is not None and ahead.is_alive():
            await asyncio.sleep(0.02)
        for name in ("n: the form open, the first time", "Esc: the form closed"):
            out[name] = await _cpu(pilot, "n" if name.startswith("n") else "escape")
            assert isinstance(app.screen, RecordForm) == name.startswith("n"), app.screen
        out["n: the form open again"] = await _cpu(pilot, "n")
        form = app.screen
        kinds = {"inputs": len(form.query(Input)), "selects": len(form.query(Select)), "areas": len(form.query(TextArea))}
        await _cpu(pilot, "escape")
        await pilot.press("5")
        await pilot.pause()
        app.screen.query_one("#table-activities").table.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm) and form.collection == "activities", form
        title = form.query_one("#f-title", Input)
        title.focus()
        await pilot.pause()
        title.action_end()  # after the focus, which selects the whole text
        await pilot.pause()
        before = title.value
        keys = list("ab " * presses)[:presses]
        out["activity form: a key typed"] = statistics.median([await _cpu(pilot, key) for key in keys])
        assert title.value == before + "".join(keys), title.value  # the keys reached the field
        out["activity form: Ctrl+S, stored"] = await _cpu(pilot, "ctrl+s")
        assert not isinstance(app.screen, RecordForm) and app.session.project.activities[form.index].title == title.value.strip()
    return out, kinds


async def bare_forms(presses: int, kinds: dict[str, int]) -> dict[str, float]:
    """A bare Input typed into; a bare modal with the status report form's widgets pushed and dismissed."""
    from textual.app import App
    from textual.containers import VerticalScroll
    from textual.screen import ModalScreen
    from textual.widgets import Input, Select, TextArea

    class Form(ModalScreen):
        BINDINGS = [("escape", "dismiss")]

        def compose(self):
            with VerticalScroll():
                for i in range(kinds["inputs"]):
                    yield Input(f"fält {i}")
                for _i in range(kinds["selects"]):
                    yield Select([("ja", 1), ("nej", 2)], value=1)
                for i in range(kinds["areas"]):
                    yield TextArea(f"text {i}")

    class Bare(App):
        BINDINGS = [("n", "open_form")]

        def compose(self):
            yield Input("Intervju med jobbtorg")

        def on_mount(self):
            self.query_one(Input).focus()

        def action_open_form(self):
            self.push_screen(Form())

    out = {}
    bare = Bare()
    async with bare.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        out["a key typed"] = statistics.median([await _cpu(pilot, key) for key in list("ab " * presses)[:presses]])
        bare.set_focus(None)  # n to the app, not typed into the Input (in the app a list has the focus)
        await pilot.pause()
        out["open, the first time"] = await _cpu(pilot, "n")
        out["close"] = await _cpu(pilot, "escape")
        bare.set_focus(None)
        await pilot.pause()
        out["open again"] = await _cpu(pilot, "n")
        assert isinstance(bare.screen, Form), bare.screen_stack
    return out


def curve(sizes: list[int], presses: int) -> None:
    import os

    sys.path.insert(0, str(ROOT / "benchmarks"))
    os.environ.setdefault("LILLA_RATTEN_CACHE", "off")
    from lilla_ratten.storage import save_project
    from synthetic import project

    results, kinds = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HOME"] = tmp  # what a form keeps as typed goes under it, not the user's
        for n in sizes:
            path = Path(tmp) / f"p{n}.toml"
            save_project(project(n_activities=n, n_milestones=max(8, n // 50)), path, expected_digest=None)
            results[n], kinds = asyncio.run(curve_at(path, presses))
    bare = asyncio.run(bare_forms(presses, kinds))
    print(f"\nforms on large projects: CPU time of the app's thread, headless 120x40, all plugins; keys: median of {presses}")
    print(f"{'activities':34}" + "".join(f"{n:>12}" for n in sizes) + "   bare Textual")
    rows = (("n: the form open, the first time", "open, the first time"), ("n: the form open again", "open again"),
            ("Esc: the form closed", "close"), ("activity form: a key typed", "a key typed"), ("activity form: Ctrl+S, stored", None))
    for name, base in rows:
        figures = "".join(f"{results[n][name] * 1000:>9.1f} ms" for n in sizes)
        print(f"{name:34}{figures}" + (f"{bare[base] * 1000:>12.1f} ms" if base else ""))
    largest = results[sizes[-1]]
    print(f"  at {sizes[-1]}: a key typed {largest['activity form: a key typed'] / bare['a key typed']:.2f}x a bare Input, "
          f"n {largest['n: the form open again'] / bare['open again']:.2f}x a bare modal with the same "
          f"{kinds['inputs']} inputs, {kinds['selects']} selects and {kinds['areas']} text areas")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--sizes", default="500,5000,50000", help="activities of the curve; empty: none")
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
    if args.sizes:
        curve([int(s) for s in args.sizes.split(",")], min(args.presses, 15))


if __name__ == "__main__":
    sys.exit(main())
