"""What a window size claimed by the terminal costs: peak memory of the review on a real pty.

    .venv/bin/python benchmarks/huge_window.py [--seconds 6]

An SSH client chooses the window size it reports; 65 535 × 65 535 grew the review to 888 MB
in 6 s before the size was bounded (``tui/app_guards.MAX_SIZE``). Runs ``lilla-ratten
review`` on the bundled samples in a pty of each size for a few seconds, reading and
discarding what it draws, and prints the peak resident memory (VmHWM) of each, against the
ordinary 80 × 24 measured in the same run. ``unbounded`` is the same app with the bound
lifted, to show what it saves (stopped at 2 GB).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_KB = 2 * 1024 * 1024

RUN = """
import sys
from textual.geometry import Size
import lilla_ratten.tui.app_guards as guards
if sys.argv[1] == "unbounded":
    guards.MAX_SIZE = Size(1 << 20, 1 << 20)
from lilla_ratten.cli import main
sys.exit(main(["review", sys.argv[2]]))
"""


def peak_kb(pid: int) -> tuple[int, int]:
    """(VmHWM, VmRSS) of ``pid`` in kB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            values[key] = int(rest.split()[0])
    return values.get("VmHWM", 0), values.get("VmRSS", 0)


def run(mode: str, width: int, height: int, seconds: float) -> tuple[int, int]:
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": "xterm-256color", "LILLA_RATTEN_LANG": "sv", "LILLA_RATTEN_CACHE": "off"})
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)
        os.execv(sys.executable, [sys.executable, "-c", RUN, mode, str(ROOT / "sample_projects")])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    start = time.perf_counter()
    drawn = 0
    peak = (0, 0)
    try:
        while time.perf_counter() - start < seconds:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    drawn += len(os.read(fd, 1 << 20))
                except OSError:
                    break
            try:
                peak = peak_kb(pid)
            except OSError:
                break
            if peak[0] > LIMIT_KB:
                break
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return peak[0], drawn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--no-unbounded", action="store_true", help="skip the run without the bound")
    args = parser.parse_args()
    cases = [("bounded", 80, 24), ("bounded", 65535, 65535)]
    if not args.no_unbounded:
        cases.append(("unbounded", 65535, 65535))
    base = None
    for mode, width, height in cases:
        peak, drawn = run(mode, width, height, args.seconds)
        base = base or peak
        stopped = " (stopped at the 2 GB limit)" if peak > LIMIT_KB else ""
        print(f"{mode:9} {width:>5}×{height:<5}  peak {peak / 1024:7.1f} MB  ×{peak / base:5.2f} of 80×24"
              f"  drawn {drawn / 1024:9.0f} kB in {args.seconds:.0f} s{stopped}")


if __name__ == "__main__":
    main()
