"""End the app when its terminal goes away, instead of running on with no one to see it.

When a terminal window is closed or an SSH connection drops, the app may get SIGHUP,
or only find its terminal hung up (reads return nothing, at once, forever: Textual's
input thread then spins at full CPU). Either way there is no one left to answer a
question, so the app ends; every change was already kept outside the file
(``storage.unsaved``) and the next `lilla-ratten open` offers it back.
"""

from __future__ import annotations

import asyncio
import contextlib
import select
import signal
import sys
from collections.abc import Callable

CHECK_SECONDS = 1.0
_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


def terminal_hung_up(fd: int) -> bool:
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return any(events & _GONE for _fd, events in poller.poll(0))


def watch_terminal(app, end: Callable[[bool], None]) -> None:
    """Call ``end(gone)`` on SIGHUP or SIGTERM, or once the app's terminal has hung up.

    ``gone`` tells whether the terminal is still there (``kill`` from another shell) —
    then it should be given back in order — or hung up, when nothing can be shown.
    """
    try:
        fd = sys.__stdin__.fileno()
    except (AttributeError, ValueError, OSError):
        fd = None

    def gone() -> bool:
        return fd is None or terminal_hung_up(fd)

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGHUP, signal.SIGTERM):
        with contextlib.suppress(ValueError, RuntimeError, NotImplementedError):  # not the main thread
            loop.add_signal_handler(sig, lambda: end(gone()))
    if fd is not None:
        app.set_interval(CHECK_SECONDS, lambda: gone() and end(True))
