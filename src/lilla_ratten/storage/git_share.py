"""Sharing a project file through git: set-up, commit, pull through the merge driver, push.

The ``git`` program is run plainly (``subprocess``), as ``storage/git.py`` reads with it:
the users' clones, credentials, hooks and remotes are configured for that program, and
a library (GitPython, pygit2) would either call it anyway or re-implement merging,
hooks and transports differently from what the user's ``git`` does.

Every failure is a ``ShareError`` whose text says, in the user's language, what did not
happen and that nothing was lost: the file is committed before anything is fetched,
and a merge this module cannot leave settled is aborted (``git merge --abort``).
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from attrs import define

from lilla_ratten.i18n import _
from lilla_ratten.storage.git import GitError
from lilla_ratten.storage.safe_read import read_file_bytes

DRIVER = "lilla-ratten"
ATTRIBUTES_LINE = f"*.toml diff={DRIVER} merge={DRIVER}"
TIMEOUT = 120  # a fetch or push over a slow network; beyond that it is said to have failed


class ShareError(Exception):
    """Sharing stopped; the message says why and what state the file is in."""


@define
class Setup:
    attributes: Path


@define
class Shared:
    committed: bool = False
    merged: bool = False  # someone else's changes came in (the file on disk changed)
    pushed: bool = False
    conflicts: bool = False  # the merge left recorded conflicts: choose in the app, then finish
    remote: str | None = None


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise GitError(_("git is not installed")) from None
    except subprocess.TimeoutExpired:
        raise GitError(_("git {command} took longer than {seconds} s").format(command=args[0], seconds=TIMEOUT)) from None
    if check and result.returncode != 0:
        raise GitError(_last_line(result))
    return result


def _last_line(result: subprocess.CompletedProcess) -> str:
    lines = [ln.strip() for ln in (result.stderr or result.stdout or "").splitlines() if ln.strip()]
    said = [ln.split(":", 1)[1].strip() for ln in lines if ln.startswith(("error:", "fatal:"))]
    if said:  # git's own reason, not its closing "Aborting" or "Merge with strategy ort failed."
        return said[0]
    hints = [ln for ln in lines if not ln.startswith("hint:")]
    return (hints or lines or ["git failed"])[-1]


def driver_command() -> str:
    """How git is to call this program: the Python that runs it now (no reliance on PATH)."""
    return f"{shlex.quote(sys.executable)} -m lilla_ratten"


def top_level(folder: Path) -> Path:
    result = git(folder, "rev-parse", "--show-toplevel", check=False)
    if result.returncode != 0:
        raise GitError(_("not in a git repository"))
    return Path(result.stdout.strip())


def configure(top: Path, command: str) -> None:
    """The per-clone part: the commands git runs for diffs and merges of project files."""
    git(top, "config", f"merge.{DRIVER}.name", "Lilla Ratten project files, merged by record and field")
    git(top, "config", f"merge.{DRIVER}.driver", f"{command} merge-driver %O %A %B %P")
    git(top, "config", f"diff.{DRIVER}.textconv", f"{command} textconv")


def _add_line(file: Path) -> None:
    text = file.read_text(encoding="utf-8") if file.exists() else ""
    lines = text.splitlines()
    if ATTRIBUTES_LINE in lines:
        return
    old = f"*.toml diff={DRIVER}"  # the textconv-only line the README used to give
    lines = [ATTRIBUTES_LINE if ln.strip() == old else ln for ln in lines]
    if ATTRIBUTES_LINE not in lines:
        lines.append(ATTRIBUTES_LINE)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def setup(folder: Path, command: str) -> Setup:
    """``git-setup``: the committed ``.gitattributes`` line and this clone's config."""
    top = top_level(folder)
    configure(top, command)
    _add_line(top / ".gitattributes")
    return Setup(top / ".gitattributes")


def ensure_driver(top: Path, command: str) -> None:
    """Before sharing: the driver set up in this clone only (``.git/info/attributes``),
    so sharing never adds a file to the user's commit that they did not write."""
    configure(top, command)
    attributes = top / ".gitattributes"
    if attributes.exists() and ATTRIBUTES_LINE in attributes.read_text(encoding="utf-8").splitlines():
        return
    info = Path(git(top, "rev-parse", "--git-path", "info/attributes").stdout.strip())
    _add_line(info if info.is_absolute() else top / info)


