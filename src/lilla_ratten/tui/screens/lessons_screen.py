"""Search every project's lessons learned and conclusions; Enter opens the project."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from lilla_ratten.i18n import N_, _, ngettext
from lilla_ratten.model import LessonKind
from lilla_ratten.reports.labels import label
from lilla_ratten.reports.lessons import Lesson, collect, search
from lilla_ratten.reports.portfolio_load import Portfolio
from lilla_ratten.tui.text import plain
from lilla_ratten.tui.widgets.footer import Footer


class LessonsScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("slash", "focus_search", N_("Search")),
    ]

    def __init__(self, portfolio: Portfolio) -> None:
        super().__init__()
        self.lessons: list[Lesson] = [x for file, p in portfolio.projects.items() for x in collect(p, file)]
        self.shown: list[Lesson] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=_("Search lessons: every word must occur  (/)"), id="lessons-search", compact=True)
        yield DataTable(id="lessons", cursor_type="row", zebra_stripes=True)
        yield Static(id="lesson-text")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#lessons", DataTable)
        table.add_columns(_("Project"), _("Kind"), _("Lesson"))
        self.fill()
        self.query_one("#lessons-search", Input).focus()

    def fill(self) -> None:
        self.shown = search(self.lessons, self.query_one("#lessons-search", Input).value)
        table = self.query_one("#lessons", DataTable)
        table.clear()
        for i, x in enumerate(self.shown):
            kind = label(LessonKind(x.kind)) if x.kind else _("conclusion")
            text = x.text if len(x.text) <= 70 else x.text[:69] + "…"
            table.add_row(plain(x.project[:30]), plain(kind), plain(text), key=str(i))  # text, not markup
        # this screen's own sub-title: the app's (READ-ONLY first in the review) is there again on leaving it
        marks = [ngettext("{n} lesson", "{n} lessons", len(self.shown)).format(n=len(self.shown))]
        if getattr(self.app, "read_only", False):
            marks.insert(0, _("READ-ONLY"))
        self.sub_title = " · ".join(marks)
        self.show_text(0)

    def show_text(self, index: int) -> None:
        text = ""
        if 0 <= index < len(self.shown):
            x = self.shown[index]
            text = f"{x.project} ({x.organisation})\n{x.text}"
        self.query_one("#lesson-text", Static).update(plain(text))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#lessons", DataTable).focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_text(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_project(Path(self.shown[int(str(event.row_key.value))].file))

    def action_focus_search(self) -> None:
        self.query_one("#lessons-search", Input).focus()
