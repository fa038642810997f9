"""Reading a project file's earlier versions from git (the ``git`` command; nothing is written)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from attrs import define

from lilla_ratten.model.privacy import mask_identity_numbers


class GitError(Exception):
    """git is missing, the file is not in a repository, or a revision does not exist."""


@define(frozen=True)
class Commit:
    hash: str
    date: str  # ISO date of the commit
    author: str
    subject: str
    path: str = ""


def _git(path: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", *args], cwd=path.parent or Path("."), capture_output=True, text=True, encoding="utf-8", timeout=60
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if result.returncode != 0:
        raise GitError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"git {args[0]} failed")
    return result.stdout


def show(path: Path, rev: str) -> str | None:
    """The file's text at ``rev``; ``None`` if the file did not exist there."""
    _git(path, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    try:
        return _git(path, "show", f"{rev}:./{path.name}")
    except GitError:
        return None


def history(path: Path) -> list[Commit]:
    """Commits that changed the file, newest first, following renames (``Commit.path``
    is the file's name in that commit, from the repository's root)."""
    out = _git(path, "log", "--follow", "--name-only", "--format=%x1e%H%x1f%as%x1f%an%x1f%s", "--", path.name)
    commits = []
    for chunk in out.split("\x1e")[1:]:
        head, _sep, names = chunk.partition("\n")
        h, d, a, s = head.split("\x1f", 3)
        name = next((n for n in names.splitlines() if n.strip()), "")
        commits.append(Commit(h, d, mask_identity_numbers(a), mask_identity_numbers(s), name))  # shown as history
    return commits


def show_at(path: Path, rev: str, name: str) -> str | None:
    """The text of ``name`` (from the repository's root) at ``rev``; ``None`` if absent."""
    try:
        return _git(path, "show", f"{rev}:{name}")
    except GitError:
        return None
