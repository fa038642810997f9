"""Unsaved changes survive the app's end: kept outside the file at each change, offered back."""

from __future__ import annotations

import os
import stat
import time
from datetime import date
from pathlib import Path

import pytest

from lilla_ratten.model import Milestone
from lilla_ratten.storage import ConflictError, read_project, unsaved
from lilla_ratten.tui.session import Session
from tests.conftest import MINIMAL, left_unsaved
from tests.pty_screen import Screen


def add_m3(session: Session, title: str = "Slutrapport") -> None:
    session.change("added M3", lambda p: p.milestones.append(Milestone(id="M3", title=title, planned=date(2024, 2, 28))))


def copies() -> list:
    return sorted(unsaved.state_dir().glob("*.toml"))


def test_a_change_is_kept_and_the_next_session_brings_it_back(write):
    path = write(MINIMAL)
    before = path.read_bytes()
    left_unsaved(path)  # another process changed it and was killed
    assert path.read_bytes() == before  # the file itself is untouched until saved
    [copy] = copies()
    assert copy.parent != path.parent and not list(path.parent.glob("*unsaved*"))  # nothing beside the project
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600  # the owner's only
    session = Session.open(path)
    assert session.found is not None and 'title = "Slutrapport"' in session.found.text
    assert session.project.milestone("M3") is None and not session.found_on_older_version
    session.restore(session.found)
    assert session.dirty and session.project.milestone("M3").title == "Slutrapport"
    session.save()
    assert read_project(path).project.milestone("M3").title == "Slutrapport"
    assert copies() == [] and Session.open(path).found is None  # saved: nothing left to offer


def test_the_restore_can_be_undone(write):
    path = write(MINIMAL)
    left_unsaved(path)
    session = Session.open(path)
    session.restore(session.found)
    assert session.undo() == "restored unsaved changes"
    assert session.project.milestone("M3") is None


def test_changed_and_changed_back_offers_nothing(write):
    path = write(MINIMAL)
    session = Session.open(path)
    add_m3(session)
    session.undo()
    del session  # ended, its copy equal to the file
    assert Session.open(path).found is None and copies() == []


def test_a_live_session_is_not_offered_and_others_leave_its_copy_alone(write):
    path = write(MINIMAL)
    first = Session.open(path)  # open in one window
    add_m3(first, "Fönster ett")
    second = Session.open(path)  # and in another
    assert second.found is None  # not "ended without saving": it still runs
    add_m3(second, "Fönster två")
    second.discard_unsaved()  # quit without saving, in the second window
    [copy] = copies()
    assert "Fönster ett" in copy.read_text(encoding="utf-8") and first.dirty
    second.reload()
    assert len(copies()) == 1


def test_decide_later_keeps_the_offered_copy_whatever_this_session_does(write):
    path = write(MINIMAL)
    left_unsaved(path)
    session = Session.open(path)  # offered; the user decides later
    add_m3(session, "Något annat")
    session.discard_unsaved()
    session.reload()
    found = Session.open(path).found
    assert found is not None and 'title = "Slutrapport"' in found.text


def test_discarding_the_offered_copy_forgets_it(write):
    path = write(MINIMAL)
    left_unsaved(path)
    session = Session.open(path)
    session.discard_found(session.found)
    assert Session.open(path).found is None and copies() == []


def test_a_read_only_session_neither_keeps_nor_offers_nor_removes(write):
    path = write(MINIMAL)
    left_unsaved(path)
    review = Session.open(path, read_only=True)
    assert review.found is None
    review.discard_unsaved()  # what leaving a project does
    assert len(copies()) == 1


def test_kept_changes_are_not_saved_over_a_file_changed_since(write):
    path = write(MINIMAL)
    left_unsaved(path)
    path.write_text(MINIMAL.replace("Uppföljning", "Uppföljning (ändrad i git)"), encoding="utf-8")
    session = Session.open(path)
    assert session.found_on_older_version
    session.restore(session.found)
    assert session.changed_on_disk()  # the app asks: reload or keep mine
    with pytest.raises(ConflictError):
        session.save()
    session.save(force=True)  # "keep mine", chosen
    assert read_project(path).project.milestone("M3") is not None


