"""The project's tab bar and panes: the overview, one tab per part of the model, the plugins' tabs.

Mounted just after the first frame (see ``ProjectScreen``); each tab's tables are made
when the tab is first shown, so nothing is built that nobody looks at.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import TabbedContent, TabPane

from lilla_ratten.i18n import _
from lilla_ratten.tui.tabs import OVERVIEW, TABS
from lilla_ratten.tui.text import plain
from lilla_ratten.tui.widgets.document_view import DocumentView
from lilla_ratten.tui.widgets.record_table import RecordTable
from lilla_ratten.tui.widgets.row_list import RowList


class Pane(VerticalScroll, can_focus=False):
    """A tab's scrolling body; the tables in it take the focus, not the scroll area."""


class ProjectTabs(Vertical):
    def __init__(self, plugin_panes: list[tuple[str, str, Any]], **kwargs) -> None:
        super().__init__(**kwargs)
        self._plugin_panes = plugin_panes
        self._focus_memory: dict[str, Any] = {}  # tab → the widget that had the keyboard when it was left

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs"):
            with TabPane(_(OVERVIEW[1]), id=OVERVIEW[0]):
                with Pane():
                    yield DocumentView(id="summary")
            for tab_id, title, _collections in TABS:
                with TabPane(_(title), id=tab_id):
                    yield Pane(id=f"body-{tab_id}")
            for pane_id, title, _factory in self._plugin_panes:
                with TabPane(plain(title), id=pane_id):
                    yield Pane(id=f"body-{pane_id}")

    @property
    def tabbed(self) -> TabbedContent:
        return self.query_one(TabbedContent)

    async def add_plugin_panes(self, plugin_panes: list[tuple[str, str, Any]]) -> None:
        """The plugins arrived after these tabs were built: theirs go after the app's own."""
        self._plugin_panes = plugin_panes
        for pane_id, title, _factory in plugin_panes:
            await self.tabbed.add_pane(TabPane(plain(title), Pane(id=f"body-{pane_id}"), id=pane_id))

    def plugin_tabs(self) -> list[tuple[str, str]]:
        """(tab id, title) of the plugins' tabs."""
        return [(pane_id, title) for pane_id, title, _tab in self._plugin_panes]

    def pane_ids(self) -> list[str]:
        return [p.id for p in self.tabbed.query(TabPane)]

    async def _fill_plugin(self, tab_id: str) -> None:
        body = self.query_one(f"#body-{tab_id}", Pane)
        if body.children:
            return
        tab = next(f for t, _title, f in self._plugin_panes if t == tab_id)
        read_only = self.app.session.read_only
        # the lists the plugin declared, edited as the app's own; then its own view, if any
        widgets = [RecordTable(c, read_only=read_only, id="table-" + c.attr.replace(".", "-")) for c in tab.collections]
        if tab.factory is not None:
            widgets.append(plugin_pane(self.app, tab.plugin, tab.factory))
        await body.mount_all(widgets)

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
            from lilla_ratten.tui.widgets.milestone_timeline import MilestoneTimeline  # plotext: only when shown

            widgets.append(MilestoneTimeline(id="timeline"))
        await body.mount_all(widgets)
        if tab_id == "reports" and app.session.project.status_reports:
            app.preview_status_report("0")

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id in {t for t, _t, _c in TABS}:
            await self._fill(event.pane.id)
        elif event.pane.id.startswith("plugin-"):
            await self._fill_plugin(event.pane.id)
        from lilla_ratten.tui.views import refresh_shown

        refresh_shown(self.app)  # what changed while the tab was hidden
        self.focus_first(event.pane)

    def remember_focus(self, pane: Any, widget: Any) -> None:
        self._focus_memory[pane.id] = widget

    def focus_first(self, pane: Any) -> None:
        """The widget that had the keyboard when the tab was left, else the first table, so
        arrows and `a` work at once — scrolled into view: the keys act on what is seen."""
        if pane is None:
            return
        widget = self._focus_memory.pop(pane.id, None)
        if widget is None or not widget.is_attached or not widget.focusable or pane not in widget.ancestors:
            tables = pane.query("RowList, DataTable")
            widget = tables.first() if tables else None
        if widget is not None:
            widget.focus(scroll_visible=False)
            self.call_after_refresh(widget.scroll_visible, animate=False)

    def on_row_list_row_highlighted(self, event: RowList.RowHighlighted) -> None:
        owner = event.row_list.parent
        if isinstance(owner, RecordTable) and owner.collection.attr == "status_reports":
            self.app.preview_status_report(None if event.key is None else str(event.key))


def plugin_pane(app: Any, plugin: str, factory: Any) -> Any:
    """The plugin's widget; a factory that fails becomes a message in its tab, not a crash."""
    from textual.widgets import Static

    from lilla_ratten.plugins.manager import PluginCallbackError
    from lilla_ratten.tui.pane_context import PaneContext

    try:  # on this thread: widgets belong to the app's loop, so no time limit
        return app.host.call_back(plugin, "Pane.factory", factory, PaneContext(app), bounded=False)
    except PluginCallbackError as exc:  # a plugin's pane must not take the app down
        app.report_plugin_failures()
        return Static(plain(_("This plugin's view failed and was switched off: {error}").format(error=exc.failure.error)),
                      classes="notice")
