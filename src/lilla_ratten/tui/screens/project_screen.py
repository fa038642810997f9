"""The project: the overview first, then the tab bar with every part of the model and the plugins' tabs.

The first frame is the overview alone, under the tab titles drawn as plain text: building
the real tab bar and its panes costs about as much again as the rest of the first frame,
so ``ProjectTabs`` is mounted in its place right after it (measured in
benchmarks/first_paint.py). Keys that need the tabs wait for them.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from lilla_ratten.i18n import N_, _
from lilla_ratten.tui.tabs import OVERVIEW, TABS
from lilla_ratten.tui.widgets.document_view import DocumentView
from lilla_ratten.tui.widgets.footer import Footer
from lilla_ratten.tui.widgets.header import ProjectHeader


def tab_titles() -> Text:
    """The tab bar as text, laid out as Textual's ``Tabs`` lays it out (one cell of padding each side)."""
    titles = [_(OVERVIEW[1])] + [_(title) for _id, title, _c in TABS]
    text = Text(" ")
    text.append(titles[0], style="bold")
    for title in titles[1:]:
        text.append(f"  {title}", style="dim")
    text.append("\n")
    text.append("━" * (len(titles[0]) + 2), style="bold")
    text.append("━" * 300, style="dim")
    return text


class ProjectScreen(Screen):
    _plugin_tabs = False  # the plugins' tabs are in
    _wanted_tab: int | str | None = None  # asked for before the tabs were there
    BINDINGS = [
        *(Binding(str(i + 1), f"show_tab({i})", show=False) for i in range(9)),
        Binding("0", "show_tab(9)", show=False),
        Binding("right_square_bracket", "next_tab(1)", N_("Next tab"), show=False),
        Binding("left_square_bracket", "next_tab(-1)", N_("Previous tab"), show=False),
        Binding("n", "app.new_status_report", N_("New status report")),
        Binding("e", "app.edit_section('project')", N_("Project details"), show=False),  # in ? and Ctrl+P; the footer keeps Ctrl+Q at 80 columns
        Binding("b", "app.edit_section('budget')", N_("Budget"), show=False),
        Binding("f", "app.edit_section('final')", N_("Final report"), show=False),
        Binding("i", "app.edit_section('implementation')", N_("Implementation"), show=False),
        Binding("r", "app.preview_final", N_("Final report")),
        Binding("ctrl+d", "share", N_("Share")),  # Dela: commit, merge the others' changes, push
        Binding("h", "history", N_("History"), show=False),
        Binding("v", "checks", N_("Checks"), show=False),  # v as in `lilla-ratten validate`; in ? and Ctrl+P: shown in the footer it cut Ctrl+Q off at 80 columns
        Binding("escape", "back", N_("Portfolio"), show=False),
        # the tab bar holds the focus and does not scroll: these reach the pane shown (the
        # overview is longer than 24 lines); a table that has the focus keeps its own ↑↓
        *(Binding(key, f"scroll_pane('{how}')", show=False) for key, how in (
            ("down", "scroll_down"), ("up", "scroll_up"), ("pagedown", "page_down"),
            ("pageup", "page_up"), ("home", "scroll_home"), ("end", "scroll_end"))),
    ]

    def action_scroll_pane(self, how: str) -> None:
        if self.focused is not None and self.focused.allow_vertical_scroll:
            return  # the focused widget scrolls itself (a table, a text area)
        tabs = self.project_tabs
        pane = tabs.tabbed.active_pane if tabs is not None else None
        body = pane.query("Pane").first() if pane is not None and pane.query("Pane") else None
        if body is None:
            found = self.query("#first-overview")  # the first frame, before the tabs are built
            body = found.first() if found else None
        if body is not None:
            getattr(body, f"action_{how}")()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "share" and self.app.read_only)

    def action_share(self) -> None:
        self.app.git_action("share")

    def action_history(self) -> None:
        self.app.git_action("show_history")

    def action_checks(self) -> None:
        from lilla_ratten.tui.project_checks import show_checks

        show_checks(self.app)

    def action_back(self) -> None:
        if self.app.folders:
            self.app.close_project()

    def compose(self) -> ComposeResult:
        yield ProjectHeader()
        yield Static(tab_titles(), id="tab-titles")
        with VerticalScroll(id="first-overview", can_focus=False):
            yield DocumentView(id="summary")
        yield Footer()

    def on_resize(self, event) -> None:
        # by class, not by importing RecordTable: the first frame (a resize comes before it) has no lists yet
        for table in self.query(".record-table"):
            table.fit_height(event.size.height)

    def on_mount(self) -> None:
        self.app.refresh_views()
        if self.app.first_frame_shown:  # opened later, e.g. from the portfolio
            self.call_after_refresh(self.build_tabs)

    @property
    def project_tabs(self):
        """The ``ProjectTabs``, or ``None`` in the moment before they are mounted."""
        found = self.query("ProjectTabs")  # by name: the module is imported after the first frame
        return found.first() if found else None

    async def build_tabs(self) -> None:
        from textual.widgets import Tabs

        from lilla_ratten.tui.widgets.project_tabs import ProjectTabs

        if not self.is_mounted or self.project_tabs is not None:
            return
        app = self.app
        self._plugin_tabs = app.host is not None
        tabs = ProjectTabs(app.plugin_panes(), id="project-tabs")
        with app.batch_update():  # one frame from the sketch to the real tabs
            await self.mount(tabs, after="#first-overview")
            await self.query_one("#tab-titles").remove()
            await self.query_one("#first-overview").remove()
            app.refresh_views()
        if self.focused is None:
            tabs.query_one(Tabs).focus()
        if self._wanted_tab is not None:  # a key pressed in the moment before
            wanted, self._wanted_tab = self._wanted_tab, None
            if isinstance(wanted, int):
                self.action_show_tab(wanted)
            else:
                self.show_tab(wanted)
        app.git_action("offer_conflicts")  # the file holds conflicts a merge left: choose them first

    async def plugins_loaded(self) -> None:
        """The plugins arrived after the first frame: add their tabs, after the app's own."""
        tabs = self.project_tabs
        if self._plugin_tabs or tabs is None:
            return  # already there, or build_tabs will add them
        self._plugin_tabs = True
        app = self.app
        await tabs.add_plugin_panes(app.plugin_panes())
        app.refresh_views()

    def _activate(self, tabs, tab_id: str) -> None:
        # the focus leaves the old tab first: Textual moves it from a hidden widget to a focusable
        # sibling, which in a tab of several tables (a plugin's) brought that tab straight back
        pane = tabs.tabbed.active_pane
        if tab_id == tabs.tabbed.active:  # the tab already shown: the keyboard stays where it is
            if self.focused is None or not self.focused.is_on_screen:
                tabs.focus_first(pane)
            return
        if pane is not None and self.focused is not None and pane in self.focused.ancestors:
            tabs.remember_focus(pane, self.focused)  # back on this tab, the keyboard is where it was
            self.set_focus(None)
        tabs.tabbed.active = tab_id

    def action_next_tab(self, step: int) -> None:
        tabs = self.project_tabs
        if tabs is not None:
            panes = tabs.pane_ids()
            self._activate(tabs, panes[(panes.index(tabs.tabbed.active) + step) % len(panes)])

    def action_show_tab(self, n: int) -> None:
        tabs = self.project_tabs
        if tabs is None:
            self._wanted_tab = n
            return
        panes = tabs.pane_ids()
        if n < len(panes):
            self._activate(tabs, panes[n])

    def show_tab(self, tab_id: str) -> None:
        tabs = self.project_tabs
        if tabs is None:
            self._wanted_tab = tab_id
            return
        self._activate(tabs, tab_id)
