"""The project being edited: changes, undo, save, reload, external changes.

No Textual here: the screens call these methods, and the tests can drive the
rules (never lose work, never overwrite silently) without a terminal.

Every change is also kept outside the file at once (``storage.unsaved``), so a closed
terminal or a killed app loses nothing: the next session on the file offers it back.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from typing import Any
from pathlib import Path

from lilla_ratten.i18n import _
from lilla_ratten.model import Project
from lilla_ratten.storage import LoadedProject, ProjectFileError, access_log, parse_project, read_project
from lilla_ratten.storage.atomic import digest

UNDO_DEPTH = 50
AHEAD_FROM = 2_000  # records: a smaller project renders whole in under 0.1 s, nothing to do ahead
AHEAD_PAUSE = 0.002  # s between steps of rendering ahead (a step is about 2 ms), watching the app's thread
AHEAD_BUSY_PAUSE = 0.05  # s: the app's thread was busy; look again after this
_NOT_LOOKED = object()


class Session:
    def __init__(self, loaded: LoadedProject, *, read_only: bool = False) -> None:
        self.loaded = loaded
        self.read_only = read_only
        self.dirty = False
        self.unsent = 0  # commits here the shared repository does not have yet (shown until sent)
        # (what, project, state, disk): ``disk`` is the version of the file the project on the
        # other side of this step was made on (``_disk()``), kept only where the step changed it
        # (a merge with the file on disk, a restored copy): undoing a merge must not leave the
        # session believing its own version holds what it merged in, or a save would overwrite it
        self._undo: list[tuple[str, Project, int, tuple | None]] = []
        self._redo: list[tuple[str, Project, int, tuple | None]] = []
        # each state of the project gets a number; undo or redo back to the saved one is not unsaved
        self._state = 0
        self._states = 0
        self._saved_state = 0
        self.keep_error: OSError | None = None  # the unsaved changes could not be kept (the app says so)
        self.keeper = None  # this session's own copy of its unsaved changes, made at the first change
        self._found: object = _NOT_LOOKED
        # the version the unsaved changes were made on (as read or last saved): the base when
        # they are merged with a file that changed on disk meanwhile
        self.base_text: str | None = loaded.index.text
        # records this session has had in front of it: Dela asks before a commit removes one
        # that is in git but was never here (it came in while the user kept their own version)
        self.seen: set[tuple[str, str]] = record_ids(loaded.project)
        # the app keeps the unsaved changes on a thread of their own: rendering the file takes
        # 2 s at 50 000 activities, which each change, undo and redo would otherwise wait for
        self.background_keep = False
        self._start_later: Callable[[Callable[[], Any]], Any] | None = None  # keep_in_background
        self._ahead: threading.Thread | None = None  # render_ahead
        self._app_thread: int | None = None  # the thread the app draws on (keep_in_background)
        self._keep_lock = threading.Lock()
        self._keep_job: tuple | None = None  # the newest state still to keep
        self._keep_thread: threading.Thread | None = None
        self._keep_generation = 0  # a save or discard since: what is being rendered is not written
        # the text of an open form, kept beside the copy by the same thread (storage.unsaved)
        self._form_job: tuple | None = None
        self._form_generation = 0  # the form closed since: what was typed in it is not written
        self._renderer = None  # storage.writer.Renderer: each record's text kept from one render to the next

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
            current = current if current is not None else self._render(self.project, self.loaded.notes)
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
        loaded = read_project(path)
        if read_only:  # the review: who read what (storage/access_log.py), or not shown
            access_log.granted("opened", path)
        return cls(loaded, read_only=read_only)

    @property
    def project(self) -> Project:
        return self.loaded.project

    @property
    def path(self) -> Path:
        return self.loaded.path

    def change(self, description: str, edit: Callable[[Project], None], *, disk: tuple | None = None) -> None:
        """Apply ``edit`` to the project, remembering the state before it for undo (and
        ``disk``, the file version it was made on, when the change moves to another one)."""
        if self.read_only:
            raise PermissionError(str(self.path))
        before = snapshot(self.loaded.project)
        edit(self.loaded.project)
        self._undo.append((description, before, self._state, disk))
        del self._undo[:-UNDO_DEPTH]
        self._redo.clear()
        self._states += 1
        self._state = self._states
        self.dirty = True
        self.keep()

    def _render(self, project: Project, notes) -> str:
        """The file's text of ``project``: the text of a record rendered before is used again
        (2.3 s to 0.2 s at 50 000 activities; storage.writer.Renderer)."""
        return self._kept_texts().dumps(project, notes)

    def _kept_texts(self):
        if self._renderer is None:
            from lilla_ratten.storage.converter import converter
            from lilla_ratten.storage.writer import Renderer

            self._renderer = Renderer(converter)
        return self._renderer

    def keep_in_background(self, start_later: Callable[[Callable[[], Any]], Any] | None = None) -> None:
        """Keep the unsaved changes on a thread of their own (the app does), started by
        ``start_later`` if given: the app's ``call_after_refresh``, so that the thread starts
        after the frame that shows the change. Rendering beside that frame made it appear
        after 55 ms instead of 21 at 50 000 activities."""
        self.background_keep = True
        self._start_later = start_later
        self._app_thread = threading.get_ident()

    def render_ahead(self) -> None:
        """Render the file's records on a thread, a few at a time with pauses between (the
        app calls this once the project is on screen): then the first change's unsaved copy
        and the first save use their texts, where they rendered 50 000 records at once
        (2.3 s, beside the frames of the keys pressed meanwhile). Only for a large project."""
        if self.read_only or self._ahead is not None:
            return
        project = snapshot(self.project)  # its lists hold the records whose texts are kept
        if _records_in(project) < AHEAD_FROM:
            return
        steps = self._kept_texts().warm(project, self.loaded.notes)
        self._ahead = threading.Thread(target=_in_idle_time, args=(steps, threading.get_ident()), name="render-ahead",
                                       daemon=True)
        self._ahead.start()

    def keep(self, *, wait: bool = False) -> None:
        """Keep the unsaved changes outside the file (each change, undo and redo does).

        With ``background_keep`` the file is rendered and written on a thread (the newest
        state only, if changes come faster), from a ``snapshot``: the records are shared,
        and never changed in place. ``wait``: now, on this thread."""
        if self.read_only:
            return
        job = (snapshot(self.project), self.loaded.digest, self.loaded.notes)
        if not self.background_keep or wait:
            self.wait_kept()
            self._write_kept(self._render(job[0], job[2]), job[1], self._keep_generation)
            return
        with self._keep_lock:
            self._keep_job = job
            if self._keep_thread is not None:
                return  # the thread takes the newest next
            # not a daemon: an app that ends normally still writes the last change
            self._keep_thread = thread = threading.Thread(target=self._keep_loop, name="keep-unsaved")
        self._launch_later(thread)

    def _launch_later(self, thread: threading.Thread) -> None:
        if self._start_later is None or self._start_later(lambda: self._launch(thread)) is False:
            self._launch(thread)  # nothing to wait for, or the app is closing: now

    def _launch(self, thread: threading.Thread) -> None:
        with self._keep_lock:
            if thread is self._keep_thread and thread.ident is None:  # not started, nor ended and replaced
                thread.start()

    def keep_form(self, data: dict) -> None:
        """Keep what is typed in the open form (``data``: which record, each field's text) beside
        the unsaved copy, on the thread that keeps the copy: a killed terminal loses none of it."""
        if self.read_only:
            return
        if not self.background_keep:
            self.wait_kept()
            self._write_form(data, self._form_generation)
            return
        with self._keep_lock:
            self._form_job = (data, self._form_generation)
            if self._keep_thread is not None:
                return
            self._keep_thread = thread = threading.Thread(target=self._keep_loop, name="keep-unsaved")
        self._launch_later(thread)

    def forget_form(self) -> None:
        """The form was closed (saved into the project, or thrown away): its text is not kept."""
        with self._keep_lock:
            self._form_generation += 1
            self._form_job = None
            if self.keeper is not None:
                self.keeper.forget_form()

    def _write_form(self, data: dict, generation: int) -> None:
        with self._keep_lock:
            if generation != self._form_generation:  # closed meanwhile
                return
            try:
                if self.keeper is None:
                    from lilla_ratten.storage.unsaved import Keeper

                    self.keeper = Keeper(self.path)
                self.keeper.keep_form(data)
            except OSError as exc:
                self.keep_error = exc

    @property
    def found_form(self):
        """The newest form a session on this file left open when it ended (or None)."""
        if self.read_only:
            return None
        from lilla_ratten.storage import unsaved

        return next(iter(unsaved.find_forms(self.path)), None)

    def discard_found_form(self, draft) -> None:
        """Brought back into a form, or thrown away: it is not offered again."""
        from lilla_ratten.storage import unsaved

        unsaved.forget_form(draft)

    def _keep_loop(self) -> None:
        while True:
            with self._keep_lock:
                job, self._keep_job = self._keep_job, None
                form, self._form_job = self._form_job, None
                if job is None and form is None:
                    self._keep_thread = None
                    return
                generation = self._keep_generation
            if form is not None:
                self._write_form(*form)
            if job is None:
                continue
            project, base_digest, notes = job
            try:
                renderer = self._kept_texts()
                if self._app_thread is not None and not renderer.rendered and _records_in(project) >= AHEAD_FROM:
                    # a change before the records were rendered ahead: the rest of them in idle
                    # time too, not beside the frames of the keys that follow (2.3 s at 50 000)
                    _in_idle_time(renderer.warm(project, notes), self._app_thread)
                text = self._render(project, notes)
            except Exception as exc:  # noqa: BLE001 - the thread must go on keeping the next state
                with self._keep_lock:
                    self.keep_error = OSError(str(exc))
                continue
            self._write_kept(text, base_digest, generation)

    def _write_kept(self, text: str, base_digest: str | None, generation: int) -> None:
        with self._keep_lock:
            if generation != self._keep_generation:  # saved or discarded meanwhile
                return
            try:
                if self.keeper is None:
                    from lilla_ratten.storage.unsaved import Keeper

                    self.keeper = Keeper(self.path)
                self.keeper.keep(text, base_digest)
                self.keep_error = None
            except OSError as exc:  # a full disk or a read-only home must not stop the editing
                self.keep_error = exc

    def wait_kept(self) -> None:
        """Until the newest state is kept (a test, or before something that needs the copy)."""
        thread = self._keep_thread
        while thread is not None:
            self._launch(thread)  # its start may still be waiting for a frame
            thread.join()
            thread = self._keep_thread

    def discard_unsaved(self) -> None:
        """The user chose to drop this session's unsaved changes (quit or leave without saving).

        Only this session's own copy: one offered and not yet decided on stays for next time.
        """
        with self._keep_lock:
            self._keep_generation += 1
            self._keep_job = None
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
        self._undo.append((_("restored unsaved changes"), self.loaded.project, self._state, self._disk()))
        self._redo.clear()
        self._states += 1
        self._state = self._states
        self.loaded.project = parsed.project
        if (found.base_digest or None) != self.loaded.digest:
            self.base_text = None  # made on a version not here: a merge treats every difference as a clash
        self.loaded.digest = found.base_digest or None
        self.found = None
        self.dirty = True
        self.keep(wait=True)
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
        description, before, state, disk = self._undo.pop()
        self._redo.append((description, self.loaded.project, self._state, disk and self._disk()))
        self.loaded.project = before
        if disk is not None:
            self._set_disk(disk)
        self._went_to(state)
        return description

    def _disk(self) -> tuple:
        """The version of the file the project in front of the user was made on: a save is
        refused when the file is no longer it, and a merge takes it as the base."""
        return (self.loaded.digest, self.base_text, self.loaded.notes)

    def _set_disk(self, disk: tuple) -> None:
        self.loaded.digest, self.base_text, self.loaded._notes = disk

    def _went_to(self, state: int) -> None:
        """Undo or redo arrived at ``state``: back at the saved one, nothing is unsaved."""
        self._state = state
        self.dirty = state != self._saved_state
        if self.dirty:
            self.keep()
        else:
            self.discard_unsaved()

    def redo(self) -> str | None:
        if not self._redo:
            return None
        description, after, state, disk = self._redo.pop()
        self._undo.append((description, self.loaded.project, self._state, disk and self._disk()))
        self.loaded.project = after
        if disk is not None:
            self._set_disk(disk)
        self._went_to(state)
        return description

    def save(self, *, force: bool = False) -> None:
        """Atomic save; raises ``ConflictError`` if the file changed on disk since it was read."""
        if self.read_only:
            raise PermissionError(str(self.path))
        text = self._render(self.project, self.loaded.notes)
        self.loaded.save(force=force, text=text)
        self.base_text = text  # what was written
        self.dirty = False
        self._saved_state = self._state
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
        self.base_text = self.loaded.index.text
        self.seen |= record_ids(self.loaded.project)
        self._undo.clear()
        self._redo.clear()
        self._states += 1
        self._state = self._saved_state = self._states
        self.dirty = False
        self.discard_unsaved()

    def merge_with_disk(self):
        """Merge the unsaved changes with the file as it is on disk now, by record and field
        (``storage.merge``, the engine git's merge driver uses), the version they were made on
        as the base: one change that can be undone, not saved yet. Clashes are recorded in the
        project's ``conflicts`` for the chooser. Returns the ``Merged``; raises
        ``NotAProjectFile`` when the file on disk cannot be read as a project (git's conflict
        markers, say) and ``OSError`` when it cannot be read at all."""
        from lilla_ratten.storage.files import comments_of
        from lilla_ratten.storage.merge import merge_texts
        from lilla_ratten.storage.safe_read import read_file_bytes

        data = read_file_bytes(self.path)
        theirs = data.decode("utf-8", errors="strict")
        mine = self._render(self.project, self.loaded.notes)
        merged = merge_texts(self.base_text, mine, theirs, self.path.name)
        self.change(_("merged with the file on disk"), lambda p: _replace(p, merged.project), disk=self._disk())
        self.loaded._notes = comments_of(merged.text)
        self.loaded.digest = digest(data)  # saved over the version merged in, not over it unasked
        self.base_text = theirs
        self.seen |= record_ids(merged.project)
        return merged


def _records_in(project: Project) -> int:
    import attrs

    lists = [getattr(project, a.name) for a in attrs.fields(Project) if a.name != "ext"]
    return sum(len(value) for value in lists if isinstance(value, list))


def _in_idle_time(steps, app_thread: int) -> None:
    """Take each step when the app's thread is idle: it used (almost) no processor time
    during a pause. Rendering ahead beside the activity tab's first drawing made it 20 % slower."""
    try:
        clock = time.pthread_getcpuclockid(app_thread)
    except (AttributeError, OSError):  # a system that cannot tell: pauses only
        clock = None
    pause = AHEAD_BUSY_PAUSE  # the first step waits for a longer quiet time
    for _left in steps:
        while True:
            used = time.clock_gettime(clock) if clock is not None else 0.0
            time.sleep(pause)
            if clock is None or time.clock_gettime(clock) - used < pause / 8:
                pause = AHEAD_PAUSE
                break
            pause = AHEAD_BUSY_PAUSE  # each look takes the interpreter from the app's thread


def snapshot(project: Project) -> Project:
    """The project as it is, for undo, sharing every record with it: its lists and tables
    are copied, not what is in them (a deep copy took 1 s at 50 000 activities).

    This holds because a change replaces what it changes — a record in its list, a
    table, a plugin's section in ``ext`` — and never edits a record in place."""
    import attrs

    copy_ = copy.copy(project)
    for a in attrs.fields(Project):
        value = getattr(project, a.name)
        if isinstance(value, (list, dict)):
            object.__setattr__(copy_, a.name, copy.copy(value))
    return copy_


def _replace(project: Project, other: Project) -> None:
    import attrs

    for a in attrs.fields(Project):
        setattr(project, a.name, getattr(other, a.name))


def record_ids(project: Project) -> set[tuple[str, str]]:
    """``(list, id)`` of every record with an id: what a commit could remove."""
    import attrs

    out = set()
    for a in attrs.fields(Project):
        value = getattr(project, a.name)
        if isinstance(value, list):
            out.update((a.name, r.id) for r in value if isinstance(getattr(r, "id", None), str))
    return out
