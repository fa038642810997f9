"""A team sharing one project through git, each in their own clone with the app (Pilot) and
real git: nothing anyone recorded is lost or hidden (issue 30)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from lilla_ratten.model import Activity, DecisionPoint, Milestone
from lilla_ratten.storage import read_project
from lilla_ratten.tui.screens.changed_on_disk import ChangedOnDisk
from lilla_ratten.tui.screens.choice import Choice
from lilla_ratten.tui.screens.merge_conflicts import MergeConflicts
from tests.test_merge_driver import ENV, edit, git, shared  # noqa: F401 - shared is a fixture
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


async def _theirs_arrives_under_my_edit(app, pilot, anna, cecilia, theirs=None, message="B2 planerad"):
    """Anna's unsaved edit in the app; Cecilia's change committed and pulled into Anna's clone
    in another window; the app's disk check sees it."""
    app.session.change("titel", annas_edit)
    edit(cecilia, theirs or cecilias_b2, message)
    git(anna, "pull", "-q", "--no-edit")
    app.check_disk()
    await pilot.pause()


async def test_unsaved_edits_and_a_pull_meanwhile_are_merged_and_both_shared(shared, tmp_path):
    """Anna edits (unsaved); Cecilia's B2 arrives by git pull in another window; Enter merges."""
    anna, cecilia = shared("anna"), shared("cecilia")
    path = anna / "projekt.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _theirs_arrives_under_my_edit(app, pilot, anna, cecilia)
        assert isinstance(app.screen, ChangedOnDisk)
        assert "Merge: keep your changes and theirs" in _lines(app)
        await pilot.press("enter")  # the focus is on Merge
        await pilot.pause()
        assert not app.session.dirty  # merged and saved
        assert "Your changes and the ones on disk are merged and saved." in notes(app)
        await share(app, pilot)
        assert any(n.startswith("Committed.") and "Sent to the others." in n for n in notes(app)), notes(app)
    server = on_server(tmp_path)
    assert "Cecilias beslutspunkt" in server and "Annas titel" in server


async def test_undoing_a_merge_with_the_disk_then_saving_asks_and_keeps_theirs(shared, tmp_path):
    """After Slå samman, Ctrl+Z brings back only mine: the session must again know the file on
    disk holds what it has not got, so Ctrl+S asks instead of overwriting Cecilia's B2."""
    anna, cecilia = shared("anna"), shared("cecilia")
    path = anna / "projekt.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _theirs_arrives_under_my_edit(app, pilot, anna, cecilia)
        await pilot.press("enter")  # Merge
        await pilot.pause()
        assert not app.session.dirty and "Cecilias beslutspunkt" in path.read_text(encoding="utf-8")
        await pilot.press("ctrl+z")  # back to mine alone: no B2
        await pilot.pause()
        assert app.session.dirty and not any(d.id == "B2" for d in app.session.project.decision_points)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDisk)  # asked, not written over
        assert "Cecilias beslutspunkt" in path.read_text(encoding="utf-8")
        await pilot.press("enter")  # Merge again: theirs back, mine kept
        await pilot.pause()
        # undo and redo the merge in one go (the disk check on its timer would rightly ask in
        # between): the redone merge is what is on disk, so it saves without asking
        app.session.undo()
        app.session.redo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ChangedOnDisk)
        assert not app.session.dirty
    on_disk = read_project(path).project
    assert on_disk.milestone("M3").title == "Annas titel"
    assert any(d.id == "B2" and d.comment == "Cecilias beslutspunkt" for d in on_disk.decision_points)


async def test_a_clash_with_the_file_on_disk_goes_to_the_chooser(shared):
    anna, cecilia = shared("anna"), shared("cecilia")
    path = anna / "projekt.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _theirs_arrives_under_my_edit(app, pilot, anna, cecilia,
                                            lambda p: setattr(p.milestone("M3"), "title", "Cecilias titel"), "M3 ny titel")
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
        await _theirs_arrives_under_my_edit(app, pilot, anna, cecilia)
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
        assert any("Sent to the others." in n for n in notes(app)), notes(app)
    server = on_server(tmp_path)
    assert "Cecilias beslutspunkt" in server and "Annas titel" in server


