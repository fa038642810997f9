"""Many projects: one row each, sortable and filterable; Enter opens the project."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from lilla_ratten.i18n import _
from lilla_ratten.reports.labels import money
from lilla_ratten.reports.portfolio import Row, attention_lines
from lilla_ratten.reports.portfolio_load import Portfolio, load_portfolio

# (column key, title, value for sorting, width: long names are cut so that 80 columns hold the row)
COLUMNS = (
    ("name", _("Project"), lambda r: r.name.casefold(), 24),
    ("organisation", _("Organisation"), lambda r: r.organisation.casefold(), 14),
    ("late", _("Late"), lambda r: _late(r), 4),
    ("status", _("Latest status"), lambda r: r.status_date.isoformat() if r.status_date else "", 12),
    ("granted", _("Granted"), lambda r: r.granted or 0, 13),
    ("phase", _("Phase"), lambda r: r.phase, 8),
    ("implementation", _("Impl."), lambda r: {True: 2, None: 1, False: 0}[r.implementation], 5),
)


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"



def _late(r: Row) -> int:
    return r.overdue_milestones + r.overdue_activities + len(r.missing_reports) + (1 if r.report_overdue_days else 0)


class PortfolioScreen(Screen):
    BINDINGS = [
        Binding("slash", "focus_filter", _("Filter")),
        Binding("s", "sort", _("Sort")),
        Binding("l", "lessons", _("Lessons")),
        Binding("escape", "clear_filter", _("Clear filter"), show=False),
    ]

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths = paths
        self.portfolio = Portfolio()
        self.sort_column = 0
        self.reverse = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=_("Filter: part of a name, organisation or phase  (/)"), id="portfolio-filter", compact=True)
        yield DataTable(id="portfolio", cursor_type="row", zebra_stripes=True)
        yield Static(id="attention", classes="notice")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#portfolio", DataTable)
        for key, title, _sort, width in COLUMNS:
            table.add_column(title, key=key, width=width)
        self.reload()
        table.focus()

    async def plugins_loaded(self) -> None:
        self.reload()  # now with the plugins' columns and checks

    def reload(self) -> None:
        self.portfolio = load_portfolio(self.paths, self.app.as_of, self.app.host)
        marks = [_("{n} projects").format(n=len(self.portfolio.rows)), ", ".join(self.paths)]
        if self.app.read_only:
            marks.insert(0, _("READ-ONLY"))
        self.app.sub_title = " · ".join(marks)
        self.fill()
        notes = attention_lines(self.portfolio.rows)
        notes += [_("{file}: not read: {error}").format(file=f.file, error=f.error) for f in self.portfolio.failed]
        self.query_one("#attention", Static).update("\n".join(f"! {n}" for n in notes))

    def fill(self) -> None:
        table = self.query_one("#portfolio", DataTable)
        words = self.query_one("#portfolio-filter", Input).value.casefold().split()
        rows = [r for r in self.portfolio.rows if all(w in f"{r.name} {r.organisation} {r.phase}".casefold() for w in words)]
        rows.sort(key=COLUMNS[self.sort_column][2], reverse=self.reverse)
        table.clear()
        for r in rows:
            status = f"{r.status_report} {r.overall or ''}".strip() if r.status_report else "–"
            impl = {True: _("yes"), False: _("no"), None: "–"}[r.implementation]
            widths = {key: width for key, _t, _s, width in COLUMNS}
            table.add_row(
                cut(r.name, widths["name"]), cut(r.organisation, widths["organisation"]), str(_late(r) or ""),
                cut(status, widths["status"]), money(r.granted), r.phase, impl, key=r.file,
            )

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#portfolio", DataTable).focus()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        index = event.column_index
        self.reverse = not self.reverse if index == self.sort_column else False
        self.sort_column = index
        self.fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_project(Path(str(event.row_key.value)))

    def action_sort(self) -> None:
        self.sort_column = (self.sort_column + 1) % len(COLUMNS)
        self.reverse = False
        self.fill()
        self.notify(_("Sorted by {column}").format(column=COLUMNS[self.sort_column][1]), timeout=2)

    def action_focus_filter(self) -> None:
        self.query_one("#portfolio-filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#portfolio-filter", Input).value = ""
        self.query_one("#portfolio", DataTable).focus()

    def action_lessons(self) -> None:
        from lilla_ratten.tui.screens.lessons_screen import LessonsScreen

        self.app.push_screen(LessonsScreen(self.portfolio))
