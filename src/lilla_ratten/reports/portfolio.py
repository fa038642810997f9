"""Many projects on one page: a row per project, subtotals by a chosen field, and what is late.

Seed 003's table (projects and granted amounts per district, implementation plans
yes/no) is ``portfolio --by organisation`` of a folder of project files.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from attrs import define, field

from lilla_ratten.i18n import _
from lilla_ratten.model import ImplementationStatus, Project
from lilla_ratten.model.derived import (
    current_phase,
    milestones_without_report,
    next_milestone,
    overdue_activities,
    overdue_milestones,
)
from lilla_ratten.model.document import Bullets, Document, Facts, Paragraph, Table, section
from lilla_ratten.plugins.specs import CELL_FAILED
from lilla_ratten.reports.labels import day, label, light, money

GROUPINGS = ("organisation", "funding", "area", "year", "type", "phase")


@define
class Row:
    """One project in the portfolio; the fields are what ``--format json/csv`` gives."""

    file: str
    id: str
    name: str
    organisation: str
    unit: str | None
    funding: str | None
    area: str | None
    type: str | None
    start: date
    end: date
    phase: str
    granted: int | None
    spent: int | None
    status_report: str | None  # id of the latest
    status_date: date | None
    overall: str | None  # the latest report's overall light, as a word
    days_since_report: int | None
    next_milestone: str | None
    next_milestone_date: date | None
    overdue_milestones: int
    overdue_activities: int
    missing_reports: list[str]  # passed milestones without a status report
    missing_report_days: dict[str, int]  # … and how many days ago each was passed
    report_due: date | None
    report_overdue_days: int | None  # final report due and not approved
    implementation: bool | None  # plans to implement in ordinary operations
    columns: dict[str, Any] = field(factory=dict)  # plugin columns by id
    incomplete: list[str] = field(factory=list)  # plugin columns whose cell could not be computed (the column failed)

    def group_key(self, by: str) -> str:
        if by == "year":
            return str(self.start.year)
        value = getattr(self, by)
        return value if value else _("(not given)")


@define
class Failed:
    file: str
    error: str


def implementation_planned(project: Project) -> bool | None:
    status = project.implementation.status
    if status is None:
        return None
    return status is not ImplementationStatus.NOT_PLANNED


def row(project: Project, file: str, as_of: date, columns: dict[str, Any] | None = None) -> Row:
    info = project.project
    latest = project.latest_status_report()
    nxt = next_milestone(project, as_of)
    missing = milestones_without_report(project, as_of)
    overdue_days = None
    if info.report_due is not None and project.final.approved is None and as_of > info.report_due:
        overdue_days = (as_of - info.report_due).days
    return Row(
        file=file,
        id=info.id,
        name=info.name,
        organisation=info.organisation,
        unit=info.unit,
        funding=info.funding,
        area=info.area,
        type=info.type,
        start=info.start,
        end=info.end,
        phase=label(current_phase(project, as_of).phase),
        granted=info.granted if info.granted is not None else project.budget.total,
        spent=project.budget.outcome,
        status_report=latest.id if latest else None,
        status_date=latest.date if latest else None,
        overall=light(latest.overall_light()) if latest and latest.overall_light() else None,
        days_since_report=(as_of - latest.date).days if latest else None,
        next_milestone=f"{nxt[0].id} {nxt[0].title}" if nxt else None,
        next_milestone_date=nxt[0].planned if nxt else None,
        overdue_milestones=len(overdue_milestones(project, as_of)),
        overdue_activities=len(overdue_activities(project, as_of)),
        missing_reports=[m.id for m in missing],
        missing_report_days={m.id: (as_of - m.done).days for m in missing},
        report_due=info.report_due,
        report_overdue_days=overdue_days,
        implementation=implementation_planned(project),
        columns={c: v for c, v in (columns or {}).items() if v is not CELL_FAILED},
        incomplete=[c for c, v in (columns or {}).items() if v is CELL_FAILED],
    )


@define
class Totals:
    projects: int = 0
    granted: int = 0
    spent: int = 0
    spent_known: int = 0  # projects with a reported outcome
    implementation_yes: int = 0
    implementation_no: int = 0
    columns: dict[str, float] = field(factory=dict)
    incomplete: set[str] = field(factory=set)  # summed columns with a failed cell: the sum is not the total

    def add(self, r: Row, summed: list[str]) -> None:
        self.projects += 1
        self.granted += r.granted or 0
        self.spent += r.spent or 0
        self.spent_known += r.spent is not None
        self.implementation_yes += r.implementation is True
        self.implementation_no += r.implementation is False
        for c in summed:
            if c in r.incomplete:
                self.incomplete.add(c)
            value = r.columns.get(c)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                self.columns[c] = self.columns.get(c, 0) + value


def group(rows: list[Row], by: str | None, summed: list[str]) -> tuple[list[tuple[str, Totals]], Totals]:
    """Subtotals per group (largest granted first, as seed 003 orders its districts) and the grand total."""
    total = Totals()
    groups: dict[str, Totals] = {}
    for r in rows:
        total.add(r, summed)
        if by:
            groups.setdefault(r.group_key(by), Totals()).add(r, summed)
    ordered = sorted(groups.items(), key=lambda kv: (-kv[1].granted, kv[0]))
    return ordered, total


def _yes_no(value: bool | None) -> str:
    return {True: _("yes"), False: _("no"), None: ""}[value]


def build(
    rows: list[Row],
    failed: list[Failed],
    as_of: date,
    *,
    by: str | None = None,
    columns: list[tuple[str, str, bool, str]] = (),  # (id, title, summed, kind)
    cards: bool = False,  # one block of facts per project, for narrow terminals
    failures: list[Any] = (),  # plugin failures of this run (``Failure``): their columns are incomplete
) -> Document:
    summed = [c for c, _t, s, _k in columns if s]
    kinds = {c: k for c, _t, _s, k in columns}

    def cell(c: str, value: Any) -> Any:
        return money(value) if kinds.get(c) == "money" and value is not None else _fmt(value)

    def total_cell(c: str, t: Totals) -> Any:
        # a sum that misses some cells is not the total: never shown as a number
        return _("incomplete") if c in t.incomplete else cell(c, t.columns.get(c))

    def row_cell(c: str, r: Row) -> Any:
        return _("failed") if c in r.incomplete else cell(c, r.columns.get(c))

    groups, total = group(rows, by, summed)
    sections = []
    if by:
        headers = [_by_title(by), _("Projects"), _("Granted"), _("Spent"), _("Impl. yes"), _("Impl. no")]
        headers += [t for c, t, s, _k in columns if s]  # cards too: the subtotals are the point of --by
        extra = summed
        table_rows = [
            [name, t.projects, money(t.granted), money(t.spent if t.spent_known else None), t.implementation_yes, t.implementation_no,
             *(total_cell(c, t) for c in extra)]
            for name, t in groups
        ]
        table_rows.append([_("Total"), total.projects, money(total.granted), money(total.spent if total.spent_known else None), total.implementation_yes,
                           total.implementation_no, *(total_cell(c, total) for c in extra)])
        sections.append(section("groups", _("By {field}").format(field=_by_title(by).lower()),
                                Table(headers, table_rows, numeric=list(range(1, len(headers)))),
                                groups=[{"name": n, **_totals_data(t)} for n, t in groups]))
    headers = [_("Project"), _("Organisation"), _("Period"), _("Phase"), _("Granted"), _("Spent"), _("Latest status"),
               _("Days since"), _("Next milestone"), _("Late"), _("Implementation")]
    headers += [t for _c, t, _s, _k in columns]
    project_rows, cards_out = [], []
    for r in sorted(rows, key=lambda r: (r.group_key(by) if by else "", r.organisation, r.name)):
        status = f"{r.status_report} {day(r.status_date)} {r.overall or ''}".strip() if r.status_report else _("none")
        late = r.overdue_milestones + r.overdue_activities + len(r.missing_reports) + (1 if r.report_overdue_days else 0)
        nxt = f"{r.next_milestone} ({day(r.next_milestone_date)})" if r.next_milestone else ""
        values = [r.name, r.organisation, f"{day(r.start)} – {day(r.end)}", r.phase, money(r.granted), money(r.spent), status,
                  "" if r.days_since_report is None else r.days_since_report, nxt, late or "",
                  _yes_no(r.implementation), *(row_cell(c, r) for c, _t, _s, _k in columns)]
        project_rows.append(values)
        facts = [(h, str(v)) for h, v in zip(headers[1:], values[1:], strict=True) if v not in ("", None)]
        cards_out.append(section(f"project-{r.id}", r.name, Facts(facts)))
    if cards:
        sections.append(section("projects", _("Projects"), sections=cards_out))
    else:
        sections.append(section("projects", _("Projects"), Table(headers, project_rows, numeric=[4, 5, 7, 9])))
    attention = attention_lines(rows)
    sections.append(section("attention", _("Reporting discipline"),
                            *([Paragraph(line) for line in attention] or [Paragraph(_("Every passed milestone has its status report, and no final report is overdue."))])))
    if failures:
        lines = [_("Plugin {plugin} failed ({hook}: {error}); what it adds here is incomplete.").format(
            plugin=f.plugin, hook=f.hook, error=f.error) for f in failures]
        sections.insert(0, section("plugin_failures", _("Not complete"), Bullets(lines),
                                   failures=[{"plugin": f.plugin, "hook": f.hook, "error": f.error} for f in failures]))
    if failed:
        sections.append(section("failed", _("Files that could not be read"),
                                Table([_("File"), _("Problem")], [[f.file, f.error] for f in failed]),
                                failed=[{"file": f.file, "error": f.error} for f in failed]))
    data = {
        "as_of": as_of.isoformat(),
        "by": by,
        "totals": _totals_data(total),
        "groups": [{"name": n, **_totals_data(t)} for n, t in groups],
        "projects": [_row_data(r) for r in rows],
        "failed": [{"file": f.file, "error": f.error} for f in failed],
        "plugin_failures": [{"plugin": f.plugin, "hook": f.hook, "error": f.error} for f in failures],
    }
    facts = [(_("As of"), day(as_of)), (_("Projects"), str(total.projects)), (_("Granted in total"), money(total.granted))]
    facts += [(_("{column} in total").format(column=t), str(total_cell(c, total))) for c, t, summed_, _k in columns if summed_]
    return Document("portfolio", _("Portfolio"), facts, sections, data)


def attention_lines(rows: list[Row]) -> list[str]:
    """Projects that stand out: a passed milestone without a status report, a final report overdue."""
    out = []
    for r in sorted(rows, key=lambda r: -(r.report_overdue_days or 0)):
        if r.report_overdue_days:
            out.append(_("{project}: final report due {due}, {days} days overdue").format(
                project=r.name, due=day(r.report_due), days=r.report_overdue_days))
    for r in rows:
        if r.missing_reports:
            passed = ", ".join(_("{id} ({days} days ago)").format(id=m, days=r.missing_report_days[m]) for m in r.missing_reports)
            out.append(_("{project}: no status report for passed milestone(s) {ids}").format(project=r.name, ids=passed))
    return out


def _by_title(by: str) -> str:
    return {
        "organisation": _("Organisation"), "funding": _("Funding"), "area": _("Area"), "year": _("Start year"),
        "type": _("Project type"), "phase": _("Phase"),
    }[by]


def _fmt(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def _totals_data(t: Totals) -> dict:
    # an incomplete column's sum is null, and named in "incomplete": a script must not take it for the total
    columns = {c: (None if c in t.incomplete else v) for c, v in t.columns.items()}
    columns.update({c: None for c in t.incomplete})
    return {"projects": t.projects, "granted": t.granted, "spent": t.spent,
            "implementation_yes": t.implementation_yes, "implementation_no": t.implementation_no, "columns": columns,
            "incomplete": sorted(t.incomplete)}


def _row_data(r: Row) -> dict:
    from attrs import asdict

    out = asdict(r)
    for k, v in out.items():
        if isinstance(v, date):
            out[k] = v.isoformat()
    return out


def csv_rows(rows: list[Row], columns: list[tuple[str, str, bool, str]]) -> tuple[list[str], list[list[Any]]]:
    """Header and rows for ``--format csv``: plain values, ISO dates, one project per line."""
    names = [n for n in Row.__attrs_attrs__ if n.name not in ("columns", "incomplete", "missing_reports", "missing_report_days")]
    headers = [a.name for a in names] + ["missing_reports"] + [c for c, _t, _s, _k in columns]
    out = []
    for r in rows:
        values = [getattr(r, a.name) for a in names]
        values = [v.isoformat() if isinstance(v, date) else ("" if v is None else v) for v in values]
        cells = values + [" ".join(r.missing_reports)] + [
            "?" if c in r.incomplete else _fmt(r.columns.get(c)) for c, _t, _s, _k in columns
        ]
        out.append([spreadsheet_text(v) for v in cells])
    return headers, out


# A cell starting with one of these is run as a formula by Excel and LibreOffice
# (=HYPERLINK(…), =cmd|…); OWASP's advice on CSV injection is to make it text with a quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def spreadsheet_text(value: Any) -> Any:
    """``value`` as a CSV cell a spreadsheet shows as written: text that would start a formula
    gets a leading ``'``; numbers (also as text, ``-5``) stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value