async def test_removing_for_everyone_is_said_and_then_done(shared, tmp_path):
    anna, cecilia = shared("anna"), shared("cecilia")
    path = anna / "projekt.toml"
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _theirs_arrives_under_my_edit(app, pilot, anna, cecilia)
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


# ---- ids: a record that exists upstream never changes id (pull --rebase, stash pop, cherry-pick, a branch)


def annas_m8(p) -> None:
    p.milestones.append(Milestone(id="M8", title="Annas delrapport", planned=dt.date(2009, 5, 1)))


def bos_m8(p) -> None:
    p.milestones.append(Milestone(id="M8", title="Bos seminarium", planned=dt.date(2009, 6, 1)))
    p.activities.append(Activity(id="A8", title="Förbereda seminariet", milestone="M8"))


def server_project(tmp_path):
    from lilla_ratten.storage import parse_project

    return parse_project(on_server(tmp_path), "projekt.toml").project


def assert_annas_m8_kept_and_bos_renumbered(project) -> None:
    titles = {m.id: m.title for m in project.milestones}
    assert titles["M8"] == "Annas delrapport" and titles["M9"] == "Bos seminarium", titles
    assert next(a for a in project.activities if a.id == "A8").milestone == "M9"  # Bo's activity follows


def test_pull_rebase_keeps_the_id_already_on_the_server(shared, tmp_path):
    """The issue: in a rebase git's "ours" is the upstream; A's pushed M8 became M9 on the server."""
    anna, bo = shared("anna"), shared("bo")
    edit(anna, annas_m8, "Anna: M8")
    edit(bo, bos_m8, "Bo: M8", push=False)
    rebased = git(bo, "pull", "--rebase", check=False)
    assert rebased.returncode == 0, rebased.stdout + rebased.stderr
    git(bo, "push", "-q", "origin", "HEAD")
    assert_annas_m8_kept_and_bos_renumbered(server_project(tmp_path))


def test_stash_pop_renumbers_the_stashed_record(shared):
    anna, bo = shared("anna"), shared("bo")
    edit(anna, annas_m8, "Anna: M8")
    loaded = read_project(bo / "projekt.toml")
    bos_m8(loaded.project)
    loaded.save()  # not committed
    git(bo, "stash", "-q")
    git(bo, "pull", "-q", "--no-edit")
    popped = git(bo, "stash", "pop", check=False)
    assert popped.returncode == 0, popped.stdout + popped.stderr
    assert_annas_m8_kept_and_bos_renumbered(read_project(bo / "projekt.toml").project)


