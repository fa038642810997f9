"""One budget truth: the one place that decides which budget and outcome every view shows.

A project may state its budget twice: ``[budget] total``/``outcome`` and a plugin's budget
lines (the budget plugin's ``[ext.budget]``). **The lines win when there are any.** A plugin
says what its lines come to in two ways, both read only here:

- as of a date, by answering ``lr_budget_figures`` with a ``BudgetLines(budget, spent)``:
  the overview and ``status``, a new status report's cost light, the portfolio in every
  view and format, and the yearly compilation (``budget_figures_as_of``);
- for the whole period, by putting ``from = "lines"``, ``budget`` and ``spent`` in the
  ``data`` of a final-report section (``lr_final_report_sections``): the final report in
  every form and its JSON, and the project plan (``budget_figures``).

docs/budget.md, "One budget truth".
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


def budget_figures_as_of(project: Project, as_of: date, host: Any = None,
                         sections: dict[str, Any] | None = None) -> BudgetFigures:
    """The figures as of ``as_of``: the first plugin's ``lr_budget_figures`` answer, else
    ``[budget]``. ``sections``: the plugins' structured sections when the caller has them
    already (the portfolio), so they are not structured again. Only a project with a plugin
    section (``[ext.*]``) can have lines: one without is not asked about (a portfolio of
    files without them pays nothing)."""
    if host is not None and project.ext:
        from lilla_ratten.plugins.specs import BudgetLines

        if sections is None:
            sections, _findings = host.sections(project)
        for _plugin, lines in host.collect_one("lr_budget_figures", BudgetLines,
                                               project=project, sections=sections, as_of=as_of):
            return BudgetFigures(lines.budget, lines.spent, LINES)
    return budget_figures(project)
