"""Writes this folder's project files from *Bilaga — Redovisning av lokala
utvecklingsprojekt 2020*: one file per project, in the report's order, with its name, its
organisation as the report writes it, and its text as the final report's summary, word for word.

    .venv/bin/python sample_projects/lum-2020/generate.py ../shared/seeds/004_*.txt   (from the repository root)

The report states no amounts and no dates beyond the year: the period is 2020, the funding LUM.
"""

import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

from lilla_ratten.model import FinalReport, Project, ProjectInfo, Provenance
from lilla_ratten.storage import render

OUT = Path("sample_projects/lum-2020")
# a project begins with its name, then a blank line, then its organisation
ORGANISATION = re.compile(r"(stadsdelsförvaltning|^Socialförvaltningen)")


def slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:40].strip("-")


def paragraphs(lines: list[str]) -> list[str]:
    """The report's paragraphs; one cut by a page break mid-sentence is joined again."""
    out: list[str] = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if out and not out[-1].endswith((".", "!", "?", ":", "”")) and line[:1].islower():
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def projects(text: str) -> list[tuple[str, str, list[str]]]:
    lines = text.splitlines()
    starts = [i for i in range(len(lines) - 2) if lines[i].strip() and not lines[i + 1].strip()
              and ORGANISATION.search(lines[i + 2].strip()) and len(lines[i + 2]) < 80 and len(lines[i]) < 120]
    found = []
    for n, i in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        found.append((lines[i].strip(), lines[i + 2].strip(), paragraphs(lines[i + 3 : end])))
    return found


def main() -> None:
    report = Path(sys.argv[1]).read_text(encoding="utf-8")
    found = projects(report)
    for old in OUT.glob("*.toml"):
        old.unlink()
    for n, (name, organisation, text) in enumerate(found, start=1):
        summary = "\n\n".join(text)
        info = ProjectInfo(
            id=f"lum-2020-{n:02d}-{slug(name)}", name=name, organisation=organisation,
            start=date(2020, 1, 1), end=date(2020, 12, 31), funding="LUM", type="lum",
        )
        # the report gives the year only: the dates are the year's first and last day
        provenance = Provenance(reconstructed=True, source="Bilaga: Redovisning av lokala utvecklingsprojekt 2020",
                                estimated=["project.start", "project.end"])
        project = Project(project=info, final=FinalReport(summary=summary), provenance=provenance)
        (OUT / f"{n:02d}-{slug(name)}.toml").write_text(render(project), encoding="utf-8")
    print(len(found), "projects:", ", ".join(name for name, _o, _t in found))


if __name__ == "__main__":
    main()
