"""Whole-process time of the printing commands, against a bare `python -c pass` in the same run.

    .venv/bin/python benchmarks/cli_start.py [--runs 15]

Prints the median wall time of each command over the largest sample project, the ratio to a
bare interpreter start, and whether `python -X importtime` shows Textual on that path.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def largest_sample() -> Path:
    return max((ROOT / "sample_projects").glob("*.toml"), key=lambda p: p.stat().st_size)


def median_time(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def imported_modules(cmd: list[str]) -> set[str]:
    r = subprocess.run([sys.executable, "-X", "importtime", *cmd], capture_output=True, text=True)
    return {line.split("|")[-1].strip().split(".")[0] for line in r.stderr.splitlines() if line.startswith("import time:")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    sample = largest_sample()
    base = median_time([sys.executable, "-c", "pass"], args.runs)
    commands = {
        "validate --no-plugins": ["--no-plugins", "validate", str(sample)],
        "validate": ["validate", str(sample)],
        "status": ["status", str(sample)],
        "report status": ["report", "status", str(sample)],
        "report final": ["report", "final", str(sample)],
        "report final --format json": ["report", "final", str(sample), "--format", "json"],
    }
    print(f"sample: {sample.name} ({sample.stat().st_size} bytes), median of {args.runs} runs")
    print(f"{'command':32} {'median ms':>10} {'× python -c pass':>18}  textual imported")
    print(f"{'python -c pass':32} {base * 1000:10.1f} {1.0:18.2f}")
    for name, cli_args in commands.items():
        cmd = [sys.executable, "-m", "lilla_ratten", *cli_args]
        t = median_time(cmd, args.runs)
        textual = "textual" in imported_modules(["-m", "lilla_ratten", *cli_args])
        print(f"{name:32} {t * 1000:10.1f} {t / base:18.2f}  {'YES' if textual else 'no'}")


if __name__ == "__main__":
    main()
