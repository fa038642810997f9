"""`?`: what the keys do, in the user's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from lilla_ratten.i18n import N_, _
from lilla_ratten.tui.text import plain


def help_rows(read_only: bool) -> list[tuple[str, str]]:
    """(key, what it does), the key names in the user's language too (Skift, not Shift)."""
    rows = [
        (_("Tab / Shift+Tab"), _("move between the fields and tables")),
        ("1–9, 0 / [ ]", _("switch view: overview, goals, organisation, milestones … / previous, next")),
        (_("↑ ↓ PgUp PgDn"), _("move in a table; from the tab bar, scroll the tab shown")),
        (_("Enter"), _("open the selected row")),
        ("/", _("filter the activity plan: every word must appear in the row")),
        ("o", _("sort the table by the next column")),
        ("r", _("the final report as it would be printed")),
        ("9", _("lessons, and the reports' own chapters: headings with text placed among the form's headings")),
        ("h", _("history: each commit with what it changed, and what changed since the last steering-group meeting")),
        ("v", _("checks: every error and warning, as lilla-ratten validate lists them; Enter opens the record")),
        (_("Esc"), _("back (from a project to the portfolio it was opened from)")),
    ]
    if not read_only:
        rows += [
            ("a", _("add a row to the table")),
            (_("d / Delete"), _("delete the selected row (asks first)")),
            ("Ctrl+S", _("save (the file is replaced in one step; never half-written)")),
            ("Ctrl+Z", _("undo the last change")),
            ("n", _("new status report, filled in from what changed since the last one")),
            ("s", _("mark the selected status report as sent (it becomes read-only)")),
            ("x", _("export as PDF, Word, OpenDocument or Markdown: the selected status report, else the final report")),
            ("e / b / i / f", _("edit project details / budget / implementation / final report texts")),
            ("Ctrl+D", _("share (Dela): commit, merge the others' changes, send; conflicts are shown to choose")),
        ]
    rows += [
        ("Ctrl+P", _("command palette: every action by name")),
        ("?", _("this help")),
        ("Ctrl+Q", _("quit (asks if anything is unsaved)")),
    ]
    return rows


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", N_("Close"))]

    def __init__(self, read_only: bool) -> None:
        super().__init__()
        self.read_only = read_only

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(_("Keys"), classes="form-title")
            # two columns: a description that wraps stays in its own column, never under the keys
            with Grid(id="help-keys"):
                for key, text in help_rows(self.read_only):
                    yield Static(plain(key), classes="help-key")  # "[ ]" is a key here, not markup
                    yield Static(plain(text), classes="help-text")
            yield Static(_("Press Escape to close."), classes="hint")
