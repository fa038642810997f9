"""`portfolio` over many synthetic project files: whole-process time (median) and peak memory.

    .venv/bin/python benchmarks/portfolio_speed.py [--files 1000] [--runs 5]

Writes N synthetic projects (benchmarks/synthetic.py, 40 activities and 8 milestones each)
into a temporary folder, then runs `lilla-ratten portfolio DIR --format json` (all
first-party plugins loaded) and, in the same run, a bare `python -c pass` for scale.
Peak memory is the child's maximum resident set size (getrusage).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import project  # noqa: E402

from lilla_ratten.storage import render  # noqa: E402


def run(cmd: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, peak_kib / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(args.files):
            sub = folder / f"sdf{i % 13:02d}"
            sub.mkdir(exist_ok=True)
            (sub / f"projekt-{i:04d}.toml").write_text(render(project(seed=i + 1)), encoding="utf-8")
        size = sum(p.stat().st_size for p in folder.rglob("*.toml"))
        bare = statistics.median(run([sys.executable, "-c", "pass"])[0] for _ in range(args.runs))
        times = []
        peak = 0.0
        for _ in range(args.runs):
            t, peak = run([sys.executable, "-m", "lilla_ratten", "portfolio", str(folder), "--format", "json", "--by", "organisation"])
            times.append(t)
        median = statistics.median(times)
        print(f"portfolio over {args.files} files ({size / 1e6:.1f} MB), whole process, median of {args.runs}")
        print(f"  python -c pass            {bare * 1000:8.1f} ms")
        print(f"  lilla-ratten portfolio    {median * 1000:8.1f} ms   ({median / args.files * 1000:.2f} ms per file)")
        print(f"  peak RSS (max of runs)    {peak:8.1f} MiB")


if __name__ == "__main__":
    main()
