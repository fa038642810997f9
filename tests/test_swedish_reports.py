"""Every report of every sample, in Swedish, holds no English word and no internal field id.

A district analyst found "staff 658 944 kr, administration 0 kr, training 0 kr" (budget
categories by id) and "[effect_result, slutsats …]" (field names) in Swedish output."""

from __future__ import annotations

import re

import pytest

from lilla_ratten.cli import main
from tests.conftest import SAMPLES

# common English words that are not Swedish words too (so "under budget", "per", "status" pass)
ENGLISH = {
    "the", "and", "of", "are", "not", "none", "yet", "with", "from", "this", "that", "which", "has", "have",
    "been", "was", "were", "will", "would", "should", "there", "their", "about", "only", "yes", "no", "done", "late",
    "overdue", "days", "day", "spent", "granted", "funder", "owner", "leader", "report", "reports", "milestone",
    "milestones", "activity", "activities", "staff", "training", "travel", "premises", "materials", "summary",
    "approved", "submitted", "recorded", "estimated", "unknown", "known", "lines", "round",
    "rounds", "women", "households", "children", "step", "steps", "sign", "hint", "repay", "repayment",
}
# the real reports' own Swedish that looks English: Skaraborgs kommunalförbund's "from" (från och
# med, its date lost in the report's text) in Samverkan, printed word for word
REPORTS_OWN = (r"100%,\s+from\s+övergick",)  # a line may break anywhere between the words
# snake_case ids of fields, vocabularies and budget categories
FIELD_ID = re.compile(r"\b[a-z]+_[a-z_]+\b")
WORD = re.compile(r"[A-Za-zÅÄÖåäöéü]+")

SAMPLE_FILES = sorted(p for p in SAMPLES.glob("*.toml"))


def outputs(capsys) -> list[tuple[str, str]]:
    out = []

    def run(*argv: str) -> None:
        main(["--lang", "sv", *argv])
        out.append((" ".join(argv), capsys.readouterr().out))

    for sample in SAMPLE_FILES:
        for fmt in ("text", "md"):
            run("report", "final", str(sample), "--format", fmt)
            run("status", str(sample), "--format", fmt)
        text = sample.read_text(encoding="utf-8")
        for ident in re.findall(r'^\[\[status_reports\]\]\nid = "([^"]+)"', text, re.M):
            run("report", "status", str(sample), "--id", ident, "--format", "text")
    for folder in (SAMPLES, SAMPLES / "utvecklingsmedel-2002-2003"):
        run("portfolio", str(folder), "--format", "text")
        run("portfolio", str(folder), "--by", "organisation", "--format", "md")
        run("lessons", str(folder), "--format", "text")
    return out


def test_every_report_of_every_sample_reads_swedish(capsys):
    problems = []
    for command, text in outputs(capsys):
        assert text.strip(), command
        prose = "\n".join(line for line in text.splitlines() if "@" not in line and "://" not in line)
        for own in REPORTS_OWN:
            prose = re.sub(own, "", prose)
        english = sorted({w for w in WORD.findall(prose) if w.lower() in ENGLISH and not w.isupper()})
        ids = sorted(set(FIELD_ID.findall(prose)))
        if english or ids:
            problems.append(f"{command}: English {english}, field ids {ids}")
    assert problems == []


@pytest.mark.parametrize("text, found", [("staff 658 944 kr", ["staff"]), ("[effect_result, slutsats]", ["effect_result"])])
def test_the_check_catches_what_the_analyst_saw(text, found):
    assert sorted({w for w in WORD.findall(text) if w.lower() in ENGLISH} | set(FIELD_ID.findall(text))) == found
