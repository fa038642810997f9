"""The merge driver with real git: two clones of one bare repository, as two project leaders."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lilla_ratten.model import Activity, Milestone, StatusReport
from lilla_ratten.storage import read_project, render
from tests.conftest import SAMPLES
from tests.test_cli import cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed on this machine")

SAMPLE = SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml"


# git runs the merge driver with this environment: the language is the default one (Swedish)
ENV = {k: v for k, v in os.environ.items() if k not in ("LILLA_RATTEN_LANG", "LC_ALL", "LANGUAGE")} | {"LANG": "C.UTF-8"}


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, check=check, capture_output=True, text=True, env=ENV)


def clone(bare: Path, where: Path, name: str, driver: bool) -> Path:
    git(where.parent, "clone", "-q", str(bare), where.name)
    git(where, "config", "user.email", f"{name}@example.org")
    git(where, "config", "user.name", name)
    git(where, "config", "pull.rebase", "false")
    if driver:
        r = cli("git-setup", str(where))
        assert r.returncode == 0, r.stderr
    return where


@pytest.fixture
def shared(tmp_path: Path):
    """A bare repository holding the sample; returns a function making a leader's clone."""
    bare = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    first = clone(bare, tmp_path / "first", "first", driver=False)
    shutil.copy(SAMPLE, first / "projekt.toml")
    git(first, "add", ".")
    git(first, "commit", "-qm", "Projektet läggs upp")
    git(first, "push", "-q", "origin", "HEAD:refs/heads/main")
    git(bare, "symbolic-ref", "HEAD", "refs/heads/main")
    return lambda name, driver=True: clone(bare, tmp_path / name, name, driver)


def edit(repo: Path, change, message: str, push: bool = True) -> None:
    loaded = read_project(repo / "projekt.toml")
    change(loaded.project)
    loaded.save()
    git(repo, "commit", "-qam", message)
    if push:
        git(repo, "push", "-q", "origin", "HEAD")


def annas(p) -> None:
    p.milestones.append(Milestone(id="M8", title="Annas delrapport", planned=dt.date(2009, 5, 1)))
    p.status_reports.append(StatusReport(id="SR1", date=dt.date(2009, 3, 5), overall="yellow", summary="Anna skriver"))
    p.milestone("M3").planned = dt.date(2009, 3, 1)
    p.activities = [a for a in p.activities if a.id != "A7"]


def bos(p) -> None:
    p.milestones.append(Milestone(id="M8", title="Bos seminarium", planned=dt.date(2009, 6, 1)))
    p.activities.append(Activity(id="A8", title="Förbereda seminariet", milestone="M8"))
    p.status_reports.append(StatusReport(id="SR1", date=dt.date(2009, 3, 6), overall="green", summary="Bo skriver"))
    p.milestone("M3").title = "Alla studiebesök genomförda"


def test_two_leaders_merge_without_conflict_through_the_driver(shared):
    anna, bo = shared("anna"), shared("bo")
    edit(anna, annas, "Annas ändringar")
    edit(bo, bos, "Bos ändringar", push=False)
    pulled = git(bo, "pull", "--no-edit", check=False)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    path = bo / "projekt.toml"
    assert cli("validate", str(path)).returncode == 0
    assert cli("fmt", "--check", str(path)).returncode == 0
    merged = read_project(path).project
    assert [m.id for m in merged.milestones][-2:] == ["M8", "M9"]
    assert [m.title for m in merged.milestones][-2:] == ["Annas delrapport", "Bos seminarium"]
    # Anna shared first: her ids stay; Bo's M8 is M9 now and his activity's reference followed
    assert next(a for a in merged.activities if a.id == "A8").milestone == "M9"
    assert [(r.id, r.summary) for r in merged.status_reports] == [("SR1", "Anna skriver"), ("SR2", "Bo skriver")]
    m3 = merged.milestone("M3")
    assert (m3.planned, m3.title) == (dt.date(2009, 3, 1), "Alla studiebesök genomförda")
    assert "A7" not in {a.id for a in merged.activities}
    assert merged.conflicts == []
    assert git(bo, "status", "--porcelain", "--untracked-files=no").stdout == ""  # the merge commit is made
    # and the merge goes back to Anna as an ordinary fast-forward
    git(bo, "push", "-q", "origin", "HEAD")
    git(anna, "pull", "-q", "--no-edit")
    assert (anna / "projekt.toml").read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_the_same_edits_conflict_with_plain_git(shared):
    anna, bo = shared("anna", driver=False), shared("bo", driver=False)
    edit(anna, annas, "Annas ändringar")
    edit(bo, bos, "Bos ändringar", push=False)
    pulled = git(bo, "pull", "--no-edit", check=False)
    assert pulled.returncode != 0
    assert "CONFLICT" in pulled.stdout
    text = (bo / "projekt.toml").read_text(encoding="utf-8")
    assert "<<<<<<<" in text
    r = cli("--lang", "en", "validate", str(bo / "projekt.toml"))
    assert r.returncode == 1 and "git left conflict markers in the file" in r.stdout + r.stderr  # recognised as such