def in_merge(top: Path) -> bool:
    return git(top, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode == 0


def _branch(top: Path) -> str:
    result = git(top, "symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if result.returncode != 0:
        raise ShareError(_("git is not on a branch (detached HEAD): nothing was committed. Ask someone used to git to check out a branch."))
    return result.stdout.strip()


def _remote_branch(top: Path, branch: str) -> str:
    """The branch on the remote this one follows (``main`` for a local ``master`` set up with
    ``push -u origin HEAD:main``); by default the same name."""
    merge = git(top, "config", f"branch.{branch}.merge", check=False).stdout.strip()
    return merge.removeprefix("refs/heads/") if merge.startswith("refs/heads/") else branch


def _remote(top: Path, branch: str) -> str | None:
    configured = git(top, "config", f"branch.{branch}.remote", check=False).stdout.strip()
    if configured:
        return configured
    remotes = git(top, "remote").stdout.split()
    return "origin" if "origin" in remotes else (remotes[0] if remotes else None)


def recorded_conflicts(path: Path) -> int:
    """How many ``[[conflicts]]`` the file holds now (0 if it cannot be read as a project)."""
    from lilla_ratten.storage.files import parse_project

    try:
        parsed = parse_project(read_file_bytes(path).decode("utf-8"), str(path))
    except (OSError, UnicodeDecodeError):
        return 0
    return len(parsed.project.conflicts) if parsed.project is not None else 0


def share(path: Path, message: str, command: str | None = None) -> Shared:
    """Commit ``path`` with ``message``, merge what the others shared, send it back."""
    path = Path(path).resolve()
    try:
        top = top_level(path.parent)
    except GitError as exc:
        raise ShareError(_("{file} is not in a git repository: nothing to share with ({error}).").format(file=path.name, error=exc)) from None
    if in_merge(top):
        raise ShareError(_("A merge is not finished yet: choose in the conflicts first, then finish the merge."))
    branch = _branch(top)
    ensure_driver(top, command or driver_command())
    rel = str(path.relative_to(top))
    done = Shared()
    git(top, "add", "--", rel)
    if git(top, "diff", "--cached", "--quiet", "--", rel, check=False).returncode == 1:
        result = git(top, "commit", "-q", "-m", message, "--", rel, check=False)
        if result.returncode != 0:
            git(top, "reset", "-q", "--", rel, check=False)
            raise ShareError(
                _("git refused the commit: {error}. Your file is saved and unchanged; nothing was sent.").format(error=_last_line(result))
            )
        done.committed = True
    done.remote = _remote(top, branch)
    if done.remote is None:
        return done
    tracked = bool(git(top, "config", f"branch.{branch}.merge", check=False).stdout.strip())
    remote_branch = _remote_branch(top, branch)
    for _attempt in range(3):
        _pull(top, rel, done, remote_branch)
        if done.conflicts:
            return done
        # -u only for a branch that follows none yet: never re-point one the user set up
        upstream = [] if tracked else ["-u"]
        result = git(top, "push", "-q", *upstream, done.remote, f"HEAD:refs/heads/{remote_branch}", check=False)
        if result.returncode == 0:
            done.pushed = True
            return done
        error = result.stderr or ""
        if "rejected" not in error and "fetch first" not in error and "non-fast-forward" not in error:
            raise ShareError(
                _("Could not send to {remote}: {error}. Your change is committed here; press Share again later.").format(
                    remote=done.remote, error=_last_line(result)
                )
            )
    raise ShareError(_("{remote} kept getting new changes while sending; your change is committed here: press Share again.").format(remote=done.remote))


def _pull(top: Path, rel: str, done: Shared, branch: str) -> None:
    """Fetch, then merge the remote branch (through the merge driver) if there is one."""
    fetched = git(top, "fetch", "-q", done.remote, check=False)
    if fetched.returncode != 0:
        raise ShareError(
            _("Could not reach {remote}: {error}. Your change is committed here; press Share again later.").format(
                remote=done.remote, error=_last_line(fetched)
            )
        )
    theirs = f"refs/remotes/{done.remote}/{branch}"
    if git(top, "rev-parse", "-q", "--verify", theirs, check=False).returncode != 0:
        return  # the branch is not there yet: the push creates it
    before = git(top, "rev-parse", "HEAD").stdout.strip()
    said = _("Merged the others' changes from {remote}").format(remote=done.remote)
    merged = git(top, "merge", "-q", "--no-edit", "-m", said, theirs, check=False)
    if merged.returncode == 0:
        done.merged = done.merged or git(top, "rev-parse", "HEAD").stdout.strip() != before
        return
    unmerged = git(top, "diff", "--name-only", "--diff-filter=U").stdout.split()
    if unmerged == [rel] and recorded_conflicts(top / rel):
        done.merged = done.conflicts = True
        return
    git(top, "merge", "--abort", check=False)
    if unmerged:
        raise ShareError(
            _("The others' changes clash in files the app cannot settle ({files}); the merge was undone and your commit is kept here. Ask someone used to git.").format(
                files=", ".join(unmerged)
            )
        )
    raise ShareError(
        _("The others' changes could not be merged: {error}. The merge was undone and your commit is kept here.").format(
            error=_last_line(merged)
        )
    )


def finish_merge(path: Path) -> None:
    """After the last conflict is chosen and the file saved: the merge commit."""
    path = Path(path).resolve()
    top = top_level(path.parent)
    if not in_merge(top):
        return
    git(top, "add", "--", str(path.relative_to(top)))
    result = git(top, "commit", "-q", "--no-edit", check=False)
    if result.returncode != 0:
        raise ShareError(_("git refused the merge commit: {error}. The file is saved.").format(error=_last_line(result)))
