"""Sharing ("Dela") with real git: the commit message, push, a rejected push, no remote, no repository."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from lilla_ratten.i18n import set_language
from lilla_ratten.model import StatusReport
from lilla_ratten.reports.git_history import commit_message, entries, last_meeting, since
from lilla_ratten.storage import read_project
from lilla_ratten.storage.git_share import ShareError, share
from tests.test_merge_driver import SAMPLE, annas, bos, edit, git, shared  # noqa: F401 - shared is a fixture

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed on this machine")


def change(repo: Path, what) -> Path:
    loaded = read_project(repo / "projekt.toml")
    what(loaded.project)
    loaded.save()
    return repo / "projekt.toml"


def sr4(p) -> None:
    p.status_reports.append(StatusReport(id="SR4", date=dt.date(2009, 3, 5), overall="yellow"))
    p.milestone("M3").planned = dt.date(2009, 3, 1)


def log(repo: Path, rev: str = "HEAD") -> list[str]:
    return git(repo, "log", "--format=%s", rev).stdout.splitlines()


def test_the_commit_message_says_what_changed_in_project_terms(shared):
    anna = shared("anna")
    path = change(anna, sr4)
    project = read_project(path).project
    message = commit_message(path, project)
    assert message.splitlines()[0] == "M3 planned date moved 2009-02-15 → 2009-03-01; status report SR4 added, overall (!) yellow, 2009-03-05"
    assert message.splitlines()[2:] == ["- M3 planned date moved 2009-02-15 → 2009-03-01", "- status report SR4 added, overall (!) yellow, 2009-03-05"]
    set_language("sv")
    try:
        assert commit_message(path, project).splitlines()[0] == (
            "M3 planerat datum flyttat 2009-02-15 → 2009-03-01; lägesrapport SR4 tillagd, sammantaget (!) gul, 2009-03-05"
        )
    finally:
        set_language("en")


def test_share_commits_and_pushes_to_the_bare_repository(shared, tmp_path):
    anna = shared("anna")
    path = change(anna, sr4)
    done = share(path, commit_message(path, read_project(path).project))
    assert (done.committed, done.pushed, done.merged, done.remote) == (True, True, False, "origin")
    assert log(tmp_path / "shared.git", "main")[0].startswith("M3 planned date moved")
    again = share(path, "nothing")
    assert (again.committed, again.pushed) == (False, True)  # nothing new: no empty commit


def test_remote_ahead_share_merges_through_the_driver_and_pushes(shared, tmp_path):
    anna, bo = shared("anna", driver=False), shared("bo", driver=False)  # share sets the driver up itself
    edit(anna, annas, "Annas ändringar")
    path = change(bo, bos)
    done = share(path, "Bos ändringar")
    assert (done.committed, done.merged, done.pushed, done.conflicts) == (True, True, True, False)
    merged = read_project(path).project
    assert [m.title for m in merged.milestones][-2:] == ["Annas delrapport", "Bos seminarium"]
    assert log(tmp_path / "shared.git", "main")[:1] == [log(bo)[0]]
    assert len(git(bo, "log", "-1", "--format=%P").stdout.split()) == 2  # a merge commit
    assert (bo / ".gitattributes").exists() is False  # set up in .git/info, nothing added to the commit


def test_a_push_rejected_because_the_remote_moved_is_pulled_merged_and_pushed_again(shared, tmp_path):
    anna, bo = shared("anna"), shared("bo")
    # Anna shares just as Bo pushes: Bo's pre-push hook makes her push land first, once
    hook = bo / ".git" / "hooks" / "pre-push"
    hook.write_text(
        "#!/bin/sh\n"
        f"[ -e '{tmp_path}/raced' ] && exit 0\n"
        f"touch '{tmp_path}/raced'\n"
        f"cd '{anna}' && git push -q origin HEAD >/dev/null 2>&1\n"
        "exit 0\n",
        encoding="utf-8",
    )
    hook.chmod(0o755)
    edit(anna, annas, "Annas ändringar", push=False)
    path = change(bo, bos)
    done = share(path, "Bos ändringar")
    assert (tmp_path / "raced").exists()
    assert done.pushed and done.merged
    remote = log(tmp_path / "shared.git", "main")
    assert "Annas ändringar" in remote and "Bos ändringar" in remote
    assert "Annas delrapport" in (bo / "projekt.toml").read_text(encoding="utf-8")


def test_no_remote_commits_only(tmp_path):
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "a@example.org")
    git(tmp_path, "config", "user.name", "A")
    path = tmp_path / "projekt.toml"
    shutil.copy(SAMPLE, path)
    done = share(path, "Projektet läggs upp")
    assert (done.committed, done.pushed, done.remote) == (True, False, None)
    assert log(tmp_path) == ["Projektet läggs upp"]


def test_failures_are_said_and_lose_nothing(tmp_path, shared):
    outside = tmp_path / "ute" / "projekt.toml"
    outside.parent.mkdir()
    shutil.copy(SAMPLE, outside)
    with pytest.raises(ShareError, match="not in a git repository: nothing to share with"):
        share(outside, "x")
    anna = shared("anna")
    # a hook refusing the commit: the file is unchanged, nothing staged
    hook = anna / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'no commits on Fridays' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    path = change(anna, sr4)
    before = path.read_bytes()
    with pytest.raises(ShareError, match="git refused the commit: an error the app does not recognise \\(git's own words, in English: \u201cno commits on Fridays\u201d\\). Your file is saved and unchanged"):
        share(path, "x")
    assert path.read_bytes() == before
    assert git(anna, "diff", "--cached", "--name-only").stdout == ""
    hook.unlink()
    # a remote that cannot be reached: committed here, said so
    git(anna, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    with pytest.raises(ShareError, match="Nothing was fetched or sent: the shared repository cannot be reached .*Your change is committed here") as said:
        share(path, "SR4")
    # in plain words (not "does not appear to be a git repository"), and what waits here
    assert "cannot be reached" in str(said.value) and "git repository" not in str(said.value)
    assert "1 version here is not sent yet." in str(said.value)
    assert log(anna)[0] == "SR4"
    # a detached HEAD
    git(anna, "checkout", "-q", "--detach")
    with pytest.raises(ShareError, match="detached HEAD"):
        share(path, "x")


def test_an_unrelated_file_clashing_undoes_the_merge_and_keeps_the_commit(shared, tmp_path):
    anna, bo = shared("anna"), shared("bo")
    (anna / "anteckningar.txt").write_text("Anna\n", encoding="utf-8")
    git(anna, "add", "anteckningar.txt")
    git(anna, "commit", "-qm", "Annas anteckningar")
    git(anna, "push", "-q", "origin", "HEAD")
    (bo / "anteckningar.txt").write_text("Bo\n", encoding="utf-8")
    git(bo, "add", "anteckningar.txt")
    git(bo, "commit", "-qm", "Bos anteckningar")
    path = change(bo, sr4)
    mine = path.read_bytes()
    with pytest.raises(ShareError, match=r"clash in files the app cannot settle \(anteckningar.txt\); the merge was undone"):
        share(path, "SR4")
    assert path.read_bytes() == mine
    assert log(bo)[0] == "SR4"
    assert git(bo, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode != 0


def test_history_entries_and_what_changed_since_the_last_meeting(shared):
    anna = shared("anna")
    path = change(anna, sr4)
    git(anna, "commit", "-qam", "SR4", "--date", "2009-03-05T12:00:00")
    project = read_project(path).project
    project.status_reports[-1].sent = dt.date(2009, 3, 6)
    assert last_meeting(project, dt.date(2009, 4, 1)) == dt.date(2009, 3, 6)
    assert last_meeting(project, dt.date(2009, 3, 1)) is None
    found = entries(path)
    assert [e.commit.subject for e in found] == ["SR4", "Projektet läggs upp"]
    assert found[0].lines == ["M3 planned date moved 2009-02-15 → 2009-03-01", "status report SR4 added, overall (!) yellow, 2009-03-05"]
    assert found[1].lines == ["file created"]
    found = since(path, project, dt.date.today())  # no version holds the meeting: the one committed by then
    assert found.commit.subject == "SR4"
    assert [(c.line, c.authors, c.uncommitted) for c in found.changes] == [("status report SR4, sent: (nothing) → 2009-03-06", "you", True)]



def test_the_merge_commit_says_in_words_whose_changes_came_in(shared):
    anna, bo = shared("anna"), shared("bo")
    edit(anna, annas, "Annas ändringar")
    path = change(bo, bos)
    share(path, "Bos ändringar")
    assert log(bo)[0] == "Merged the others' changes"


def test_share_pushes_to_the_branch_the_local_one_follows(tmp_path):
    """A local `master` set up with `push -u origin HEAD:main`: Dela pushed a new `master` to the
    remote and re-pointed the upstream (seen in tmux); it must push to `main`."""
    import subprocess

    from lilla_ratten.storage.git_share import share
    from tests.conftest import MINIMAL

    def git(*args, cwd):
        return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout

    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    git("init", "-q", "-b", "master", cwd=work)
    git("config", "user.email", "a@b.se", cwd=work)
    git("config", "user.name", "Anna", cwd=work)
    (work / "p.toml").write_text(MINIMAL, encoding="utf-8")
    git("add", ".", cwd=work)
    git("commit", "-qm", "start", cwd=work)
    git("remote", "add", "origin", str(remote), cwd=work)
    git("push", "-q", "-u", "origin", "HEAD:main", cwd=work)
    (work / "p.toml").write_text(MINIMAL.replace("Uppföljning", "Uppföljning med styrgruppen"), encoding="utf-8")
    done = share(work / "p.toml", "M2 omdöpt")
    assert done.pushed
    assert git("branch", "--format=%(refname:short)", cwd=remote).split() == ["main"]
    assert git("log", "-1", "--format=%s", "main", cwd=remote).strip() == "M2 omdöpt"
    assert git("config", "branch.master.merge", cwd=work).strip() == "refs/heads/main"


def test_a_git_message_the_app_does_not_know_is_a_swedish_sentence_with_gits_words_as_detail(tmp_path):
    """A real git failure outside the known patterns (a hook refusing the commit): in Swedish the
    sentence says what failed; git's English is only the quoted detail."""
    anna = tmp_path / "anna"
    anna.mkdir()
    git(anna, "init", "-q")
    git(anna, "config", "user.name", "Anna")
    git(anna, "config", "user.email", "anna@example.org")
    shutil.copy(SAMPLE, anna / "projekt.toml")
    hook = anna / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'policy check failed' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    set_language("sv")
    try:
        with pytest.raises(ShareError) as said:
            share(anna / "projekt.toml", "x")
    finally:
        set_language("en")
    assert str(said.value).startswith(
        "git vägrade spara versionen: ett fel som appen inte känner igen (git:s egna ord, på engelska: \u201cpolicy check failed\u201d)."
    ), str(said.value)