def _conflicted(shared, mine, theirs) -> tuple[Path, subprocess.CompletedProcess]:
    anna, bo = shared("anna"), shared("bo")
    edit(anna, theirs, "Anna")
    edit(bo, mine, "Bo", push=False)
    return bo, git(bo, "pull", "--no-edit", check=False)


def test_true_conflicts_are_recorded_and_the_file_still_loads(shared):
    def sent_report(p):
        p.status_reports.append(StatusReport(id="SR1", date=dt.date(2009, 3, 5), overall="green", sent=dt.date(2009, 3, 6)))

    def anna(p):
        p.milestone("M3").title = "Annas titel"
        p.activities = [a for a in p.activities if a.id != "A6"]
        p.status_report("SR1").summary = "tillagt efteråt"

    def bo(p):
        p.milestone("M3").title = "Bos titel"
        next(a for a in p.activities if a.id == "A6").comment = "Bo har skrivit"

    first = shared("setup")
    edit(first, sent_report, "SR1 skickad")
    repo, pulled = _conflicted(shared, bo, anna)
    assert pulled.returncode != 0
    # git runs the driver in the user's language (Swedish unless the environment says otherwise)
    assert "projekt.toml: konflikter sparade under [[conflicts]]: 3; öppna filen i lilla-ratten och välj" in pulled.stderr
    path = repo / "projekt.toml"
    text = path.read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and "[[conflicts]]" in text
    loaded = read_project(path)  # still a project file
    found = {(tuple(c.path), c.reason, c.mine if not isinstance(c.mine, dict) else "record", c.theirs) for c in loaded.project.conflicts}
    assert found == {
        (("milestones", "M3", "title"), "changed", "Bos titel", "Annas titel"),
        (("activities", "A6"), "deleted", "record", None),
        (("status_reports", "SR1", "summary"), "sent", None, "tillagt efteråt"),
    }
    # the file holds mine until chosen; validate names each conflict
    assert loaded.project.milestone("M3").title == "Bos titel"
    r = cli("--lang", "en", "validate", str(path))
    assert r.returncode == 1
    assert "unresolved merge conflict at milestones M3 title" in r.stdout
    assert "unresolved merge conflict at activities A6" in r.stdout
    assert render(loaded.project, loaded.notes) == text  # canonical, conflicts and all
    unmerged = git(repo, "diff", "--name-only", "--diff-filter=U").stdout.split()
    assert unmerged == ["projekt.toml"]


