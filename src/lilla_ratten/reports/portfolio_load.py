"""Reading a portfolio: every project file under some folders, turned into rows.

A file that cannot be read is listed with its first problem; the run goes on.
"""

from __future__ import annotations

import contextlib
import copy
import gc
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from attrs import define, field

from lilla_ratten.model.findings import Severity
from lilla_ratten.reports.budget_figures import budget_figures_as_of
from lilla_ratten.reports.portfolio import Failed, Row, row
from lilla_ratten.storage import ProjectFileError, has_errors
from lilla_ratten.storage.cache import read_project_cached
from lilla_ratten.storage.discover import project_files
from lilla_ratten.storage.os_errors import os_error_text


@define
class Portfolio:
    rows: list[Row] = field(factory=list)
    failed: list[Failed] = field(factory=list)
    columns: list[tuple[str, str, bool, str]] = field(factory=list)  # (id, title, summed, kind) of plugin columns
    projects: dict[str, Any] = field(factory=dict)  # file → Project, for the TUI to open


class LazyCopy:
    """A project for plugin columns: deep-copied on first use, so columns that read only their
    section (all first-party ones) cost no copy, and one that changes it changes nothing here."""

    def __init__(self, project: Any) -> None:
        object.__setattr__(self, "_original", project)
        object.__setattr__(self, "_copy", None)

    def _target(self) -> Any:
        if self._copy is None:
            object.__setattr__(self, "_copy", copy.deepcopy(self._original))
        return self._copy

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._target(), name, value)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The projects read live as long as the portfolio: the garbage collector would walk them
    again and again while more are read (8 % of the CPU over 1 000 rich files); reading
    makes no cycles worth collecting meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_portfolio(paths: Iterable[str | Path], as_of: date, host: Any = None, *, keep_projects: bool = True) -> Portfolio:
    """Rows of every project under ``paths``; ``keep_projects=False`` when nothing will open one
    (a printed portfolio): the projects are then dropped as soon as their row is made."""
    with _collector_paused():
        return _load(paths, as_of, host, keep_projects)


def _load(paths: Iterable[str | Path], as_of: date, host: Any, keep_projects: bool) -> Portfolio:
    out = Portfolio()
    plugin_columns = host.columns() if host is not None else []
    out.columns = [(c.id, c.title, c.total, c.kind) for _p, c in plugin_columns]
    refused: list[tuple[Path, str]] = []
    for path in project_files(paths, refused):
        name = str(path)
        try:
            loaded = read_project_cached(path)
        except ProjectFileError as exc:
            out.failed.append(Failed(name, str(exc.problems[0]) if exc.problems else str(exc)))
            continue
        except OSError as exc:
            out.failed.append(Failed(name, os_error_text(exc)))
            continue
        errors = [p for p in loaded.problems if has_errors([p])]
        if errors:
            out.failed.append(Failed(name, str(errors[0])))
            continue
        columns, figures = {}, None
        if host is not None:
            sections, findings = host.sections(loaded.project)
            # a plugin section that does not even have its type (budget = nan) is an error, as in status
            broken = loaded.located([f for f in findings if f.severity is Severity.ERROR])  # placed only if any
            if broken:
                out.failed.append(Failed(name, str(broken[0])))
                continue
            if plugin_columns:
                columns = host.column_values(plugin_columns, LazyCopy(loaded.project), sections)
            figures = budget_figures_as_of(loaded.project, as_of, host, sections)
        out.rows.append(row(loaded.project, name, as_of, columns, figures))
        if keep_projects:
            out.projects[name] = loaded.project
    out.failed.extend(Failed(str(path), why) for path, why in refused)
    return out
