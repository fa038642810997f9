"""Who read what: the review's record of each project it opens or prints, and by which key.

Social services must be able to show who accessed case-related records. Over SSH every
reviewer logs in to the same account, so the account says nothing; the key does. With
``ExposeAuthInfo yes`` sshd writes the key the client authenticated with to a file named
by ``$SSH_USER_AUTH`` (``publickey ssh-ed25519 AAAA…``), which this module reads once at
the start (sshd removes it when the session ends) and turns into the fingerprint
``ssh-keygen -lf`` shows for the same key, so an operator can match a line of the log to
a line of the keys file.

Where the lines go is the review's ``--log`` (see ``start``): syslog (the journal on
Debian) through ``/dev/log``, another syslog socket, or a file the lines are appended to.
A record that cannot be written is refused (``AccessNotLogged``): a project is not shown
to someone who would then not be in the log.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

SYSLOG_SOCKET = "/dev/log"
# authpriv (10) × 8 + info (6): where Debian's rsyslog keeps sshd's own lines (auth.log); the journal keeps all
_PRIORITY = 10 * 8 + 6
TAG = "lilla-ratten-review"


class AccessNotLogged(OSError):
    """The log is configured but this access could not be written to it."""


_destination: str | None = None
_who = ""


def start(destination: str | None, environ: dict[str, str] | None = None) -> None:
    """Log from now on to ``destination``: ``"syslog"`` (``/dev/log``), the path of a syslog
    socket, or a file to append to; ``None`` logs nothing. Reads who is connected now."""
    global _destination, _who
    environ = os.environ if environ is None else environ
    _destination = SYSLOG_SOCKET if destination == "syslog" else destination
    _who = who(environ)


def stop() -> None:
    global _destination
    _destination = None


def active() -> bool:
    return _destination is not None


def fingerprints(auth_info: str) -> list[str]:
    """``SHA256:…`` of each public key in sshd's ``ExposeAuthInfo`` text, with its type."""
    import base64  # here: the app's first frame (which imports the session) waits for no hashing
    import binascii
    import hashlib

    found = []
    for line in auth_info.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] == "publickey":
            try:
                blob = base64.b64decode(words[2], validate=True)
            except (binascii.Error, ValueError):
                continue
            digest = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
            found.append(f"SHA256:{digest} ({words[1]})")
    return found


def who(environ) -> str:
    """The key(s) and the address of this SSH connection, or the local user."""
    parts = []
    auth = environ.get("SSH_USER_AUTH")
    if auth:
        try:
            parts += fingerprints(Path(auth).read_text(encoding="utf-8", errors="replace")[:65536])
        except OSError:
            parts.append("key unknown (SSH_USER_AUTH not readable)")
    elif environ.get("SSH_CONNECTION"):
        parts.append("key unknown (no ExposeAuthInfo)")
    connection = environ.get("SSH_CONNECTION", "").split()
    if len(connection) >= 2:
        parts.append(f"from {connection[0]} port {connection[1]}")
    try:
        import pwd

        user = pwd.getpwuid(os.getuid()).pw_name  # not $USER: the environment is the client's to shape
    except (ImportError, KeyError):
        user = str(os.getuid())
    parts.append(f"account {user}")
    return "key " + ", ".join(parts) if auth else ", ".join(parts)


def record(action: str, what: Path | str) -> None:
    """One line: ``action`` (opened, printed, listed) ``what``, by whom. Raises ``AccessNotLogged``."""
    if _destination is None:
        return
    target = str(Path(what).resolve()) if not isinstance(what, str) else what
    # one line, whatever a file name holds: a newline in it cannot start a forged entry
    message = f"{action} {target!r} by {_who}".replace("\n", " ")
    import socket
    from datetime import datetime, timezone

    try:
        if _is_socket(_destination):
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
                s.connect(_destination)
                s.send(f"<{_PRIORITY}>{TAG}[{os.getpid()}]: {message}".encode())
        else:
            stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
            fd = os.open(_destination, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o640)
            try:
                os.write(fd, f"{stamp} {TAG}[{os.getpid()}]: {message}\n".encode())
            finally:
                os.close(fd)
    except OSError as exc:
        from lilla_ratten.storage.os_errors import os_error_text  # the reason in the reader's words

        raise AccessNotLogged(exc.errno, f"{_destination}: {os_error_text(exc)}") from None


def granted(action: str, what: Path | str) -> None:
    """``record``, or ``ProjectFileError`` saying the project is not shown because the log failed."""
    try:
        record(action, what)
    except AccessNotLogged as exc:
        from lilla_ratten.i18n import _
        from lilla_ratten.storage.problems import Problem, ProjectFileError

        message = _("not shown: reading it could not be logged ({error})").format(error=exc.strerror)
        raise ProjectFileError([Problem(str(what), None, "", message)]) from None


def _is_socket(path: str) -> bool:
    try:
        return stat.S_ISSOCK(os.stat(path).st_mode)
    except OSError:
        return path == SYSLOG_SOCKET  # syslog that is not there: the send says so
