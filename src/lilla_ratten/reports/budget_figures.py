"""One budget truth: the one place that decides which budget and outcome every view shows.

A project may state its budget twice: ``[budget] total``/``outcome`` and a plugin's budget
lines (the budget plugin's ``[ext.budget]``). **The lines win when there are any.** A plugin
says its section carries them by putting ``from = "lines"``, ``budget`` and ``spent`` in the
``data`` of a section it returns (the budget plugin does in ``lr_summary``, as of a date, and
in ``lr_final_report_sections``, for the whole period). The overview and ``status``, the final
report in every form and its JSON, the project plan, and a new status report's cost light all
take their figures from here (docs/budget.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from attrs import frozen

from lilla_ratten.model import Project

LINES, BUDGET = "lines", "budget"


@frozen
class BudgetFigures:
    budget: int | None  # kronor; None: not stated
    spent: int | None  # kronor; None: not known (as of the date asked)
    source: str  # LINES: a plugin's budget lines; BUDGET: the project's own [budget]

    def used(self) -> tuple[int, int] | None:
        """(spent, budget) when both are known."""
        return None if self.budget is None or self.spent is None else (self.spent, self.budget)


def budget_figures(project: Project, sections: Iterable[Any] = ()) -> BudgetFigures:
    """The figures, from ``sections`` (plugins' report sections) when one carries budget lines."""
    for s in sections:
        data = getattr(s, "data", None) or {}
        if data.get("from") == LINES:
            return BudgetFigures(data.get("budget"), data.get("spent"), LINES)
    return BudgetFigures(project.budget.total, project.budget.outcome, BUDGET)


def budget_figures_as_of(project: Project, as_of: date, host: Any = None) -> BudgetFigures:
    """The figures as of ``as_of``, asking the plugins' summaries (what the overview shows)."""
    from lilla_ratten.reports.plugin_sections import plugin_sections

    return budget_figures(project, plugin_sections(host, "lr_summary", project, as_of=as_of) if host is not None else ())
