"""What a plugin's pane gets from the app: the project, its sections, and a way to change them.

Plugins depend on this small surface (documented in docs/plugins.md), not on the App.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from lilla_ratten.i18n import _
from lilla_ratten.model.findings import Severity
from lilla_ratten.storage.problems import display_path
from lilla_ratten.tui.text import plain, styled


def describe(findings: list[Any], data: Any = None) -> str:
    """Findings as the core forms and ``validate`` show problems: a line each, field first
    (records named by their id, ``sus[work]``, when ``data`` — the project the findings are
    about — has one), the plugin last."""
    return "\n".join(
        f"{display_path(f.path, data)}: {f.text()}" + (f" [{f.source}]" if f.source != "core" else "") for f in findings
    )


class PaneContext:
    def __init__(self, app: Any) -> None:
        self._app = app

    @property
    def project(self) -> Any:
        """A copy of the project as it is now (changing it changes nothing)."""
        return copy.deepcopy(self._app.session.project)

    @property
    def read_only(self) -> bool:
        return self._app.session.read_only

    @property
    def as_of(self):
        return self._app.as_of

    def section(self, name: str) -> Any:
        """The plugin's structured section as it is now, or ``None``."""
        sections, _findings = self._app.host.sections(self._app.session.project)
        return sections.get(name)

    def participants(self) -> Any:
        """What the plugins publish about participants (``Participation``), or ``None``."""
        project = self._app.session.project
        sections, _findings = self._app.host.sections(project)
        return self._app.host.participants(copy.deepcopy(project), sections)

    def store(self, name: str, section: Any, description: str) -> list[Any]:
        """Replace the plugin's section; undoable, marks the project unsaved, refreshes the views.

        It is checked first as the core forms check a record (the section's type, the core
        rules, every plugin's ``lr_validate``): the findings it would add are shown at once
        and returned; if one is an error, nothing is stored.
        """
        if self.read_only:
            raise PermissionError("read-only")
        app = self._app
        findings = app.host.check_section(app.session.project, name, section)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        trial = None
        if findings:  # the project as the store would make it: where the findings' paths lead
            trial = copy.deepcopy(app.session.project)
            try:
                app.host.store(trial, name, section)
            except Exception:  # noqa: BLE001 - one that cannot be stored is among the findings
                trial = None
        if errors:
            app.notify(describe(findings, trial), title=_("Not stored: {what}").format(what=description), severity="error", timeout=15)
            return findings
        app.session.change(description, lambda p: app.host.store(p, name, section))
        app.refresh_views()
        if findings:
            app.notify(describe(findings, trial), title=_("Stored, with warnings: {what}").format(what=description), severity="warning", timeout=15)
        return findings

    def notify(self, message: str, *, warning: bool = False) -> None:
        """A notification; the message is shown as plain text, never read as markup."""
        self._app.notify(str(message), severity="warning" if warning else "information", markup=False)

    # Text on screen (docs/plugins.md): a value from the project, a file or the plugin's own
    # data is put on screen as ``plain(value)``, never as a ``str`` a widget would read as markup.

    @staticmethod
    def plain(text: object) -> Any:
        """``text`` for any widget, table cell, column or title: shown as written, controls removed."""
        return plain(text)

    @staticmethod
    def styled(template: str, **values: object) -> Any:
        """The plugin's own markup ``template`` with each ``$name`` put in as plain text."""
        return styled(template, **values)

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` whenever the project changes (edit, undo, reload)."""
        self._app.change_listeners.append(callback)
