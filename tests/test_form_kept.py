"""Nothing typed is lost: the text of an open form survives a killed terminal (issue 28, item 6).

The "kill" is the files the store wrote while the form was open, copied before the app ends
(as a killed process leaves them: its lock released), and a new app opened on them.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from textual.widgets import Input, TextArea

from lilla_ratten.storage import read_project
from lilla_ratten.testing import show_plugin_tab
from lilla_ratten.tui.app import LillaRattenApp
from lilla_ratten.tui.screens.record_form import KEEP_AFTER
from lilla_ratten.tui.session import Session
from tests.conftest import MINIMAL

AS_OF = date(2023, 12, 1)
BUDGET = """
[ext.budget]
version = 1

[[ext.budget.lines]]
id = "K1"
budget = 600000
category = "staff"
name = "Personalkostnader"
"""


def _state() -> Path:
    return Path(os.environ["LILLA_RATTEN_STATE"])


async def _killed(pilot, tmp_path: Path, monkeypatch) -> Path:
    """What the store holds now, as a killed app leaves it; the next app reads it from there."""
    await pilot.pause(KEEP_AFTER + 0.3)
    pilot.app.session.wait_kept()
    left = tmp_path / "left-by-the-killed-app"
    shutil.copytree(_state(), left)
    monkeypatch.setenv("LILLA_RATTEN_STATE", str(left))
    return left


async def test_a_core_form_typed_in_comes_back_after_a_kill_with_the_unsaved_change(tmp_path, monkeypatch):
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    app = LillaRattenApp(Session.open(path), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "down", "enter", "tab", *"Uppföljning två", "ctrl+s")  # M2 changed: an unsaved change
        await pilot.pause()
        await pilot.press("up", "enter", "tab", *"Omtag")  # M1 open, its title typed over
        form = app.screen
        form.query_one("#f-comment", TextArea).focus()
        await pilot.press(*"Första raden", "enter", *"andra raden")  # multi-line text, kept as lines
        assert list(_state().glob("*.form.json"))  # kept while the form is open, before any save
        left = await _killed(pilot, tmp_path, monkeypatch)
    assert "Omtag" not in path.read_text(encoding="utf-8")

    app = LillaRattenApp(Session.open(path), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        assert type(app.screen).__name__ == "UnsavedFound"  # the unsaved change first
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        question = str(app.screen.query_one(".question").render())
        assert "Bring back the form you were typing in?" in question and "Milestones: M1" in question
        await pilot.press("enter")  # "Bring back the form", focused
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "RecordForm" and form.index == 0  # M1's own form
        assert form.query_one("#f-title", Input).value == "Omtag"
        assert form.query_one("#f-comment", TextArea).text == "Första raden\nandra raden"
        assert not list(left.glob("*.form.json")) or all(f.stat() for f in left.glob("*.form.json"))
        await pilot.press("ctrl+s")  # into the project: the form's text is no longer kept
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not list(left.glob("*.form.json")) and not list(left.glob("*.toml"))
        assert app.screen.project_tabs.tabbed.active == "milestones"  # left on the form's list, not the overview
    milestones = read_project(path).project.milestones
    assert [m.title for m in milestones] == ["Omtag", "Uppföljning två"]
    assert milestones[0].comment == "Första raden\nandra raden"


async def test_a_plugin_form_typed_in_comes_back_after_a_kill(lr_host, lr_project, lr_app, tmp_path, monkeypatch):
    path = lr_project(BUDGET)
    host = lr_host("budget=lilla_ratten_budget.plugin")
    async with lr_app(path, host, size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        await show_plugin_tab(pilot, "budget", "budget")
        await pilot.press("a", *"Lokaler", "tab", "tab", *"12000")  # a new budget line, not added yet
        await _killed(pilot, tmp_path, monkeypatch)
    assert read_project(path).project.ext["budget"]["lines"][1:] == []

    async with lr_app(path, host, size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await pilot.pause()
        question = str(app.screen.query_one(".question").render())
        assert "Återställ formuläret du skrev i?" in question  # nothing unsaved: the form is offered at once
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#f-name", Input).value == "Lokaler" and form.query_one("#f-budget", Input).value == "12000"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.project_tabs.tabbed.active.startswith("plugin-budget")
        await pilot.press("ctrl+s")
        await pilot.pause()
    lines = read_project(path).project.ext["budget"]["lines"]
    assert lines[1] == {"id": "K2", "name": "Lokaler", "category": "staff", "budget": 12000}


async def test_the_kept_text_goes_when_the_form_is_saved_or_thrown_away_and_later_keeps_it(tmp_path, monkeypatch):
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    app = LillaRattenApp(Session.open(path), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "enter", "tab", *"Omtag")
        await pilot.pause(KEEP_AFTER + 0.3)
        app.session.wait_kept()
        assert len(list(_state().glob("*.form.json"))) == 1
        await pilot.press("escape", "y")  # thrown away, asked first
        await pilot.pause()
        app.session.wait_kept()
        assert not list(_state().glob("*"))  # no form, and no lock left for a form alone
        await pilot.press("enter", "tab", *"Omtag igen")
        left = await _killed(pilot, tmp_path, monkeypatch)
    app = LillaRattenApp(Session.open(path), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # later: offered again next time
        await pilot.pause()
        assert len(list(left.glob("*.form.json"))) == 1
    app = LillaRattenApp(Session.open(path), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "enter")  # "Throw it away"
        await pilot.pause()
        assert type(app.screen).__name__ == "ProjectScreen" and not list(left.glob("*.form.json"))
    assert path.read_text(encoding="utf-8") == MINIMAL