def test_cherry_pick_and_merging_a_branch_keep_mains_ids(shared):
    anna, bo = shared("anna"), shared("bo")
    git(bo, "checkout", "-q", "-b", "utkast")
    edit(bo, bos_m8, "Bo: M8 i utkastet", push=False)
    git(bo, "checkout", "-q", "main")
    edit(anna, annas_m8, "Anna: M8")
    git(bo, "pull", "-q", "--no-edit")
    picked = git(bo, "cherry-pick", "utkast", check=False)
    assert picked.returncode == 0, picked.stdout + picked.stderr
    assert_annas_m8_kept_and_bos_renumbered(read_project(bo / "projekt.toml").project)
    git(bo, "reset", "-q", "--hard", "origin/main")
    merged = git(bo, "merge", "--no-edit", "utkast", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert_annas_m8_kept_and_bos_renumbered(read_project(bo / "projekt.toml").project)


def test_a_plain_pull_still_renumbers_the_unshared_local_record(shared):
    anna, bo = shared("anna"), shared("bo")
    edit(anna, annas_m8, "Anna: M8")
    edit(bo, bos_m8, "Bo: M8", push=False)
    assert git(bo, "pull", "--no-edit", check=False).returncode == 0
    assert_annas_m8_kept_and_bos_renumbered(read_project(bo / "projekt.toml").project)


def test_a_pasted_duplicate_id_is_a_conflict_and_the_original_stays(shared):
    anna, bo = shared("anna"), shared("bo")
    edit(anna, lambda p: setattr(p.milestone("M3"), "title", "Annas titel"), "Anna: M3")
    path = bo / "projekt.toml"
    original = read_project(path).project.milestone("M3")
    pasted = '\n[[milestones]]\nid = "M3"\ntitle = "Inklistrad"\nplanned = 2010-01-01\n'
    path.write_text(path.read_text(encoding="utf-8") + pasted, encoding="utf-8")
    git(bo, "commit", "-qam", "Bo klistrade in")
    pulled = git(bo, "pull", "--no-edit", check=False)
    assert pulled.returncode != 0 and "[[conflicts]]" in pulled.stderr  # never exit 0
    project = read_project(path).project
    m3 = [m for m in project.milestones if m.id == "M3"]
    assert [(m.title, m.planned) for m in m3] == [("Annas titel", original.planned)]
    assert [(c.reason, c.mine["title"]) for c in project.conflicts] == [("duplicate", "Inklistrad")]


# ---- a driver git could not run ------------------------------------------------------------


STALE = "/nowhere/venv/bin/python -m lilla_ratten merge-driver %O %A %B %P"


def stale_pull(shared, anna_change, bo_change):
    anna, bo = shared("anna"), shared("bo")
    git(bo, "config", "merge.lilla-ratten.driver", STALE)  # the venv it was set up with has moved
    edit(anna, anna_change, "Anna")
    edit(bo, bo_change, "Bo", push=False)
    pulled = git(bo, "pull", "--no-edit", check=False)
    assert pulled.returncode != 0
    text = (bo / "projekt.toml").read_text(encoding="utf-8")
    assert "[[conflicts]]" not in text and "<<<<<<<" not in text  # git kept mine: without a word
    return bo


async def test_dela_makes_the_merge_the_driver_did_not_and_loses_nothing(shared, tmp_path):
    bo = stale_pull(shared, annas_m8, lambda p: setattr(p.milestone("M3"), "title", "Bos titel"))
    app = make_app(bo / "projekt.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await share(app, pilot)
        assert any("Sent to the others." in n for n in notes(app)), notes(app)
        assert app.session.project.milestone("M8").title == "Annas delrapport"  # what is on screen
    project = server_project(tmp_path)
    assert project.milestone("M8").title == "Annas delrapport" and project.milestone("M3").title == "Bos titel"
    driver = git(bo, "config", "merge.lilla-ratten.driver").stdout
    assert "/nowhere/" not in driver  # repaired before the merge was finished


async def test_a_merge_whose_driver_did_not_run_is_not_finished_until_the_conflicts_are_chosen(shared, tmp_path):
    bo = stale_pull(shared, lambda p: setattr(p.milestone("M3"), "title", "Annas titel"),
                    lambda p: setattr(p.milestone("M3"), "title", "Bos titel"))
    from lilla_ratten.storage.git_share import DriverDidNotRun, finish_merge

    with pytest.raises(DriverDidNotRun, match="git could not find the program"):
        finish_merge(bo / "projekt.toml")
    assert len(git(bo, "log", "-1", "--format=%P").stdout.split()) == 1  # not committed
    app = make_app(bo / "projekt.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MergeConflicts)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("y")  # finish the merge
        await pilot.pause()
        await share(app, pilot)
    assert server_project(tmp_path).milestone("M3").title == "Annas titel"


def test_the_driver_is_found_when_the_python_it_was_set_up_with_has_moved(shared):
    import os
    import sys

    anna, bo = shared("anna"), shared("bo")
    wrapper = bo / ".git" / "lilla-ratten" / "run"
    wrapper.write_text(wrapper.read_text(encoding="utf-8").replace(sys.executable, "/nowhere/venv/bin/python"), encoding="utf-8")
    edit(anna, annas_m8, "Anna: M8")
    edit(bo, bos_m8, "Bo: M8", push=False)
    env = {**ENV, "PATH": os.path.dirname(sys.executable) + os.pathsep + ENV.get("PATH", "")}  # a python3 with the program
    pulled = subprocess.run(["git", "pull", "--no-edit"], cwd=bo, capture_output=True, text=True, env=env)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert_annas_m8_kept_and_bos_renumbered(read_project(bo / "projekt.toml").project)


# ---- history: each change credited to its author ------------------------------------------


def log_blocks(repo) -> list[list[str]]:
    from tests.test_cli import cli

    r = cli("--lang", "en", "log", str(repo / "projekt.toml"))
    assert r.returncode == 0, r.stderr
    return [b.splitlines() for b in r.stdout.strip().split("\n\n")]


def test_log_diffs_each_commit_against_its_first_parent_and_shows_merges(shared):
    """The issue: after parallel work, log said Bertil deleted M8 and moved M5 back."""
    anna, bertil = shared("anna"), shared("bertil")
    edit(anna, annas_m8, "Anna: M8")
    edit(bertil, lambda p: setattr(p.milestone("M5"), "title", "Bertils titel"), "Bertil: M5", push=False)
    assert git(bertil, "pull", "--no-edit", check=False).returncode == 0
    blocks = log_blocks(bertil)
    by_subject = {b[0].split(": ", 1)[1].split(" (not sent yet)")[0]: b for b in blocks}
    assert len(by_subject["Bertil: M5"]) == 2 and "M5 title" in by_subject["Bertil: M5"][1]  # its own change only
    assert all("removed" not in line for b in blocks for line in b[1:])  # nobody deleted anything
    merge = next(b for b in blocks if b[1].strip().startswith("merge:"))
    assert merge[1].strip() == "merge: brought in the work of anna"
    assert any("milestone M8 added: Annas delrapport" in line for line in merge)
    assert "(not sent yet)" in merge[0] and "(not sent yet)" in by_subject["Bertil: M5"][0]
    assert "(not sent yet)" not in by_subject["Anna: M8"][0]


def test_log_says_what_a_merge_chose_where_the_sides_clashed(shared):
    from lilla_ratten.storage.merge import THEIRS, resolve

    anna, bertil = shared("anna"), shared("bertil")
    edit(anna, lambda p: setattr(p.milestone("M3"), "title", "Annas titel"), "Anna: M3")
    edit(bertil, lambda p: setattr(p.milestone("M3"), "title", "Bertils titel"), "Bertil: M3", push=False)
    git(bertil, "pull", "--no-edit", check=False)
    loaded = read_project(bertil / "projekt.toml")
    loaded.save(resolve(loaded.project, 0, THEIRS))
    git(bertil, "commit", "-qam", "Sammanslaget")
    merge = next(b for b in log_blocks(bertil) if "Sammanslaget" in b[0])
    assert "    milestone M3, title: the merged-in side's value kept: Annas titel" in merge


def dated(repo, change, message: str, when: str, push: bool = True) -> None:
    env = {**ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    loaded = read_project(repo / "projekt.toml")
    change(loaded.project)
    loaded.save()
    subprocess.run(["git", "commit", "-qam", message], cwd=repo, env=env, check=True)
    if push:
        git(repo, "push", "-q", "origin", "HEAD")


def test_since_the_meeting_on_the_shared_line_credited_to_each_author(shared):
    from lilla_ratten.model import Decision
    from lilla_ratten.reports.git_history import since

    anna, bertil, cecilia = shared("anna"), shared("bertil"), shared("cecilia")
    meeting = dt.date(2009, 3, 10)

    def held(p):
        p.decision_points.append(DecisionPoint(id="B2", date=meeting, decision=Decision.REVISE))

    dated(bertil, lambda p: setattr(p.milestone("M7"), "comment", "Bertils kommentar"), "Bertil: M7", "2009-03-09T10:00:00", push=False)
    dated(cecilia, held, "B2 hölls", "2009-03-10T09:00:00")
    git(anna, "pull", "-q", "--no-edit")
    dated(anna, lambda p: setattr(p.milestone("M3"), "title", "Annas titel"), "Anna: M3", "2009-03-10T15:00:00")  # same day
    git(bertil, "pull", "-q", "--no-edit")
    git(bertil, "push", "-q", "origin", "HEAD")
    git(anna, "pull", "-q", "--no-edit")
    dated(anna, lambda p: setattr(p.milestone("M4"), "title", "Ej skickad"), "Anna: M4", "2009-03-12T10:00:00", push=False)
    path = anna / "projekt.toml"
    found = since(path, read_project(path).project, meeting)
    said = {c.line: (c.authors, c.unshared) for c in found.changes}
    # B2 (the meeting's own decision) is not a change since it; Anna's work later that day is;
    # Bertil's M7, made before the meeting on his branch, reached the shared line after it
    assert said == {
        "milestone M3, title: Samtliga studiebesök klara → Annas titel": ("anna", False),
        "milestone M4, title: Material sammanställt → Ej skickad": ("anna", True),  # not sent yet
        "milestone M7, comment: (nothing) → Bertils kommentar": ("bertil", False),
    }
    assert found.commit.subject == "B2 hölls"


def test_since_a_meeting_no_commit_holds_yet_does_not_list_its_own_decision(shared):
    """The decision is only in the file here (not committed): the versions by the end of the
    meeting day are the start, and the decision point held that day is not a change since."""
    from lilla_ratten.model import Decision
    from lilla_ratten.reports.git_history import since

    anna = shared("anna")
    meeting = dt.date(2009, 3, 10)
    dated(anna, lambda p: setattr(p.milestone("M7"), "comment", "Före mötet"), "Anna: M7", "2009-03-09T10:00:00")
    cecilia = shared("cecilia")
    dated(cecilia, lambda p: setattr(p.milestone("M5"), "title", "Cecilias titel"), "Cecilia: M5", "2009-03-11T10:00:00")
    git(anna, "pull", "-q", "--no-edit")
    path = anna / "projekt.toml"
    loaded = read_project(path)
    loaded.project.decision_points.append(DecisionPoint(id="B2", date=meeting, decision=Decision.REVISE, minutes="Protokoll 3"))
    loaded.project.milestone("M4").title = "Efter mötet"
    loaded.save()  # not committed: no commit holds the decision
    found = since(path, read_project(path).project, meeting)
    said = {c.line: (c.authors, c.uncommitted) for c in found.changes}
    assert said == {
        "milestone M5, title: Rutiner utformade → Cecilias titel": ("cecilia", False),
        "milestone M4, title: Material sammanställt → Efter mötet": ("you", True),
    }, said
    assert found.commit.subject == "Anna: M7"


# ---- other files in the clone; what arrived ---------------------------------------------


def test_another_files_unshared_edit_in_the_way_is_named_in_plain_words(shared):
    from lilla_ratten.storage.git_share import ShareError
    from lilla_ratten.storage.git_share import share as git_share

    anna, bo = shared("anna"), shared("bo")
    for repo in (anna,):
        (repo / "annat.toml").write_text("x = 1\n", encoding="utf-8")
        git(repo, "add", "annat.toml")
        git(repo, "commit", "-qm", "annat")
        git(repo, "push", "-q", "origin", "HEAD")
    git(bo, "pull", "-q", "--no-edit")
    (anna / "annat.toml").write_text("x = 2\n", encoding="utf-8")
    git(anna, "commit", "-qam", "annat 2")
    git(anna, "push", "-q", "origin", "HEAD")
    (bo / "annat.toml").write_text("x = 3\n", encoding="utf-8")  # saved, not shared
    loaded = read_project(bo / "projekt.toml")
    loaded.project.milestone("M3").title = "Bos titel"
    loaded.save()
    with pytest.raises(ShareError) as said:
        git_share(bo / "projekt.toml", "Bo")
    assert "annat.toml" in str(said.value) and "are in the way" in str(said.value)
    assert "would be overwritten" not in str(said.value)
    assert (bo / "annat.toml").read_text(encoding="utf-8") == "x = 3\n"  # untouched


async def test_after_dela_the_app_says_what_arrived_and_sends_nothing_twice(shared):
    anna, bo = shared("anna"), shared("bo")
    edit(anna, annas_m8, "Anna: M8")
    app = make_app(bo / "projekt.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        app.session.change("titel", lambda p: setattr(p.milestone("M3"), "title", "Bos titel"))
        await share(app, pilot)
        said = next(n for n in notes(app) if n.startswith("Committed."))
        assert "From the others:" in said and "milestone M8 added: Annas delrapport" in said
        await share(app, pilot)  # nothing new: nothing is said to be sent
        assert notes(app)[-1] == "Nothing new to commit. Nothing new to send.", notes(app)


def test_a_file_with_git_conflict_markers_is_recognised_and_the_way_out_said(shared):
    from tests.test_cli import cli

    anna, bo = shared("anna", driver=False), shared("bo", driver=False)
    edit(anna, lambda p: setattr(p.milestone("M3"), "title", "Annas titel"), "Anna: M3")
    edit(bo, lambda p: setattr(p.milestone("M3"), "title", "Bos titel"), "Bo: M3", push=False)
    assert git(bo, "pull", "--no-edit", check=False).returncode != 0  # line merge, markers
    r = cli("--lang", "en", "validate", str(bo / "projekt.toml"))
    assert r.returncode != 0
    assert "git left conflict markers in the file" in r.stdout + r.stderr
    assert "TOML" not in r.stdout + r.stderr  # not a parser's error


def test_finishing_a_merge_commits_neither_another_files_staged_edit_nor_loses_it(shared):
    """Mid-merge (a conflict in projekt.toml), an edit in annat.toml is staged: the merge
    commit holds projekt.toml and what the others brought (their new file), not annat.toml's
    edit, which stays in the file."""
    from lilla_ratten.storage.git_share import finish_merge
    from lilla_ratten.storage.merge import THEIRS, resolve

    anna, bo = shared("anna"), shared("bo")
    (anna / "annat.toml").write_text("x = 1\n", encoding="utf-8")
    git(anna, "add", "annat.toml")
    git(anna, "commit", "-qm", "annat")
    git(anna, "push", "-q", "origin", "HEAD")
    git(bo, "pull", "-q", "--no-edit")
    (anna / "hennes.toml").write_text("y = 1\n", encoding="utf-8")
    git(anna, "add", "hennes.toml")
    edit(anna, annas_edit, "Anna: M3")  # commits hennes.toml too, and pushes
    edit(bo, lambda p: setattr(p.milestone("M3"), "title", "Bos titel"), "Bo: M3", push=False)
    git(bo, "pull", "--no-edit", check=False)  # the driver records the clash
    assert git(bo, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode == 0
    (bo / "annat.toml").write_text("x = 2\n", encoding="utf-8")
    git(bo, "add", "annat.toml")  # staged in the middle of the merge
    loaded = read_project(bo / "projekt.toml")
    loaded.save(resolve(loaded.project, 0, THEIRS))
    assert finish_merge(bo / "projekt.toml") == ["annat.toml"]
    changed = git(bo, "diff", "--name-only", "HEAD^1", "HEAD").stdout.split()
    assert "annat.toml" not in changed and "hennes.toml" in changed and "projekt.toml" in changed
    assert (bo / "annat.toml").read_text(encoding="utf-8") == "x = 2\n"  # the edit is still there
    assert git(bo, "diff", "--name-only").stdout.split() == ["annat.toml"]  # unstaged, not lost
    assert git(bo, "show", "HEAD:annat.toml").stdout == "x = 1\n"


def test_a_staged_edit_on_top_of_gits_clean_merge_of_another_file_stays_out_of_the_merge_commit(shared):
    """Both sides changed anteckningar.md and git merged it cleanly, while projekt.toml
    clashed; mid-merge the user edits the merged notes and stages them. The merge commit holds
    git's merge of the notes, not the edit, which stays in the file."""
    from lilla_ratten.storage.git_share import finish_merge
    from lilla_ratten.storage.merge import THEIRS, resolve

    anna = shared("anna")
    (anna / "anteckningar.md").write_text("rad 1\nrad 2\nrad 3\nrad 4\nrad 5\n", encoding="utf-8")
    git(anna, "add", "anteckningar.md")
    git(anna, "commit", "-qm", "anteckningar")
    git(anna, "push", "-q", "origin", "HEAD")
    bo = shared("bo")
    (anna / "anteckningar.md").write_text("rad 1, Anna\nrad 2\nrad 3\nrad 4\nrad 5\n", encoding="utf-8")
    git(anna, "add", "anteckningar.md")
    edit(anna, annas_edit, "Anna: M3 och anteckningar")
    (bo / "anteckningar.md").write_text("rad 1\nrad 2\nrad 3\nrad 4\nrad 5, Bo\n", encoding="utf-8")
    git(bo, "add", "anteckningar.md")
    edit(bo, lambda p: setattr(p.milestone("M3"), "title", "Bos titel"), "Bo: M3 och anteckningar", push=False)
    git(bo, "pull", "--no-edit", check=False)  # the driver records the clash in projekt.toml
    assert git(bo, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode == 0
    merged_notes = "rad 1, Anna\nrad 2\nrad 3\nrad 4\nrad 5, Bo\n"
    assert (bo / "anteckningar.md").read_text(encoding="utf-8") == merged_notes  # git merged it cleanly
    (bo / "anteckningar.md").write_text(merged_notes + "Bos utkast, inte klart\n", encoding="utf-8")
    git(bo, "add", "anteckningar.md")  # staged on top of git's merge
    loaded = read_project(bo / "projekt.toml")
    loaded.save(resolve(loaded.project, 0, THEIRS))
    assert finish_merge(bo / "projekt.toml") == ["anteckningar.md"]
    assert git(bo, "show", "HEAD:anteckningar.md").stdout == merged_notes  # both sides' lines, not the draft
    assert (bo / "anteckningar.md").read_text(encoding="utf-8") == merged_notes + "Bos utkast, inte klart\n"
    assert git(bo, "diff", "--name-only").stdout.split() == ["anteckningar.md"]  # unstaged, not lost


def test_another_file_in_the_way_is_named_in_swedish(shared):
    from lilla_ratten.i18n import set_language
    from lilla_ratten.storage.git_share import ShareError
    from lilla_ratten.storage.git_share import share as git_share

    anna = shared("anna")
    (anna / "annat.toml").write_text("x = 1\n", encoding="utf-8")
    git(anna, "add", "annat.toml")
    git(anna, "commit", "-qm", "annat")
    git(anna, "push", "-q", "origin", "HEAD")
    bo = shared("bo")
    (anna / "annat.toml").write_text("x = 2\n", encoding="utf-8")
    git(anna, "commit", "-qam", "annat 2")
    git(anna, "push", "-q", "origin", "HEAD")
    (bo / "annat.toml").write_text("x = 3\n", encoding="utf-8")
    git(bo, "add", "annat.toml")  # staged, not shared
    loaded = read_project(bo / "projekt.toml")
    loaded.project.milestone("M3").title = "Bos titel"
    loaded.save()
    set_language("sv")
    try:
        with pytest.raises(ShareError) as said:
            git_share(bo / "projekt.toml", "Bo")
    finally:
        set_language("en")
    message = str(said.value)
    assert "annat.toml" in message and "i vägen" in message, message
    assert "would be overwritten" not in message and "Your local changes" not in message
    assert git(bo, "show", "HEAD:annat.toml").stdout == "x = 1\n"  # Dela did not commit the other file


def test_an_unfinished_cherry_pick_is_said_in_plain_words(shared):
    """A cherry-pick whose conflicts were chosen back to what is here is empty, and git leaves
    it unfinished; Dela then says so and how to go on, not git's CHERRY_PICK_HEAD English."""
    from lilla_ratten.storage.git_share import ShareError
    from lilla_ratten.storage.git_share import share as git_share

    anna, bo = shared("anna"), shared("bo")
    git(bo, "checkout", "-q", "-b", "utkast")
    edit(bo, lambda p: setattr(p.milestone("M3"), "title", "Bos utkast"), "Bo: utkast", push=False)
    git(bo, "checkout", "-q", "main")
    edit(anna, annas_edit, "Anna: M3")
    git(bo, "pull", "-q", "--no-edit")
    assert git(bo, "cherry-pick", "utkast", check=False).returncode != 0  # the driver records the clash
    git(bo, "checkout", "HEAD", "--", "projekt.toml")  # chose what is here: the pick is empty
    assert git(bo, "cherry-pick", "--continue", check=False).returncode != 0
    with pytest.raises(ShareError) as said:
        git_share(bo / "projekt.toml", "Bo")
    message = str(said.value)
    assert "cherry-pick" in message and "--skip" in message and "not finished" in message, message
    assert "CHERRY_PICK_HEAD" not in message and "does not recognise" not in message


async def test_unsent_versions_are_shown_in_the_header_until_sent(shared, tmp_path):
    """Offline (the shared repository cannot be reached): Dela commits here and says so; the
    header keeps saying how many versions wait, also when the app is opened again, until a
    Dela sends them."""
    bo = shared("bo")
    url = git(bo, "remote", "get-url", "origin").stdout.strip()
    git(bo, "remote", "set-url", "origin", str(tmp_path / "nowhere.git"))
    app = make_app(bo / "projekt.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        app.session.change("titel", lambda p: setattr(p.milestone("M3"), "title", "Bos titel"))
        await share(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("1 version here is not sent yet." in n for n in notes(app)), notes(app)
        assert "1 version not sent" in app.title
    app = make_app(bo / "projekt.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "1 version not sent" in app.title  # opened again: still said
        git(bo, "remote", "set-url", "origin", url)  # the network is back
        await share(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "not sent" not in app.title, app.title
    assert "Bos titel" in on_server(tmp_path)
