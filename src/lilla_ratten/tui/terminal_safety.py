"""Project text on screen never reaches the terminal as control sequences.

Rich drops BEL, BS, VT, FF and CR from text but passes ESC, C1 controls and bidi
overrides through, and Textual writes them as they are: a project name holding
``ESC ]0;… BEL`` retitled the reviewer's window, ``ESC [31m`` coloured the screen (seen on a
real pty with Textual 8.2). Every widget's output, ours and the plugins', is a ``Strip``
rendered by ``Strip.render``, so filtering segment text there covers all of it. The
characters removed all have zero width, so the layout Textual computed stays right.
A hyperlink travels in the style, not the text: a ``[link=…]`` that reached a widget as
markup would send the terminal an OSC 8 sequence, so links are dropped here too (the app
has none of its own). ``tests/test_hostile_text.py`` checks the bytes a real pty receives.
"""

from __future__ import annotations

from rich.color import ColorSystem
from textual.strip import Strip

from lilla_ratten.model.text_safety import UNSAFE, strip_unsafe

_installed = False


def _render(self: Strip, console) -> str:
    # Textual's own Strip.render (8.x), with the segment text filtered first.
    if self._render_cache is None:
        color_system = console._color_system or ColorSystem.TRUECOLOR
        render = self.render_style
        parts = []
        for text, style, _control in self._segments:
            if UNSAFE.search(text):
                text = strip_unsafe(text)
            if style is not None and style._link:
                style = style.update_link(None)  # no hyperlink (OSC 8) reaches the terminal either
            parts.append(text if style is None else render(style, text, color_system=color_system))
        self._render_cache = "".join(parts)
    return self._render_cache


def install() -> None:
    """Filter every strip the app draws (idempotent)."""
    global _installed
    if not _installed:
        Strip.render = _render  # type: ignore[method-assign]
        _installed = True
