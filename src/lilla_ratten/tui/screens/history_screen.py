"""The project's history: what changed since the last steering-group meeting, then every
commit, in one list the keys scroll (↑ ↓, PgUp PgDn, Home End; the entry under the cursor
is marked). Filled in as it is read (``tui/git_flow.py`` reads it in a thread): the first
commits at once, then "since the meeting", then more as the cursor comes near the end of
what is read — a history of 5 000 commits is never read, or drawn, all at once."""

from __future__ import annotations

import threading

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from lilla_ratten.i18n import N_, _, ngettext
from lilla_ratten.tui.text import plain, styled

AHEAD = 100  # entries read beyond the cursor: a page or two of scrolling never waits
SINCE = "since"


ROWS, WIDTH = 6, 60  # at most about 6 rows of 60 columns (wrapped) in one option


def _rows(line: str) -> int:
    return max(1, -(-len(line) // WIDTH))


def _options(heading: str, lines: list[str], empty: str = "", id: str | None = None) -> list[Option]:
    """An entry as options a few rows tall: the heading with its first lines, then the rest
    a few at a time. ↓ goes through a long "since the meeting" by pieces; as one option
    taller than the list, the keys jumped over its middle."""
    lines = [f"  {line}" for line in lines] or ([f"  {empty}"] if empty else [])
    pieces: list[list[str]] = [[]]
    for line in lines:
        if pieces[-1] and sum(map(_rows, pieces[-1])) + _rows(line) > ROWS:
            pieces.append([])
        pieces[-1].append(line)
    first = "\n".join(pieces[0])
    head = styled("[b]$heading[/b]\n$body", heading=heading, body=first) if first else styled("[b]$heading[/b]", heading=heading)
    return [Option(head, id=id), *(Option(plain("\n".join(piece))) for piece in pieces[1:])]


class HistoryScreen(ModalScreen[None]):
    """``add`` puts (heading, lines) entries at the end; ``show_since`` fills the meeting part;
    ``wanted`` is how many entries the reader should have read by now (``more`` is set when it grows)."""

    CSS_PATH = "history_screen.tcss"
    BINDINGS = [Binding("escape,q,h", "close", N_("Close"))]

    def __init__(self, note: str = "") -> None:
        super().__init__()
        self.note = note
        self.closed = False  # the reader stops when the screen is gone
        self.shown = 0
        self.wanted = AHEAD
        self.more = threading.Event()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="history"):
            yield Label(_("History"), classes="history-title")
            note = Static(plain(self.note), classes="history-note", id="history-note")
            note.display = bool(self.note)
            yield note
            yield OptionList(*_options(_("Since the last steering-group meeting: reading…"), [], id=SINCE), id="history-entries")
            yield Static(plain(_("Reading the history…")), id="history-status", classes="history-note")
            yield Static(plain(_("↑ ↓ PgUp PgDn Home End: scroll · Esc: close")), classes="history-keys")

    def on_mount(self) -> None:
        self.query_one("#history-entries", OptionList).highlighted = 0

    def _list(self) -> OptionList:
        return self.query_one("#history-entries", OptionList)

    def add(self, entries: list[tuple[str, list[str]]]) -> None:
        if self.closed or not entries:
            return
        self._list().add_options([option for heading, lines in entries for option in _options(heading, lines)])
        self.shown += len(entries)

    def show_since(self, heading: str | None, lines: list[str], note: str = "") -> None:
        if self.closed:
            return
        entries = self._list()
        if entries.option_count and entries.get_option_at_index(0).id == SINCE:
            since = [] if heading is None else _options(heading, lines, _("no changes"))
            at = entries.highlighted or 0
            entries.set_options([*since, *entries.options[1:]])  # in front of the first entries, already shown
            entries.highlighted = at + len(since) - 1 if at else 0  # the cursor stays on its entry
        if note:
            said = self.query_one("#history-note", Static)
            said.update(plain(note))
            said.display = True

    def waiting(self) -> None:
        """The reader has read ahead of the cursor and waits for it."""
        if not self.closed:
            self.query_one("#history-status", Static).update(plain(
                ngettext("{n} commit so far; more as you scroll.", "{n} commits so far; more as you scroll.", self.shown).format(n=self.shown)))

    def finished(self, error: str = "") -> None:
        if self.closed:
            return
        status = self.query_one("#history-status", Static)
        if error:
            status.update(plain(error))
        else:
            status.update(plain(ngettext("{n} commit.", "{n} commits.", self.shown).format(n=self.shown)))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index + AHEAD > self.wanted:
            self.wanted = event.option_index + AHEAD
            self.more.set()

    def action_close(self) -> None:
        self.closed = True
        self.more.set()
        self.dismiss(None)
