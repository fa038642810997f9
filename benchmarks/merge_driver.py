"""The merge driver's cost against what git does without it, measured in the same run.

    .venv/bin/python benchmarks/merge_driver.py [--runs 9]

On the largest sample (the first milestone's title changed on one side and its comment on
the other, a milestone added on each side under the same new id): whole-process `lilla-ratten merge-driver` against
`git merge-file` (git's line merge) and `lilla-ratten validate` of the same file; and the
merge itself in process (`merge_texts`) against one parse + canonical render of the file.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.cli_start import largest_sample  # noqa: E402
from lilla_ratten.model import Milestone  # noqa: E402
from lilla_ratten.storage import parse_project, render  # noqa: E402
from lilla_ratten.storage.merge import merge_texts  # noqa: E402

def versions(text: str) -> tuple[str, str, str]:
    def edited(field: str, value: str, who: str) -> str:
        parsed = parse_project(text, "x")
        project = parsed.project
        setattr(project.milestones[0], field, value)
        project.milestones.append(Milestone(id=f"M{len(project.milestones) + 1}", title=f"Tillagd {who}", planned=date(2024, 12, 1)))
        return render(project, parsed.notes)

    return text, edited("title", "Min rubrik", "av mig"), edited("comment", "Deras kommentar", "av dem")


def median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    sample = largest_sample()
    base, ours, theirs = versions(sample.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, text in (("base", base), ("theirs", theirs)):
            (folder / name).write_text(text, encoding="utf-8")

        def run(cmd: list[str]) -> None:
            (folder / "ours").write_text(ours, encoding="utf-8")
            subprocess.run(cmd, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

        driver = [sys.executable, "-m", "lilla_ratten", "merge-driver", "base", "ours", "theirs", "p.toml"]
        line_merge = ["git", "merge-file", "ours", "base", "theirs"]
        validate = [sys.executable, "-m", "lilla_ratten", "validate", "ours"]
        figures = {}
        for _ in range(2):  # interleaved, twice, so a busy moment does not favour one
            figures["merge-driver"] = median(lambda: run(driver), args.runs)
            if shutil.which("git"):
                figures["git merge-file"] = median(lambda: run(line_merge), args.runs)
            figures["validate"] = median(lambda: run(validate), args.runs)
        in_process = median(lambda: merge_texts(base, ours, theirs), args.runs)
        parse_render = median(lambda: render(parse_project(ours, "x").project), args.runs)
    merged = merge_texts(base, ours, theirs)
    print(f"{sample.name}: {len(base.encode())} bytes, {base.count(chr(10))} lines; merged with {len(merged.conflicts)} conflicts")
    for name, seconds in figures.items():
        print(f"  {name:<16} {seconds * 1000:8.1f} ms  ({seconds / figures['validate']:.2f}× validate)")
    print(f"  merge_texts in process {in_process * 1000:.1f} ms; one parse + render {parse_render * 1000:.1f} ms ({in_process / parse_render:.2f}×)")


if __name__ == "__main__":
    main()
