"""A large file with many warnings: `validate` and opening it in the app, against the same
size without them.

    .venv/bin/python benchmarks/warnings_speed.py [--runs 3]

Writes two synthetic projects of 50 000 activities: with 1 000 milestones (9.4 MB; 991 of them
planned outside the project's period or done on a date still to come, so `validate` warns
about each, on reading and again for the dates) and with 8 (9.0 MB, no warnings: the
baseline). Each problem is placed on its line by a walk over the file (``storage/locate.py``);
this measures what placing them costs. CPU time in process, cache off, median of the runs,
both files round by round.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import project  # noqa: E402

from lilla_ratten.cli import main  # noqa: E402
from lilla_ratten.storage import save_project  # noqa: E402


def cpu(action) -> tuple[float, object]:
    start = time.process_time()
    result = action()
    return time.process_time() - start, result


def validate(path: Path) -> int:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["--no-plugins", "validate", str(path)])
    return len(out.getvalue().splitlines())


def main_(runs: int) -> None:
    os.environ["LILLA_RATTEN_CACHE"] = "off"
    from lilla_ratten.tui.session import Session  # what the app opens a file with (Textual is not drawn)

    with tempfile.TemporaryDirectory() as tmp:
        files = {"warnings": Path(tmp) / "varningar.toml", "baseline": Path(tmp) / "utan.toml"}
        save_project(project(50_000, 1_000), files["warnings"], expected_digest=None)
        save_project(project(50_000, 8), files["baseline"], expected_digest=None)
        times: dict[tuple[str, str], list[float]] = {}
        counts = {}
        for _ in range(runs):
            for name, path in files.items():
                seconds, lines = cpu(lambda p=path: validate(p))
                times.setdefault((name, "validate"), []).append(seconds)
                seconds, session = cpu(lambda p=path: Session.open(p))
                times.setdefault((name, "Session.open"), []).append(seconds)
                counts[name] = (lines, len(session.loaded.problems))
                del session
        for name, path in files.items():
            print(f"{name:9} {path.stat().st_size / 1e6:.1f} MB, validate prints {counts[name][0]} lines, "
                  f"the app holds {counts[name][1]} problems")
        for what in ("validate", "Session.open"):
            with_, base = (statistics.median(times[(n, what)]) for n in ("warnings", "baseline"))
            print(f"{what:13} with warnings {with_:.2f} s CPU, without {base:.2f} s: {with_ / base:.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    main_(parser.parse_args().runs)
