"""The app's git actions with Pilot and real git: choosing merge conflicts, sharing (Ctrl+D), history (h)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from lilla_ratten.storage import read_project
from lilla_ratten.tui.app import LillaRattenApp
from lilla_ratten.tui.screens.confirm import Confirm
from lilla_ratten.tui.screens.git_setup import GitSetup
from lilla_ratten.tui.screens.history_screen import HistoryScreen
from lilla_ratten.tui.screens.merge_conflicts import MergeConflicts
from lilla_ratten.tui.session import Session
from tests.test_cli import cli
from tests.test_merge_driver import annas, bos, edit, git, shared  # noqa: F401 - shared is a fixture
from tests.test_tui import _lines

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed on this machine")

AS_OF = dt.date(2009, 4, 1)


def make_app(path, read_only=False) -> LillaRattenApp:
    return LillaRattenApp(Session.open(path, read_only=read_only), as_of=AS_OF)


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


def conflicted(shared):
    def anna(p):
        p.milestone("M3").title = "Annas titel"
        p.activities = [a for a in p.activities if a.id != "A6"]

    def bo(p):
        p.milestone("M3").title = "Bos titel"
        next(a for a in p.activities if a.id == "A6").comment = "Bo har skrivit"

    anna_repo, bo_repo = shared("anna"), shared("bo")
    edit(anna_repo, anna, "Anna")
    edit(bo_repo, bo, "Bo", push=False)
    assert git(bo_repo, "pull", "--no-edit", check=False).returncode != 0
    return bo_repo


async def test_conflicts_are_shown_chosen_and_the_merge_committed(shared):
    repo = conflicted(shared)
    path = repo / "projekt.toml"
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MergeConflicts)
        text = _lines(app)
        assert "Conflict 1 of 2" in text and "milestone M3, title: changed on both sides" in text
        assert "Bos titel" in text and "Annas titel" in text and "Samtliga studiebesök klara" in text
        await pilot.press("t")  # theirs: Anna's title
        text = _lines(app)
        assert "Conflict 2 of 2" in text and "activity A6: edited on one side, deleted on the other" in text
        assert "Bo har skrivit" in text and "(nothing: deleted or not set)" in text
        await pilot.press("m")  # mine: keep the activity with Bo's comment
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "Finish the merge" in _lines(app)
        await pilot.press("y")
        await pilot.pause()
        assert "The merge is committed. Ctrl+D shares it." in notes(app)
    project = read_project(path).project
    assert project.conflicts == []
    assert project.milestone("M3").title == "Annas titel"
    assert next(a for a in project.activities if a.id == "A6").comment == "Bo har skrivit"
    assert cli("validate", str(path)).returncode == 0
    assert len(git(repo, "log", "-1", "--format=%P").stdout.split()) == 2
    assert git(repo, "status", "--porcelain", "--untracked-files=no").stdout == ""


async def test_deciding_later_leaves_the_conflicts_in_the_file(shared):
    repo = conflicted(shared)
    path = repo / "projekt.toml"
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MergeConflicts)
        assert any("Conflicts left to choose" in n for n in notes(app))
    assert path.read_bytes() == before


async def test_ctrl_d_saves_commits_merges_the_others_changes_and_pushes(shared, tmp_path):
    anna, bo = shared("anna"), shared("bo")
    edit(anna, annas, "Annas ändringar")
    path = bo / "projekt.toml"
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.change("M3", lambda p: setattr(p.milestone("M3"), "title", "Alla studiebesök genomförda"))
        await pilot.press("ctrl+d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(n.startswith("Committed. The others' changes merged in and all sent to the others.") for n in notes(app)), notes(app)
        assert not app.session.dirty
        # the app shows the merged file: Anna's milestone is there
        assert app.session.project.milestone("M8").title == "Annas delrapport"
    remote = git(tmp_path / "shared.git", "log", "--format=%s", "main").stdout
    assert "M3 title Samtliga studiebesök klara → Alla studiebesök genomförda" in remote


async def test_ctrl_d_without_a_remote_commits_only_and_says_so(tmp_path):
    from tests.test_merge_driver import SAMPLE

    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "a@example.org")
    git(tmp_path, "config", "user.name", "A")
    path = tmp_path / "projekt.toml"
    shutil.copy(SAMPLE, path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, GitSetup)  # where is the shared repository? asked in the app
        await pilot.click("#local")  # keep versions here only
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Committed. No shared repository is set up (git remote), so nothing was sent." in notes(app)
    assert git(tmp_path, "log", "--format=%s").stdout.startswith("Barnperspektivet")


async def test_git_identity_and_the_first_remote_are_set_up_from_the_app(tmp_path, monkeypatch):
    """Issue 30, item 10: no terminal needed for who you are and where the others are."""
    from tests.test_merge_driver import SAMPLE

    empty = tmp_path / "gitconfig"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))  # no identity anywhere
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    bare = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    repo = tmp_path / "mitt"
    git(tmp_path, "init", "-q", str(repo))
    path = repo / "projekt.toml"
    shutil.copy(SAMPLE, path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, GitSetup) and app.screen.ask == ["name", "email", "remote"]
        await pilot.press(*"Cecilia Sekreterare", "enter", "enter", *str(bare), "enter")  # the e-mail left empty
        await pilot.pause()
        assert isinstance(app.screen, GitSetup) and "Fill in every field." in _lines(app)  # said, nothing saved
        assert app.screen.focused.id == "git-email"
        await pilot.press(*"cecilia@example.org", "enter", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Sent to the others." in n for n in notes(app)), notes(app)
    assert git(repo, "config", "user.name").stdout.strip() == "Cecilia Sekreterare"
    assert git(bare, "log", "-1", "--format=%an", "HEAD").stdout.strip() == "Cecilia Sekreterare"


async def test_ctrl_d_outside_git_says_so_and_the_review_has_no_share(tmp_path):
    from tests.test_merge_driver import SAMPLE

    path = tmp_path / "projekt.toml"
    shutil.copy(SAMPLE, path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("is not in a git repository: nothing to share with" in n for n in notes(app))
    review = make_app(path, read_only=True)
    review.read_only = True
    async with review.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert notes(review) == [] and "Share" not in _lines(review)


async def test_h_shows_the_history_and_what_changed_since_the_last_meeting(shared):
    anna = shared("anna")

    def sent(p):
        from lilla_ratten.model import StatusReport

        p.status_reports.append(StatusReport(id="SR1", date=dt.date(2009, 3, 5), overall="green", sent=dt.date(2009, 3, 6)))

    edit(anna, sent, "SR1 skickad", push=False)
    git(anna, "commit", "-q", "--amend", "--no-edit", "--date", "2009-03-06T12:00:00")  # the day of the meeting
    path = anna / "projekt.toml"
    loaded = read_project(path)
    loaded.project.milestone("M3").planned = dt.date(2009, 3, 1)
    loaded.save()
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = _lines(app)
        assert "SR1 skickad" in text and "status report SR1 added" in text and "file created" in text
        # the last meeting: SR1 sent 2009-03-06; since the version that recorded it, M3 moved (here, by "you")
        assert "Since the last steering-group meeting (2009-03-06):" in text
        assert "milestone M3, planned date: 2009-02-15 → 2009-03-01 (you, not shared yet)" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)


async def test_two_leaders_press_ctrl_d_and_both_changes_are_shared(shared, tmp_path):
    """The issue's "done when": no git command typed by either of them."""
    anna, bo = shared("anna", driver=False), shared("bo", driver=False)

    async def dela(repo, change) -> LillaRattenApp:
        app = make_app(repo / "projekt.toml")
        async with app.run_test(size=(120, 40)) as pilot:
            if change is not None:
                app.session.change("ändring", change)
            await pilot.press("ctrl+d")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert any(n.startswith(("Committed.", "Nothing new to commit.")) and ("sent to the others" in n.lower() or (change is None and "nothing new to send" in n.lower()))
                       for n in notes(app)), notes(app)  # the last only brings Bo's changes in: nothing to send
        return app

    await dela(anna, annas)
    await dela(bo, bos)
    await dela(anna, None)  # Anna's next Dela brings Bo's changes
    texts = {(repo / "projekt.toml").read_text(encoding="utf-8") for repo in (anna, bo)}
    assert len(texts) == 1
    project = read_project(anna / "projekt.toml").project
    assert [m.title for m in project.milestones][-2:] == ["Annas delrapport", "Bos seminarium"]
    assert project.milestone("M3").title == "Alla studiebesök genomförda" and project.milestone("M3").planned == dt.date(2009, 3, 1)
    remote = git(tmp_path / "shared.git", "log", "--format=%B", "main").stdout
    assert "milestone M8 added: Annas delrapport" in remote and "milestone M8 added: Bos seminarium" in remote


