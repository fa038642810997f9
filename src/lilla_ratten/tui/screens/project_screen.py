"""The project: an overview and one tab per part of the project model, plus the plugins' tabs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from lilla_ratten.i18n import N_, _
from lilla_ratten.tui.widgets.document_view import DocumentView
from lilla_ratten.tui.widgets.record_table import RecordTable

# (tab id, title, the lists it shows)
TABS = (
    ("goals", N_("Goals"), ("effect_goals", "indicators", "project_goals", "exclusions")),
    ("organisation", N_("Organisation"), ("members",)),
    ("milestones", N_("Milestones"), ("milestones",)),
    ("activities", N_("Activities"), ("activities",)),
    ("reports", N_("Status reports"), ("status_reports",)),
    ("decisions", N_("Decisions"), ("decision_points", "decisions")),
    ("changes", N_("Changes"), ("changes",)),
    ("lessons", N_("Lessons"), ("lessons",)),
)


class Pane(VerticalScroll, can_focus=False):
    """A tab's scrolling body; the tables in it take the focus, not the scroll area."""


class ProjectScreen(Screen):
    BINDINGS = [
        *(Binding(str(i + 1), f"show_tab({i})", show=False) for i in range(9)),
        Binding("n", "app.new_status_report", _("New status report")),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        yield Header()
        with TabbedContent(id="tabs"):
            with TabPane(_("Overview"), id="overview"):
                with Pane():
                    yield DocumentView(id="summary")
            for tab_id, title, collections in TABS:
                with TabPane(_(title), id=tab_id):
                    with Pane():
                        for name in collections:
                            yield RecordTable(
                                name,
                                filterable=name == "activities",
                                read_only=app.session.read_only,
                                id=f"table-{name}",
                            )
                        if tab_id == "reports":
                            yield DocumentView(id="report-preview")
                        if tab_id == "milestones":
                            yield Vertical(id="timeline-slot")
            for pane_id, title, widget in app.plugin_panes():
                with TabPane(title, id=f"plugin-{pane_id}"):
                    yield widget
        yield Footer()

    def on_mount(self) -> None:
        self.app.refresh_views()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # go straight to the first table of the tab, so arrows and `a` work at once
        tables = event.pane.query(DataTable)
        if tables:
            tables.first().focus()
        if event.pane.id == "milestones":
            self._ensure_timeline()

    def _ensure_timeline(self) -> None:
        slot = self.query_one("#timeline-slot")
        if not slot.children:
            from lilla_ratten.tui.widgets.milestone_timeline import MilestoneTimeline

            slot.mount(MilestoneTimeline(id="timeline"))
            self.call_after_refresh(self.app.refresh_views)

    def action_show_tab(self, n: int) -> None:
        tabs = self.query_one(TabbedContent)
        panes = [p.id for p in tabs.query(TabPane)]
        if n < len(panes):
            tabs.active = panes[n]

    def on_data_table_row_highlighted(self, event) -> None:
        table = event.data_table
        owner = table.parent
        if isinstance(owner, RecordTable) and owner.collection.attr == "status_reports":
            self.app.preview_status_report(event.row_key.value if event.row_key else None)


def error_pane(message: str) -> Static:
    return Static(message, classes="notice")
