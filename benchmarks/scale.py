"""How the printing commands scale: `validate`, `report final` and `portfolio` over 1, 100 and
1 000 projects, whole process, median of several runs, with peak memory; and, round by round in
the same run, a bare `tomllib` loop that merely parses the same files.

Three corpora: ``synthetic`` (generated 12 KB files, ``synthetic.py``), ``rich`` (copies of the
richest sample, ``ingen-ska-lamnas-utanfor-2.toml``: 32 KB with participant-level step data and
equality data — what a project with measurements looks like) and ``mix`` (copies of every
sample in turn, the small portfolio files included). Targets (issue 19, over 1 000 rich files,
cache off): portfolio ≤ 0.4×, validate ≤ 0.8×, report final ≤ 1.0× the tomllib loop.

    .venv/bin/python benchmarks/scale.py [--runs 3] [--sizes 1,100,1000] [--corpora synthetic,rich,mix]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import project  # noqa: E402

from lilla_ratten.storage import render  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RICHEST = ROOT / "sample_projects" / "ingen-ska-lamnas-utanfor-2.toml"
SAMPLES = sorted((ROOT / "sample_projects").rglob("*.toml"))
CORPORA = ("synthetic", "rich", "mix")

# runs a command and prints its peak resident memory (KiB), so each figure is that command's own
# ... and its CPU time (user + system), which the other work on a shared machine disturbs far less than the wall clock
MEASURE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
           " u = resource.getrusage(resource.RUSAGE_CHILDREN); print(u.ru_maxrss, u.ru_utime + u.ru_stime)")
TOMLLIB_LOOP = "import sys, tomllib, pathlib\nfor p in sorted(pathlib.Path(sys.argv[1]).rglob('*.toml')): tomllib.loads(p.read_text(encoding='utf-8'))"
REPORT_LOOP = """
import sys, pathlib
from datetime import date
from lilla_ratten.plugins.manager import PluginHost
from lilla_ratten.reports import final_report, render
from lilla_ratten.storage import read_project
host = PluginHost.load()
for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.toml')):
    render(final_report.build(read_project(p).project, date(2026, 1, 1), host), 'md')
"""


def run_once(cmd: list[str], cache: str = "off") -> tuple[float, float, float]:
    """(seconds, peak MiB, CPU seconds) of one run of ``cmd`` as a whole process; ``cache``: $LILLA_RATTEN_CACHE."""
    env = {**os.environ, "LILLA_RATTEN_CACHE": cache}
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, env=env).stdout
    wall = time.perf_counter() - start
    rss, cpu = out.split() if out.strip() else ("0", "0")
    return wall, int(rss) / 1024, float(cpu)


def text_of(corpus: str, i: int) -> str:
    if corpus == "synthetic":
        return render(project(seed=i + 1))
    if corpus == "rich":
        return RICHEST.read_text(encoding="utf-8")
    return SAMPLES[i % len(SAMPLES)].read_text(encoding="utf-8")


def figures(sizes: list[int], runs: int, corpora: list[str]) -> list[dict]:
    rows = []
    for corpus in corpora:
        for n in sizes:
            rows += corpus_figures(corpus, n, runs)
    return rows


def corpus_figures(corpus: str, n: int, runs: int) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as cache:
        folder = Path(tmp)
        for i in range(n):
            sub = folder / f"sdf{i % 13:02d}"
            sub.mkdir(exist_ok=True)
            (sub / f"projekt-{i:04d}.toml").write_text(text_of(corpus, i), encoding="utf-8")
        files = sorted(str(p) for p in folder.rglob("*.toml"))
        lines = sum(Path(f).read_text(encoding="utf-8").count("\n") for f in files) // n
        portfolio = [sys.executable, "-m", "lilla_ratten", "portfolio", str(folder), "--format", "json"]
        subprocess.run(portfolio, capture_output=True, env={**os.environ, "LILLA_RATTEN_CACHE": cache})  # fill it
        commands = {
            "tomllib loop (baseline)": ([sys.executable, "-c", TOMLLIB_LOOP, str(folder)], "off"),
            "validate": ([sys.executable, "-m", "lilla_ratten", "validate", *files], "off"),
            "report final (md, each file)": ([sys.executable, "-c", REPORT_LOOP, str(folder)], "off"),
            "portfolio --format json": (portfolio, "off"),
            "portfolio, cache warm": (portfolio, cache),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        peaks: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):  # round by round, so the baseline sees the same machine as the commands
            for name, (cmd, cached) in commands.items():
                t, mem, cpu = run_once(cmd, cached)
                times[name].append(t)
                peaks[name].append(mem)
                cpus[name].append(cpu)
        base = statistics.median(times["tomllib loop (baseline)"])
        base_cpu = statistics.median(cpus["tomllib loop (baseline)"])
        for name in commands:
            t, cpu = statistics.median(times[name]), statistics.median(cpus[name])
            rows.append({"corpus": corpus, "files": n, "lines_per_file": lines, "command": name, "seconds": t,
                         "peak_mib": max(peaks[name]), "tomllib_seconds": base, "ratio_to_tomllib": t / base,
                         "cpu_seconds": cpu, "cpu_ratio_to_tomllib": cpu / base_cpu if base_cpu else 0.0})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1,100,1000")
    parser.add_argument("--corpora", default=",".join(CORPORA), help="any of " + ", ".join(CORPORA))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = figures([int(s) for s in args.sizes.split(",")], args.runs, args.corpora.split(","))
    if args.json:
        print(json.dumps(rows))
        return
    print(f"scale, whole process, median of {args.runs}; 'x tomllib' = wall clock against a bare tomllib loop parsing the same"
          " files, 'CPU x' = the same for CPU time (user + system);")
    print("cache off unless 'cache warm' (the parsed-project cache filled by one earlier run)")
    print(f"{'corpus':9} {'files':>5}  {'command':30} {'median':>10} {'peak MiB':>9} {'tomllib':>10} {'x tomllib':>10}"
          f" {'CPU':>10} {'CPU x':>6}")
    for r in rows:
        print(f"{r['corpus']:9} {r['files']:>5}  {r['command']:30} {r['seconds'] * 1000:8.0f} ms {r['peak_mib']:9.1f}"
              f" {r['tomllib_seconds'] * 1000:7.0f} ms {r['ratio_to_tomllib']:10.2f} {r['cpu_seconds'] * 1000:7.0f} ms"
              f" {r['cpu_ratio_to_tomllib']:6.2f}")


if __name__ == "__main__":
    main()