def conflict_file(write, mine: str, theirs: str, base: str | None = None):
    from tests.conftest import MINIMAL

    lines = ['\n[[conflicts]]', 'path = ["milestones", "M2", "title"]', 'reason = "changed"', f"mine = {mine!r}", f"theirs = {theirs!r}"]
    if base is not None:
        lines.append(f"base = {base!r}")
    return write(MINIMAL.replace('title = "Uppföljning"', f"title = {mine!r}") + "\n".join(lines) + "\n")


async def test_the_chooser_at_80x24_with_long_texts_no_base_and_keeping_both(write):
    """Issue 30, item 7: b on an add/add clash crashed; the buttons were off-screen for long texts."""
    long_mine = "Annas långa text. " * 120
    path = conflict_file(write, long_mine, "Bos text")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MergeConflicts)
        text = _lines(app)
        assert "Mine (m)" in text and "Theirs (t)" in text and "Both (k)" in text  # on screen at 80×24
        assert "Before (b)" not in text  # there was nothing before both
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, MergeConflicts) and app.session.project.conflicts  # no crash, nothing chosen
        await pilot.press("k")
        await pilot.pause()
        assert app.session.project.milestone("M2").title == long_mine.rstrip() + "\n\nBos text"
        assert isinstance(app.screen, MergeConflicts) is False


async def test_finishing_the_merge_is_the_default_answer(shared):
    repo = conflicted(shared)
    app = make_app(repo / "projekt.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Theirs (anna)" in _lines(app)  # whose side "theirs" is: the author of what came in
        await pilot.press("t", "m")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and app.screen.focused.id == "yes"
        assert app.screen.query_one("#yes").variant == "primary"  # not styled as dangerous
        await pilot.press("enter")
        await pilot.pause()
        assert "The merge is committed. Ctrl+D shares it." in notes(app)
    assert len(git(repo, "log", "-1", "--format=%P").stdout.split()) == 2
