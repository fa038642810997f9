"""Creating a project from inside the app: ask (screens/new_project.py), write as ``lilla-ratten new`` does, open it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lilla_ratten.i18n import _
from lilla_ratten.storage import ConflictError, ProjectFileError
from lilla_ratten.storage.new_project import create_project
from lilla_ratten.storage.os_errors import os_error_text


def ask_new_project(app: Any, path: Path | None, *, quit_on_cancel: bool = False) -> None:
    """Ask for the new project's name and period; create and open it. ``path`` None: the file is asked for too.

    ``quit_on_cancel``: the app was started for this file only, so No leaves the app (nothing written)."""
    from lilla_ratten.tui.screens.new_project import NewProject

    if app.session is not None and app.session.dirty:
        app.notify(_("Save or undo your changes first."), severity="warning", markup=False)
        return

    def answered(answer) -> None:
        if answer is None:
            if quit_on_cancel:
                app.exit(return_code=1)
            return
        try:
            create_project(answer.path, answer.name, app.as_of, start=answer.start, end=answer.end)
        except (ConflictError, ProjectFileError, OSError) as exc:
            if isinstance(exc, ProjectFileError):
                why = "; ".join(p.message for p in exc.problems)
            else:
                why = os_error_text(exc) if isinstance(exc, OSError) else str(exc)
            app.notify(_("{file}: not created: {error}").format(file=answer.path, error=why), severity="error",
                       timeout=10, markup=False)
            if quit_on_cancel:
                app.call_later(ask_new_project, app, path, quit_on_cancel=True)
            return
        base = 2 if app.folders else 1  # the portfolio stays below; another project's screen goes
        while len(app.screen_stack) > base:
            app.pop_screen()
        app.open_project(answer.path)
        app.notify(_("{file}: created").format(file=answer.path), markup=False)

    app.hold_keys()  # what is typed on while the form is built goes into it (app_guards)
    app.push_screen(NewProject(path, app.as_of), answered)
