"""When the app fails after all: a short message in the user's language, the details kept safe.

Textual prints a traceback with every frame's local variables: the project's text, paths,
whatever the code held. A reviewer over SSH must never get that, and a user gains nothing
from it. So the terminal gets two sentences; the traceback (without local variables) goes

- in a read-only session (the steering-group review) to the system log, ``lilla-ratten``,
  where the operator reads it (``journalctl -t lilla-ratten``): nothing is written in the
  review account's home;
- otherwise to a file of the user's own, ``<state folder>/crashes/crash-<time>.txt``
  (mode 0600), named in the message so it can be sent to whoever maintains the app.
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime

from lilla_ratten.i18n import _

SYSLOG_IDENT = "lilla-ratten"


def details(error: BaseException) -> str:
    """The traceback as text, without local variables."""
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def _to_syslog(text: str) -> str | None:
    try:
        import syslog
    except ImportError:  # not on this system
        return None
    syslog.openlog(SYSLOG_IDENT, syslog.LOG_PID, syslog.LOG_USER)
    for line in text.splitlines():  # journald and rsyslog take a line a record
        syslog.syslog(syslog.LOG_ERR, line)
    syslog.closelog()
    return _("the system log (journalctl -t {ident})").format(ident=SYSLOG_IDENT)


def _to_file(text: str) -> str | None:
    from lilla_ratten.storage.unsaved import state_dir

    folder = state_dir() / "crashes"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError:
        return None
    return str(path)


def report(error: BaseException, *, review: bool) -> tuple[str, str | None]:
    """Keep the details; return the message for the terminal and where the details went."""
    text = details(error)
    where = _to_syslog(text) if review else _to_file(text)
    message = _("Lilla Ratten stopped because of an error in the program ({error}).").format(error=type(error).__name__)
    if not review:
        message += " " + _("Unsaved changes are kept and offered back when you open the project again.")
    if where:
        message += " " + _("The details are in {where}.").format(where=where)
    return message, where

