"""Unsaved changes kept outside the project file, so that work survives the app's end.

Each editing session writes its changes at once to a copy of its own (the project as
it would be saved) and holds a lock on it while it runs; a save, a reload or a "quit
without saving" removes that copy. If the app ends any other way — the terminal window
closed, the SSH connection dropped, the process killed — the copy stays unlocked, and
the next `lilla-ratten open` of the same file offers to bring it back. A copy whose
session still runs (the file open in another window) is never offered, and a session
only ever removes its own copy or one the user chose to bring back or discard.

The copies live in the user's own state folder (``$LILLA_RATTEN_STATE``, else
``$XDG_STATE_HOME/lilla-ratten/unsaved``, else ``~/.local/state/lilla-ratten/unsaved``),
never beside the project: nothing appears in the project's folder or in ``git status``,
and a portfolio never mistakes a copy for a project. They are readable by their owner
only (0600), as a project being edited may hold what has not been checked yet.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import hashlib
import os
import re
from datetime import datetime
from pathlib import Path

from attrs import frozen

from lilla_ratten.storage.atomic import atomic_write, encoded, glob_escape

_HEADER = "# lilla-ratten: unsaved changes to {path}\n# read from the version {digest}, kept {kept}\n"
_HEADER_RE = re.compile(r"# lilla-ratten: unsaved changes to (?P<path>\".*\")\n# read from the version (?P<digest>\w*), kept (?P<kept>\S+)\n")


@frozen
class Unsaved:
    """A copy left by a session that ended without saving: its text, the version it started from, when."""

    text: str  # the project's text, as it would have been saved
    base_digest: str  # the digest of the file as that session read it; "" for a file that did not exist
    kept: datetime
    copy: Path

    def whole_text(self) -> str:
        """The copy as it is on disk (its two header lines are TOML comments: line numbers match)."""
        return self.copy.read_text(encoding="utf-8")


def state_dir() -> Path:
    configured = os.environ.get("LILLA_RATTEN_STATE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "lilla-ratten" / "unsaved"


def _prefix(path: Path | str) -> str:
    real = Path(path).resolve()  # through a link or not: the same file, the same copies
    return f"{real.stem}-{hashlib.sha256(str(real).encode()).hexdigest()[:16]}-"


def _lock_of(copy: Path) -> Path:
    return copy.with_suffix(".lock")


def _in_use(copy: Path) -> bool:
    """True while the session that writes ``copy`` runs (it holds the lock)."""
    try:
        fd = os.open(_lock_of(copy), os.O_RDWR)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # cannot tell: leave it alone
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held by a running session (or cannot tell)
        return True
    finally:
        os.close(fd)  # closing releases a lock taken just now
    return False


def _read(copy: Path, path: Path | str) -> Unsaved | None:
    try:
        data = copy.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    m = _HEADER_RE.match(data)
    if m is None:
        return None
    import json  # here, not at import: every command imports storage, few read a copy

    try:
        named = json.loads(m["path"])
        kept = datetime.fromisoformat(m["kept"])
    except ValueError:
        return None
    if named != str(Path(path).resolve()):
        return None
    return Unsaved(data[m.end():], m["digest"], kept, copy)


def find(path: Path | str) -> list[Unsaved]:
    """Copies of ``path`` left by sessions that ended without saving, the newest first."""
    folder = state_dir()
    if not folder.is_dir():
        return []
    left = []
    for copy in folder.glob(glob_escape(_prefix(path)) + "*.toml"):
        if not _in_use(copy):
            found = _read(copy, path)
            if found is not None:
                left.append(found)
    return sorted(left, key=lambda u: (u.kept, str(u.copy)), reverse=True)


def _remove(copy: Path) -> None:
    for leftover in (copy, _lock_of(copy)):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _form_of(copy: Path) -> Path:
    """The text of a form open in the session that keeps ``copy``, beside it."""
    return copy.with_suffix(".form.json")


@frozen
class FormDraft:
    """What was typed in a form still open when its session ended: which record, each field's text."""

    data: dict  # "form": "record" | "section", "list", "index", "id", "fields": {name: typed}
    kept: datetime
    file: Path