def test_a_plugins_section_edited_on_both_sides_in_different_keys(shared, tmp_path):
    # "x" is no installed plugin: its section is merged as a plain table, key by key
    def add(p):
        p.ext["x"] = {"version": 1, "colour": "red", "size": 3, "rows": [{"id": "r1", "n": 1}, {"id": "r2", "n": 2}]}

    first = shared("setup")
    edit(first, add, "ext.x")

    def anna(p):
        p.ext["x"]["colour"] = "blue"
        p.ext["x"]["rows"][0]["n"] = 10

    def bo(p):
        p.ext["x"]["size"] = 4
        p.ext["x"]["rows"].append({"id": "r3", "n": 3})

    repo, pulled = _conflicted(shared, bo, anna)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert read_project(repo / "projekt.toml").project.ext["x"] == {
        "version": 1, "colour": "blue", "size": 4, "rows": [{"id": "r1", "n": 10}, {"id": "r2", "n": 2}, {"id": "r3", "n": 3}],
    }


def test_a_file_that_is_not_a_project_is_merged_line_by_line(shared):
    first = shared("setup")
    (first / "pyproject.toml").write_text('[tool.x]\na = 1\n\nb = 2\n', encoding="utf-8")
    git(first, "add", ".")
    git(first, "commit", "-qm", "py")
    git(first, "push", "-q", "origin", "HEAD")
    anna, bo = shared("anna"), shared("bo")
    (anna / "pyproject.toml").write_text('[tool.x]\na = 10\n\nb = 2\n', encoding="utf-8")
    git(anna, "commit", "-qam", "a")
    git(anna, "push", "-q", "origin", "HEAD")
    (bo / "pyproject.toml").write_text('[tool.x]\na = 1\n\nb = 20\n', encoding="utf-8")
    git(bo, "commit", "-qam", "b")
    pulled = git(bo, "pull", "--no-edit", check=False)
    assert pulled.returncode == 0, pulled.stderr
    assert (bo / "pyproject.toml").read_text(encoding="utf-8") == '[tool.x]\na = 10\n\nb = 20\n'


def test_git_setup_outside_a_repository_says_so(tmp_path):
    r = cli("--lang", "en", "git-setup", str(tmp_path))
    assert r.returncode == 1
    assert "not in a git repository" in r.stderr


def test_git_setup_replaces_the_textconv_only_line(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitattributes").write_text("*.csv text\n*.toml diff=lilla-ratten\n", encoding="utf-8")
    assert cli("git-setup", str(tmp_path)).returncode == 0
    assert cli("git-setup", str(tmp_path)).returncode == 0  # twice changes nothing more
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8") == "*.csv text\n*.toml diff=lilla-ratten merge=lilla-ratten\n"
    driver = git(tmp_path, "config", "merge.lilla-ratten.driver").stdout.strip()
    # through the clone's wrapper, found by git at run time: the Python this runs in comes first
    assert driver == 'sh "$(git rev-parse --git-common-dir)/lilla-ratten/run" merge-driver %O %A %B %P'
    assert sys.executable in (tmp_path / ".git" / "lilla-ratten" / "run").read_text(encoding="utf-8")


def test_a_merge_that_would_pass_the_size_limit_keeps_mine_and_says_why(tmp_path):
    """Found in review: two 5.8 MB edits merged into 11.6 MB, which no command could then open.
    The driver writes nothing; git keeps my version and reports a conflict."""
    from lilla_ratten.storage.safe_read import MAX_BYTES

    base = tmp_path / "base.toml"
    shutil.copy(SAMPLES / "ingen-ska-lamnas-utanfor-2.toml", base)
    loaded = read_project(base)
    half = "ord " * (MAX_BYTES // 7)  # each side about 5.7 MB, both together over 10 MB
    loaded.project.project.description = half
    ours = tmp_path / "ours.toml"
    ours.write_text(render(loaded.project, loaded.notes), encoding="utf-8")
    loaded = read_project(base)
    loaded.project.final.summary = half
    theirs = tmp_path / "theirs.toml"
    theirs.write_text(render(loaded.project, loaded.notes), encoding="utf-8")
    mine = ours.read_bytes()
    r = cli("--lang", "en", "merge-driver", str(base), str(ours), str(theirs), "project.toml")
    assert r.returncode == 1
    assert "project.toml: not merged: the merged file would be 11.5 MB, and a project file may be at most 10.0 MB" in r.stderr
    assert ours.read_bytes() == mine
