"""Time to the first painted frame on a real pseudo-terminal (80×24), whole process.

    .venv/bin/python benchmarks/first_paint.py [--runs 9]

Starts each program on a pty, as a terminal would, and stops the clock when the output
contains a text only the first frame has (the app's title) — the moment a person sees
the app. Baseline in the same run: a bare Textual app with a Header, DataTable and Footer.
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
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
from textual.app import App
from textual.widgets import DataTable, Footer, Header

class Bare(App):
    TITLE = "BareTextualFirstFrame"
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()
    def on_mount(self):
        t = self.query_one(DataTable)
        t.add_columns("Id", "Milestone", "Planned", "Done")
        for i in range(8):
            t.add_row(f"M{i}", "Kartläggning klar", "2009-02-15", "")

Bare().run()
"""


def first_paint(argv: list[str], marker: bytes, timeout: float = 20) -> float:
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of 80×24
        os.environ.update({"TERM": "xterm-256color", "LILLA_RATTEN_LANG": "sv", "LILLA_RATTEN_CACHE": "off"})
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    elapsed = None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                seen += chunk
                if marker in seen:
                    elapsed = time.perf_counter() - start
                    break
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    if elapsed is None:
        raise SystemExit(f"{argv}: {marker!r} never appeared")
    return elapsed


def compiled() -> None:
    """As a user's second start finds them: compiled (PYTHONDONTWRITEBYTECODE would
    otherwise have every changed module recompiled on every start)."""
    compileall.compile_dir(ROOT / "src", quiet=1)
    compileall.compile_dir(ROOT / "plugins", quiet=1)


def main() -> None:
    compiled()
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)  # the median of 15 moves less between runs than of 9
    args = parser.parse_args()
    sample = ROOT / "sample_projects" / "ingen-ska-lamnas-utanfor-2.toml"
    exe = str(Path(sys.executable).parent / "lilla-ratten")
    bare, ours = [], []
    for _ in range(args.runs):  # interleaved, so both see the same machine
        bare.append(first_paint([sys.executable, "-c", BARE], b"BareTextualFirstFrame"))
        ours.append(first_paint([exe, "open", str(sample)], "Ingen ska lämnas".encode()))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"first painted frame on a pty (80x24), whole process, median of {args.runs}")
    print(f"  bare Textual + DataTable  {b * 1000:8.1f} ms")
    print(f"  lilla-ratten open         {o * 1000:8.1f} ms   ratio {o / b:.2f}x  (target <= 1.3x)")


if __name__ == "__main__":
    main()
