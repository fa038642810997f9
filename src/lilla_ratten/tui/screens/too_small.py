"""Shown instead of a squeezed screen when the terminal is below the smallest usable size."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from lilla_ratten.i18n import _
from lilla_ratten.tui.text import plain

MIN_WIDTH, MIN_HEIGHT = 60, 15


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


def follow(app, size) -> None:
    """The window was resized: the message shown when it became too small, taken away when it is large enough."""
    small = too_small(size.width, size.height)
    if small and not isinstance(app.screen, TooSmall):
        app.push_screen(TooSmall())
    elif not small and isinstance(app.screen, TooSmall):
        app.pop_screen()


class TooSmall(ModalScreen[None]):
    DEFAULT_CSS = """
    TooSmall { align: center middle; background: $surface; }
    TooSmall Static { width: 100%; content-align: center middle; text-align: center; }
    """

    def compose(self) -> ComposeResult:
        yield Static(self._message())

    def on_resize(self) -> None:
        self.query_one(Static).update(self._message())

    def _message(self):
        return plain(_("The window is too small ({width}×{height}).\nLilla Ratten needs at least {min_w}×{min_h}: make it larger.").format(
            width=self.app.size.width, height=self.app.size.height, min_w=MIN_WIDTH, min_h=MIN_HEIGHT))

