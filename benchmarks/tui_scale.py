"""The app at 500, 5 000 and 50 000 activities: open, open the activity tab, each kind of key, save.

    .venv/bin/python benchmarks/tui_scale.py [--sizes 500,5000,50000] [--presses 9]

A curve, not a point: the same synthetic project shape (benchmarks/synthetic.py) at three
sizes, so growth shows at a glance. In process, headless at 120×40, all first-party plugins:

- open: ``Session.open`` (read and structure the file), then the app until its first screen
  is idle; the baseline is ``tomllib`` parsing the same file;
- tab: the activity plan's tab (key ``5``) until idle;
- down, filter (a character typed, then rubbed out: every key changes which rows show),
  sort (``o``), delete (``d``: the question shown; ``y``: the row gone; the first delete
  after opening also on its own line), undo (Ctrl+Z), both again on the list filtered by a word
  and sorted, save (Ctrl+S), add (the form's
  answer arrives: the record is added and the new row shown): median per key, from the key
  to the app idle with the updated screen.

Times are CPU time of the app's thread (user + system; the unsaved copy is rendered on a
thread of its own after each change and is not counted): wall clock on a machine shared
with other work swings far more. Beside it, "frame": the wall time from the key to the first
frame the app writes after it (what the user waits for; a thread working meanwhile delays it),
for ``y`` and, the slowest of each kind of key, at the end ("frame, slowest").
The baseline for a key is a bare Textual app with an Input and a DataTable of 2 000 rows,
cursor down, in the same run (the 2 000-row figure the issue starts from). Peak RSS is this
process's, after the largest size.

The app renders a large project's records for the file in idle time after opening
(``Session.render_ahead``), so that the first change's unsaved copy and the first save need not;
"render ahead" is how long that took (wall, while the app waited). The keys are measured after it;
"the first delete, at once" opens the file again and deletes before it is done (the unsaved copy
then renders the rest on its thread after the frame).
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


class Frames:
    """When the app wrote each frame (wall clock): the first after a key is what its user waits for."""

    def __init__(self, app) -> None:
        self.times: list[float] = []
        shown = app._display

        def display(screen, renderable):
            shown(screen, renderable)
            if renderable is not None:
                self.times.append(time.perf_counter())

        app._display = display

    def first_after(self, start: float) -> float:
        return next((t - start for t in self.times if t > start), float("nan"))


async def _press(pilot, key: str) -> tuple[float, float]:
    """(CPU of the app's thread until idle, wall time until the first frame) for one key."""
    frames = pilot.app._frames
    start, wall = cpu(), time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    return cpu() - start, frames.first_after(wall)


async def _timed(pilot, keys: list[str], frames: list[float] | None = None) -> float:
    """The median CPU of ``keys``; the wall time to each one's first frame goes to ``frames``."""
    timed = [await _press(pilot, key) for key in keys]
    if frames is not None:
        frames.extend(frame for _cpu, frame in timed)
    return statistics.median(cpu for cpu, _frame in timed)


async def _open(path: Path):
    """The app on ``path``, started as the command line starts it, until idle with the plugins in."""
    from lilla_ratten.plugins.manager import PluginHost
    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.session import Session

    gc.unfreeze()  # what the previous app froze
    gc.collect()
    # as cli.main does: the collector off until the first frame, when the app freezes what
    # exists (the project) and turns it back on
    gc.disable()
    app = LillaRattenApp(Session.open(path), load_host=PluginHost.load)
    app._frames = Frames(app)
    return app


async def _until_idle_with_plugins(pilot) -> None:
    await pilot.pause()
    while pilot.app.host is None:  # the plugins are in
        await pilot.pause()
    await pilot.pause()


async def first_delete_at_once(path: Path) -> dict[str, float]:
    """Open, the activity tab, and delete at once: before the records are rendered ahead."""
    app = await _open(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _until_idle_with_plugins(pilot)
        await pilot.press("5")
        await pilot.pause()
        app.screen.query_one("#table-activities").table.focus()
        ahead = app.session._ahead
        unrendered = ahead is not None and ahead.is_alive()
        await pilot.press("d")
        await pilot.pause()
        cpu_y, frame_y = await _press(pilot, "y")
        app.session.wait_kept()
    return {"delete: y, the first, at once": cpu_y, "  at once: frame (wall)": frame_y,
            "  at once: not all rendered ahead": float(unrendered)}


async def measure(path: Path, presses: int) -> dict[str, float]:
    out: dict[str, float] = {}
    start = cpu()
    tomllib.loads(path.read_text(encoding="utf-8"))
    out["baseline: tomllib parse"] = cpu() - start

    start = cpu()
    app = await _open(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _until_idle_with_plugins(pilot)
        out["open until idle, plugins in"] = cpu() - start
        start = cpu()
        await pilot.press("5")
        await pilot.pause()
        out["activity tab"] = cpu() - start
        wall = time.perf_counter()
        ahead = app.session._ahead
        while ahead is not None and ahead.is_alive():
            await asyncio.sleep(0.02)
        out["render ahead (wall, idle)"] = time.perf_counter() - wall
        table = app.screen.query_one("#table-activities")
        table.table.focus()
        await pilot.pause()
        frames: dict[str, list[float]] = {name: [] for name in ("cursor down", "sort (o)", "filter, a key", "d", "y", "undo",
                                                               "filtered, sorted: y / undo")}
        out["cursor down"] = await _timed(pilot, ["down"] * presses, frames["cursor down"])
        out["sort (o)"] = await _timed(pilot, ["o"] * presses, frames["sort (o)"])
        while table._sort is not None:  # back to the file's order
            await pilot.press("o")
        app.screen.query_one("#table-activities Input").focus()
        await pilot.pause()
        typed = [await _press(pilot, key) for key in list("ab" * presses)[:presses]]
        frames["filter, a key"].extend(frame for _cpu, frame in typed)
        out["filter, the first key"] = typed[0][0]
        out["filter, a key typed"] = statistics.median(cpu for cpu, _frame in typed)
        out["filter, a key rubbed out"] = await _timed(pilot, ["backspace"] * presses, frames["filter, a key"])
        table.table.focus()
        await pilot.pause()
        asks, deletes = [], []
        for _ in range(max(3, presses // 3)):
            asks.append(await _press(pilot, "d"))
            deletes.append(await _press(pilot, "y"))
        # the first delete after opening is kept apart: a one-off cost there (a first import,
        # a first write) is what a median over later presses would hide
        out["delete: d, the first"] = asks[0][0]
        out["delete: y, the first"] = deletes[0][0]
        out["  the first: frame (wall)"] = deletes[0][1]
        out["delete: d, the question"] = statistics.median(a[0] for a in asks)
        out["delete: y, the row gone"] = statistics.median(d[0] for d in deletes)
        out["  frame (wall), median"] = statistics.median(d[1] for d in deletes)
        out["  frame (wall), slowest"] = max(d[1] for d in deletes)
        frames["d"] += [a[1] for a in asks]
        frames["y"] += [d[1] for d in deletes]
        out["undo (ctrl+z)"] = await _timed(pilot, ["ctrl+z"] * max(3, presses // 3), frames["undo"])
        # the same on a list filtered (a word in about a third of the rows) and sorted
        app.screen.query_one("#table-activities Input").focus()
        await pilot.press(*"familj")
        table.table.focus()
        await pilot.press("o")
        await pilot.pause()
        asks, deletes = [], []
        for _ in range(max(3, presses // 3)):
            asks.append(await _press(pilot, "d"))
            deletes.append(await _press(pilot, "y"))
        out["filtered, sorted: y"] = statistics.median(d[0] for d in deletes)
        frames["filtered, sorted: y / undo"] += [d[1] for d in deletes]
        out["filtered, sorted: undo"] = await _timed(pilot, ["ctrl+z"] * max(3, presses // 3),
                                                     frames["filtered, sorted: y / undo"])
        while table._sort is not None:
            await pilot.press("o")
        app.screen.query_one("#table-activities Input").value = ""
        table.table.focus()
        await pilot.pause()
        out["save (ctrl+s)"] = await _timed(pilot, ["ctrl+s"])

        from lilla_ratten.model import Activity
        from lilla_ratten.tui import editing

        adds = []
        for i in range(3):
            record = Activity(id=f"A{10**7 + i}", title="Ny aktivitet")
            start = cpu()
            editing.apply_record(app, "activities", None, record)
            await pilot.pause()
            adds.append(cpu() - start)
        out["add (form answered)"] = statistics.median(adds)
        for name, times in frames.items():  # the strictest reading: the slowest key of each kind
            out[f"frame, slowest: {name}"] = max(times)
    out.update(await first_delete_at_once(path))
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
        bare._frames = Frames(bare)
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
        if name == "  at once: not all rendered ahead":
            print(f"{name:28}" + "".join(f"{'yes' if results[n][1][name] else 'no':>14}" for n in sizes))
            continue
        print(f"{name:28}" + "".join(f"{results[n][1][name] * 1000:>11.1f} ms" for n in sizes))
    print(f"{'baseline: bare DataTable 2 000 rows, cursor down':28}  {bare * 1000:.1f} ms")
    print(f"peak RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
