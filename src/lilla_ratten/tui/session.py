"""The project being edited: changes, undo, save, reload, external changes.

No Textual here: the screens call these methods, and the tests can drive the
rules (never lose work, never overwrite silently) without a terminal.

Every change is also kept outside the file at once (``storage.unsaved``), so a closed
terminal or a killed app loses nothing: the next session on the file offers it back.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

from lilla_ratten.model import Project
from lilla_ratten.storage import LoadedProject, ProjectFileError, parse_project, read_project, render
from lilla_ratten.storage.atomic import digest

UNDO_DEPTH = 50
_NOT_LOOKED = object()


class Session:
    def __init__(self, loaded: LoadedProject, *, read_only: bool = False) -> None:
        self.loaded = loaded
        self.read_only = read_only
        self.dirty = False
        self._undo: list[tuple[str, Project]] = []
        self._redo: list[tuple[str, Project]] = []
        self.keep_error: OSError | None = None  # the unsaved changes could not be kept (the app says so)
        self.keeper = None  # this session's own copy of its unsaved changes, made at the first change
        self._found: object = _NOT_LOOKED

    # storage.unsaved is imported at the first change or look, not before the first frame
    @property
    def found(self):
        """The newest copy a session on this file left when it ended without saving (or None)."""
        if self._found is _NOT_LOOKED:
            self._found = None if self.read_only else self._look()
        return self._found

    @found.setter
    def found(self, value) -> None:
        self._found = value

    def _look(self):
        from lilla_ratten.storage import unsaved

        current = None
        for found in unsaved.find(self.path):
            current = current if current is not None else render(self.project, self.loaded.notes)
            if found.text == current:
                unsaved.forget(found)  # changed and changed back, or saved since: nothing to bring back
                continue
            return found
        return None

    @property
    def found_on_older_version(self) -> bool:
        """The offered copy was made on another version of the file than the one on disk now."""
        return self.found is not None and (self.found.base_digest or None) != self.loaded.digest

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> Session:
        return cls(read_project(path), read_only=read_only)

    @property
    def project(self) -> Project:
        return self.loaded.project

    @property
    def path(self) -> Path:
        return self.loaded.path

    def change(self, description: str, edit: Callable[[Project], None]) -> None:
        """Apply ``edit`` to the project, remembering the state before it for undo."""
        if self.read_only:
            raise PermissionError(str(self.path))
        before = copy.deepcopy(self.loaded.project)
        edit(self.loaded.project)
        self._undo.append((description, before))
        del self._undo[:-UNDO_DEPTH]
        self._redo.clear()
        self.dirty = True
        self.keep()

    def keep(self) -> None:
        """Keep the unsaved changes outside the file (each change, undo and redo does)."""
        if self.read_only:
            return
        try:
            if self.keeper is None:
                from lilla_ratten.storage.unsaved import Keeper

                self.keeper = Keeper(self.path)
            self.keeper.keep(render(self.project, self.loaded.notes), self.loaded.digest)
            self.keep_error = None
        except OSError as exc:  # a full disk or a read-only home must not stop the editing
            self.keep_error = exc

    def discard_unsaved(self) -> None:
        """The user chose to drop this session's unsaved changes (quit or leave without saving).

        Only this session's own copy: one offered and not yet decided on stays for next time.
        """
        if self.keeper is not None:
            self.keeper.discard()

    def restore(self, found) -> None:
        """Bring back a kept copy, as one change that can be undone; the copy becomes this session's.

        It is saved against the version it was made on: if the file has changed since,
        the save is refused and the app asks (reload, keep mine), as always.
        """
        parsed = parse_project(found.whole_text(), str(found.copy))  # errors name the copy and its lines
        if parsed.project is None:
            raise ProjectFileError(parsed.problems)
        self._undo.append(("restored unsaved changes", self.loaded.project))
        self._redo.clear()
        self.loaded.project = parsed.project
        self.loaded.digest = found.base_digest or None
        self.found = None
        self.dirty = True
        self.keep()
        if self.keep_error is None:  # now in this session's own copy
            from lilla_ratten.storage.unsaved import forget

            forget(found)

    def discard_found(self, found) -> None:
        """The user chose to throw the offered copy away."""
        from lilla_ratten.storage.unsaved import forget

        forget(found)
        self.found = None

    def undo(self) -> str | None:
        """Go back one change; returns what was undone, or ``None`` when there is nothing."""
        if not self._undo:
            return None
        description, before = self._undo.pop()
        self._redo.append((description, self.loaded.project))
        self.loaded.project = before
        self.dirty = True
        self.keep()
        return description

    def redo(self) -> str | None:
        if not self._redo:
            return None
        description, after = self._redo.pop()
        self._undo.append((description, self.loaded.project))
        self.loaded.project = after
        self.dirty = True
        self.keep()
        return description

    def save(self, *, force: bool = False) -> None:
        """Atomic save; raises ``ConflictError`` if the file changed on disk since it was read."""
        if self.read_only:
            raise PermissionError(str(self.path))
        self.loaded.save(force=force)
        self.dirty = False
        self.discard_unsaved()

    def changed_on_disk(self) -> bool:
        """True when the file on disk is no longer what was read or last saved."""
        try:
            return digest(self.path.read_bytes()) != self.loaded.digest
        except FileNotFoundError:
            return True

    def reload(self) -> None:
        """Read the file again, dropping unsaved changes (the caller asks first)."""
        self.loaded = read_project(self.path)
        self._undo.clear()
        self._redo.clear()
        self.dirty = False
        self.discard_unsaved()