def test_each_file_has_its_own_copies_and_a_link_is_its_target(write, tmp_path):
    one = write(MINIMAL, "one.toml")
    (tmp_path / "sub").mkdir()
    other = tmp_path / "sub" / "one.toml"
    other.write_text(MINIMAL, encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(one)
    left_unsaved(link)  # edited through the link
    assert Session.open(other).found is None
    assert Session.open(one).found is not None  # the same file


def test_a_copy_that_cannot_be_read_is_left_alone(write):
    path = write(MINIMAL)
    left_unsaved(path)
    [copy] = copies()
    copy.write_bytes(b"\xff not ours")
    assert Session.open(path).found is None and copy.exists()


def test_a_copy_that_no_longer_parses_is_reported_by_its_own_name_and_kept(write):
    from lilla_ratten.storage import ProjectFileError

    path = write(MINIMAL)
    left_unsaved(path)
    [copy] = copies()
    copy.write_text(copy.read_text(encoding="utf-8").replace('title = "Slutrapport"', "title = "), encoding="utf-8")
    session = Session.open(path)
    with pytest.raises(ProjectFileError) as err:
        session.restore(session.found)
    line = next(n for n, text in enumerate(copy.read_text(encoding="utf-8").splitlines(), 1) if text == "title = ")
    assert f"{copy}:{line}" in str(err.value)  # the copy, and its own line number
    add_m3(session, "Nytt")
    assert "title = \n" in copy.read_text(encoding="utf-8")  # not overwritten by this session


def test_when_the_copy_cannot_be_written_editing_goes_on(write, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("LILLA_RATTEN_STATE", str(blocker / "unsaved"))  # a folder under a file: cannot exist
    session = Session.open(write(MINIMAL))
    add_m3(session)
    assert session.project.milestone("M3") is not None and isinstance(session.keep_error, OSError)
    session.save()  # and saving, quitting still work
    session.discard_unsaved()


def test_a_hung_up_terminal_is_seen():
    from lilla_ratten.tui.terminal_watch import terminal_hung_up

    master, slave = os.openpty()
    try:
        assert not terminal_hung_up(slave)
        os.close(master)
        assert terminal_hung_up(slave)
    finally:
        os.close(slave)


def test_closing_the_terminal_ends_the_app_and_keeps_the_change(write):
    """A real `lilla-ratten open` on a pty: add a milestone, close the terminal (SSH dropped)."""
    path = write(MINIMAL)
    screen = Screen(path)
    try:
        screen.wait_for("Testprojekt")
        screen.keys("4")
        screen.wait_for("Days late")  # the milestones are on screen: an `a` typed before the tab is there is lost
        screen.keys("a")
        screen.wait_for("New:")  # the form is open (its module is imported when first used)
        # each step waits to be on screen: on a loaded machine keys typed into a form not yet
        # focused were lost, and Ctrl+S then (rightly) refused an empty title
        screen.keys(*"Hangup")
        screen.wait_for("Hangup")
        screen.keys("\t", *"2024-02-01")
        screen.wait_for("2024-02-01")
        screen.keys("\x13")  # Ctrl+S saves the form
        deadline = time.monotonic() + 20
        while not copies() and time.monotonic() < deadline:
            screen.read(0.2)
        assert copies(), screen.text[-2000:]
    finally:
        os.close(screen.fd)  # the terminal goes away
    status = screen.ended("the app ran on after its terminal closed")
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 129  # the app's own end, not SIGHUP's
    assert b"Hangup" not in path.read_bytes()  # never saved: the file is as it was
    found = Session.open(path).found
    assert found is not None and 'title = "Hangup"' in found.text


def test_stopped_with_the_terminal_still_there_it_is_given_back_tidy(write):
    """`kill PID` from another shell: the app ends, the terminal leaves the alternate screen."""
    import signal

    screen = Screen(write(MINIMAL))
    try:
        screen.wait_for("Testprojekt")
        os.kill(screen.pid, signal.SIGTERM)
        screen.ended("the app ran on after SIGTERM", reading=True)
        screen.read(0.2)
    finally:
        os.close(screen.fd)
    assert "\x1b[?1049l" in screen.text  # the alternate screen was left: the shell is usable again


def test_an_app_that_gets_no_sighup_still_ends_when_its_terminal_hangs_up(write):
    """As seen under `make run` in tmux: after `tmux kill-server` the app got no SIGHUP, only a
    dead terminal, and ran on at ~90 % CPU (Textual's input thread loops on reads that return
    nothing). Here SIGHUP is blocked in the app, so only seeing the hang-up can end it."""
    screen = Screen(write(MINIMAL), block_sighup=True)
    try:
        screen.wait_for("Testprojekt")
    finally:
        os.close(screen.fd)  # the terminal goes away
    status = screen.ended("the app ran on after its terminal hung up")
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 129  # ended by the watch, not by a signal


def test_the_copy_is_kept_by_a_thread_started_after_the_frame_and_a_save_before_it_wins(write):
    # the app starts the thread after the frame that shows the change (a thread rendering
    # meanwhile delayed that frame, 21 → 55 ms at 50 000 activities): until then the change
    # is held, and waiting for the copy starts it at once
    path = write(MINIMAL)
    session = Session.open(path)
    later = []
    session.keep_in_background(later.append)
    add_m3(session)
    assert len(later) == 1 and copies() == []  # not started yet
    session.wait_kept()
    [copy] = copies()
    assert 'id = "M3"' in copy.read_text(encoding="utf-8")
    later[0]()  # the frame came: the thread was started already, nothing twice
    add_m3(session, "Andra")
    session.change("renamed", lambda p: setattr(p, "milestones", p.milestones[:-1]))
    assert len(later) == 2
    session.save()  # before the frame: the save is what is on disk, and no copy is left over
    later[1]()
    session.wait_kept()
    assert copies() == [] and Session.open(path).found is None
    assert read_project(path).project.milestone("M3").title == "Slutrapport"


def test_a_large_project_is_rendered_ahead_in_idle_time_and_changes_use_it(tmp_path, monkeypatch):
    import sys

    from lilla_ratten.storage import save_project
    from lilla_ratten.storage.writer import dumps
    from lilla_ratten.tui import session as sessions

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from synthetic import project as synthetic

    path = tmp_path / "p.toml"
    save_project(synthetic(n_activities=300, n_milestones=10), path, expected_digest=None)
    small = Session.open(path)
    small.render_ahead()
    assert small._ahead is None  # a small project renders whole in no time: nothing ahead
    monkeypatch.setattr(sessions, "AHEAD_FROM", 100)
    session = Session.open(path)
    session.render_ahead()
    session._ahead.join(timeout=60)
    records = sum(len(r) for r in session._renderer._record_lists(session.project).values())
    assert not session._ahead.is_alive() and len(session._renderer._blocks) == records
    from tests.test_writer_incremental import Counting

    converter = session._renderer.converter
    session._renderer.converter = counting = Counting(converter)
    calls = counting.calls
    session.change("deleted A1", lambda p: setattr(p, "activities", p.activities[1:]))
    [copy] = copies()
    assert "Activity" not in calls  # every record's text was there
    assert copy.read_text(encoding="utf-8").endswith(dumps(session.project, converter, session.loaded.notes))


def test_a_change_before_the_records_were_rendered_ahead_renders_them_in_idle_time(tmp_path, monkeypatch):
    # the copy's thread renders the rest step by step while the app's thread is idle (here the
    # test's, waiting), and the copy is whole and the same as a full render
    import sys
    import threading

    from lilla_ratten.storage import save_project
    from lilla_ratten.storage.writer import dumps
    from lilla_ratten.tui import session as sessions

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from synthetic import project as synthetic

    path = tmp_path / "p.toml"
    save_project(synthetic(n_activities=300, n_milestones=10), path, expected_digest=None)
    monkeypatch.setattr(sessions, "AHEAD_FROM", 100)
    steps = []
    real = sessions._in_idle_time
    monkeypatch.setattr(sessions, "_in_idle_time", lambda s, app: steps.append(threading.current_thread().name) or real(s, app))
    session = Session.open(path)
    session.keep_in_background()
    session.change("deleted A1", lambda p: setattr(p, "activities", p.activities[1:]))
    session.wait_kept()
    assert steps == ["keep-unsaved"] and session._renderer.rendered
    [copy] = copies()
    assert copy.read_text(encoding="utf-8").endswith(dumps(session.project, session._renderer.converter, session.loaded.notes))
    session.change("deleted A2", lambda p: setattr(p, "activities", p.activities[1:]))
    session.wait_kept()
    assert steps == ["keep-unsaved"]  # once: then only what a change brings is rendered
