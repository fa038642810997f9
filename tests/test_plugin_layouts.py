"""A plugin's project type brings its own final-report form (tests/finsam_plugin, installed as a
third party's would be): ``new --type finsam`` names it, ``report final`` builds it in every
format, ``--layout`` chooses any form, and a form that fails is named, replaced by the
slutrapport and marked so (exit 3)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.test_documents import expected, read_docx, read_odt

FINSAM_PLUGIN = Path(__file__).parent / "finsam_plugin"
FINSAM = """
[budget]
total = 1000000
outcome = 950000

[ext.finsam]
version = 1
background = "Många unga vuxna i Skärholmen står långt från arbetsmarknaden."
target_group = "Unga vuxna 18–29 år med aktivitetsersättning."
measures = ["Individuellt stöd", "Arbetsträning"]
participants = 42

[[ext.finsam.partners]]
name = "Försäkringskassan"
contribution = 250000

[[ext.finsam.partners]]
name = "Stockholms stad"
contribution = 750000

[[ext.finsam.sus]]
id = "work"
name = "I arbete efter insats"
value = 11
"""
HEADINGS = ["Bakgrund", "Målgrupp", "Insatser", "Resultat enligt SUS", "Ekonomi per part", "Ekonomi"]


@pytest.fixture
def finsam(lr_install, lr_cli, tmp_path):
    """A finsam project made by ``new --type finsam`` with the plugin installed, filled in."""
    lr_install(FINSAM_PLUGIN)
    path = tmp_path / "finsam.toml"
    r = lr_cli("new", path, "--type", "finsam", "--name", "Unga till arbete", entry_points=True)
    assert r.exit_code == 0, r
    text = path.read_text(encoding="utf-8")
    assert 'type = "finsam"' in text
    start = text.index("[ext.finsam]")
    assert "[budget]" not in text
    path.write_text(text[:start] + FINSAM.lstrip(), encoding="utf-8")  # the plugin's section, filled in
    assert lr_cli("validate", path, entry_points=True).exit_code == 0
    return path


def test_the_types_form_is_the_final_report_in_md_text_and_json(finsam, lr_cli):
    doc = json.loads(lr_cli("report", "final", finsam, "--format", "json", entry_points=True).stdout)
    assert doc["title"] == "Slutrapport till samordningsförbundet: Unga till arbete"
    assert [s["title"] for s in doc["sections"]][:6] == HEADINGS
    assert doc["data"] == {"layout": "finsam", "participants": 42, "contributions": 1000000, "sus": {"work": 11}}
    md = lr_cli("report", "final", finsam, entry_points=True)
    assert md.exit_code == 0
    assert "## Resultat enligt SUS" in md.stdout and "| I arbete efter insats | 11 |" in md.stdout
    text = lr_cli("report", "final", finsam, "--format", "text", entry_points=True)
    assert "EKONOMI PER PART" in text.stdout and "Försäkringskassan" in text.stdout


def test_the_types_form_reaches_word_opendocument_and_pdf(finsam, lr_cli, tmp_path):
    doc = json.loads(lr_cli("report", "final", finsam, "--format", "json", entry_points=True).stdout)
    headings, tables, charts = expected(doc)
    assert len(charts) == 1 and ["Försäkringskassan", "SEK 250,000", "25\u00a0%"] in tables[1]
    for fmt in ("docx", "odt", "pdf"):
        r = lr_cli("report", "final", finsam, "--format", fmt, "-o", tmp_path / f"r.{fmt}", entry_points=True)
        assert r.exit_code == 0, r
    _word, got, got_tables, pictures = read_docx(tmp_path / "r.docx")
    assert (got, got_tables, pictures) == (headings, tables, len(charts))
    _odt, got, got_tables, frames = read_odt(tmp_path / "r.odt")
    assert (got, got_tables, len(frames)) == (headings, tables, len(charts))
    pdf = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    for heading in HEADINGS:
        assert heading in pdf
    assert "I arbete efter insats" in pdf and "Försäkringskassan" in pdf


def test_layout_chooses_any_registered_form(finsam, lr_cli):
    r = lr_cli("report", "final", finsam, "--layout", "slutrapport", "--format", "json", entry_points=True)
    assert json.loads(r.stdout)["title"] == "Final report: Unga till arbete"
    r = lr_cli("report", "final", finsam, "--layout", "lum", "--format", "json", entry_points=True)
    assert json.loads(r.stdout)["data"]["layout"] == "lum"
    r = lr_cli("report", "final", finsam, "--layout", "nosuch", entry_points=True)
    assert r.exit_code == 2 and "invalid choice: 'nosuch'" in r.stderr and "finsam" in r.stderr


def test_without_the_plugin_the_type_falls_back_to_the_slutrapport_and_says_so(finsam, lr_cli):
    r = lr_cli("--disable", "finsam", "report", "final", finsam, "--format", "json", entry_points=True)
    doc = json.loads(r.stdout)
    assert r.exit_code == 3
    assert doc["title"] == "Final report: Unga till arbete"
    assert doc["sections"][0]["id"] == "incomplete"
    assert doc["data"]["incomplete"][0]["error"] == (
        "no loaded plugin knows the project type finsam; the slutrapport is shown instead, not the type's own form")


def test_a_failing_form_is_named_replaced_by_the_slutrapport_and_exits_3(finsam, lr_cli):
    r = lr_cli("report", "final", finsam, "--layout", "broken", "--format", "json", entry_points=True)
    assert r.exit_code == 3
    doc = json.loads(r.stdout)
    assert doc["title"] == "Final report: Unga till arbete"
    (failure,) = doc["data"]["incomplete"]
    assert (failure["plugin"], failure["hook"]) == ("brokenform", "FinalReportLayout.build")
    assert failure["error"].startswith("ZeroDivisionError: division by zero (brokenform.py:")
    assert doc["sections"][0]["title"] == "Incomplete"
    assert "Traceback" not in r.stderr and "plugin brokenform failed in FinalReportLayout.build" in r.stderr
    md = lr_cli("report", "final", finsam, "--layout", "broken", entry_points=True)
    assert md.exit_code == 3 and "⚠ Plugin brokenform failed (FinalReportLayout.build: ZeroDivisionError" in md.stdout


def test_a_form_that_returns_no_document_is_refused(finsam, lr_cli):
    text = finsam.read_text(encoding="utf-8").replace('name = "Unga till arbete"', 'name = "Dict"')
    finsam.write_text(text, encoding="utf-8")
    r = lr_cli("report", "final", finsam, "--layout", "broken", "--format", "pdf", "-o", finsam.with_suffix(".pdf"),
               entry_points=True)
    assert r.exit_code == 3
    assert "plugin brokenform failed in FinalReportLayout.build and was switched off for this run: returned dict, expected a Document" in r.stderr
    assert finsam.with_suffix(".pdf").exists()  # the slutrapport, marked incomplete


async def test_the_app_shows_the_types_form_and_lets_the_user_choose_another(finsam, lr_app):
    """In the app as on the command line: the final-report view opens in the type's form,
    ``f`` goes through every registered form, and the export writes the form chosen."""
    from lilla_ratten.testing import load_host
    from lilla_ratten.tui.screens.export_dialog import ExportDialog

    host = load_host(entry_points=True)
    async with lr_app(finsam, host, size=(100, 40)) as pilot:
        app = pilot.app
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.doc.title == "Slutrapport till samordningsförbundet: Unga till arbete"
        seen = []
        while app.screen.form != "lansstyrelsen" and len(seen) < 10:
            await pilot.press("f")
            await pilot.pause()
            seen.append(app.screen.form)
        assert seen[-3:] == ["slutrapport", "lum", "lansstyrelsen"]  # the built-in forms, in order
        assert app.screen.doc.title == "Final report to the County Administrative Board"
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog) and dialog.form == "lansstyrelsen"
        assert ("finsam", "Samordningsförbundets slutrapport") in dialog.forms
        dialog.query_one("#export-form").value = "finsam"  # the form chosen in the dialog
        await pilot.pause()
        assert dialog.form == "finsam"
        await pilot.click("#export")
        await pilot.pause()
    pdf = finsam.with_name("finsam-final-report.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Resultat enligt SUS" in text and "Ekonomi per part" in text
