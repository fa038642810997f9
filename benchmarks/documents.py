"""Writing documents: `report final --format pdf|docx|odt` on the richest sample and on a
synthetic project of 1 000 milestones and 2 000 activities (its final report and its
projektplan, `report plan`), and the committee's compilation
(`portfolio DIR --format pdf|docx`) over 100 and 1 000 synthetic projects; whole process,
median of several runs, peak memory. Baseline in the same run: the same command with
`--format md`, which prints the same report and imports no document library.

    .venv/bin/python benchmarks/documents.py [--runs 5] [--portfolio 100,1000]
"""

from __future__ import annotations

import argparse
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
# runs a command and prints its peak resident memory (KiB), so each figure is that command's own
MEASURE = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
)


def measure(args: list[str], runs: int, out: Path | None) -> tuple[float, float, int]:
    """(median seconds, peak MiB, exit status) of ``lilla-ratten ARGS`` as a whole process."""
    times, peaks, status = [], [], 0
    env = {**os.environ, "LILLA_RATTEN_CACHE": "off", "LILLA_RATTEN_LANG": "sv"}
    for _ in range(runs):
        if out is not None and out.exists():
            out.unlink()
        start = time.perf_counter()
        text = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "lilla_ratten", *args],
                              capture_output=True, text=True, env=env).stdout.split()
        times.append(time.perf_counter() - start)
        peaks.append(int(text[0]) / 1024)
        status = max(status, int(text[1]))
    return statistics.median(times), max(peaks), status


def line(name: str, base: float, figures: tuple[float, float, int]) -> None:
    t, mib, status = figures
    note = "" if status == 0 else f"  (exit {status})"
    print(f"{name:62} {t * 1000:8.0f} ms {mib:7.1f} MiB {t / base:7.2f}x{note}", flush=True)


def report(path: Path, label: str, runs: int, tmp: Path, kind: str = "final") -> None:
    base = measure(["report", kind, str(path), "--format", "md"], runs, None)
    line(f"{label}: report {kind} --format md (baseline)", base[0], base)
    for fmt in ("pdf", "docx", "odt"):
        out = tmp / f"r.{fmt}"
        line(f"{label}: report {kind} --format {fmt}", base[0], measure(["report", kind, str(path), "--format", fmt, "-o", str(out)], runs, out))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--portfolio", default="100,1000")
    args = parser.parse_args()
    print(f"{'command':62} {'median':>11} {'peak':>11} {'vs md':>8}   (median of {args.runs} runs)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report(RICHEST, "richest sample", args.runs, folder)
        big = folder / "stort.toml"
        big.write_text(render(project(n_activities=2000, n_milestones=1000)), encoding="utf-8")
        report(big, "1 000 milestones, 2 000 activities", max(1, args.runs // 2), folder)
        # the projektplan's activity plan is a table of all 2 000 activities
        report(big, "1 000 milestones, 2 000 activities", max(1, args.runs // 2), folder, "plan")
        for n in [int(x) for x in args.portfolio.split(",") if x]:
            projects = folder / f"p{n}"
            for i in range(n):
                sub = projects / f"sdf{i % 13:02d}"
                sub.mkdir(parents=True, exist_ok=True)
                (sub / f"projekt-{i:04d}.toml").write_text(render(project(seed=i + 1)), encoding="utf-8")
            runs = max(1, args.runs // 2)
            base = measure(["portfolio", str(projects), "--format", "md"], runs, None)
            line(f"portfolio of {n}: --format md (baseline)", base[0], base)
            for fmt in ("pdf", "docx"):
                out = folder / f"c.{fmt}"
                line(f"portfolio of {n}: compilation --format {fmt}", base[0],
                     measure(["portfolio", str(projects), "--format", fmt, "-o", str(out)], runs, out))


if __name__ == "__main__":
    main()
