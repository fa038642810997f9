"""Two people, one file: a second save is refused and says what to do; reload brings the
other change in; and two branches editing different things merge cleanly in git."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import attrs
import pytest

from lilla_ratten.model import Light, StatusReport
from lilla_ratten.storage import ConflictError, read_project, render
from lilla_ratten.tui.session import Session
from tests.conftest import SAMPLES


def _replace(records: list, index: int, **changes) -> None:
    """A change as the app makes it: the record replaced, never edited in place (docs/architecture.md)."""
    records[index] = attrs.evolve(records[index], **changes)

SAMPLE = SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml"


def canonical_copy(tmp_path: Path) -> Path:
    path = tmp_path / "projekt.toml"
    path.write_text(render(read_project(SAMPLE).project), encoding="utf-8")
    return path


def test_second_save_is_refused_and_reload_loses_nothing(tmp_path):
    path = canonical_copy(tmp_path)
    anna, bengt = Session.open(path), Session.open(path)
    anna.change("M3 moved", lambda p: _replace(p.milestones, 2, planned=date(2009, 3, 1)))
    bengt.change("M5 done", lambda p: _replace(p.milestones, 4, done=date(2009, 4, 2)))
    anna.save()
    with pytest.raises(ConflictError) as refused:
        bengt.save()
    message = str(refused.value)
    assert "has changed on disk since it was opened" in message and "Nothing was saved" in message
    assert "Reload" in message
    assert read_project(path).project.milestones[4].done is None  # Bengt's save wrote nothing
    assert bengt.dirty and bengt.changed_on_disk()
    bengt.reload()
    assert bengt.project.milestones[2].planned == date(2009, 3, 1)  # Anna's change came in
    bengt.change("M5 done", lambda p: _replace(p.milestones, 4, done=date(2009, 4, 2)))
    bengt.save()
    final = read_project(path).project
    assert final.milestones[2].planned == date(2009, 3, 1) and final.milestones[4].done == date(2009, 4, 2)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_two_branches_editing_different_things_merge_cleanly(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "a@example.org")
    git(tmp_path, "config", "user.name", "Test")
    path = canonical_copy(tmp_path)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "start")

    git(tmp_path, "checkout", "-qb", "anna")
    s = Session.open(path)
    s.change("M3 moved", lambda p: _replace(p.milestones, 2, planned=date(2009, 3, 1)))
    s.save()
    git(tmp_path, "commit", "-qam", "M3 flyttad")

    git(tmp_path, "checkout", "-q", "main")
    s = Session.open(path)
    report = StatusReport(id="SR9", date=date(2009, 3, 5), overall=Light.YELLOW, summary="Intervjuerna är klara.")
    s.change("SR9", lambda p: p.status_reports.append(report))
    s.change("L1 text", lambda p: _replace(p.lessons, 0, text="Samarbetsklimatet har varit mycket gott."))
    s.save()
    git(tmp_path, "commit", "-qam", "SR9 och L1")

    merge = subprocess.run(["git", "merge", "--no-edit", "anna"], cwd=tmp_path, capture_output=True, text=True)
    assert merge.returncode == 0, merge.stdout + merge.stderr
    merged = read_project(path)
    assert merged.problems == []
    p = merged.project
    assert p.milestones[2].planned == date(2009, 3, 1)
    assert p.status_reports[-1].id == "SR9" and p.lessons[0].text == "Samarbetsklimatet har varit mycket gott."
    assert render(p) == path.read_text(encoding="utf-8")  # still canonical after the merge
