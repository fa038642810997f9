"""Issue 28: a project is created in the app — opening a file that does not exist offers it; so does Ctrl+P."""

from __future__ import annotations

import os
from datetime import date

from lilla_ratten.i18n import set_language
from lilla_ratten.storage import read_project
from lilla_ratten.testing import screen_text
from lilla_ratten.tui.app import LillaRattenApp
from lilla_ratten.tui.screens.new_project import NewProject
from lilla_ratten.tui.screens.project_screen import ProjectScreen
from lilla_ratten.tui.session import Session
from tests.conftest import MINIMAL
from tests.test_cli import cli

TODAY = date(2026, 12, 5)


def _flat(text: str) -> str:
    return " ".join(text.split())


async def test_yes_creates_a_valid_project_there_and_opens_it_in_swedish(tmp_path):
    path = tmp_path / "nytt.toml"
    set_language("sv")
    app = LillaRattenApp(create_at=path, as_of=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NewProject)
        shown = _flat(screen_text(app))
        assert "finns inte. Skapa ett nytt projekt där?" in shown
        assert "Skapa" in shown and "Avbryt" in shown  # the buttons are on screen at 80×24
        await pilot.press("enter")  # no name yet: refused, said in words
        await pilot.pause()
        assert "Projektet behöver ett namn." in _flat(screen_text(app))
        assert not path.exists()
        await pilot.press(*"Stödgruppen")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert app.session is not None and app.session.path == path
        assert "Stödgruppen" in screen_text(app)
    loaded = read_project(path)
    assert loaded.project.project.name == "Stödgruppen"
    assert loaded.project.project.id == "nytt"
    assert (loaded.project.project.start, loaded.project.project.end) == (TODAY, date(2027, 12, 4))
    assert [d.id for d in loaded.project.decision_points] == ["B0", "B1", "B2", "B3", "B4"]
    assert not [p for p in loaded.problems if p.severity.name == "ERROR"]
    assert path.read_text(encoding="utf-8").startswith("# Ett projekt enligt Lilla Ratten")


async def test_the_period_typed_is_the_period_kept_and_a_bad_date_is_refused(tmp_path):
    path = tmp_path / "p.toml"
    app = LillaRattenApp(create_at=path, as_of=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Hemma", "tab")
        app.screen.query_one("#start").value = "2027-01-01"
        app.screen.query_one("#end").value = "2026-01-01"
        await pilot.press("enter")
        await pilot.pause()
        assert "The end is before the start." in _flat(screen_text(app))
        app.screen.query_one("#end").value = "2027-06-30x"
        await pilot.press("enter")
        await pilot.pause()
        assert "not a date like 2024-02-28: 2027-06-30x" in _flat(screen_text(app))
        assert not path.exists()
        app.screen.query_one("#end").value = "2027-06-30"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
    info = read_project(path).project.project
    assert (info.name, info.start, info.end) == ("Hemma", date(2027, 1, 1), date(2027, 6, 30))


async def test_no_or_escape_leaves_without_creating_anything(tmp_path):
    path = tmp_path / "nytt.toml"
    app = LillaRattenApp(create_at=path, as_of=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Namn")
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 1
    assert not path.exists()
    assert os.listdir(tmp_path) == []


async def test_ctrl_p_new_project_creates_and_switches_to_it(tmp_path, write, monkeypatch):
    old = write(MINIMAL, "gammalt.toml")
    monkeypatch.chdir(tmp_path)
    app = LillaRattenApp(Session.open(old), as_of=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"New project")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewProject)
        await pilot.press(*"gammalt", "tab", *"X", "enter")  # that file exists: refused
        await pilot.pause()
        assert "gammalt.toml already exists; choose another name." in _flat(screen_text(app))
        app.screen.query_one("#file").value = "andra"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert len(app.screen_stack) == 2  # the old project's screen went, not left under the new one
        assert app.session.path.name == "andra.toml"
    assert read_project(tmp_path / "andra.toml").project.project.name == "X"


async def test_the_read_only_review_offers_no_new_project(write):
    app = LillaRattenApp(Session.open(write(MINIMAL), read_only=True), as_of=TODAY, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "New project…" not in titles


def test_a_missing_folder_and_a_fifo_say_why_in_swedish(tmp_path):
    r = cli(str(tmp_path / "saknas" / "finns-inte.toml"))
    assert r.returncode == 1
    assert "kan inte läsas: filen eller mappen finns inte" in r.stderr
    assert "No such file" not in r.stderr
    r = cli("--lang", "en", "open", str(tmp_path / "saknas" / "x.toml"))
    assert "cannot be read: there is no such file or folder" in r.stderr
    fifo = tmp_path / "rör.toml"
    os.mkfifo(fifo)
    r = cli(str(fifo))
    assert r.returncode == 1 and "kan inte läsas" in r.stderr and "No such" not in r.stderr


def test_read_only_opening_never_offers_to_create(tmp_path, capsys):
    """The review's read-only opening of a missing file says why; no app, no form, no file."""
    from argparse import Namespace

    from lilla_ratten.cli import open as open_command

    missing = tmp_path / "finns-inte.toml"
    assert open_command.can_be_created(missing)
    assert open_command.run(Namespace(file=str(missing), host=None, load_host=None), read_only=True) == 1
    assert "cannot be read: there is no such file or folder" in capsys.readouterr().err
    assert os.listdir(tmp_path) == []
    assert not open_command.can_be_created(tmp_path / "saknas" / "x.toml")  # a missing folder: its error
    (tmp_path / "länk.toml").symlink_to(tmp_path / "borta.toml")
    assert not open_command.can_be_created(tmp_path / "länk.toml")  # a broken link is not nothing
