"""The project's history: what changed since the last steering-group meeting, then every
commit. Filled in as it is read (``tui/git_flow.py`` reads it in a thread): the first
commits show at once however long the history, the rest follow."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from lilla_ratten.i18n import N_, _, ngettext
from lilla_ratten.tui.text import plain


class HistoryScreen(ModalScreen[None]):
    """``add`` puts (heading, lines) entries at the end; ``show_since`` fills the meeting part."""

    CSS_PATH = "history_screen.tcss"
    BINDINGS = [Binding("escape,q,h", "close", N_("Close"))]

    def __init__(self, note: str = "") -> None:
        super().__init__()
        self.note = note
        self.closed = False  # the reader stops when the screen is gone
        self.shown = 0

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="history"):
            yield Label(_("History"), classes="history-title")
            yield Static(plain(self.note), classes="history-note", id="history-note")
            yield Static(plain(_("Since the last steering-group meeting: reading…")), classes="history-heading", id="history-since")
            yield Static("", id="history-since-lines")
            yield Vertical(id="history-entries")
            yield Static(plain(_("Reading the history…")), id="history-status", classes="history-note")

    def add(self, entries: list[tuple[str, list[str]]]) -> None:
        if self.closed or not entries:
            return
        box = self.query_one("#history-entries", Vertical)
        widgets = []
        for heading, lines in entries:
            widgets.append(Static(plain(heading), classes="history-heading"))
            widgets.append(Static(plain("\n".join(f"  {line}" for line in lines))))
        box.mount_all(widgets)
        self.shown += len(entries)

    def show_since(self, heading: str | None, lines: list[str], note: str = "") -> None:
        if self.closed:
            return
        if heading is None:
            self.query_one("#history-since", Static).display = False
            self.query_one("#history-since-lines", Static).display = False
        else:
            self.query_one("#history-since", Static).update(plain(heading))
            self.query_one("#history-since-lines", Static).update(plain("\n".join(f"  {line}" for line in lines) or "  " + _("no changes")))
        if note:
            self.query_one("#history-note", Static).update(plain(note))

    def finished(self, error: str = "") -> None:
        if self.closed:
            return
        status = self.query_one("#history-status", Static)
        if error:
            status.update(plain(error))
        else:
            status.update(plain(ngettext("{n} commit.", "{n} commits.", self.shown).format(n=self.shown)))

    def action_close(self) -> None:
        self.closed = True
        self.dismiss(None)
