"""Exporting documents from the app (issue 18): the final report, the selected status report
and the portfolio's compilation, through a dialog that asks before replacing a file."""

from __future__ import annotations

import shutil
from datetime import date

from lilla_ratten.plugins.manager import PluginHost
from lilla_ratten.tui.app import LillaRattenApp
from lilla_ratten.tui.screens.confirm import Confirm
from lilla_ratten.tui.screens.export_dialog import ExportDialog
from lilla_ratten.tui.session import Session
from tests.conftest import SAMPLES
from tests.test_tui import REPORT, make_app
from tests.conftest import MINIMAL


async def test_the_final_report_as_pdf_beside_the_project_and_a_question_before_replacing(tmp_path):
    path = tmp_path / "projekt.toml"
    shutil.copy(SAMPLES / "ingen-ska-lamnas-utanfor-2.toml", path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")  # the final report view
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        target = app.screen.query_one("#export-target").value
        assert target == str(tmp_path / "projekt-final-report.pdf")
        await pilot.click("#export")  # PDF, the default
        await pilot.pause()
    pdf = tmp_path / "projekt-final-report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")

    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("down", "space")  # Word (.docx) picked: the path follows the format
        await pilot.pause()
        assert dialog.query_one("#export-target").value == str(tmp_path / "projekt-final-report.docx")
        await pilot.click("#export")
        await pilot.pause()
        assert (tmp_path / "projekt-final-report.docx").exists()
        import docx

        # a LUM project's final report leaves the app in the funder's form, as `report final` writes it
        (title,) = [p.text for p in docx.Document(str(tmp_path / "projekt-final-report.docx")).paragraphs if p.style.name == "Title"]
        assert title in ("Redovisning av LUM", "Report of local development funds (LUM)")
        before = pdf.read_bytes()
        await pilot.press("x")
        await pilot.pause()
        await pilot.click("#export")  # PDF again: the file exists
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert pdf.read_bytes() == before


async def test_the_selected_status_report_is_exported_with_its_id(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL + REPORT, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("6")  # status reports, the first one selected
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#export-target").value.endswith("p-status-report-SR1.pdf")
        await pilot.press("down", "down", "down", "space")  # Markdown
        await pilot.pause()
        await pilot.click("#export")
        await pilot.pause()
    text = (tmp_path / "p-status-report-SR1.md").read_text(encoding="utf-8")
    assert text.startswith("# Status report SR1: Testprojekt")


async def test_the_review_offers_no_export(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    app = LillaRattenApp(Session.open(path, read_only=True), PluginHost.load(entry_points=False))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        await pilot.press("r", "x")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.toml"]


async def test_the_portfolio_exports_the_compilation(tmp_path):
    folder = tmp_path / "lum-2020"
    shutil.copytree(SAMPLES / "lum-2020", folder)
    app = LillaRattenApp(host=PluginHost.load(entry_points=False), folders=[str(folder)], as_of=date(2021, 3, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#export-target").value == str(folder / "lum-2020-compilation.pdf")
        await pilot.click("#export")
        await pilot.pause()
    assert (folder / "lum-2020-compilation.pdf").read_bytes().startswith(b"%PDF")


async def test_the_final_report_view_shows_the_funders_form_as_it_is_exported(tmp_path):
    path = tmp_path / "projekt.toml"
    shutil.copy(SAMPLES / "ingen-ska-lamnas-utanfor-2.toml", path)  # type = "lum"
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "FinalReportView"
        assert app.screen.doc.title == "Report of local development funds (LUM)"  # tests read English
        assert app.screen.doc.title != f"Final report: {app.session.project.project.name}"


async def test_a_final_report_without_a_date_of_its_own_leaves_the_app_with_none_in_its_header(tmp_path):
    """Länsstyrelsen's final report records no date: the exported header shows none, not today's (issue 29)."""
    import re

    import docx

    path = tmp_path / "lst.toml"
    shutil.copy(SAMPLES / "systematisk-uppfoljning-ensamkommande.toml", path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("down", "space")  # Word (.docx) picked
        await pilot.pause()
        await pilot.click("#export")
        await pilot.pause()
    header = docx.Document(str(tmp_path / "lst-final-report.docx")).sections[0].header.paragraphs[0].text
    assert header.startswith("Systematisk uppföljning") and not re.search(r"\d{4}-\d{2}-\d{2}", header), header
    assert date.today().isoformat() not in header


async def test_enter_on_the_format_list_exports_in_the_format_the_cursor_is_on(tmp_path):
    # the walkthrough: Enter on the list did nothing, the user had to find the button
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL + REPORT, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "x")  # the first status report
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog) and dialog.focused.id == "export-format"
        await pilot.press("down", "down")  # OpenDocument picked as the cursor moves: said in words too
        await pilot.pause()
        assert dialog.fmt == "odt" and "Format: OpenDocument (.odt)" in str(dialog.query_one("#export-chosen").render())
        assert sorted(p.name for p in tmp_path.iterdir()) == ["p.toml"]  # nothing written yet
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    odt = tmp_path / "p-status-report-SR1.odt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p-status-report-SR1.odt", "p.toml"]
    import zipfile

    with zipfile.ZipFile(odt) as z:  # an OpenDocument text, written whole
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert "SR1" in z.read("content.xml").decode("utf-8")


async def test_enter_on_the_picked_format_exports_it_and_space_does_not(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL + REPORT, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "x")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("down", "down", "down", "space")  # Markdown picked, nothing written yet
        await pilot.pause()
        assert app.screen is dialog and dialog.query_one("#export-target").value.endswith("p-status-report-SR1.md")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["p.toml"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not dialog
    assert (tmp_path / "p-status-report-SR1.md").read_text(encoding="utf-8").startswith("# Status report SR1: Testprojekt")


async def test_the_dialogs_buttons_are_on_screen_at_60x20_and_80x24_with_the_forms_offered(tmp_path):
    path = tmp_path / "projekt.toml"
    shutil.copy(SAMPLES / "ingen-ska-lamnas-utanfor-2.toml", path)
    for size in ((60, 20), (80, 24)):
        app = make_app(path)
        async with app.run_test(size=size) as pilot:
            await pilot.press("r", "x")  # the final report: its forms offered too
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ExportDialog) and dialog.forms
            for widget in ("#export-format", "#export-form", "#export-target", "#export", "#cancel"):
                region = dialog.query_one(widget).region
                assert region.height >= 1 and region.bottom <= size[1] and region.right <= size[0], (size, widget, region)
            await pilot.click("#cancel")
            await pilot.pause()
            assert not isinstance(app.screen, ExportDialog)
