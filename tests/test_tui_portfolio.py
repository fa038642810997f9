"""The portfolio screen: rows, sort, filter, Enter opens a project, Escape comes back; lessons search."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from lilla_ratten.plugins.manager import PluginHost
from lilla_ratten.tui.app import LillaRattenApp
from lilla_ratten.tui.screens.confirm import Confirm
from tests.conftest import SAMPLES


def names(table) -> list[str]:
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def projects(tmp_path: Path) -> Path:
    for p in SAMPLES.glob("*.toml"):
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "trasig.toml").write_text("[project\n", encoding="utf-8")
    return tmp_path


async def test_portfolio_sort_filter_open_and_back(tmp_path):
    root = projects(tmp_path)
    app = LillaRattenApp(host=PluginHost.load(entry_points=False), folders=[str(root)], as_of=date(2024, 6, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one("#portfolio")
        assert table.row_count == 3
        assert names(table)[0].startswith("Barnperspektivet")  # sorted by name
        attention = str(app.screen.query_one("#attention").render())
        assert "trasig.toml: not read" in attention
        assert "final report due" not in attention  # seed 001 sent it to the funder on 2024-02-28, on time

        await pilot.press("s", "s", "s", "s")  # name → organisation → late → status → granted
        await pilot.pause()
        assert names(table)[0].startswith("Ingen ska")  # 400 000 kr, the smallest
        await pilot.press("slash", *"skara")
        await pilot.pause()
        assert names(table) == ["Systematisk uppföljning…"]  # long names are cut to fit 80 columns
        await pilot.press("enter")  # back to the table
        await pilot.press("enter")  # open the project
        await pilot.pause()
        assert app.session is not None and app.session.path.name == "systematisk-uppfoljning-ensamkommande.toml"
        assert app.title.startswith("Systematisk uppföljning")

        await pilot.press("e")  # project details form …
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        app.session.change("test", lambda p: setattr(p.project, "leader", "Ny ledare"))
        await pilot.press("escape")  # leave: unsaved changes, so it asks
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert app.session is None and app.screen.query_one("#portfolio") is not None
        await pilot.press("ctrl+s")  # nothing to save on the portfolio: nothing happens, no crash
        await pilot.pause()
    assert "Ny ledare" not in (root / "systematisk-uppfoljning-ensamkommande.toml").read_text(encoding="utf-8")


async def test_lessons_search_opens_the_project(tmp_path):
    root = projects(tmp_path)
    app = LillaRattenApp(host=None, folders=[str(root)], as_of=date(2024, 6, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        table = app.screen.query_one("#lessons")
        everything = table.row_count
        assert everything > 5
        await pilot.press(*"samarbetsklimatet")
        await pilot.pause()
        assert table.row_count == 1
        assert "Samarbetsklimatet inom projektet har varit mycket gott." in str(app.screen.query_one("#lesson-text").render())
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.session.path.name == "barnperspektivet-ekonomiskt-bistand.toml"


async def test_read_only_review_offers_no_editing_and_shows_the_final_report(tmp_path):
    root = projects(tmp_path)
    before = {p.name: p.read_bytes() for p in root.glob("*.toml")}
    app = LillaRattenApp(host=PluginHost.load(entry_points=False), folders=[str(root)], as_of=date(2024, 6, 1), read_only=True)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "READ-ONLY" in app.sub_title
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.read_only and app.title.startswith("READ-ONLY · ")  # before the name, which may be long
        shown = {b.binding.action for b in app.screen.active_bindings.values() if b.binding.show and b.enabled}
        assert not shown & {"app.new_status_report", "save", "undo", "add", "delete"}
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Save" not in commands and "Export final report" not in commands and "Final report preview" in commands
        await pilot.press("r")
        await pilot.pause()
        text = str(app.screen.query_one("#final-report").render())
        assert "Barnperspektivet och ekonomiskt bistånd" in text
        await pilot.press("escape", "n", "a", "ctrl+s", "ctrl+z")
        await pilot.pause()
        assert not app.session.dirty
    assert {p.name: p.read_bytes() for p in root.glob("*.toml")} == before
    assert sorted(p.name for p in root.iterdir()) == sorted(before)  # nothing written beside them


async def test_the_review_stays_read_only_in_the_header_after_the_lessons(tmp_path):
    from textual.widgets import Header

    root = projects(tmp_path)
    app = LillaRattenApp(host=PluginHost.load(entry_points=False), folders=[str(root)], as_of=date(2024, 6, 1), read_only=True)

    def header() -> str:
        return app.screen.query_one(Header).screen_sub_title

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert header().startswith("READ-ONLY")
        await pilot.press("l")
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonsScreen"
        assert header().startswith("READ-ONLY · ") and "lessons" in header()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "PortfolioScreen"
        assert header().startswith("READ-ONLY · ") and "projects" in header()  # not the lessons' count (issue 31)


async def test_plugins_arrive_after_the_first_frame(tmp_path):
    from lilla_ratten.tui.session import Session

    path = tmp_path / "p.toml"
    shutil.copy(SAMPLES / "ingen-ska-lamnas-utanfor-2.toml", path)
    loads = []

    def load():
        loads.append(1)
        return PluginHost.load()

    app = LillaRattenApp(Session.open(path), load_host=load, as_of=date(2024, 6, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert loads == [1] and app.host is not None
        tabs = [p.id for p in app.screen.query("TabPane")]
        assert tabs[-3:] == ["plugin-budget-budget", "plugin-steps-steps", "plugin-equality-equality"]
        summary = str(app.screen.query_one("#summary").render())
        assert "PARTICIPANTS BY GENDER" in summary and "women 24, men 8" in summary
        await pilot.press("left_square_bracket")  # the last tab: the equality plugin's
        await pilot.pause()
        assert app.screen.query_one("EqualityPane") is not None
