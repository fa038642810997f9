"""The app at 500, 5 000 and 50 000 activities: open, open the activity tab, each kind of key, save.

    .venv/bin/python benchmarks/tui_scale.py [--sizes 500,5000,50000] [--presses 9]

A curve, not a point: the same synthetic project shape (benchmarks/synthetic.py) at three
sizes, so growth shows at a glance. In process, headless at 120×40, all first-party plugins:

- open: ``Session.open`` (read and structure the file), then the app until its first screen
  is idle; the baseline is ``tomllib`` parsing the same file;
- tab: the activity plan's tab (key ``5``) until idle;
- down, filter (a character typed, then rubbed out: every key changes which rows show),
  sort (``o``), delete (``d``: the question shown; ``y``: the row gone; the first delete
  after opening also on its own line), undo (Ctrl+Z), save (Ctrl+S), add (the form's
  answer arrives: the record is added and the new row shown): median per key, from the key
  to the app idle with the updated screen.

Times are CPU time of the app's thread (user + system; the unsaved copy is rendered on a
thread of its own after each change and is not counted): wall clock on a machine shared
with other work swings far more. The baseline for a key is a bare Textual app with an Input and
a DataTable of 2 000 rows, cursor down, in the same run (the 2 000-row figure the issue
starts from). Peak RSS is this process's, after the largest size.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import resource
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def cpu() -> float:
    # the app's own thread: the unsaved copy is written on a thread of its own after a change,
    # which the screen does not wait for (its CPU is shown apart, as "keep")
    return time.thread_time()


async def _timed(pilot, keys: list[str]) -> float:
    samples = []
    for key in keys:
        start = cpu()
        await pilot.press(key)
        await pilot.pause()
        samples.append(cpu() - start)
    return statistics.median(samples)


async def measure(path: Path, presses: int) -> dict[str, float]:
    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.session import Session

    out: dict[str, float] = {}
    start = cpu()
    tomllib.loads(path.read_text(encoding="utf-8"))
    out["baseline: tomllib parse"] = cpu() - start

    gc.unfreeze()  # what the previous size's app froze
    gc.collect()
    # started as the command line starts it (cli.main): the collector off until the first
    # frame, when the app freezes what exists (the project) and turns it back on
    gc.disable()
    start = cpu()
    from lilla_ratten.plugins.manager import PluginHost
    app = LillaRattenApp(Session.open(path), load_host=PluginHost.load)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        while app.host is None:  # the plugins are in
            await pilot.pause()
        await pilot.pause()
        out["open until idle, plugins in"] = cpu() - start
        start = cpu()
        await pilot.press("5")
        await pilot.pause()
        out["activity tab"] = cpu() - start
        table = app.screen.query_one("#table-activities")
        table.table.focus()
        await pilot.pause()
        out["cursor down"] = await _timed(pilot, ["down"] * presses)
        out["sort (o)"] = await _timed(pilot, ["o"] * presses)
        while table._sort is not None:  # back to the file's order
            await pilot.press("o")
        app.screen.query_one("#table-activities Input").focus()
        await pilot.pause()
        out["filter, a key typed"] = await _timed(pilot, list("ab" * presses)[:presses])
        out["filter, a key rubbed out"] = await _timed(pilot, ["backspace"] * presses)
        table.table.focus()
        await pilot.pause()
        asks, deletes = [], []
        for _ in range(max(3, presses // 3)):
            start = cpu()
            await pilot.press("d")
            await pilot.pause()
            asks.append(cpu() - start)
            start = cpu()
            await pilot.press("y")
            await pilot.pause()
            deletes.append(cpu() - start)
        # the first delete after opening is kept apart: a one-off cost there (a first import,
        # a first write) is what a median over later presses would hide
        out["delete: d, the first"] = asks[0]
        out["delete: y, the first"] = deletes[0]
        out["delete: d, the question"] = statistics.median(asks)
        out["delete: y, the row gone"] = statistics.median(deletes)
        out["undo (ctrl+z)"] = await _timed(pilot, ["ctrl+z"] * max(3, presses // 3))
        out["save (ctrl+s)"] = await _timed(pilot, ["ctrl+s"])

        from lilla_ratten.tui import editing
        from lilla_ratten.model import Activity

        adds = []
        for i in range(3):
            record = Activity(id=f"A{10**7 + i}", title="Ny aktivitet")
            start = cpu()
            editing.apply_record(app, "activities", None, record)
            await pilot.pause()
            adds.append(cpu() - start)
        out["add (form answered)"] = statistics.median(adds)
    return out


async def bare_baseline(presses: int) -> float:
    from textual.app import App
    from textual.widgets import DataTable, Input

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
        return await _timed(pilot, ["down"] * presses)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="500,5000,50000")
    parser.add_argument("--presses", type=int, default=9)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    os.environ.setdefault("LILLA_RATTEN_CACHE", "off")
    from lilla_ratten.storage import save_project
    from synthetic import project

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HOME"] = tmp  # the unsaved-changes keeper writes under it, not the user's
        for n in sizes:
            path = Path(tmp) / f"p{n}.toml"
            save_project(project(n_activities=n, n_milestones=max(8, n // 50)), path, expected_digest=None)
            results[n] = (path.stat().st_size, asyncio.run(measure(path, args.presses)))
    bare = asyncio.run(bare_baseline(args.presses))
    names = list(results[sizes[0]][1])
    print("CPU time of the app's thread, in process, headless 120x40, all plugins; keys: median of presses")
    print(f"{'activities':28}" + "".join(f"{n:>14}" for n in sizes))
    print(f"{'file size':28}" + "".join(f"{results[n][0] / 1e6:>11.2f} MB" for n in sizes))
    for name in names:
        print(f"{name:28}" + "".join(f"{results[n][1][name] * 1000:>11.1f} ms" for n in sizes))
    print(f"{'baseline: bare DataTable 2 000 rows, cursor down':28}  {bare * 1000:.1f} ms")
    print(f"peak RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