def find_forms(path: Path | str) -> list[FormDraft]:
    """Forms left open by sessions on ``path`` that ended without closing them, the newest first."""
    folder = state_dir()
    if not folder.is_dir():
        return []
    import json

    left = []
    for file in folder.glob(glob_escape(_prefix(path)) + "*.form.json"):
        copy = file.with_name(file.name[: -len(".form.json")] + ".toml")
        if _in_use(copy):
            continue
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            kept = datetime.fromisoformat(data["kept"])
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
            continue
        if data.get("path") != str(Path(path).resolve()) or not isinstance(data.get("fields"), dict):
            continue
        left.append(FormDraft(data, kept, file))
    return sorted(left, key=lambda d: (d.kept, str(d.file)), reverse=True)


def forget_form(draft: FormDraft) -> None:
    """The user brought this form back or threw it away."""
    with contextlib.suppress(OSError):
        draft.file.unlink()
    copy = draft.file.with_name(draft.file.name[: -len(".form.json")] + ".toml")
    if not copy.exists() and not _in_use(copy):  # the lock served only the form
        with contextlib.suppress(OSError):
            _lock_of(copy).unlink()


def forget(found: Unsaved) -> None:
    """The user brought this copy back or discarded it."""
    _remove(found.copy)


class Keeper:
    """One session's own copy of its unsaved changes to ``path``, locked while the session lives."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.copy: Path | None = None
        self._lock: int | None = None

    def keep(self, text: str, base_digest: str | None, now: datetime | None = None) -> Path:
        """Write (replacing) this session's copy; raises ``OSError`` if it cannot."""
        import json

        self._claim()
        kept = (now or datetime.now()).replace(microsecond=0).isoformat()
        real = json.dumps(str(self.path.resolve()), ensure_ascii=False)  # a newline in a name stays on its line
        header = _HEADER.format(path=real, digest=base_digest or "", kept=kept)
        # in pieces: header + text, encoded whole, held the text twice more (19 MB at 9 MB)
        atomic_write(self.copy, itertools.chain([header.encode("utf-8")], encoded(text)), mode=0o600)
        return self.copy

    def _claim(self) -> None:
        """This session's name for its copy, and the lock that says the session runs."""
        import secrets

        if self.copy is None:
            folder = state_dir()
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            copy = folder / f"{_prefix(self.path)}{secrets.token_hex(4)}.toml"
            fd = os.open(_lock_of(copy), os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise
            self.copy, self._lock = copy, fd

    def keep_form(self, data: dict, now: datetime | None = None) -> Path:
        """Write (replacing) the text of the form open now, beside this session's copy (made
        or not: a form typed into before any change is kept too); raises ``OSError``."""
        import json

        self._claim()
        kept = (now or datetime.now()).replace(microsecond=0).isoformat()
        from lilla_ratten.model.privacy import mask_identity_numbers

        # a personnummer typed into the form is refused there; it never reaches the disk either
        data = {
            **data,
            "title": mask_identity_numbers(str(data.get("title") or ""), whole=True),
            "fields": {name: mask_identity_numbers(text, whole=True) if isinstance(text, str) else text
                       for name, text in (data.get("fields") or {}).items()},
        }
        whole = {**data, "path": str(self.path.resolve()), "kept": kept}
        file = _form_of(self.copy)
        atomic_write(file, json.dumps(whole, ensure_ascii=False).encode("utf-8"), mode=0o600)
        return file

    def forget_form(self) -> None:
        """The form was closed: saved into the project, or thrown away."""
        if self.copy is None:
            return
        with contextlib.suppress(OSError):
            _form_of(self.copy).unlink()
        if not self.copy.exists():  # claimed for the form only: nothing of this session is left
            self.discard()

    def discard(self) -> None:
        """Saved, reloaded, or dropped on purpose: remove this session's copy (never another's)."""
        if self.copy is None:
            return
        with contextlib.suppress(OSError):
            _form_of(self.copy).unlink()
        _remove(self.copy)
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock)
        self.copy, self._lock = None, None

    def __del__(self) -> None:  # a session dropped without a word (a test, the portfolio): let the copy be found
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock)
