"""End a printing review when its reader goes away (SSH connection dropped, client timed out).

Over SSH without a terminal the command writes to pipes (or a socket) that sshd closes
when the connection drops; no SIGHUP is sent. A review still reading a large portfolio
would run on with no one to read it, reparented to init: ten of them were seen at load
11 after the clients had timed out. So, for the time of the printout, SIGHUP and SIGPIPE
end the process (Python ignores SIGPIPE, and the next write may be minutes away), and a
thread watches standard output and error for the reader's hang-up and ends it at once.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import stat
import threading

CHECK_MS = 500  # a wake-up is immediate on Linux; this only bounds it where it is not
_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


def _connected(fd: int) -> bool:
    """A pipe, socket or terminal: something whose other end can go away."""
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or os.isatty(fd)


def end_with_the_connection(fds: tuple[int, ...] = (1, 2)) -> None:
    """From now on this process ends when the reader of ``fds`` hangs up. Call from the main thread."""
    for sig in (signal.SIGHUP, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_DFL)
    watched = [fd for fd in fds if _connected(fd)]
    if watched:
        threading.Thread(target=_watch, args=(watched,), name="connection-watch", daemon=True).start()


def _watch(fds: list[int]) -> None:
    poller = select.poll()
    for fd in fds:
        poller.register(fd, 0)  # no events asked for: only hang-up and error are reported
    while True:
        with contextlib.suppress(InterruptedError):
            if any(events & _GONE for _fd, events in poller.poll(CHECK_MS)):
                os.kill(os.getpid(), signal.SIGHUP)  # the default action: end, as a terminal's hang-up does
                return
