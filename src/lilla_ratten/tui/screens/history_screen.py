"""The project's history: what changed since the last steering-group meeting, then every commit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from lilla_ratten.i18n import _


class HistoryScreen(ModalScreen[None]):
    """``since``: (heading, lines) for the last meeting; ``entries``: (heading, lines) per commit."""

    CSS_PATH = "history_screen.tcss"
    BINDINGS = [Binding("escape,q,h", "close", _("Close"))]

    def __init__(self, since: tuple[str, list[str]] | None, entries: list[tuple[str, list[str]]], note: str = "") -> None:
        super().__init__()
        self.since = since
        self.entries = entries
        self.note = note

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="history"):
            yield Label(_("History"), classes="history-title")
            if self.note:
                yield Static(self.note, markup=False, classes="history-note")
            if self.since is not None:
                heading, lines = self.since
                yield Static(heading, markup=False, classes="history-heading", id="history-since")
                yield Static("\n".join(f"  {line}" for line in lines) or "  " + _("no changes"), markup=False)
            for heading, lines in self.entries:
                yield Static(heading, markup=False, classes="history-heading")
                yield Static("\n".join(f"  {line}" for line in lines), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
