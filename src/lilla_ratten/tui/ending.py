"""How the app ends: Ctrl+Q asks about unsaved changes; a terminal gone ends it with them kept."""

from __future__ import annotations

import os
from typing import Any

from lilla_ratten.i18n import _


def quit_app(app: Any) -> None:
    """Ctrl+Q: end at once when nothing is unsaved, else ask: save and quit, quit without saving, go back."""
    if app.session is None or not app.session.dirty:
        app.exit()
        return

    from lilla_ratten.tui.screens.confirm import ALSO, Confirm

    def answer(yes: bool | str | None) -> None:
        if yes == ALSO:
            app.action_save()
            if not app.session.dirty:  # saved; a refused save has said why, and the app stays
                app.exit()
        elif yes:
            app.session.discard_unsaved()
            app.exit()

    question = _("There are unsaved changes. Save them before quitting?")
    app.push_screen(Confirm(question, _("Quit without saving"), _("Go back"), also=_("Save and quit")), answer)


def help_quit(app: Any) -> None:
    """Ctrl+C: the review, where nothing can be lost, ends; elsewhere how to quit, translated (Textual says it in English)."""
    if app.read_only:
        quit_app(app)
    else:
        app.notify(_("Press Ctrl+Q to quit."))


def terminal_gone(app: Any, hung_up: bool) -> None:
    """Stopped, or the terminal closed (terminal_watch.py): no one is left to ask "quit without saving?".

    End now; the changes are kept (Session). With the terminal hung up, not through
    Textual's shutdown: it writes to the dead terminal, and under load its output
    thread and the shutdown were seen waiting for each other for ever.
    """
    session = app.session
    if session is not None:
        session.wait_kept()  # the newest change (and form text) is kept before the process ends
        if session.dirty and session.keep_error is not None:
            session.keep(wait=True)  # the last try, if keeping failed before
    if hung_up:
        os._exit(129)
    app.exit(return_code=143)  # SIGTERM/SIGHUP with the terminal still there: give it back tidy
