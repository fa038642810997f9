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
