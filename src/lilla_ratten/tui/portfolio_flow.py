"""A project opened from the portfolio (or the lessons, or just created) and closed back to it."""

from __future__ import annotations

from typing import Any

from lilla_ratten.i18n import _
from lilla_ratten.storage import ProjectFileError
from lilla_ratten.tui.session import Session


def open_project(app: Any, path: Any) -> None:
    """Open one project over the portfolio; Escape comes back (asking first if unsaved)."""
    from lilla_ratten.tui.screens.project_screen import ProjectScreen

    try:
        app.session = Session.open(path, read_only=app.read_only)
        app.session.keep_in_background(app.call_after_refresh)
    except ProjectFileError as exc:
        app.notify(str(exc.problems[0]) if exc.problems else str(exc), severity="error", timeout=10)
        return
    app.change_listeners = []
    app.push_screen(ProjectScreen())
    app._show_title()
    app.call_after_refresh(app.offer_unsaved)
    app.call_after_refresh(app.session.render_ahead)


def close_project(app: Any) -> None:
    """Back to the portfolio, asking first when there are unsaved changes; the portfolio reads the files again."""

    def leave(yes: bool | None = True) -> None:
        if yes:
            if app.session is not None:
                app.session.discard_unsaved()  # asked, or there was nothing unsaved
            app.session = None
            app.change_listeners = []
            app.pop_screen()
            app.title = _("Portfolio")
            for screen in app.screen_stack:
                if hasattr(screen, "reload"):
                    screen.reload()

    if app.session is not None and app.session.dirty:
        question = _("There are unsaved changes. Leave the project without saving?")
        from lilla_ratten.tui.screens.confirm import Confirm

        app.push_screen(Confirm(question, _("Leave without saving"), _("Go back")), leave)
    else:
        leave()
