"""`lilla-ratten open PATH` on a real pseudo-terminal, for the tests that need what a terminal receives."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest


class Screen:
    """`lilla-ratten open PATH` on a pseudo-terminal: what it wrote, keys in, its end."""

    def __init__(self, path: Path, block_sighup: bool = False, command: str = "open") -> None:
        import pty
        import signal

        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update({"LILLA_RATTEN_LANG": "en", "TERM": "xterm-256color"})
            if block_sighup:
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP})  # kept across exec
            os.execv(sys.executable, [sys.executable, "-m", "lilla_ratten", command, str(path)])
        self.text = ""

    def read(self, timeout: float) -> None:
        import select

        if select.select([self.fd], [], [], timeout)[0]:
            try:
                self.text += os.read(self.fd, 1 << 16).decode("utf-8", "replace")
            except OSError:
                pass

    def keys(self, *keys: str) -> None:
        for key in keys:
            os.write(self.fd, key.encode())
            time.sleep(0.05)
            self.read(0.05)

    def wait_for(self, word: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while word not in self.text and time.monotonic() < deadline:
            self.read(0.2)
        assert word in self.text, self.text[-2000:]
        time.sleep(1.0)  # the tabs come a moment after the first frame
        self.read(0.2)

    def ended(self, failure: str, seconds: float = 10, reading: bool = False) -> int:
        """The app's exit status once it has ended; killed and failed if it runs on."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if reading:
                self.read(0.1)
            else:
                time.sleep(0.1)
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return status
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)
        pytest.fail(failure)
