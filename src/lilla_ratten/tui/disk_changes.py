"""Saving, and the file changing under the app (another program, a ``git pull``), kept out of
``app.py``: save, the check every few seconds, reload, keep mine, or decide later.

A change on disk is never overwritten unasked: a save over it is refused (``ConflictError``)
and the user chooses. "Decide later" is not asked again about that version of the file.
"""

from __future__ import annotations

import time
from typing import Any

from lilla_ratten.i18n import N_, _
from lilla_ratten.storage import ConflictError, ProjectFileError


def save(app: Any, force: bool = False) -> None:
    session = app.session
    if session.read_only:
        app.notify(_("Read-only: nothing can be saved here."), severity="warning")
        return
    try:
        session.save(force=force)
    except ConflictError:
        ask(app)
        return
    except ProjectFileError as exc:
        app.notify(str(exc), title=_("Not saved"), severity="error", timeout=15)
        return
    except OSError as exc:
        app.notify(_("Not saved: {error}").format(error=exc), severity="error", timeout=15)
        return
    app.notify(_("Saved {file}").format(file=session.path))
    app._show_title()


def check(app: Any) -> None:
    """Ask when the file on disk is no longer the version read or last saved (run on a timer)."""
    if app.session is None or app._asking_about_disk:
        return
    # hashing reads the whole file on the app's thread (about 30 ms at 9 MB, every 2 s, in the
    # frame of whatever key it falls on): read it again only when its inode, size or times
    # moved since it was read or a check found nothing to ask, as git does for its index
    from lilla_ratten.storage.files import file_state

    seen = file_state(app.session.path)
    if seen is not None and seen in (getattr(app, "_disk_seen", None), app.session.loaded.state):
        return
    on_disk = digest_on_disk(app)  # read once: "" when the file is gone or unreadable
    if on_disk != app.session.loaded.digest and on_disk != app._later:
        ask(app)
    elif seen is not None and time.time_ns() - seen[3] > 1_000_000_000:
        # a file changed less than a second before is read again next time: a write in the same
        # tick of the file system's clock could otherwise leave the same size and times
        app._disk_seen = seen


def ask(app: Any) -> None:
    from lilla_ratten.tui.screens.changed_on_disk import KEEP_MINE, MERGE, RELOAD, ChangedOnDisk

    app._asking_about_disk = True

    def decided(choice: str | None) -> None:
        app._asking_about_disk = False
        if choice == MERGE:
            merge(app)
        elif choice == RELOAD:
            reload(app)
        elif choice == KEEP_MINE:
            save(app, force=True)
        else:
            # not asked again about this version; a save is still refused, and then asks
            app._later = digest_on_disk(app)

    app.push_screen(ChangedOnDisk(str(app.session.path), app.session.dirty), decided)


def digest_on_disk(app: Any) -> str:
    from lilla_ratten.storage.safe_read import file_digest

    try:  # a piece at a time, as a save checks it: not a second 9 MB copy on the app's thread
        return file_digest(app.session.path)
    except OSError:
        return ""


def merge(app: Any) -> None:
    """Mine and the file on disk merged by record and field (the engine git's merge driver
    uses), the version mine was made on as the base; clashes go to the chooser."""
    from lilla_ratten.storage.merge import NotAProjectFile

    session = app.session
    try:
        merged = session.merge_with_disk()
    except NotAProjectFile:
        if conflict_markers(session.path):
            app.notify(_(MARKERS_HELP), title=_("Not merged"), severity="error", timeout=30, markup=False)
        else:
            app.notify(_("The file on disk cannot be read as a project file, so it cannot be merged; your changes are kept, not saved."),
                       title=_("Not merged"), severity="error", timeout=20, markup=False)
        return
    except (OSError, UnicodeDecodeError) as exc:
        app.notify(_("The file on disk cannot be read ({error}); your changes are kept, not saved.").format(error=exc),
                   title=_("Not merged"), severity="error", timeout=20, markup=False)
        return
    app.refresh_views()
    if merged.conflicts:
        app.notify(_("Your changes and the file on disk are merged; where both changed the same thing, choose."),
                   severity="warning", timeout=15, markup=False)
        app.git_action("offer_conflicts")
        return
    save(app)  # the merge holds theirs and mine: written over the version merged in
    app.notify(_("Your changes and the ones on disk are merged and saved."), markup=False)


MARKERS_HELP = N_(
    "The file on disk has git's conflict markers (lines starting with <<<<<<<, ======= and >>>>>>>): git "
    "merged it line by line because this clone's merge driver is not set up. Open it in a text editor, keep "
    "one version between each pair of markers and delete the marker lines, or ask someone used to git to run "
    "'lilla-ratten git-setup' and merge again."
)


def conflict_markers(path) -> bool:
    """The file holds git's line-merge conflict markers (not a project file then)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    lines = text.splitlines()
    return any(ln.startswith("<<<<<<< ") for ln in lines) and any(ln.startswith(">>>>>>> ") for ln in lines)


def reload(app: Any) -> None:
    try:
        app.session.reload()
    except ProjectFileError as exc:
        app.notify(str(exc), title=_("Cannot reload"), severity="error", timeout=15)
        return
    app.notify(_("Reloaded {file}").format(file=app.session.path))
    app.refresh_views()


def ask_to_reload(app: Any) -> None:
    """Reload on request; with unsaved changes, only after asking."""
    if not app.session.dirty:
        reload(app)
        return
    from lilla_ratten.tui.screens.confirm import Confirm

    question = _("Reload from disk and lose your unsaved changes?")
    app.push_screen(Confirm(question, _("Reload"), _("Go back")), lambda yes: yes and reload(app))
