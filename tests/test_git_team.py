"""A team sharing one project through git, each in their own clone with the app (Pilot) and
real git: nothing anyone recorded is lost or hidden (issue 30)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from lilla_ratten.model import DecisionPoint
from lilla_ratten.storage import read_project
from lilla_ratten.tui.screens.changed_on_disk import ChangedOnDisk
from lilla_ratten.tui.screens.choice import Choice
from lilla_ratten.tui.screens.merge_conflicts import MergeConflicts
from tests.test_merge_driver import edit, git, shared  # noqa: F401 - shared is a fixture
from tests.test_tui import _lines
from tests.test_tui_git import make_app, notes

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed on this machine")


def cecilias_b2(p) -> None:
    p.decision_points.append(DecisionPoint(id="B2", planned=dt.date(2009, 4, 20), comment="Cecilias beslutspunkt"))


def annas_edit(p) -> None:
    p.milestone("M3").title = "Annas titel"


def on_server(tmp_path):
    return git(tmp_path / "shared.git", "show", "main:projekt.toml").stdout


async def share(app, pilot) -> None:
    await pilot.press("ctrl+d")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_unsaved_edits_and_a_pull_meanwhile_are_merged_and_both_shared(shared, tmp_path):
    """Anna edits (unsaved); Cecilia's B2 arrives by git pull in another window; Enter merges."""
    anna, cecilia = shared("anna"), shared("cecilia")
    path = anna / "projekt.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.session.change("titel", annas_edit)
        edit(cecilia, cecilias_b2, "B2 planerad")
        git(anna, "pull", "-q", "--no-edit")
        app.check_disk()
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDisk)
        assert "Merge: keep your changes and theirs" in _lines(app)
        await pilot.press("enter")  # the focus is on Merge
        await pilot.pause()
        assert not app.session.dirty  # merged and saved
        assert "Your changes and the ones on disk are merged and saved." in notes(app)
        await share(app, pilot)
        assert any(n.startswith("Committed.") and "Sent to origin" in n for n in notes(app)), notes(app)
    server = on_server(tmp_path)
    assert "Cecilias beslutspunkt" in server and "Annas titel" in server


async def test_a_clash_with_the_file_on_disk_goes_to_the_chooser(shared):
    anna, cecilia = shared("anna"), shared("cecilia")
    path = anna / "projekt.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.session.change("titel", annas_edit)
        edit(cecilia, lambda p: setattr(p.milestone("M3"), "title", "Cecilias titel"), "M3 ny titel")
        git(anna, "pull", "-q", "--no-edit")
        app.check_disk()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MergeConflicts)
        assert "Annas titel" in _lines(app) and "Cecilias titel" in _lines(app)
        await pilot.press("t")
        await pilot.pause()
    assert read_project(path).project.milestone("M3").title == "Cecilias titel"


async def test_keep_mine_then_dela_names_the_record_it_would_remove_and_puts_it_back(shared, tmp_path):
    """The issue: "Behåll mina", then Dela pushed "B2 borttagen" and B2 vanished for Cecilia."""
    anna, cecilia = shared("anna"), shared("cecilia")
    path = anna / "projekt.toml"
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.session.change("titel", annas_edit)
        edit(cecilia, cecilias_b2, "B2 planerad")
        git(anna, "pull", "-q", "--no-edit")
        app.check_disk()
        await pilot.pause()
        await pilot.click("#keep")
        await pilot.pause()
        assert "B2" not in path.read_text(encoding="utf-8")  # mine was written over theirs, as chosen
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        text = _lines(app)
        assert "you did not delete them here" in app.screen.question and "decision point B2" in text
        await pilot.press("enter")  # put back and share
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Sent to origin" in n for n in notes(app)), notes(app)
    server = on_server(tmp_path)
    assert "Cecilias beslutspunkt" in server and "Annas titel" in server


async def test_removing_for_everyone_is_said_and_then_done(shared, tmp_path):
    anna, cecilia = shared("anna"), shared("cecilia")
    path = anna / "projekt.toml"
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.session.change("titel", annas_edit)
        edit(cecilia, cecilias_b2, "B2 planerad")
        git(anna, "pull", "-q", "--no-edit")
        app.check_disk()
        await pilot.pause()
        await pilot.click("#keep")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.click("#remove")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert "Cecilias beslutspunkt" not in on_server(tmp_path)
    assert "decision point B2 removed" in git(tmp_path / "shared.git", "log", "-1", "--format=%B", "main").stdout
