"""What an earlier session left unsaved, offered back: first its changes, then a form left open (form_drafts.py)."""

from __future__ import annotations

import importlib
from typing import Any

from lilla_ratten.i18n import _
from lilla_ratten.storage import ProjectFileError


def offer(app: Any) -> None:
    """Changes kept from a session that ended without saving them: bring them back?"""
    session = app.session
    if session is None or session.read_only:
        return
    if session.found is None:  # then a form left open, if any
        _offer_form(app)
        return
    from lilla_ratten.tui.screens.unsaved_found import DISCARD, RESTORE, UnsavedFound

    found = session.found

    def decided(choice: str | None) -> None:
        if choice == RESTORE:
            try:
                session.restore(found)
            except (ProjectFileError, OSError) as exc:  # the copy is left where it is
                app.notify(str(exc), title=_("Cannot bring them back"), severity="error", timeout=15)
                return
            app.notify(_("Unsaved changes brought back: save with Ctrl+S, undo with Ctrl+Z."))
            app.refresh_views()
        elif choice == DISCARD:
            session.discard_found(found)
        _offer_form(app)

    kept = found.kept.strftime("%Y-%m-%d %H:%M")
    app.push_screen(UnsavedFound(str(session.path), kept, older=session.found_on_older_version), decided)


def _offer_form(app: Any) -> None:
    app.run_worker(importlib.import_module("lilla_ratten.tui.form_drafts").offer(app))
