"""Memory of the app and of `review --print` on a project near the 10 MB limit, against the
size of the file once parsed.

    .venv/bin/python benchmarks/memory_scale.py [--activities 45000]

What is measured, each in its own process (peak resident set, VmHWM, read at the end):

- parsed size: the Python heap that ``tomllib.loads`` of the file leaves held (tracemalloc,
  the parsed dicts, lists and strings; the text itself not counted) — "the file's parsed size";
- bare: a process that imports the app, Textual and the plugins and does nothing else (the
  interpreter and the code: what any run costs before it reads a file);
- app: the app headless at 120×40 with every plugin: open, the activity tab, delete one
  activity (the unsaved copy kept), save, the overview;
- review --print DIR (the portfolio printout) and review --print --project NAME.

Each line gives the peak, the peak above bare, and that as a multiple of the parsed size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

HWM = "import re; print('HWM', int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) // 1024)"

PARSED = """
import gc, sys, tomllib, tracemalloc
text = open(sys.argv[1], encoding='utf-8').read()
gc.collect(); tracemalloc.start(); base = tracemalloc.get_traced_memory()[0]
doc = tomllib.loads(text)
gc.collect(); print('PARSED', (tracemalloc.get_traced_memory()[0] - base) / 2**20)
"""

BARE = """
import lilla_ratten.tui.app, lilla_ratten.cli, lilla_ratten.plugins.manager as m, textual.app
m.PluginHost.load()
""" + HWM

APP = """
import asyncio, os, sys
from pathlib import Path
from lilla_ratten.plugins.manager import PluginHost
from lilla_ratten.tui.app import LillaRattenApp
from lilla_ratten.tui.session import Session

async def run():
    app = LillaRattenApp(Session.open(Path(sys.argv[1])), load_host=PluginHost.load)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.host is None:
            await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        app.screen.query_one("#table-activities").table.focus()
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        app.session.wait_kept()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert not app.session.dirty

asyncio.run(run())
""" + HWM


def run(code: str, *args: str, env: dict | None = None) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    return {line.split()[0]: float(line.split()[1]) for line in out.stdout.splitlines() if line[:1].isupper() and len(line.split()) == 2}


def peak_of(cmd: list[str], env: dict) -> float:
    """Peak RSS (MiB) of a command, read with wait4."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd} failed")
    return usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=45000)
    args = parser.parse_args()
    from lilla_ratten.storage import save_project
    from synthetic import project

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "projects"
        folder.mkdir()
        path = folder / "stort.toml"
        save_project(project(n_activities=args.activities, n_milestones=args.activities // 10), path, expected_digest=None)
        env = {**os.environ, "HOME": tmp, "LILLA_RATTEN_CACHE": "off"}
        parsed = run(PARSED, str(path))["PARSED"]
        bare = run(BARE, env=env)["HWM"]
        rows = [("app: open, tab, delete, save, overview", run(APP, str(path), env=env)["HWM"])]
        cli = [sys.executable, "-m", "lilla_ratten"]
        rows.append(("review --print DIR", peak_of([*cli, "review", "--print", str(folder)], env)))
        rows.append(("review --print --project NAME", peak_of([*cli, "review", "--print", "--project", "stort", str(folder)], env)))
        size = path.stat().st_size / 2**20
        print(f"file {size:.1f} MiB, {args.activities} activities; parsed size (tomllib's structure, tracemalloc) {parsed:.0f} MiB; "
              f"bare process (imports, plugins) {bare:.0f} MiB")
        print(f"{'':40}{'peak RSS':>10}{'above bare':>12}{'x parsed':>10}")
        for name, peak in rows:
            print(f"{name:40}{peak:>6.0f} MiB{peak - bare:>8.0f} MiB{(peak - bare) / parsed:>9.1f}x")


if __name__ == "__main__":
    main()
