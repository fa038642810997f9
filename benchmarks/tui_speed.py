"""TUI speed: start until idle against a bare Textual app, and keypress latency on 2 000 activities.

    .venv/bin/python benchmarks/tui_speed.py [--runs 7]

Measured for the whole process (start of the interpreter until the app is idle with its
first screen, headless, then exit) through the real command line `lilla-ratten open` on
the largest sample with all first-party plugins (and once more until their tabs are in),
and for a bare Textual app showing a DataTable, in the same run. The moment a person sees
the first frame is measured on a real pty by benchmarks/first_paint.py.
"""

from __future__ import annotations

import argparse
import compileall
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
from textual.app import App
from textual.widgets import DataTable, Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self):
        t = self.query_one(DataTable)
        t.add_columns("Id", "Milestone", "Planned", "Done")
        for i in range(8):
            t.add_row(f"M{i}", "Kartläggning klar", "2009-02-15", "")

async def first_frame(pilot):
    await pilot.pause()
    pilot.app.exit()

Bare().run(headless=True, auto_pilot=first_frame)
"""

# the real command line (`lilla-ratten open FILE`), with App.run made headless
OURS = """
import sys
import textual.app

WAIT_FOR_PLUGINS = sys.argv[2] == "plugins"

async def first_frame(pilot):
    await pilot.pause()
    while WAIT_FOR_PLUGINS and (pilot.app.host is None or not pilot.app.screen.query("#plugin-equality-equality")):
        await pilot.pause()
    pilot.app.exit()

_run = textual.app.App.run
textual.app.App.run = lambda self, **kw: _run(self, headless=True, auto_pilot=first_frame)
from lilla_ratten.cli import main
main(["--lang", "sv", "open", sys.argv[1]])
"""


# Headless there is no terminal to paint: the first frame is the moment Textual has laid
# out the first screen (its Ready event); the process ends right there, for both apps.
AT_READY = """
import os, sys
import textual.events
_init = textual.events.Ready.__init__
def _ready(self, *a, **kw):
    os._exit(0)
textual.events.Ready.__init__ = _ready
"""


def whole_process(code: str, *args: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# Pilot waits for the app to go idle in fixed sleeps, which would swamp the figure;
# the CPU time spent between a key and the end of the screen update is the latency
# a person sees on an otherwise idle machine.
async def _cpu_per_press(pilot, keys: list[str]) -> float:
    samples = []
    for key in keys:
        start = time.process_time()
        await pilot.press(key)
        await pilot.pause()
        samples.append(time.process_time() - start)
    return statistics.median(samples)


async def keypress_latency(path: Path, presses: int) -> dict[str, float]:
    from textual.app import App
    from textual.widgets import DataTable, Input

    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.session import Session

    results: dict[str, float] = {}
    app = LillaRattenApp(Session.open(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")  # the activity plan
        await pilot.pause()
        results["lilla-ratten: cursor down"] = await _cpu_per_press(pilot, ["down"] * presses)
        app.screen.query_one("#table-activities Input").focus()
        results["lilla-ratten: type in filter"] = await _cpu_per_press(pilot, list("ab" * presses)[:presses])

    class Bare(App):
        def compose(self):
            yield Input()
            yield DataTable(cursor_type="row")

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("Id", "Activity", "Owner", "Status")
            for i in range(2000):
                table.add_row(f"A{i}", "Intervju med jobbtorg", "Projektledare", "planerad")
            table.focus()

    bare = Bare()
    async with bare.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        results["bare DataTable: cursor down"] = await _cpu_per_press(pilot, ["down"] * presses)
    return results


def main() -> None:
    # as a user's second start finds them: compiled (PYTHONDONTWRITEBYTECODE would
    # otherwise have every changed module recompiled on every start)
    compileall.compile_dir(ROOT / "src", quiet=1)
    compileall.compile_dir(ROOT / "plugins", quiet=1)
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--presses", type=int, default=30)
    args = parser.parse_args()
    sample = max((ROOT / "sample_projects").glob("*.toml"), key=lambda p: p.stat().st_size, default=None) or Path("/tmp/tui.toml")
    bare_ready = whole_process(AT_READY + BARE, runs=args.runs)
    ours_ready = whole_process(AT_READY + OURS, str(sample), "first", runs=args.runs)
    bare = whole_process(BARE, runs=args.runs)
    ours = whole_process(OURS, str(sample), "first", runs=args.runs)
    complete = whole_process(OURS, str(sample), "plugins", runs=args.runs)
    print(f"headless, whole process, median of {args.runs} (sample: {sample.name}; the painted frame on a pty: first_paint.py)")
    print("  first frame (start until Textual's Ready)")
    print(f"    bare Textual + DataTable  {bare_ready * 1000:8.1f} ms")
    print(f"    lilla-ratten open         {ours_ready * 1000:8.1f} ms   ratio {ours_ready / bare_ready:.2f}x  (target <= 1.3x)")
    print("  start until idle and exit (ours: tabs built, plugins loaded and their tabs in)")
    print(f"    bare Textual + DataTable  {bare * 1000:8.1f} ms")
    print(f"    lilla-ratten open         {ours * 1000:8.1f} ms   ratio {ours / bare:.2f}x")
    print(f"    … waiting for the plugins {complete * 1000:8.1f} ms   ratio {complete / bare:.2f}x")

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from lilla_ratten.storage import save_project
    from synthetic import project

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.toml"
        save_project(project(n_activities=2000), path, expected_digest=None)
        lat = asyncio.run(keypress_latency(path, args.presses))
    print(f"keypress to updated screen (CPU time), 2 000 activities, median of {args.presses}")
    for name, t in lat.items():
        print(f"  {name:32}  {t * 1000:8.1f} ms   (target <= 50 ms)")


if __name__ == "__main__":
    main()
