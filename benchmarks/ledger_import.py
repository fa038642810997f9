"""Ledger import of a synthetic 50 000-row CSV extract, whole process (`lilla-ratten budget import`).

    .venv/bin/python benchmarks/ledger_import.py [--rows 50000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = """schema = 1

[project]
id = "bench"
name = "Ledger benchmark"
organisation = "Stadsdelsförvaltning"
start = 2023-01-01
end = 2024-12-31

[ext.budget]
version = 1

[[ext.budget.lines]]
id = "staff"
name = "Personal"
category = "staff"
budget = 5000000

[[ext.budget.lines]]
id = "other"
name = "Övrigt"
category = "other"
budget = 500000

[[ext.budget.mapping]]
accounts = ["50-57"]
line = "staff"

[[ext.budget.mapping]]
accounts = ["3-4", "58-79"]
line = "other"
"""


def ledger(rows: int, path: Path) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Datum;Konto;Kostnadsställe;Text;Belopp\n")
        for i in range(rows):
            account = rng.choice(["5010", "5410", "5611", "5800", "6110", "7010", "7510"])
            amount = rng.randrange(100, 5_000_000)
            fh.write(f"2023-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d};{account};K{rng.randrange(5)};Rad {i};{amount // 100} {amount % 100:02d}".replace(" ", ",", 1).replace(",", ",") + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    # 50 000 rows make an 8.8 MB project file; 100 000 (17.6 MB) would be over the 10 MB a
    # project file may be, and the import is refused (a file that could not be opened again)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times, peaks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        extract = Path(tmp) / "huvudbok.csv"
        ledger(args.rows, extract)
        for _ in range(args.runs):
            project = Path(tmp) / "p.toml"
            project.write_text(PROJECT, encoding="utf-8")
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "lilla_ratten", "budget", "import", str(project), str(extract)],
                               capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            peaks.append(max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before))
            if r.returncode != 0:
                raise SystemExit(r.stderr)
        size = project.stat().st_size
        again_start = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "lilla_ratten", "budget", "import", str(project), str(extract)],
                           capture_output=True, text=True)
        again = time.perf_counter() - again_start
    print(f"ledger import, {args.rows} CSV rows, whole process, median of {args.runs}: {statistics.median(times):.2f} s; "
          f"peak RSS {max(peaks) / 1024:.0f} MiB; project file {size / 1e6:.1f} MB")
    print(f"re-import of the same extract (all duplicates): {again:.2f} s — {r.stdout.splitlines()[0]}")


if __name__ == "__main__":
    main()
