"""The Lilla Ratten terminal app: one project, its tabs, editing that never loses work."""

from __future__ import annotations

import asyncio
import gc
import importlib
from collections.abc import AsyncGenerator, Iterable
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from lilla_ratten.i18n import N_, _, ngettext
from lilla_ratten.tui.app_guards import GuardedApp
from lilla_ratten.tui.messages import DeleteRecord, EditRecord
from lilla_ratten.tui.screens.project_screen import ProjectScreen
from lilla_ratten.tui.session import Session
from lilla_ratten.tui.widgets.document_view import DocumentView

# Only what the first frame needs is imported above: dialogs, forms, tables and the
# plugin machinery are imported where first used, after the overview is on screen.

DISK_CHECK_SECONDS = 2.0  # how often the file on disk is compared with the version read


def editing():
    return importlib.import_module("lilla_ratten.tui.editing")


def disk_changes():
    return importlib.import_module("lilla_ratten.tui.disk_changes")


class LillaRattenApp(GuardedApp):
    CSS_PATH = "app.tcss"
    TITLE = "Lilla Ratten"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save")),
        Binding("ctrl+z", "undo", N_("Undo")),
        Binding("ctrl+y", "redo", N_("Redo"), show=False),
        Binding("question_mark", "help", N_("Help")),
        Binding("s", "mark_sent", N_("Mark sent"), show=False),
        Binding("x", "export", N_("Export"), show=False),  # a document: the selected status report, else the final report
        Binding("ctrl+q", "quit", N_("Quit"), priority=True),
        # our own palette binding, so Textual does not add its English "palette"
        Binding("ctrl+p", "command_palette", N_("Commands"), show=False, priority=True),  # the footer docks it right
    ]

    def __init__(
        self,
        session: Session | None = None,
        host: Any = None,
        *,
        as_of: date | None = None,
        folders: list[str] | None = None,
        read_only: bool = False,
        load_host: Any = None,
        create_at: Any = None,
    ) -> None:
        """One project (``session``), or the portfolio of ``folders`` to open projects from,
        or ``create_at``: a file that does not exist yet, offered to be created (tui/new_project_flow.py).

        ``load_host`` (instead of ``host``) loads the plugins after the first frame is
        drawn: the overview shows at once, the plugins' tabs and lines follow.
        """
        super().__init__()
        self.session = session
        if session is not None:
            session.keep_in_background(self.call_after_refresh)
        self.host = host
        self._load_host = load_host if host is None else None
        self.as_of = as_of or date.today()
        self.folders = folders
        self.create_at = create_at
        self.read_only = read_only or (session is not None and session.read_only)
        self._disk_timer = None
        self._asking_about_disk = False
        self.change_listeners: list = []  # plugin panes that redraw on change
        self._reported = 0  # plugin failures already shown
        self._checked: Any = None  # the LoadedProject the plugins' checks last ran on
        self._keep_warned: OSError | None = None
        self._later: str | None = None  # the version on disk the user chose to decide on later
        self.first_frame_shown = False
        self.view_generation = 0  # changes since start: a view drawn at an older one is stale (tui/views.py)
        self.started = asyncio.Event()  # set once the tabs are built and the plugins loaded

    # ---- start-up --------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.folders:
            from lilla_ratten.tui.screens.portfolio_screen import PortfolioScreen

            self.title = _("Portfolio")
            self.push_screen(PortfolioScreen(self.folders))
        elif self.create_at is not None:
            from lilla_ratten.tui.new_project_flow import ask_new_project

            ask_new_project(self, self.create_at, quit_on_cancel=True)
        else:
            self.push_screen(ProjectScreen())
            self._show_title()
        if not self.read_only:
            self._disk_timer = self.set_interval(DISK_CHECK_SECONDS, self.check_disk)

    def on_ready(self) -> None:
        # Textual says "ready" once the first layout is done, which can be before that
        # frame reaches the terminal; a repaint puts the callback after a real frame.
        self.screen.refresh()
        self.call_after_refresh(self._after_first_frame)

    async def _after_first_frame(self) -> None:
        """The overview is on the terminal: now the rest of the project screen, then the plugins."""
        self.first_frame_shown = True
        if not gc.isenabled():  # the command line turned it off for the start (cli.main)
            gc.freeze()
            gc.enable()
        for screen in list(self.screen_stack):
            build = getattr(screen, "build_tabs", None)
            if build is not None:
                await build()
        if not self.is_headless:
            from lilla_ratten.tui.terminal_watch import watch_terminal

            watch_terminal(self, self._terminal_gone)
        self.offer_unsaved()
        if self.session is not None and not self.read_only:
            from lilla_ratten.tui.git_flow import look_for_unsent

            look_for_unsent(self)
        if self.host is not None:
            self.report_plugin_failures()
            self._started()
        elif self._load_host is not None:
            self.call_after_refresh(self._load_plugins)
        else:
            self._started()

    async def _load_plugins(self) -> None:
        self.host = self._load_host()
        self._load_host = None
        for screen in list(self.screen_stack):
            loaded = getattr(screen, "plugins_loaded", None)
            if loaded is not None:
                await loaded()
        self.refresh_views()
        self.report_plugin_failures()
        self._started()

    def _started(self) -> None:
        self.started.set()
        if self.session is not None:  # in idle time, the texts the first change and save would render
            self.session.render_ahead()

    def _terminal_gone(self, hung_up: bool) -> None:  # tui/ending.py
        importlib.import_module("lilla_ratten.tui.ending").terminal_gone(self, hung_up)

    def offer_unsaved(self) -> None:  # changes, then a form, left by a session that ended unsaved: tui/unsaved_offer.py
        importlib.import_module("lilla_ratten.tui.unsaved_offer").offer(self)

    def git_action(self, name: str) -> None:  # share, history, the conflicts a merge left: tui/git_flow.py
        getattr(importlib.import_module("lilla_ratten.tui.git_flow"), name)(self)

    @asynccontextmanager
    async def run_test(self, **kwargs: Any) -> AsyncGenerator[Any, None]:
        """Textual's ``run_test``, handing over the pilot once the app has started.

        The first frame comes before the tabs and the plugins; a test (or a plugin's
        test) drives the app as a person does a moment later, with everything there.
        """
        async with super().run_test(**kwargs) as pilot:
            try:
                await asyncio.wait_for(self.started.wait(), timeout=30)
            except asyncio.TimeoutError:
                pass  # the app failed to start: leaving the block raises its error
            await pilot.pause()
            yield pilot

    def on_resize(self, event) -> None:  # below the smallest usable size, a message instead: screens/too_small.py
        importlib.import_module("lilla_ratten.tui.screens.too_small").follow(self, event.size)

    # Actions that need an open project; on the portfolio they are neither shown nor run.
    PROJECT_ACTIONS = {"save", "undo", "redo", "mark_sent", "new_status_report", "edit_section", "reload", "preview_final", "export"}

    # Actions that change the file or write one; in a read-only session they are neither shown nor run.
    EDIT_ACTIONS = {"save", "undo", "redo", "mark_sent", "new_status_report", "export"}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.session is None and action in self.PROJECT_ACTIONS:
            return False
        if self.read_only and action in self.EDIT_ACTIONS:
            return False
        return True

    # ---- from the portfolio and back: tui/portfolio_flow.py ------------------------------

    def open_project(self, path: Any) -> None:
        importlib.import_module("lilla_ratten.tui.portfolio_flow").open_project(self, path)

    def close_project(self) -> None:
        importlib.import_module("lilla_ratten.tui.portfolio_flow").close_project(self)

    def plugin_panes(self) -> list[tuple[str, str, Any]]:
        """(tab id, title, PluginTab) of every plugin tab (tui/plugin_tabs.py)."""
        from lilla_ratten.tui.plugin_tabs import plugin_tabs

        return plugin_tabs(self)

    def report_plugin_failures(self) -> None:
        for f in self.host.failures[self._reported:]:
            self.notify(
                _("Plugin {plugin} failed ({hook}) and is switched off: {error}").format(plugin=f.plugin, hook=f.hook, error=f.error),
                severity="warning",
                timeout=10,
            )
        self._reported = len(self.host.failures)

    # ---- showing ---------------------------------------------------------------------

    def _show_title(self) -> None:
        if self.session is None:
            return
        project = self.session.project
        # the marks lead the title: a long project name must not push them off an 80-column header
        lead = (_("READ-ONLY") + " · " if self.session.read_only else "") + ("● " if self.session.dirty else "")
        if self.session.unsent:
            n = self.session.unsent
            lead += ngettext("{n} version not sent", "{n} versions not sent", n).format(n=n) + " · "
        self.title = lead + project.project.name
        marks = [str(self.session.path)]
        if self.session.dirty:
            marks.insert(0, "● " + _("unsaved changes"))
        self.sub_title = " · ".join(marks)

    def refresh_views(self) -> None:
        """The project changed: the views on screen now, the others when shown (tui/views.py)."""
        importlib.import_module("lilla_ratten.tui.views").changed(self)

    def preview_status_report(self, key: str | None) -> None:
        reports = self.session.project.status_reports
        views = list(self.screen.query("#report-preview").results(DocumentView))
        if key is None or not views or int(key) >= len(reports):
            return
        from lilla_ratten.reports import status_report

        views[0].show(status_report.build(self.session.project, reports[int(key)], self.host))

    # ---- editing: tui/editing.py -------------------------------------------------------

    def on_edit_record(self, message: EditRecord) -> None:
        self._open_form(editing().edit_record, message.collection, message.index)

    def on_delete_record(self, message: DeleteRecord) -> None:
        editing().delete_record(self, message.collection, message.index)

    def action_edit_section(self, attr: str) -> None:
        self._open_form(editing().edit_section, attr)

    def action_new_status_report(self) -> None:
        self._open_form(editing().new_status_report)

    def _open_form(self, open_form, *args) -> None:
        """Keys typed while the form opens go into it (app_guards.hold_keys); when no form
        opens (refused, with a message), they go on at once."""
        self.hold_keys()
        screens = len(self.screen_stack)
        open_form(self, *args)
        if len(self.screen_stack) == screens:
            self.release_keys()

    def action_mark_sent(self) -> None:
        editing().mark_sent(self)

    def action_undo(self) -> None:
        what = self.session.undo()
        self.notify(_("Undone: {what}").format(what=what) if what else _("Nothing to undo."))
        self.refresh_views()

    def action_redo(self) -> None:
        what = self.session.redo()
        if what:
            self.notify(_("Redone: {what}").format(what=what))
            self.refresh_views()

    # ---- saving, the file changed on disk: tui/disk_changes.py; quitting -----------------

    def action_save(self, force: bool = False) -> None:
        disk_changes().save(self, force)

    def check_disk(self) -> None:
        disk_changes().check(self)

    def reload(self) -> None:
        disk_changes().reload(self)

    def action_reload(self) -> None:
        disk_changes().ask_to_reload(self)

    async def action_quit(self) -> None:  # tui/ending.py
        importlib.import_module("lilla_ratten.tui.ending").quit_app(self)

    async def action_help_quit(self) -> None:
        importlib.import_module("lilla_ratten.tui.ending").help_quit(self)

    def action_command_palette(self) -> None:
        from lilla_ratten.tui.screens.palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(placeholder=_("Search for commands…"), id="--command-palette"))

    def action_help(self) -> None:
        from lilla_ratten.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.read_only))

    # ---- command palette: tui/palette_commands.py ----------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        return importlib.import_module("lilla_ratten.tui.palette_commands").commands(self, screen)

    def action_preview_final(self) -> None:
        from lilla_ratten.reports import layouts
        from lilla_ratten.tui.screens.final_report_view import FinalReportView

        if self.session is not None:  # in the funder's form when the type names one: as it is exported
            self.push_screen(FinalReportView(layouts.build(self.session.project, self.as_of, self.host)))

    def export_final_report(self) -> None:
        from lilla_ratten.tui.export import export_final

        export_final(self)

    def action_export(self) -> None:
        from lilla_ratten.tui.export import export_selected

        export_selected(self)
