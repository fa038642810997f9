"""Ctrl+P's commands, in the user's language (Textual's own are English): every tab, plugins' too, and the app's actions."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen

from lilla_ratten.i18n import _
from lilla_ratten.tui.tabs import OVERVIEW, TABS


def commands(app: Any, screen: Screen) -> Iterable[SystemCommand]:
    if app.session is not None:
        yield from _project_commands(app, screen)
    if not app.read_only:
        from lilla_ratten.tui.new_project_flow import ask_new_project

        yield SystemCommand(_("New project…"), _("Create a new project file and open it"), lambda: ask_new_project(app, None))
    yield SystemCommand(_("Help"), _("Show the keys"), app.action_help)
    yield SystemCommand(_("Theme"), _("Change the colours"), app.action_change_theme)
    yield SystemCommand(_("Quit"), _("Quit the app"), app.action_quit)


def _project_commands(app: Any, screen: Screen) -> Iterable[SystemCommand]:
    editing = importlib.import_module("lilla_ratten.tui.editing")
    tabs = [(OVERVIEW[0], _(OVERVIEW[1]))] + [(t, _(title)) for t, title, _c in TABS]
    project_tabs = getattr(screen, "project_tabs", None)
    if project_tabs is not None:  # the plugins' tabs too
        tabs += project_tabs.plugin_tabs()
    for tab_id, title in tabs:
        yield SystemCommand(_("Go to: {view}").format(view=title), _("Show the {view} view").format(view=title), lambda t=tab_id: _go(app, t))
    if not app.session.read_only:
        yield SystemCommand(_("Save"), _("Save the project file"), app.action_save)
        yield SystemCommand(_("New status report"), _("Write a status report filled in from what changed"), app.action_new_status_report)
        yield SystemCommand(_("New chapter"), _("A heading with text of the report's own, among the form's headings"), lambda: editing.edit_record(app, "chapters", None))
        yield SystemCommand(_("Undo"), _("Undo the last change"), app.action_undo)
        yield SystemCommand(_("Reload from disk"), _("Read the file again"), app.action_reload)
        yield SystemCommand(_("Share"), _("Commit, merge the others' changes, send (git)"), lambda: app.git_action("share"))
    yield SystemCommand(_("Check the project"), _("Every error and warning, as lilla-ratten validate lists them"), lambda: _checks(app))
    yield SystemCommand(_("History"), _("What changed, commit by commit and since the last meeting"), lambda: app.git_action("show_history"))
    for attr, title in editing.SECTIONS.items():
        yield SystemCommand(_("Edit: {what}").format(what=_(title)), _("Open the form for {what}").format(what=_(title)), lambda a=attr: app.action_edit_section(a))
    yield SystemCommand(_("Final report preview"), _("Read the final report as it would be printed"), app.action_preview_final)
    if not app.read_only:  # writes a file: not in the read-only review
        yield SystemCommand(_("Export final report"), _("Write the final report as PDF, Word, OpenDocument or Markdown"), app.export_final_report)
        yield SystemCommand(_("Export status report"), _("Write the status report selected on its tab as a document"), app.action_export)


def _checks(app: Any) -> None:
    from lilla_ratten.tui.project_checks import show_checks

    show_checks(app)


def _go(app: Any, tab_id: str) -> None:
    from lilla_ratten.tui.screens.project_screen import ProjectScreen

    if isinstance(app.screen, ProjectScreen):
        app.screen.show_tab(tab_id)
