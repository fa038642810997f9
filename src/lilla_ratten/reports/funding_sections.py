"""The funder's side in a project's reports: grants by year and funder, yearly and final
reports to the funder, and the outcome measures ("122 av 233")."""

from __future__ import annotations

from datetime import date
from typing import Any

from lilla_ratten.i18n import _
from lilla_ratten.model import Project
from lilla_ratten.model.document import Table
from lilla_ratten.model.funding import OutcomeMeasure, late_funder_reports
from lilla_ratten.reports.labels import day, money, percent


def share(count: int, of: int | None) -> str:
    """``count`` of ``of`` as a percentage with one decimal (122 of 233: "52,4 %")."""
    return percent(100 * count / of, 1) if of else ""


def count_of(o: OutcomeMeasure) -> str:
    """ "122 of 233 personer" """
    unit = f" {o.unit}" if o.unit else ""
    if o.of is None:
        return f"{o.count}{unit}"
    return _("{count} of {of}").format(count=o.count, of=o.of) + unit


def _without_empty_columns(headers: list[str], rows: list[list[Any]], keep: int, numeric=()) -> Table:
    """A table without the columns after the first ``keep`` that no row fills (no "Decided" column of blanks)."""
    used = [i for i in range(len(headers)) if i < keep or any(row[i] not in ("", None) for row in rows)]
    return Table([headers[i] for i in used], [[row[i] for i in used] for row in rows],
                 numeric=[used.index(i) for i in numeric if i in used])


def outcomes_table(project: Project) -> Table | None:
    if not project.outcomes:
        return None
    rows = [[o.indicator, count_of(o), share(o.count, o.of), day(o.date) if o.date else "", o.comment or ""]
            for o in project.outcomes]
    return _without_empty_columns([_("Indicator"), _("Result"), _("Proportion"), _("Date"), _("Comment")], rows, 3)


def grants_table(project: Project) -> Table | None:
    if not project.grants:
        return None
    default = getattr(project.project, "funder", None) or project.project.funding or ""
    rows = [[_("(year not stated)") if g.year is None else str(g.year), g.funder or default, money(g.amount),
             day(g.decided) if g.decided else "", g.comment or ""] for g in project.grants]
    rows.append([_("Total"), "", money(sum(g.amount for g in project.grants)), "", ""])
    return _without_empty_columns([_("Year"), _("Funder"), _("Granted"), _("Decided"), _("Comment")], rows, 3, [2])


def funder_reports_table(project: Project, as_of: date) -> Table | None:
    if not project.funder_reports:
        return None
    late = {r.id: days for r, days in late_funder_reports(project.funder_reports, as_of)}
    rows = []
    for r in project.funder_reports:
        what = _("Final report") if r.final else _("Yearly report {year}").format(year=r.year)
        if r.submitted is not None:
            state = _("submitted {date}").format(date=day(r.submitted))
        elif r.received:
            state = _("received (date not stated)")
        elif r.id in late:
            state = _("{days} days overdue").format(days=late[r.id])
        else:
            state = _("not received")
        rows.append([what, state, day(r.due) if r.due else "", r.comment or ""])
    return _without_empty_columns([_("Report"), _("Status"), _("Due"), _("Comment")], rows, 2)


def funding_data(project: Project, as_of: date) -> dict[str, Any]:
    """The same as data, for ``--format json``."""
    late = {r.id: days for r, days in late_funder_reports(project.funder_reports, as_of)}
    return {
        "grants": [{"id": g.id, "year": g.year, "funder": g.funder, "amount": g.amount} for g in project.grants],
        "funder_reports": [{"id": r.id, "year": r.year, "final": r.final, "due": r.due.isoformat() if r.due else None,
                            "submitted": r.submitted.isoformat() if r.submitted else None,
                            "handed_in": r.handed_in(as_of), "days_overdue": late.get(r.id)}
                           for r in project.funder_reports],
        "outcomes": [{"id": o.id, "indicator": o.indicator, "count": o.count, "of": o.of, "unit": o.unit}
                     for o in project.outcomes],
    }
