"""The funder's side of a project: grants by year and funder, reports to the funder, outcome measures.

Seed 003 grants money per year and per committee (RIFF: 250 tkr 2002 and 82 tkr 2003);
LUM "del 2" (seed 004) is reported to the funder every year; the seeds state results
as "122 av 233". These are lists of their own, next to the steering group's records.
"""

from __future__ import annotations

from datetime import date

from attrs import define


@define(kw_only=True)
class Grant:
    """Money one funder granted for one year."""

    id: str
    year: int | None = None  # None: granted for the whole period, the split by year not stated
    funder: str | None = None  # None: the project's funding (`project.funding`)
    amount: int
    decided: date | None = None
    comment: str | None = None


@define(kw_only=True)
class FunderReport:
    """A report to the funder: one per year where the funder asks for it, or the final one."""

    id: str
    year: int | None = None  # the year reported on; required unless ``final``
    final: bool = False
    due: date | None = None
    submitted: date | None = None
    received: bool = False  # the funder has it, the date is not known (seed 003: "slutredovisade")
    comment: str | None = None

    def handed_in(self, as_of: date) -> bool:
        if self.submitted is not None:
            return self.submitted <= as_of
        return self.received


@define(kw_only=True)
class OutcomeMeasure:
    """A result the project states as a count out of a number ("122 av 233")."""

    id: str
    indicator: str  # projects that share the indicator's name are summed in the portfolio
    count: int
    of: int | None = None
    unit: str | None = None  # "personer"
    date: date | None = None
    comment: str | None = None


def active_years(start: date, end: date, grants: list[Grant]) -> list[int]:
    """Every year the period touches, and every year a grant was given for."""
    years = set(range(start.year, end.year + 1))
    years.update(g.year for g in grants if g.year is not None)
    return sorted(years)


def granted_in(grants: list[Grant], year: int | None) -> int:
    """Granted for ``year`` (None: the grants whose year is not stated)."""
    return sum(g.amount for g in grants if g.year == year)


def late_funder_reports(reports: list[FunderReport], as_of: date) -> list[tuple[FunderReport, int]]:
    """Reports to the funder past their due date and not handed in by ``as_of``, with days late."""
    return [(r, (as_of - r.due).days) for r in reports if r.due is not None and as_of > r.due and not r.handed_in(as_of)]
