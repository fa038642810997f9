"""`review --print` of one large project: peak memory and time of the whole process.

    .venv/bin/python benchmarks/review_print_memory.py [--runs 3]

Over SSH a printout is what any key holder can start many of at once, so its memory is
what docs/ssh-review.md's limits are sized by. Writes one synthetic project of about
9.5 MB (45 000 activities, 4 500 milestones; the reader refuses files over 10 MB) and
runs `lilla-ratten review --print DIR` (the portfolio printout, which reads it whole) and
`review --print --project NAME`, cache off, each in its own process whose peak resident
set is read with wait4. Also in the same run: the same printout with the fast Rust reader
forced for the large file (rtoml, what `review --print` used before a file above
`RTOML_MAX_CHARS` went to tomli), and the baseline: a bare `tomllib.loads` of the file.
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

FORCE_RTOML = (
    "import sys, lilla_ratten.storage.reader as r; r.RTOML_MAX_CHARS = 10**9; "
    "from lilla_ratten.cli import main; sys.exit(main(sys.argv[1:]))"
)


def run_once(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "LILLA_RATTEN_CACHE": "off"})
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd} failed with {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "stor.toml"
        path.write_text(render(project(n_activities=45000, n_milestones=4500, seed=3)), encoding="utf-8")
        size = path.stat().st_size
        py = sys.executable
        commands = {
            "review --print DIR": [py, "-m", "lilla_ratten", "review", "--print", str(folder)],
            "review --print --project stor": [py, "-m", "lilla_ratten", "review", "--print", "--project", "stor", str(folder)],
            "the same, rtoml forced (before)": [py, "-c", FORCE_RTOML, "review", "--print", str(folder)],
            "baseline: tomllib.loads": [py, "-c", f"import tomllib; tomllib.loads(open({str(path)!r}, encoding='utf-8').read())"],
        }
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):  # round by round: the baseline sees the same machine
            for name, cmd in commands.items():
                results[name].append(run_once(cmd))
    base_mem = statistics.median(m for _t, m in results["baseline: tomllib.loads"])
    print(f"review --print of one {size / 1e6:.1f} MB project, whole process, median of {args.runs}; cache off")
    print(f"{'command':34} {'median':>9} {'peak MiB':>9} {'x tomllib memory':>17}")
    for name, runs in results.items():
        t = statistics.median(t for t, _m in runs)
        m = statistics.median(m for _t, m in runs)
        print(f"{name:34} {t * 1000:6.0f} ms {m:9.1f} {m / base_mem:17.2f}")


if __name__ == "__main__":
    main()
