"""What the printing commands write goes through ``neutralise`` on its way to the terminal,
and through ``mask_identity_numbers``: no command prints a personnummer in full.

Reports, messages, CSV and plugin commands all print project text, often over SSH to a
reviewer's terminal; filtering the two streams once here covers every one of them,
including output a plugin prints itself. JSON needs nothing: it escapes controls, and
``render_json`` escapes bidi and C1 characters too.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

from lilla_ratten.model.privacy import mask_identity_numbers
from lilla_ratten.model.text_safety import neutralise


class NeutralisingStream:
    """A text stream that writes to ``inner`` with every unsafe character made inert and every
    identity number masked (each write is a whole value: ``print`` writes its arguments and
    ``json.dump`` its strings one piece each)."""

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(neutralise(mask_identity_numbers(text)))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):  # flush, fileno, isatty, encoding, …
        if name == "buffer":  # raw bytes would pass unfiltered
            raise AttributeError(name)
        return getattr(self._inner, name)


@contextlib.contextmanager
def neutralised_output() -> Iterator[None]:
    """Standard output and error filtered for the time of a command."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = NeutralisingStream(saved[0]), NeutralisingStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
