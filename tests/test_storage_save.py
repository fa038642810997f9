"""Saving: atomic, never over someone else's change, never a personnummer."""

from __future__ import annotations

import os

import pytest

from lilla_ratten.storage import ConflictError, ProjectFileError, read_project, save_project
from lilla_ratten.storage.atomic import atomic_write, stale_temp_files
from tests.conftest import MINIMAL


def test_save_writes_canonical_text_and_new_digest(write):
    path = write(MINIMAL)
    loaded = read_project(path)
    loaded.project.milestones[1].title = "Uppföljning i oktober"
    old = loaded.digest
    loaded.save()
    assert loaded.digest != old
    assert 'title = "Uppföljning i oktober"' in path.read_text(encoding="utf-8")
    loaded.project.milestones[1].title = "Ändrad igen"
    loaded.save()  # the digest was updated, so a second save is not a conflict
    assert stale_temp_files(path.parent) == []


def test_file_changed_on_disk_is_not_overwritten(write):
    path = write(MINIMAL)
    loaded = read_project(path)
    theirs = MINIMAL.replace("Uppföljning", "Uppföljning (från git pull)")
    path.write_text(theirs, encoding="utf-8")
    loaded.project.milestones[0].title = "Min ändring"
    with pytest.raises(ConflictError) as exc:
        loaded.save()
    assert "has changed on disk since it was opened" in str(exc.value)
    assert "Reload it" in str(exc.value)
    assert path.read_text(encoding="utf-8") == theirs
    loaded.save(force=True)
    assert "Min ändring" in path.read_text(encoding="utf-8")


def test_new_file_is_not_written_over_an_existing_one(write):
    path = write(MINIMAL)
    project = read_project(path).project
    with pytest.raises(ConflictError):
        save_project(project, path, expected_digest=None)


def test_personnummer_is_never_written(write):
    path = write(MINIMAL)
    loaded = read_project(path)
    loaded.project.milestones[0].comment = "gäller 19121212-1212"
    with pytest.raises(ProjectFileError) as exc:
        loaded.save()
    assert "a Swedish personal identity number (19121212-****)" in str(exc.value)
    assert path.read_text(encoding="utf-8") == MINIMAL


def test_failed_write_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "p.toml"
    path.write_text("old", encoding="utf-8")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        atomic_write(path, b"new")
    assert path.read_text(encoding="utf-8") == "old"
    assert stale_temp_files(tmp_path) == []


def test_save_keeps_file_mode(write):
    path = write(MINIMAL)
    os.chmod(path, 0o640)
    loaded = read_project(path)
    loaded.project.milestones[0].title = "x"
    loaded.save()
    assert path.stat().st_mode & 0o777 == 0o640


def test_new_file_gets_the_usual_permissions(tmp_path, write):
    project = read_project(write(MINIMAL)).project
    path = tmp_path / "ny.toml"
    old = os.umask(0o022)
    try:
        save_project(project, path, expected_digest=None)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def _linked(tmp_path, write):
    """link.toml in one folder, pointing (relatively) at the project in another."""
    real = write(MINIMAL.replace('title = "Uppföljning"', 'title = "Uppföljning"  # från planen'), "p.toml")
    (tmp_path / "real").mkdir()
    target = real.rename(tmp_path / "real" / "p.toml")
    (tmp_path / "work").mkdir()
    link = tmp_path / "work" / "link.toml"
    link.symlink_to(os.path.join("..", "real", "p.toml"))
    return link, target


def test_saving_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path, write):
    """`fmt link.toml` turned the link into a regular file and left the real one unchanged."""
    link, target = _linked(tmp_path, write)
    os.chmod(target, 0o640)
    os.chown(target, -1, 100)  # group "users" (the tests run as root in CI; any group works)
    loaded = read_project(link)
    loaded.project.milestones[1].title = "Uppföljning klar"
    loaded.save()
    assert link.is_symlink() and os.readlink(link) == os.path.join("..", "real", "p.toml")
    text = target.read_text(encoding="utf-8")
    assert 'title = "Uppföljning klar"  # från planen' in text  # the target has the change, comment kept
    assert target.stat().st_mode & 0o777 == 0o640 and target.stat().st_gid == 100
    assert stale_temp_files(link.parent) == [] and stale_temp_files(target.parent) == []
    loaded.project.milestones[1].title = "Igen"
    loaded.save()  # the digest follows the target: no false "changed on disk"
    assert 'title = "Igen"' in target.read_text(encoding="utf-8")


def test_fmt_through_a_symlink_keeps_the_link(tmp_path, write):
    from tests.test_cli import cli

    link, target = _linked(tmp_path, write)
    target.write_text(target.read_text(encoding="utf-8").replace("[project]", "\n\n[project]"), encoding="utf-8")
    r = cli("fmt", str(link))
    assert r.returncode == 0, r.stderr
    assert link.is_symlink()
    assert "\n\n\n[project]" not in target.read_text(encoding="utf-8")  # the target itself was formatted
    assert cli("fmt", "--check", str(link)).returncode == 0


def test_a_group_the_user_may_not_set_is_left_as_new_files_get_it(tmp_path, write, monkeypatch):
    """As an ordinary user: chown to another owner fails, the group alone may still be kept."""
    path = write(MINIMAL)
    calls = []

    def chown(target, uid, gid):
        calls.append((uid, gid))
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", chown)
    os_stat = os.stat(path)
    fake_gid = os_stat.st_gid + 1
    real_stat = os.stat

    def stat(p, *a, **kw):
        result = real_stat(p, *a, **kw)
        if str(p) == str(path):
            fields = list(result)
            fields[5] = fake_gid  # st_gid: the file looks as if it belonged to another group
            return os.stat_result(fields)
        return result

    monkeypatch.setattr(os, "stat", stat)
    atomic_write(path, b"schema = 1\n")
    assert calls == [(os_stat.st_uid, fake_gid), (-1, fake_gid)]  # both tried, neither fatal
    assert path.read_bytes() == b"schema = 1\n"


def test_texts_are_written_a_piece_at_a_time_byte_for_byte(write, monkeypatch):
    # a save and the unsaved copy encode the text a megabyte at a time (a 9 MB text was held
    # again as bytes, twice in the copy's case): the bytes on disk and the digest are the same
    import hashlib

    from lilla_ratten.storage import atomic, read_project, save_project

    text = "Å ä ö € 𝄞 \r\n" * 5
    assert b"".join(atomic.encoded(text, step=7)) == text.encode("utf-8")
    monkeypatch.setattr(atomic.encoded, "__defaults__", (5,))  # small pieces, split anywhere
    path = write(MINIMAL)
    loaded = read_project(path)
    loaded.project.project.name = "Ingen ska lämnas utanför – 𝄞 € del 2"
    written = save_project(loaded.project, path, expected_digest=loaded.digest)
    data = path.read_bytes()
    assert "𝄞 € del 2".encode() in data and written == hashlib.sha256(data).hexdigest()
    assert read_project(path).project.project.name == "Ingen ska lämnas utanför – 𝄞 € del 2"
