"""Many projects: one row each, sortable and filterable; Enter opens the project."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from lilla_ratten.i18n import N_, _, ngettext
from lilla_ratten.reports.labels import money
from lilla_ratten.reports.portfolio import Row, attention_lines, group
from lilla_ratten.reports.portfolio_load import Portfolio, load_portfolio
from lilla_ratten.tui.text import plain
from lilla_ratten.tui.widgets.footer import Footer

# (column key, title, value for sorting, width: long names are cut so that 80 columns hold the row)
COLUMNS = (
    ("name", _("Project"), lambda r: r.name.casefold(), 24),
    ("organisation", _("Organisation"), lambda r: r.organisation.casefold(), 14),
    ("late", _("Late"), lambda r: _late(r), 4),
    ("status", _("Latest status"), lambda r: r.status_date.isoformat() if r.status_date else "", 12),
    ("granted", _("Granted"), lambda r: (r.granted is None, r.granted or 0), 13),  # unstated grants last
    ("phase", _("Phase"), lambda r: r.phase, 8),
    ("implementation", _("Impl."), lambda r: {True: 2, None: 1, False: 0}[r.implementation], 5),
    # the budget lines' figures when a plugin keeps them, else [budget] (reports/budget_figures.py)
    ("budget", _("Budget"), lambda r: (r.budget is None, r.budget or 0), 13),
    ("spent", _("Spent"), lambda r: (r.spent is None, r.spent or 0), 13),
)


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"



def _plugin_sort(column: str):
    """Sort key of a plugin column: values in order (numbers before text), empty and failed cells last."""

    def key(r: Row):
        value = r.columns.get(column)
        if value is None or column in r.incomplete:
            return (2, 0, "")
        return (0, value, "") if isinstance(value, (int, float)) else (1, 0, str(value).casefold())

    return key


def _late(r: Row) -> int:
    return r.overdue_milestones + r.overdue_activities + len(r.missing_reports) + (1 if r.report_overdue_days else 0)


class PortfolioScreen(Screen):
    BINDINGS = [
        Binding("slash", "focus_filter", N_("Filter")),
        Binding("s", "sort", N_("Sort")),
        Binding("l", "lessons", N_("Lessons")),
        Binding("x", "export", N_("Export")),  # the committee's compilation
        Binding("escape", "clear_filter", N_("Clear filter"), show=False),
    ]

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths = paths
        self.portfolio = Portfolio()
        self.sort_column = 0
        self.reverse = False

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action == "export" and self.app.read_only)  # the review writes no files

    def action_export(self) -> None:
        from pathlib import Path

        from lilla_ratten.tui.export import export_compilation

        first = Path(self.paths[0])
        export_compilation(self.app, self.portfolio.projects, first / first.resolve().name if first.is_dir() else first)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=_("Filter: part of a name, organisation or phase  (/)"), id="portfolio-filter", compact=True)
        yield DataTable(id="portfolio", cursor_type="row", zebra_stripes=True)
        yield Static(id="totals")
        yield Static(id="attention", classes="notice")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#portfolio", DataTable)
        for key, title, _sort, width in COLUMNS:
            table.add_column(title, key=key, width=width)
        self.reload()
        table.focus()

    @property
    def columns(self) -> list[tuple]:
        """The app's columns, then every plugin's (they arrive with the plugins)."""
        return [*COLUMNS, *((f"plugin-{c}", title, _plugin_sort(c), max(8, min(len(title), 14)))
                           for c, title, _summed, _kind in self.portfolio.columns)]

    def _add_plugin_columns(self) -> None:
        table = self.query_one("#portfolio", DataTable)
        for key, title, _sort, width in self.columns[len(COLUMNS):]:
            if key not in table.columns:
                table.add_column(plain(title), key=key, width=width)  # a plugin's title

    def _cell(self, r: Row, column: str, kind: str) -> str:
        if column in r.incomplete:
            return _("failed")
        value = r.columns.get(column)
        if value is None:
            return ""
        return money(value) if kind == "money" else str(int(value) if isinstance(value, float) and value.is_integer() else value)

    def _totals(self) -> str:
        """The summed plugin columns' totals; one over a failed cell is "incomplete", never a number."""
        summed = [(c, t, k) for c, t, s, k in self.portfolio.columns if s]
        if not summed:
            return ""
        _groups, total = group(self.portfolio.rows, None, [c for c, _t, _k in summed])
        parts = []
        for c, title, kind in summed:
            value = total.columns.get(c)
            shown = _("incomplete") if c in total.incomplete else (money(value) if kind == "money" else str(value or 0))
            parts.append(_("{column} in total").format(column=title) + f": {shown}")
        return "  ·  ".join(parts)

    async def plugins_loaded(self) -> None:
        self.reload()  # now with the plugins' columns and checks

    def reload(self) -> None:
        self.portfolio = load_portfolio(self.paths, self.app.as_of, self.app.host)
        marks = [ngettext("{n} project", "{n} projects", len(self.portfolio.rows)).format(n=len(self.portfolio.rows)), ", ".join(self.paths)]
        if self.app.read_only:
            marks.insert(0, _("READ-ONLY"))
        self.app.sub_title = " · ".join(marks)
        self._add_plugin_columns()
        self.fill()
        self.query_one("#totals", Static).update(plain(self._totals()))
        notes = attention_lines(self.portfolio.rows)
        notes += [_("{file}: not read: {error}").format(file=f.file, error=f.error) for f in self.portfolio.failed]
        failures = self.app.host.failures if self.app.host is not None else []
        notes += [_("Plugin {plugin} failed ({hook}: {error}); what it adds here is incomplete.").format(
            plugin=f.plugin, hook=f.hook, error=f.error) for f in failures]
        self.query_one("#attention", Static).update(plain("\n".join(f"! {n}" for n in notes)))

    def fill(self) -> None:
        table = self.query_one("#portfolio", DataTable)
        words = self.query_one("#portfolio-filter", Input).value.casefold().split()
        rows = [r for r in self.portfolio.rows if all(w in f"{r.name} {r.organisation} {r.phase}".casefold() for w in words)]
        rows.sort(key=self.columns[self.sort_column][2], reverse=self.reverse)
        table.clear()
        widths = {key: width for key, _t, _s, width in COLUMNS}
        for r in rows:
            status = f"{r.status_report} {r.overall or ''}".strip() if r.status_report else "–"
            impl = {True: _("yes"), False: _("no"), None: "–"}[r.implementation]
            cells = (
                cut(r.name, widths["name"]), cut(r.organisation, widths["organisation"]), str(_late(r) or ""),
                cut(status, widths["status"]), money(r.granted), r.phase, impl, money(r.budget), money(r.spent),
                *(self._cell(r, c, kind) for c, _t, _s, kind in self.portfolio.columns),
            )
            table.add_row(*map(plain, cells), key=r.file)  # project text: "[/] AB" is a name, not markup

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
        self.sort_column = (self.sort_column + 1) % len(self.columns)
        self.reverse = False
        self.fill()
        self.notify(_("Sorted by {column}").format(column=self.columns[self.sort_column][1]), timeout=2, markup=False)

    def action_focus_filter(self) -> None:
        self.query_one("#portfolio-filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#portfolio-filter", Input).value = ""
        self.query_one("#portfolio", DataTable).focus()

    def action_lessons(self) -> None:
        from lilla_ratten.tui.screens.lessons_screen import LessonsScreen

        self.app.push_screen(LessonsScreen(self.portfolio))
