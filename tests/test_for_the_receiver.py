"""What a receiver reads carries no note meant for its author, and nothing a user reads says
"seed" (issue 29, item 1): every real report is cited by its title, organisation and date.

The final report, status report, plan, directive and compilation of every sample, in every
text format, and the samples, their READMEs and the user's documentation, are read whole.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import ROOT, SAMPLES
from tests.test_cli import cli

# what only the author should read: the sample's reconstruction, advice, file names
AUTHOR_NOTES = re.compile(
    r"seed|Om uppgifterna|About the data|återskapade|reconstructed|överväg att slå samman|consider merging"
    r"|inget annat är känt|huvudbok\.csv|\(här: |delar inte upp den",
    re.I,
)
FILES = sorted(SAMPLES.glob("*.toml"))


@pytest.mark.parametrize("sample", FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_final_report_has_no_note_for_its_author(sample, lang):
    for fmt in ("text", "json"):
        r = cli("--lang", lang, "report", "final", str(sample), "--format", fmt)
        assert r.returncode == 0, r.stderr
        shown = r.stdout
        if fmt == "json":  # what a script reads as prose; data.provenance is for scripts
            doc = json.loads(shown)
            shown = json.dumps([doc["title"], doc["facts"], doc["sections"]], ensure_ascii=False)
        assert not AUTHOR_NOTES.search(shown), AUTHOR_NOTES.search(shown)[0]


@pytest.mark.parametrize("folder", ["utvecklingsmedel-2002-2003", "lum-2020"])
def test_a_compilation_has_no_note_for_its_author(folder):
    r = cli("--lang", "sv", "portfolio", str(SAMPLES / folder), "--format", "md")
    assert r.returncode == 0 and not AUTHOR_NOTES.search(r.stdout), r.stdout[:200]


def test_the_32_projects_say_what_they_set_out_to_do_in_the_reports_words(tmp_path):
    """Each "Genomförande" was a note on how the sample was made ("Seed 003, avsnitt 2.1.8 …
    inget annat är känt"); it is the project's *Mål och syfte* as the report gives it."""
    out = tmp_path / "c.docx"
    r = cli("--lang", "sv", "portfolio", str(SAMPLES / "utvecklingsmedel-2002-2003"), "--format", "docx", "-o", str(out))
    assert r.returncode == 0, r.stderr
    import docx

    text = " ".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Att halvera antalet personer som uppbär socialbidrag/försörjningsstöd från 1999 till 2004." in text
    assert "Skapa företagsanpassade utbildningar som skulle leda direkt till arbete. Av 125 personer per kursstart" in text


def test_the_overview_still_tells_the_author_where_the_figures_come_from():
    r = cli("--lang", "sv", "status", str(SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml"))
    flat = " ".join(r.stdout.split())
    assert "Källa: Barnperspektivet och ekonomiskt bistånd, slutrapport till Rinkeby-Kista stadsdelsnämnd, 2009" in flat


def test_the_equality_advice_is_for_the_author_in_the_app_not_for_the_funder():
    """"1 of 4 cells fall below the threshold: consider merging categories" was printed in
    the report to the funder; it is shown in the app's equality pane only."""
    from lilla_ratten_equality import plugin

    from lilla_ratten.i18n import set_language
    from lilla_ratten.model.document import Document
    from lilla_ratten.reports import render
    from lilla_ratten.storage.files import read_project
    from lilla_ratten.testing import load_host

    set_language("sv")
    project = read_project(SAMPLES / "ingen-ska-lamnas-utanfor-2.toml").project
    host = load_host(entry_points=True)
    sections, _findings = host.sections(project)
    participants = host.participants(project, sections)

    def text(secs) -> str:
        return render(Document("x", "x", [], secs), "text")

    assert "överväg att slå samman kategorier" in text(plugin._equality_section(project, sections, participants, for_author=True))
    assert "överväg att slå samman" not in text(plugin.lr_final_report_sections(project, sections, participants))


def test_nothing_a_user_reads_says_seed():
    """The samples, their READMEs and the documentation cite each real report by its title."""
    read = [*SAMPLES.rglob("*.toml"), *SAMPLES.rglob("README.md"), ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
    said = [f"{p.relative_to(ROOT)}:{n}" for p in read for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"\bseeds?\b", line, re.I)]
    assert said == []
