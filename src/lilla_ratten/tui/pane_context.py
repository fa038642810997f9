"""What a plugin's pane gets from the app: the project, its sections, and a way to change them.

Plugins depend on this small surface (documented in docs/plugins.md), not on the App.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any


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

    def store(self, name: str, section: Any, description: str) -> None:
        """Replace the plugin's section; undoable, marks the project unsaved, refreshes the views."""
        if self.read_only:
            raise PermissionError("read-only")
        self._app.session.change(description, lambda p: self._app.host.store(p, name, section))
        self._app.refresh_views()

    def notify(self, message: str, *, warning: bool = False) -> None:
        self._app.notify(message, severity="warning" if warning else "information")

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` whenever the project changes (edit, undo, reload)."""
        self._app.change_listeners.append(callback)
