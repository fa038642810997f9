"""The budget tab, driven with Pilot: table, drill-down, import with preview, undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lilla_ratten.storage import read_project
from lilla_ratten.testing import show_plugin_tab

from test_budget_cli import LEDGER, PROJECT


async def test_budget_tab_import_and_drill_down(tmp_path: Path, lr_app, lr_host):
    project, ledger = tmp_path / "p.toml", tmp_path / "huvudbok.csv"
    project.write_text(PROJECT, encoding="utf-8")
    ledger.write_text(LEDGER.replace("2014-09-02;6110;K1;Porto;40,00\n", "").replace("1 811,00", "1 771,00"), encoding="utf-8")
    async with lr_app(project, lr_host("budget=lilla_ratten_budget.plugin"), size=(100, 40), as_of=date(2014, 12, 31)) as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "budget", "budget")
        pane = app.screen.query_one("BudgetPane")
        lines = pane.query_one("#lines")
        assert [str(c) for c in lines.get_row_at(1)][:3] == ["Resekostnader", "SEK 205,000", "not reported"]
        lines.focus()  # the tab opens on the budget lines the app edits; the pane's keys are the pane's
        await pilot.press("i")
        pane.query_one("#ledger-path").value = str(ledger)
        await pilot.press("enter")
        await pilot.pause()
        assert "2 new rows, 0 already imported" in str(pane.query_one("#preview").render())
        pane.query_one("#do-import").focus()  # below the budget's tables: by key, not by a click out of view
        await pilot.press("enter")
        await pilot.pause()
        assert "unsaved changes" in app.sub_title
        assert [str(c) for c in lines.get_row_at(1)][:4] == ["Resekostnader", "SEK 205,000", "SEK 1,771", "SEK 203,229"]
        lines.focus()
        await pilot.press("down", "t")
        await pilot.pause()
        assert pane.query_one("#transactions").row_count == 2
        await pilot.press("ctrl+z")  # undo the import
        await pilot.pause()
        assert [str(c) for c in lines.get_row_at(1)][2] == "not reported"
        await pilot.press("ctrl+y", "ctrl+s")
        await pilot.pause()
    saved = read_project(project).project.ext["budget"]["transactions"]
    assert sorted(t["amount"] for t in saved) == [52100, 125000]
