"""Saving, and the file changing under the app (another program, a ``git pull``), kept out of
``app.py``: save, the check every few seconds, reload, keep mine, or decide later.

A change on disk is never overwritten unasked: a save over it is refused (``ConflictError``)
and the user chooses. "Decide later" is not asked again about that version of the file.
"""

from __future__ import annotations

from typing import Any

from lilla_ratten.i18n import _
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
    on_disk = digest_on_disk(app)  # read once: "" when the file is gone or unreadable
    if on_disk != app.session.loaded.digest and on_disk != app._later:
        ask(app)


def ask(app: Any) -> None:
    from lilla_ratten.tui.screens.changed_on_disk import KEEP_MINE, RELOAD, ChangedOnDisk

    app._asking_about_disk = True

    def decided(choice: str | None) -> None:
        app._asking_about_disk = False
        if choice == RELOAD:
            reload(app)
        elif choice == KEEP_MINE:
            save(app, force=True)
        else:
            # not asked again about this version; a save is still refused, and then asks
            app._later = digest_on_disk(app)

    app.push_screen(ChangedOnDisk(str(app.session.path), app.session.dirty), decided)


def digest_on_disk(app: Any) -> str:
    from lilla_ratten.storage.atomic import digest

    try:
        return digest(app.session.path.read_bytes())
    except OSError:
        return ""


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
