"""Keypress to painted screen on a real pseudo-terminal, wall clock, 2 000 activities.

    .venv/bin/python benchmarks/pty_keys.py [--presses 40]

What a person at the keyboard waits for: `lilla-ratten open` runs on a pty (120×40) on a
synthetic project with 2 000 activities, all first-party plugins loaded; on the activity
plan, a key is written to the terminal; the clock stops at the first output it causes
(the frame with the key's effect on screen) and at the last one (before 50 ms of
silence: on a long list the rows past the first screenful, and the scrollbar, follow a
frame later).
tui_speed.py measures the same keys in-process as CPU time; this one includes the
terminal, the input parser and the event loop. Baseline in the same run: a bare Textual
app with an Input and a DataTable of 2 000 rows.
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOWN = b"\x1b[B"

BARE = """
from textual.app import App
from textual.widgets import DataTable, Input

class Bare(App):
    TITLE = "BareKeys"
    def compose(self):
        yield Input()
        yield DataTable(cursor_type="row")
    def on_mount(self):
        t = self.query_one(DataTable)
        t.add_columns("Id", "Activity", "Owner", "Status")
        for i in range(2000):
            t.add_row(f"A{i}", "Intervju med jobbtorg", "Projektledare", "planerad")
        t.focus()

Bare().run()
"""


class Terminal:
    """A program on a pty; reads everything it writes."""

    def __init__(self, argv: list[str], rows: int = 40, cols: int = 120) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update({"TERM": "xterm-256color", "LILLA_RATTEN_LANG": "sv", "LILLA_RATTEN_CACHE": "off"})
            os.execv(argv[0], argv)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def read_until_quiet(self, quiet: float, limit: float = 20.0) -> bytes:
        """Everything written until nothing more comes for ``quiet`` seconds."""
        out, start = b"", time.perf_counter()
        while time.perf_counter() - start < limit:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                return out
            out += os.read(self.fd, 1 << 20)
        return out

    def press(self, key: bytes) -> tuple[float, float]:
        """Seconds from writing ``key`` to the first and to the last write it caused.

        The output is kept in ``self.frame``. The last write is the one before 50 ms of
        silence: a long list's rows past the first screenful, and the scrollbar that
        measures them, come a frame after the rows on screen.
        """
        self.read_until_quiet(0.05)  # nothing left over from before
        start = time.perf_counter()
        os.write(self.fd, key)
        self.frame, first, last = b"", None, None
        while True:
            ready, _, _ = select.select([self.fd], [], [], 0.05 if last else 5.0)
            if not ready:
                break
            self.frame += os.read(self.fd, 1 << 20)
            last = time.perf_counter()
            first = first or last
        if last is None:
            raise SystemExit(f"no frame within 5 s after {key!r}")
        return first - start, last - start

    def close(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def medians(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return tuple(statistics.median(x[i] for x in samples) * 1000 for i in (0, 1))


def measure_ours(path: Path, presses: int) -> dict[str, tuple[float, float]]:
    term = Terminal([str(Path(sys.executable).parent / "lilla-ratten"), "open", str(path)])
    try:
        term.read_until_quiet(1.5)  # first frame, tabs, plugins
        term.press(b"5")  # the activity plan; the table has the focus
        term.read_until_quiet(0.5)
        down = medians([term.press(DOWN) for _ in range(presses)])
        term.press(b"/")  # to the filter above the table
        # a word typed and rubbed out again: every key changes which of the 2 000 rows show
        word = "samverkan".encode()
        keys = ([bytes([c]) for c in word] + [b"\x7f"] * len(word)) * (presses // (2 * len(word)) + 1)
        typed = []
        for n, key in enumerate(keys[:presses], 1):
            typed.append(term.press(key))
            if n == len(word) and word not in term.frame:
                raise SystemExit("the filter did not show what was typed: the keys went elsewhere")
    finally:
        term.close()
    return {"cursor down": down, "type in filter": medians(typed)}


def measure_bare(presses: int) -> tuple[float, float]:
    term = Terminal([sys.executable, "-c", BARE])
    try:
        term.read_until_quiet(1.0)
        return medians([term.press(DOWN) for _ in range(presses)])
    finally:
        term.close()


def main() -> None:
    compileall.compile_dir(ROOT / "src", quiet=1)
    compileall.compile_dir(ROOT / "plugins", quiet=1)
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=40)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from lilla_ratten.storage import save_project
    from synthetic import project

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.toml"
        save_project(project(n_activities=2000), path, expected_digest=None)
        ours = measure_ours(path, args.presses)
    bare = measure_bare(args.presses)
    print(f"keypress to painted frame on a pty (120x40), wall clock, 2 000 activities, median of {args.presses}")
    print("                                  first frame   last write")
    for name, (first, last) in ours.items():
        print(f"  lilla-ratten: {name:18} {first:8.1f} ms  {last:8.1f} ms   (target <= 50 ms)")
    print(f"  bare DataTable: cursor down    {bare[0]:8.1f} ms  {bare[1]:8.1f} ms")

if __name__ == "__main__":
    main()
