"""diff, log and textconv against a real temporary git repository with several commits."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.test_cli import cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed on this machine")

SR4 = """
[[status_reports]]
id = "SR4"
date = 2009-03-05
overall = "yellow"
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Three commits: the project added, M3 moved, SR4 added; then M4 moved in the work tree."""
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "anna@example.org")
    git(tmp_path, "config", "user.name", "Anna Projektledare")
    path = tmp_path / "projekt.toml"
    shutil.copy(SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml", path)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "Projektet läggs upp")
    text = path.read_text(encoding="utf-8")
    m3 = text.index('id = "M3"')
    path.write_text(text[:m3] + text[m3:].replace("planned = 2009-02-15", "planned = 2009-03-01", 1), encoding="utf-8")
    git(tmp_path, "commit", "-qam", "M3 flyttad")
    path.write_text(path.read_text(encoding="utf-8") + SR4, encoding="utf-8")
    git(tmp_path, "commit", "-qam", "Lägesrapport 4")
    text = path.read_text(encoding="utf-8")
    m4 = text.index('id = "M4"')
    path.write_text(text[:m4] + text[m4:].replace("planned = 2009-03-01", "planned = 2009-04-01", 1), encoding="utf-8")
    return tmp_path


def test_diff_between_two_revisions(repo):
    r = cli("--lang", "en", "diff", "HEAD~2", "HEAD", str(repo / "projekt.toml"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "M3 planned date moved 2009-02-15 → 2009-03-01",
        "status report SR4 added, overall (!) yellow, 2009-03-05",
    ]


def test_diff_of_the_work_tree_against_head_and_against_one_revision(repo):
    assert cli("--lang", "en", "diff", str(repo / "projekt.toml")).stdout.splitlines() == ["M4 planned date moved 2009-03-01 → 2009-04-01"]
    out = cli("--lang", "en", "diff", "HEAD~1", str(repo / "projekt.toml")).stdout.splitlines()
    assert out == ["M4 planned date moved 2009-03-01 → 2009-04-01", "status report SR4 added, overall (!) yellow, 2009-03-05"]


def test_diff_in_swedish_and_of_a_budget_figure(repo):
    path = repo / "projekt.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("outcome = 394450", "outcome = 396221"), encoding="utf-8")
    r = cli("--lang", "sv", "diff", "HEAD", str(path))
    assert "budget utfall 394450 → 396221 (+1\N{NO-BREAK SPACE}771)" in r.stdout.splitlines()
    assert "budget lines[total] utfall 394450 → 396221 (+1\N{NO-BREAK SPACE}771)" in r.stdout.splitlines()
    assert "M4 planerat datum flyttat 2009-03-01 → 2009-04-01" in r.stdout.splitlines()


def test_diff_messages_for_a_bad_revision_and_a_file_outside_git(repo, tmp_path_factory):
    r = cli("diff", "nosuchrev", str(repo / "projekt.toml"))
    assert r.returncode == 1 and "projekt.toml" in r.stderr and "Traceback" not in r.stderr
    outside = tmp_path_factory.mktemp("nogit") / "p.toml"
    shutil.copy(SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml", outside)
    r = cli("diff", str(outside))  # Swedish by default: git's "fatal: not a git repository" said plainly
    assert r.returncode == 1 and "mappen ligger inte i git" in r.stderr and "fatal" not in r.stderr
    r = cli("--lang", "en", "diff", str(outside))
    assert r.returncode == 1 and "the folder is not in a git repository" in r.stderr


def test_log_lists_each_commit_with_what_it_changed(repo):
    r = cli("--lang", "en", "log", str(repo / "projekt.toml"))
    assert r.returncode == 0, r.stderr
    blocks = [b.splitlines() for b in r.stdout.strip().split("\n\n")]
    assert [b[0].split(" ", 2)[2] for b in blocks] == [
        "Anna Projektledare: Lägesrapport 4", "Anna Projektledare: M3 flyttad", "Anna Projektledare: Projektet läggs upp"]
    assert blocks[0][1:] == ["    status report SR4 added, overall (!) yellow, 2009-03-05"]
    assert blocks[1][1:] == ["    M3 planned date moved 2009-02-15 → 2009-03-01"]
    assert blocks[2][1:] == ["    file created"]


def test_log_follows_a_rename(repo):
    git(repo, "checkout", "-q", "--", ".")
    git(repo, "mv", "projekt.toml", "barnperspektivet.toml")
    git(repo, "commit", "-qm", "Nytt namn")
    r = cli("--lang", "en", "log", str(repo / "barnperspektivet.toml"))
    assert r.returncode == 0, r.stderr
    assert "Nytt namn\n    no changes" in r.stdout or "Nytt namn\n\n" in r.stdout
    assert "M3 planned date moved 2009-02-15 → 2009-03-01" in r.stdout


def test_git_diff_through_the_textconv_driver(repo):
    (repo / ".gitattributes").write_text("*.toml diff=lilla-ratten\n", encoding="utf-8")
    git(repo, "config", "diff.lilla-ratten.textconv", f"{sys.executable} -m lilla_ratten textconv")
    out = git(repo, "diff", "HEAD~2", "HEAD", "--", "projekt.toml")
    changed = [line for line in out.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert "-milestones M3 planned = 2009-02-15" in changed
    assert "+milestones M3 planned = 2009-03-01" in changed
    assert "+status_reports SR4 overall = yellow" in changed
    assert len(changed) == 4  # the M3 move and SR4's date and light, nothing else
    log = git(repo, "log", "-p", "--format=%s", "--", "projekt.toml")
    assert "+milestones M3 planned = 2009-03-01" in log


def test_textconv_passes_an_unreadable_file_through(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("this is [not toml\n", encoding="utf-8")
    r = cli("textconv", str(bad))
    assert r.returncode == 0 and r.stdout == "this is [not toml\n"
