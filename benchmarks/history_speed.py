"""History at scale (issue 30, item 11): `h` on a file with 50, 500 and 5 000 commits.

    .venv/bin/python benchmarks/history_speed.py [--sizes 50,500,5000]

A repository is made with `git fast-import` (one commit per version of the sample, each
moving a milestone's date or retitling it). Measured in the same run, on the same repository:

- baseline: `git log -n 10 -- FILE` (the whole process);
- first 10 entries: `reports.git_history.iter_entries` until its tenth entry, in process;
- first frame with entries: the app (headless, Pilot) from pressing `h` until the history
  screen holds its first entries (the reading is in a thread: the app answers meanwhile);
- all entries: the whole history read (only up to 500 commits: it grows with the history);
- since the meeting: the app from pressing `h` until "since the last steering-group meeting"
  is filled in (a status report sent halfway through the history is the meeting, so there
  is a decision to find and changes after it), once per size, given up after
  ``--since-limit`` seconds; beside it the CPU time of the app's own thread meanwhile
  (what the reading thread hands it to draw).
Figures are printed with the ratio against the baseline; nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SAMPLE = Path(__file__).resolve().parent.parent / "sample_projects" / "barnperspektivet-ekonomiskt-bistand.toml"


START = 1230000000  # the first commit's time; one commit every 10 minutes


def meeting(n: int) -> dt.date:
    """The day of the commit halfway through: a status report sent then is the last meeting."""
    return dt.datetime.fromtimestamp(START + (n // 2) * 600, dt.timezone(dt.timedelta(hours=1))).date()


def make_repo(where: Path, n: int) -> Path:
    subprocess.run(["git", "init", "-q", "-b", "main", str(where)], check=True)
    sample = SAMPLE.read_text(encoding="utf-8")
    report = (f'\n[[status_reports]]\nid = "SR1"\ndate = {meeting(n)}\nmilestone = "M1"\ntime = "green"\n'
              f'cost = "green"\nsummary = "Lägesrapport till styrgruppen."\nsent = {meeting(n)}\n')
    stream = bytearray()
    for i in range(n):
        # the report is sent (the meeting) with the commit halfway through
        text = sample if i < n // 2 else sample.rstrip("\n") + "\n" + report
        version = text.replace('title = "Kartläggning av nuläget klar"', f'title = "Kartläggning, version {i}"', 1)
        if version == text:  # the sample's first milestone title: change whatever title comes first
            version = text.replace("title = ", f'title = "v{i} " + ', 0)
            version = text.replace('\ntitle = "', f'\ntitle = "v{i} ', 1)
        data = version.encode("utf-8")
        msg = f"version {i}".encode()
        stream += b"blob\nmark :%d\ndata %d\n" % (2 * i + 1, len(data)) + data + b"\n"
        stream += b"commit refs/heads/main\nmark :%d\n" % (2 * i + 2)
        who = [b"Anna", b"Bertil", b"Cecilia"][i % 3]
        stream += b"author %s <x@example.org> %d +0100\ncommitter %s <x@example.org> %d +0100\n" % (who, START + i * 600, who, START + i * 600)
        stream += b"data %d\n" % len(msg) + msg + b"\n"
        if i:
            stream += b"from :%d\n" % (2 * i)
        stream += b"M 100644 :%d projekt.toml\n\n" % (2 * i + 1)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=where, input=bytes(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=where, check=True)
    return where / "projekt.toml"


def best(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def first_entries(path: Path, n: int = 10) -> None:
    from lilla_ratten.reports.git_history import iter_entries

    it = iter_entries(path)
    for _ in range(n):
        next(it)
    it.close()


async def app_first_frame(path: Path, since_limit: float = 0.0) -> tuple[float, float | None, float]:
    """Seconds from `h` to the first 10 entries on the history screen; with ``since_limit``
    also to "since the meeting" filled in (None: not within the limit), and the CPU time of
    the app's thread from `h` until then."""
    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.screens.history_screen import HistoryScreen
    from lilla_ratten.tui.session import Session

    since_at: list[float] = []
    show_since = HistoryScreen.show_since

    def timed_show_since(self, *args, **kwargs):  # told, not polled: polling would load the app's thread
        since_at.append(time.perf_counter())
        return show_since(self, *args, **kwargs)

    app = LillaRattenApp(Session.open(path), as_of=dt.date(2009, 4, 1))
    HistoryScreen.show_since = timed_show_since
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            seen: list[float] = []

            async def watch() -> None:  # on the app's own loop: the app is answering meanwhile
                while not (isinstance(app.screen, HistoryScreen) and app.screen.shown >= 10):
                    await asyncio.sleep(0.002)
                seen.append(time.perf_counter())

            watcher = asyncio.create_task(watch())
            t, cpu = time.perf_counter(), time.thread_time()
            await pilot.press("h")
            await watcher
            while since_limit and not since_at and time.perf_counter() - t < since_limit:
                await asyncio.sleep(0.05)
            cpu = time.thread_time() - cpu
            await pilot.press("escape")
    finally:
        HistoryScreen.show_since = show_since
    return seen[0] - t, (since_at[0] - t if since_at else None), cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="50,500,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--since-limit", type=float, default=150.0, help="seconds to wait for 'since the meeting' (0: skip)")
    args = parser.parse_args()
    os.environ.setdefault("LILLA_RATTEN_CACHE", tempfile.mkdtemp())
    os.environ.setdefault("LILLA_RATTEN_STATE", tempfile.mkdtemp())
    from lilla_ratten.reports.git_history import entries

    print(f"{'commits':>8}  {'git log -n 10':>14}  {'first 10 entries':>22}  {'h: first entries on screen':>30}  {'all entries':>18}"
          f"  h: since the meeting on screen (app thread CPU meanwhile)")
    for n in (int(x) for x in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            path = make_repo(Path(tmp) / "repo", n)
            base = best(args.runs, lambda: subprocess.run(["git", "log", "-n", "10", "--", "projekt.toml"], cwd=path.parent, capture_output=True, check=True))
            first = best(args.runs, lambda: first_entries(path))
            # "since the meeting" once (it may take minutes), in the first run
            runs = [asyncio.run(app_first_frame(path, args.since_limit if i == 0 else 0.0)) for i in range(args.runs)]
            frame = min(r[0] for r in runs)
            since, cpu = runs[0][1], runs[0][2]
            whole = f"{best(1, lambda: entries(path)) * 1000:8.0f} ms" if n <= 500 else "(not measured)"
            said = ("(not measured)" if not args.since_limit else
                    f"since the meeting {since:.2f} s, app thread {cpu:.2f} s CPU" if since is not None else
                    f"since the meeting > {args.since_limit:.0f} s, app thread {cpu:.2f} s CPU")
            print(f"{n:>8}  {base * 1000:11.0f} ms  {first * 1000:8.0f} ms {first / base:6.1f}x log  "
                  f"{frame * 1000:12.0f} ms {frame / base:6.1f}x log  {whole:>18}  {said}", flush=True)


if __name__ == "__main__":
    main()
