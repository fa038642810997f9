"""The project: an overview and one tab per part of the project model, plus the plugins' tabs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
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
    _plugin_tabs = False  # the plugins' tabs are in
    BINDINGS = [
        *(Binding(str(i + 1), f"show_tab({i})", show=False) for i in range(9)),
        Binding("0", "show_tab(9)", show=False),
        Binding("right_square_bracket", "next_tab(1)", _("Next tab"), show=False),
        Binding("left_square_bracket", "next_tab(-1)", _("Previous tab"), show=False),
        Binding("n", "app.new_status_report", _("New status report")),
        Binding("e", "app.edit_section('project')", _("Project details")),
        Binding("b", "app.edit_section('budget')", _("Budget"), show=False),
        Binding("f", "app.edit_section('final')", _("Final report"), show=False),
        Binding("i", "app.edit_section('implementation')", _("Implementation"), show=False),
        Binding("r", "app.preview_final", _("Final report")),
        Binding("escape", "back", _("Portfolio"), show=False),
    ]

    def action_back(self) -> None:
        if self.app.folders:
            self.app.close_project()

    def compose(self) -> ComposeResult:
        app = self.app
        yield Header()
        with TabbedContent(id="tabs"):
            with TabPane(_("Overview"), id="overview"):
                with Pane():
                    yield DocumentView(id="summary")
            for tab_id, title, _collections in TABS:
                # filled when first shown: the first frame pays only for the overview
                with TabPane(_(title), id=tab_id):
                    yield Pane(id=f"body-{tab_id}")
            app.plugin_panes_cache = app.plugin_panes()
            self._plugin_tabs = app.host is not None
            for pane_id, title, _factory in app.plugin_panes_cache:
                with TabPane(title, id=pane_id):
                    yield Pane(id=f"body-{pane_id}")
        yield Footer()

    def on_mount(self) -> None:
        self.app.refresh_views()
        if self.app.host is not None and not self._plugin_tabs:  # they came while this screen was built
            self.call_after_refresh(self.plugins_loaded)

    async def plugins_loaded(self) -> None:
        """The plugins arrived after the first frame: add their tabs, after the app's own."""
        if self._plugin_tabs or not self.is_mounted:
            return  # already there, or on_mount will add them
        self._plugin_tabs = True
        app = self.app
        app.plugin_panes_cache = app.plugin_panes()
        tabs = self.query_one(TabbedContent)
        for pane_id, title, _factory in app.plugin_panes_cache:
            await tabs.add_pane(TabPane(title, Pane(id=f"body-{pane_id}"), id=pane_id))
        app.refresh_views()

    async def _fill_plugin(self, tab_id: str) -> None:
        body = self.query_one(f"#body-{tab_id}", Pane)
        if body.children:
            return
        plugin, factory = next(f for t, _title, f in self.app.plugin_panes_cache if t == tab_id)
        await body.mount(self.app.make_plugin_pane(plugin, factory))

    async def _fill(self, tab_id: str) -> None:
        body = self.query_one(f"#body-{tab_id}", Pane)
        if body.children:
            return
        app = self.app
        collections = next(c for t, _t, c in TABS if t == tab_id)
        widgets = [
            RecordTable(name, filterable=name == "activities", read_only=app.session.read_only, id=f"table-{name}")
            for name in collections
        ]
        if tab_id == "reports":
            widgets.append(DocumentView(id="report-preview"))
        if tab_id == "milestones":
            from lilla_ratten.tui.widgets.milestone_timeline import MilestoneTimeline

            widgets.append(MilestoneTimeline(id="timeline"))
        await body.mount_all(widgets)
        if tab_id == "reports" and app.session.project.status_reports:
            app.preview_status_report("0")
        for chart in body.query("#timeline"):
            chart.show(app.session.project, app.as_of)

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id in {t for t, _t, _c in TABS}:
            await self._fill(event.pane.id)
        elif event.pane.id.startswith("plugin-"):
            await self._fill_plugin(event.pane.id)
        # go straight to the first table of the tab, so arrows and `a` work at once
        tables = event.pane.query(DataTable)
        if tables:
            tables.first().focus()

    def action_next_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        panes = [p.id for p in tabs.query(TabPane)]
        tabs.active = panes[(panes.index(tabs.active) + step) % len(panes)]

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
