"""Ledger import of a synthetic 50 000-row CSV extract, whole process (`lilla-ratten budget import`),
and a 1 GB extract streamed through it in bounded memory.

    .venv/bin/python benchmarks/ledger_import.py [--rows 50000] [--runs 3] [--big-mb 1000]

The big extract is a whole administration's ledger as an export gives it: a million
rows and more of bank and balance-sheet postings (skipped), with the project's 1 000 cost
rows among them; `--dry-run`, peak RSS of the process against the extract's size. It is
written to a temporary folder and removed.
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
            fh.write(f"2023-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d};{account};K{rng.randrange(5)};Rad {i};{amount // 100},{amount % 100:02d}\n")


def big_ledger(megabytes: int, path: Path) -> int:
    """Balance-sheet rows with long texts, and every 5 000th a cost: ``megabytes`` MB; returns the cost rows."""
    text = "Utbetalning enligt avtal, löpande månadsavgift och avräkning mot leverantörsreskontra " * 2
    skipped = "".join(f"2023-{m:02d}-15;1930;K1;{text}{m};-1 234,50\n" for m in range(1, 13)).encode()
    cost = "2023-06-15;5410;K1;Förbrukningsinventarier;4 000,00\n".encode()
    block = skipped * 400 + cost
    costs = 0
    with path.open("wb") as fh:
        fh.write("Datum;Konto;Kostnadsställe;Text;Belopp\n".encode())
        while fh.tell() < megabytes * 1_000_000:
            fh.write(block)
            costs += 1
    return costs


def main() -> None:
    parser = argparse.ArgumentParser()
    # 50 000 rows make an 8.8 MB project file; 100 000 (17.6 MB) would be over the 10 MB a
    # project file may be, and the import is refused (a file that could not be opened again)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--big-mb", type=int, default=1000, help="size of the streamed extract (0: skip)")
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
    if args.big_mb:
        with tempfile.TemporaryDirectory() as tmp:
            extract = Path(tmp) / "huvudbok-hela-forvaltningen.csv"
            costs = big_ledger(args.big_mb, extract)
            project = Path(tmp) / "p.toml"
            project.write_text(PROJECT, encoding="utf-8")
            code = (
                "import resource, sys\nfrom lilla_ratten.cli import main\nstatus = main(sys.argv[1:])\n"
                "print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(status)\n"
            )
            start = time.perf_counter()
            r = subprocess.run([sys.executable, "-c", code, "budget", "import", str(project), str(extract), "--dry-run"],
                               capture_output=True, text=True)
            took = time.perf_counter() - start
            if r.returncode != 0:
                raise SystemExit(r.stderr)
            peak = int(r.stderr.split("peak")[-1]) / 1024
            size = extract.stat().st_size / 1e6
            print(f"streamed extract: {size:.0f} MB, {r.stdout.splitlines()[0]} ({costs} cost rows expected); "
                  f"{took:.1f} s; peak RSS {peak:.0f} MiB ({peak * 1.048576 / size * 100:.1f} % of the file)")


if __name__ == "__main__":
    main()
