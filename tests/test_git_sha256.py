"""A clone whose git names objects by SHA-256 (``git init --object-format=sha256``): the
merge driver's note that it ran must match git's ids there too, or finishing a merge would
redo it and throw away the choices made (issue 30)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from lilla_ratten.storage.git_share import blob_id, merge_where_driver_did_not_run, object_format
from tests.test_git_team import share
from tests.test_merge_driver import SAMPLE, clone, edit, git
from tests.test_tui_git import make_app
from lilla_ratten.tui.screens.merge_conflicts import MergeConflicts


def sha256_supported() -> bool:
    if shutil.which("git") is None:
        return False
    probe = subprocess.run(["git", "init", "-q", "--object-format=sha256", "--bare", "/dev/null/x"],
                           capture_output=True, text=True)
    return "unknown" not in probe.stderr and "object-format" not in probe.stderr


pytestmark = pytest.mark.skipif(not sha256_supported(), reason="this git cannot make SHA-256 repositories")


@pytest.fixture
def shared256(tmp_path):
    bare = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", "--object-format=sha256", str(bare))
    first = tmp_path / "first"
    git(tmp_path, "init", "-q", "--object-format=sha256", "first")  # a clone of an empty repository would be SHA-1
    git(first, "config", "user.email", "first@example.org")
    git(first, "config", "user.name", "first")
    shutil.copy(SAMPLE, first / "projekt.toml")
    git(first, "add", ".")
    git(first, "commit", "-qm", "Projektet läggs upp")
    git(first, "remote", "add", "origin", str(bare))
    git(first, "push", "-q", "origin", "HEAD:refs/heads/main")
    git(bare, "symbolic-ref", "HEAD", "refs/heads/main")
    return lambda name: clone(bare, tmp_path / name, name, driver=True)


def test_blob_ids_are_gits_own_in_a_sha256_clone(shared256):
    anna = shared256("anna")
    assert object_format(anna) == "sha256"
    data = (anna / "projekt.toml").read_bytes()
    assert blob_id(data, object_format(anna)) == git(anna, "hash-object", "projekt.toml").stdout.strip()


async def test_a_merge_the_driver_made_in_a_sha256_clone_is_finished_with_the_choice_kept(shared256, tmp_path):
    anna, bo = shared256("anna"), shared256("bo")
    edit(anna, lambda p: setattr(p.milestone("M3"), "title", "Annas titel"), "Anna: M3")
    edit(bo, lambda p: setattr(p.milestone("M3"), "title", "Bos titel"), "Bo: M3", push=False)
    pulled = git(bo, "pull", "--no-edit", check=False)
    assert pulled.returncode != 0 and "[[conflicts]]" in pulled.stderr  # the driver ran and recorded it
    assert merge_where_driver_did_not_run(bo).files == []  # and its note is recognised
    app = make_app(bo / "projekt.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MergeConflicts)
        await pilot.press("m")  # keep Bo's own title
        await pilot.pause()
        await pilot.press("y")  # finish the merge
        await pilot.pause()
        await share(app, pilot)
    on_server = git(tmp_path / "shared.git", "show", "main:projekt.toml").stdout
    assert 'title = "Bos titel"' in on_server and "[[conflicts]]" not in on_server
    assert len(git(bo, "log", "-1", "--format=%P").stdout.split()) == 2  # a real merge commit
