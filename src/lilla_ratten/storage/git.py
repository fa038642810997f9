"""Reading a project file's earlier versions from git (the ``git`` command; nothing is written)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
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
    path: str = ""  # the file's name in this commit, from the repository's root
    parents: tuple[str, ...] = ()
    parent_path: str = ""  # the file's name in the first parent (another name: renamed here)


def _git(path: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", *args], cwd=path.parent or Path("."), capture_output=True, text=True, encoding="utf-8", timeout=60
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if result.returncode != 0:
        from lilla_ratten.storage.git_share import _last_line  # known reasons said plainly, never English alone

        raise GitError(_last_line(result))
    return result.stdout


def show(path: Path, rev: str) -> str | None:
    """The file's text at ``rev``; ``None`` if the file did not exist there."""
    _git(path, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    try:
        return _git(path, "show", f"{rev}:./{path.name}")
    except GitError:
        return None


_FORMAT = "--format=%H%x1f%P%x1f%as%x1f%an%x1f%s"


def top_and_name(path: Path) -> tuple[Path, str]:
    """The repository's root and the file's name from it."""
    top = Path(_git(path, "rev-parse", "--show-toplevel").strip())
    return top, path.resolve().relative_to(top.resolve()).as_posix()


def walk(path: Path, rev: str = "HEAD") -> Iterator[Commit]:
    """Commits that changed the file, newest first, streamed as git finds them (the first at
    once, however long the history), merges included (``--full-history``: a merge is listed
    when the file in it differs from a parent), following renames to the file's older names.
    ``GitError`` outside git."""
    top, name = top_and_name(path)
    while True:
        last = None
        proc = subprocess.Popen(
            ["git", "log", "--full-history", _FORMAT, rev, "--", name],
            cwd=top, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace",
        )
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if last is not None:
                    yield last  # held back one: only the oldest can be where the file was renamed
                h, parents, d, a, s = line.rstrip("\n").split("\x1f", 4)
                a, s = mask_identity_numbers(a), mask_identity_numbers(s)  # shown as history
                last = Commit(h, d, a, s, name, tuple(parents.split()), name)
        finally:
            if proc.stdout:
                proc.stdout.close()
            proc.kill()
            proc.wait()
        if last is None:
            return
        older = _renamed_from(top, last.parents[0], last.hash, name) if last.parents else ""
        if not older:
            yield last
            return
        yield Commit(last.hash, last.date, last.author, last.subject, name, last.parents, older)
        rev, name = last.parents[0], older  # renamed in ``last``: on under the old name


def _renamed_from(top: Path, parent: str, commit: str, name: str) -> str:
    """The file's name in ``parent`` when ``commit`` renamed it to ``name`` ("" when not)."""
    found = subprocess.run(["git", "cat-file", "-e", f"{parent}:{name}"], cwd=top, capture_output=True)
    if found.returncode == 0:
        return ""
    out = subprocess.run(["git", "diff-tree", "-r", "-M", "--name-status", "-z", parent, commit],
                         cwd=top, capture_output=True, text=True).stdout.split("\0")
    for i, field in enumerate(out):
        if field.startswith("R") and i + 2 < len(out) and out[i + 2] == name:
            return out[i + 1]
    return ""


class Blobs:
    """Versions of files read through one ``git cat-file --batch`` (one process for a whole
    history, not one per version); each text is read once, by blob id."""

    def __init__(self, path: Path) -> None:
        self.top, self.name = top_and_name(path)
        self.proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.top, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def get(self, rev: str, name: str) -> tuple[str, str] | None:
        """(blob id, text) of ``name`` at ``rev``; ``None`` when it is not there."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"{rev}:{name}\n".encode())
        self.proc.stdin.flush()
        head = self.proc.stdout.readline().split()
        if len(head) != 3:
            return None
        data = self.proc.stdout.read(int(head[2]) + 1)[:-1]
        return head[0].decode(), data.decode("utf-8", errors="replace")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> Blobs:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def run(path: Path, *args: str) -> str:
    """Another git question about the file's repository (``GitError`` when git says no)."""
    top, _name = top_and_name(path)
    return _git(top / "x", *args)
