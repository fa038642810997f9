"""Unsaved changes kept outside the project file, so that work survives the app's end.

Every change in the app is written here at once (the project as it would be saved);
a save, a reload or a "quit without saving" removes it. If the app ends any other way
— the terminal window closed, the SSH connection dropped, the process killed — the
next `lilla-ratten open` of the same file finds it and offers to bring it back.

The copies live in the user's own state folder (``$LILLA_RATTEN_STATE``, else
``$XDG_STATE_HOME/lilla-ratten/unsaved``, else ``~/.local/state/lilla-ratten/unsaved``),
never beside the project: nothing appears in the project's folder or in ``git status``,
and a portfolio never mistakes a copy for a project. They are readable by their owner
only, as a project being edited may hold what has not been checked yet.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from datetime import datetime
from pathlib import Path

from attrs import frozen

from lilla_ratten.storage.atomic import atomic_write

_HEADER = "# lilla-ratten: unsaved changes to {path}\n# read from the version {digest}, kept {kept}\n"
_HEADER_RE = re.compile(r"# lilla-ratten: unsaved changes to (?P<path>.*)\n# read from the version (?P<digest>\w*), kept (?P<kept>\S+)\n")


@frozen
class Unsaved:
    """What was kept: the project's text, which version of the file it started from, when."""

    text: str
    base_digest: str  # the digest of the file as it was read; "" for a file that did not exist
    kept: datetime
    copy: Path


def state_dir() -> Path:
    configured = os.environ.get("LILLA_RATTEN_STATE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "lilla-ratten" / "unsaved"


def copy_path(path: Path | str) -> Path:
    """Where the unsaved changes of ``path`` are kept: one copy per project file."""
    where = str(Path(path).resolve())
    return state_dir() / f"{Path(path).stem}-{hashlib.sha256(where.encode()).hexdigest()[:16]}.toml"


def keep(path: Path | str, text: str, base_digest: str | None, now: datetime | None = None) -> Path:
    """Write (replacing) the unsaved version of ``path``; returns where."""
    copy = copy_path(path)
    copy.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    kept = (now or datetime.now()).replace(microsecond=0).isoformat()
    header = _HEADER.format(path=Path(path).resolve(), digest=base_digest or "", kept=kept)
    if not copy.exists():  # atomic_write keeps an existing file's mode: make the first one private
        copy.touch(mode=0o600)
    atomic_write(copy, (header + text).encode("utf-8"))
    return copy


def find(path: Path | str) -> Unsaved | None:
    """The kept unsaved changes of ``path``, if there are any (an unreadable copy counts as none)."""
    copy = copy_path(path)
    try:
        data = copy.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    m = _HEADER_RE.match(data)
    if m is None or m["path"] != str(Path(path).resolve()):
        return None
    try:
        kept = datetime.fromisoformat(m["kept"])
    except ValueError:
        return None
    return Unsaved(data[m.end():], m["digest"], kept, copy)


def discard(path: Path | str) -> None:
    """The changes were saved, or dropped on purpose: forget the copy."""
    with contextlib.suppress(FileNotFoundError):
        copy_path(path).unlink()
