"""Unsaved changes survive the app's end: kept outside the file at each change, offered back."""

from __future__ import annotations

import os
import stat
import sys
import time
from datetime import date

import pytest

from lilla_ratten.model import Milestone
from lilla_ratten.storage import ConflictError, read_project, unsaved
from lilla_ratten.tui.session import Session
from tests.conftest import MINIMAL


def add_m3(session: Session, title: str = "Slutrapport") -> None:
    session.change("added M3", lambda p: p.milestones.append(Milestone(id="M3", title=title, planned=date(2024, 2, 28))))


def test_a_change_is_kept_and_the_next_session_brings_it_back(write):
    path = write(MINIMAL)
    before = path.read_bytes()
    first = Session.open(path)
    add_m3(first)
    assert path.read_bytes() == before  # the file itself is untouched until saved
    copy = unsaved.copy_path(path)
    assert copy.parent != path.parent and not list(path.parent.glob("*unsaved*"))  # nothing beside the project
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600  # the owner's only
    # the app ended without saving; the next session finds the change
    second = Session.open(path)
    assert second.found is not None and "Slutrapport" in second.found.text
    assert second.project.milestone("M3") is None
    second.restore(second.found)
    assert second.dirty and second.project.milestone("M3").title == "Slutrapport"
    second.save()
    assert read_project(path).project.milestone("M3").title == "Slutrapport"
    assert not copy.exists() and Session.open(path).found is None  # saved: nothing left to offer


def test_the_restore_can_be_undone(write):
    path = write(MINIMAL)
    add_m3(Session.open(path))
    session = Session.open(path)
    session.restore(session.found)
    assert session.undo() == "restored unsaved changes"
    assert session.project.milestone("M3") is None


def test_changed_and_changed_back_offers_nothing(write):
    path = write(MINIMAL)
    session = Session.open(path)
    add_m3(session)
    session.undo()
    assert Session.open(path).found is None and not unsaved.copy_path(path).exists()


def test_quit_without_saving_and_reload_forget_the_copy(write):
    path = write(MINIMAL)
    session = Session.open(path)
    add_m3(session)
    session.discard_unsaved()
    assert Session.open(path).found is None
    add_m3(session)
    session.reload()
    assert Session.open(path).found is None


def test_kept_changes_are_not_saved_over_a_file_changed_since(write):
    path = write(MINIMAL)
    add_m3(Session.open(path))
    path.write_text(MINIMAL.replace("Uppföljning", "Uppföljning (ändrad i git)"), encoding="utf-8")
    session = Session.open(path)
    session.restore(session.found)
    assert session.changed_on_disk()  # the app asks: reload or keep mine
    with pytest.raises(ConflictError):
        session.save()
    session.save(force=True)  # "keep mine", chosen
    assert read_project(path).project.milestone("M3") is not None


def test_each_file_has_its_own_copy(write, tmp_path):
    one = write(MINIMAL, "one.toml")
    (tmp_path / "sub").mkdir()
    other = tmp_path / "sub" / "one.toml"
    other.write_text(MINIMAL, encoding="utf-8")
    add_m3(Session.open(one))
    assert unsaved.copy_path(one) != unsaved.copy_path(other)
    assert Session.open(other).found is None and Session.open(one).found is not None


def test_a_copy_that_cannot_be_read_is_ignored(write):
    path = write(MINIMAL)
    copy = unsaved.copy_path(path)
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(b"\xff not ours")
    assert unsaved.find(path) is None
    copy.write_text("# lilla-ratten: unsaved changes to /some/where/else.toml\n# read from the version x, kept 2026-12-02T10:00:00\n")
    assert unsaved.find(path) is None  # names another file: not this one's


def test_when_the_copy_cannot_be_written_editing_goes_on(write, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("LILLA_RATTEN_STATE", str(blocker / "unsaved"))  # a folder under a file: cannot exist
    session = Session.open(write(MINIMAL))
    add_m3(session)
    assert session.project.milestone("M3") is not None and isinstance(session.keep_error, OSError)


def test_a_read_only_session_neither_keeps_nor_offers(write):
    path = write(MINIMAL)
    add_m3(Session.open(path))
    assert Session.open(path, read_only=True).found is None


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
    import pty

    path = write(MINIMAL)
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"LILLA_RATTEN_LANG": "en", "TERM": "xterm-256color"})
        os.execv(sys.executable, [sys.executable, "-m", "lilla_ratten", "open", str(path)])
    screen = _Screen(fd)
    try:
        screen.wait_for("Testprojekt")
        screen.keys("4", "a")
        screen.wait_for("New:")  # the form is open (its module is imported when first used)
        screen.keys(*"Hangup", "\t", *"2024-02-01", "\x13")  # \x13: Ctrl+S saves the form
        copy = unsaved.copy_path(path)
        deadline = time.monotonic() + 20
        while not copy.exists() and time.monotonic() < deadline:
            screen.read(0.2)
        assert copy.exists(), screen.text[-2000:]
    finally:
        os.close(fd)  # the terminal goes away
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        pytest.fail("the app ran on after its terminal closed")
    assert b"Hangup" not in path.read_bytes()  # never saved: the file is as it was
    found = Session.open(path).found
    assert found is not None and 'title = "Hangup"' in found.text


class _Screen:
    def __init__(self, fd: int) -> None:
        self.fd, self.text = fd, ""

    def read(self, timeout: float) -> None:
        import select

        if select.select([self.fd], [], [], timeout)[0]:
            try:
                self.text += os.read(self.fd, 1 << 16).decode("utf-8", "replace")
            except OSError:
                pass

    def keys(self, *keys: str) -> None:
        for key in keys:
            os.write(self.fd, key.encode())
            time.sleep(0.05)
            self.read(0.05)

    def wait_for(self, word: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while word not in self.text and time.monotonic() < deadline:
            self.read(0.2)
        assert word in self.text, self.text[-2000:]
        time.sleep(1.0)  # the tabs come a moment after the first frame
        self.read(0.2)


def test_stopped_with_the_terminal_still_there_it_is_given_back_tidy(write):
    """`kill PID` from another shell: the app ends, the terminal leaves the alternate screen."""
    import pty
    import signal

    path = write(MINIMAL)
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"LILLA_RATTEN_LANG": "en", "TERM": "xterm-256color"})
        os.execv(sys.executable, [sys.executable, "-m", "lilla_ratten", "open", str(path)])
    screen = _Screen(fd)
    try:
        screen.wait_for("Testprojekt")
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            screen.read(0.1)
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            pytest.fail("the app ran on after SIGTERM")
        screen.read(0.2)
    finally:
        os.close(fd)
    assert "\x1b[?1049l" in screen.text  # the alternate screen was left: the shell is usable again
