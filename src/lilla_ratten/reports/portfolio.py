"""Many projects on one page: a row per project, subtotals by a chosen field, and what is late.

Seed 003's table (projects and granted amounts per district, implementation plans
yes/no) is ``portfolio --by organisation`` of a folder of project files; its years and
committees are ``--by year`` and ``--by funder`` (a project counts under every year it
was active, with that year's grants), its area × district table with the final reports
received is ``--by area,organisation``.
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
from lilla_ratten.model.funding import active_years, granted_in, late_funder_reports
from lilla_ratten.model.document import Bullets, Document, Facts, Paragraph, Table, section
from lilla_ratten.plugins.specs import CELL_FAILED
from lilla_ratten.reports.budget_figures import BudgetFigures, budget_figures
from lilla_ratten.reports.funding_sections import share
from lilla_ratten.reports.labels import day, label, light, money

GROUPINGS = ("organisation", "funding", "funder", "area", "year", "type", "phase")
MAX_LEVELS = 2  # --by area,organisation: groups and their subgroups


def grouping(text: str) -> tuple[str, ...]:
    """``--by``'s value: one field, or two separated by a comma (``area,organisation``)."""
    levels = tuple(part.strip() for part in text.split(","))
    unknown = [p for p in levels if p not in GROUPINGS]
    if unknown or not 0 < len(levels) <= MAX_LEVELS or len(set(levels)) != len(levels):
        raise ValueError(_("{value}: give one or two of {allowed}, separated by a comma").format(
            value=text, allowed=", ".join(GROUPINGS)))
    return levels


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
    granted: int | None  # the grant only, as the file states it; never the budget in its stead
    budget: int | None  # the whole budget (grant, own contribution and other income): the budget lines' when there are any
    spent: int | None  # as of the portfolio's date; likewise
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
    report_overdue_days: int | None  # final report due, and neither approved nor sent to the funder
    implementation: bool | None  # plans to implement in ordinary operations
    columns: dict[str, Any] = field(factory=dict)  # plugin columns by id
    incomplete: list[str] = field(factory=list)  # plugin columns whose cell could not be computed (the column failed)
    active_years: list[int] = field(factory=list)  # every year the period or a grant touches
    # what was granted, as {year, funder, amount}; year "" = for the period, the year not stated
    grant_parts: list[dict[str, Any]] = field(factory=list)
    final_report_received: bool | None = None  # None: the file says nothing of a final report to the funder
    final_report_missing: bool = False  # ended, not received, and no due date to count days from
    late_funder_reports: list[dict[str, Any]] = field(factory=list)  # {id, year, final, due, days}
    outcomes: list[dict[str, Any]] = field(factory=list)  # {indicator, count, of, unit}

    def group_key(self, by: str) -> str:
        return self.memberships(by)[0][0]

    def memberships(self, by: str, parts: list[dict[str, Any]] | None = None) -> list[tuple[str, list[dict[str, Any]]]]:
        """The groups of ``by`` this project counts in, each with the grants that belong there.

        Most fields put a project in one group with all it was granted; a project is in
        every year it was active and under every funder that granted it something.
        ``parts``: the grants an outer level left (``--by year,funder``)."""
        parts = self.grant_parts if parts is None else parts
        if by == "year":
            keys = [str(y) for y in self.active_years] + ([""] if any(p["year"] == "" for p in parts) else [])
            return [(k or _("(year not stated)"), [p for p in parts if p["year"] == k]) for k in keys]
        if by == "funder":
            funders = dict.fromkeys(p["funder"] for p in parts) or {"": None}
            return [(f or _("(not given)"), [p for p in parts if p["funder"] == f]) for f in funders]
        value = getattr(self, by)
        return [(value if value else _("(not given)"), parts)]


@define
class Failed:
    file: str
    error: str


def implementation_planned(project: Project) -> bool | None:
    status = project.implementation.status
    if status is None:
        return None
    return status is not ImplementationStatus.NOT_PLANNED


def row(project: Project, file: str, as_of: date, columns: dict[str, Any] | None = None,
        figures: BudgetFigures | None = None) -> Row:
    """``figures``: the project's budget and spent as of ``as_of`` (``budget_figures_as_of``,
    the plugins' budget lines when there are any); without them, the file's ``[budget]``."""
    info = project.project
    figures = figures or budget_figures(project)
    latest = project.latest_status_report()
    nxt = next_milestone(project, as_of)
    missing = milestones_without_report(project, as_of)
    late = late_funder_reports(project.funder_reports, as_of)
    finals = [r for r in project.funder_reports if r.final]
    overdue_days = None
    handed_in = [d for d in (project.final.approved, project.final.submitted) if d is not None and d <= as_of]
    handed_in += [as_of for r in finals if r.handed_in(as_of)]  # the final report recorded among the funder's reports
    if info.report_due is not None and not handed_in and as_of > info.report_due:
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
        granted=project.granted(),  # the grant only (or its grants' sum); never the budget in its stead
        budget=figures.budget,  # one budget truth (reports/budget_figures.py)
        spent=figures.spent,
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
        active_years=active_years(info.start, info.end, project.grants),
        grant_parts=_grant_parts(project),
        final_report_received=any(r.handed_in(as_of) for r in finals) if finals else None,
        final_report_missing=bool(finals) and as_of > info.end and not any(r.handed_in(as_of) or r.due for r in finals),
        late_funder_reports=[{"id": r.id, "year": r.year, "final": r.final, "due": r.due, "days": days}
                             for r, days in late],
        outcomes=[{"indicator": o.indicator, "count": o.count, "of": o.of, "unit": o.unit} for o in project.outcomes],
    )


def _grant_parts(project: Project) -> list[dict[str, Any]]:
    """What was granted, by year and funder.  Without ``[[grants]]``: the granted total,
    in the project's one year, or under "year not stated" when the period spans years."""
    info = project.project
    funder = getattr(info, "funder", None) or info.funding or ""
    if project.grants:
        return [{"year": "" if g.year is None else str(g.year), "funder": g.funder or funder, "amount": g.amount}
                for g in project.grants]
    total = project.granted()
    if total is None:
        return []
    years = active_years(info.start, info.end, [])
    return [{"year": str(years[0]) if len(years) == 1 else "", "funder": funder, "amount": total}]


@define
class Totals:
    projects: int = 0
    granted: int = 0
    granted_known: int = 0  # projects that state their grant
    budget: int = 0
    spent: int = 0
    spent_known: int = 0  # projects with a reported outcome
    implementation_yes: int = 0
    implementation_no: int = 0
    final_reports: int = 0  # final reports received by the funder
    columns: dict[str, float] = field(factory=dict)
    incomplete: set[str] = field(factory=set)  # summed columns with a failed cell: the sum is not the total
    children: list[tuple[str, Totals]] = field(factory=list)  # the second level of --by

    def add(self, r: Row, summed: list[str], parts: list[dict[str, Any]] | None = None) -> None:
        """Count ``r``; ``parts``: only these of its grants belong here (a year, a funder)."""
        self.projects += 1
        self.granted += (r.granted or 0) if parts is None else sum(p["amount"] for p in parts)
        self.granted_known += (r.granted is not None) if parts is None else bool(parts)
        self.budget += r.budget or 0
        self.final_reports += r.final_report_received is True
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


def group(rows: list[Row], by: str | tuple[str, ...] | None, summed: list[str]) -> tuple[list[tuple[str, Totals]], Totals]:
    """Subtotals per group (largest granted first, as seed 003 orders its districts) and the grand total.

    ``by`` with two fields gives each group its subgroups in ``Totals.children``.  A project
    in several groups (years, funders) counts in each with its share; the total counts it once."""
    levels = (by,) if isinstance(by, str) else tuple(by or ())
    total = Totals()
    for r in rows:
        total.add(r, summed)
    return _subgroups([(r, None) for r in rows], levels, summed), total


def _subgroups(members: list[tuple[Row, list[dict[str, Any]] | None]], levels: tuple[str, ...],
               summed: list[str]) -> list[tuple[str, Totals]]:
    if not levels:
        return []
    by = levels[0]
    groups: dict[str, Totals] = {}
    inside: dict[str, list[tuple[Row, list[dict[str, Any]] | None]]] = {}
    for r, parts in members:
        for key, here in r.memberships(by, parts):
            # a year or a funder takes only its grants; other fields take what the outer level left
            kept = here if by in ("year", "funder") or parts is not None else None
            groups.setdefault(key, Totals()).add(r, summed, kept)
            inside.setdefault(key, []).append((r, kept))
    for key, t in groups.items():
        t.children = _subgroups(inside[key], levels[1:], summed)
    if by == "year":  # in time order; the amounts whose year is not stated last
        return sorted(groups.items(), key=lambda kv: (not kv[0].isdigit(), kv[0]))
    return sorted(groups.items(), key=lambda kv: (-kv[1].granted, kv[0]))


def _yes_no(value: bool | None) -> str:
    return {True: _("yes"), False: _("no"), None: ""}[value]


def build(
    rows: list[Row],
    failed: list[Failed],
    as_of: date,
    *,
    by: str | tuple[str, ...] | None = None,
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

    levels = (by,) if isinstance(by, str) else tuple(by or ())
    by = levels[0] if levels else None  # the projects' list is ordered by the first level
    groups, total = group(rows, levels, summed)
    sections = []
    if levels:
        sections.append(_groups_section(levels, groups, total, rows, summed, total_cell,
                                        [t for _c, t, s_, _k in columns if s_]))
    headers = [_("Project"), _("Organisation"), _("Period"), _("Phase"), _("Granted"), _("Budget"), _("Spent"),
               _("Latest status"), _("Days since"), _("Next milestone"), _("Late"), _("Implementation")]
    headers += [t for _c, t, _s, _k in columns]
    project_rows, cards_out = [], []
    for r in sorted(rows, key=lambda r: (r.group_key(by) if by else "", r.organisation, r.name)):
        status = f"{r.status_report} {day(r.status_date)} {r.overall or ''}".strip() if r.status_report else _("none")
        late = r.overdue_milestones + r.overdue_activities + len(r.missing_reports) + (1 if r.report_overdue_days else 0)
        late += len(r.late_funder_reports) + r.final_report_missing
        nxt = f"{r.next_milestone} ({day(r.next_milestone_date)})" if r.next_milestone else ""
        values = [r.name, r.organisation, f"{day(r.start)} – {day(r.end)}", r.phase, money(r.granted), money(r.budget),
                  money(r.spent), status,
                  "" if r.days_since_report is None else r.days_since_report, nxt, late or "",
                  _yes_no(r.implementation), *(row_cell(c, r) for c, _t, _s, _k in columns)]
        project_rows.append(values)
        if cards:  # the text format's cards; the others show the table
            facts = [(h, str(v)) for h, v in zip(headers[1:], values[1:], strict=True) if v not in ("", None)]
            cards_out.append(section(f"project-{r.id}", r.name, Facts(facts)))
    if cards:
        sections.append(section("projects", _("Projects"), sections=cards_out))
    else:
        sections.append(section("projects", _("Projects"), Table(headers, project_rows, numeric=[4, 5, 6, 8, 10])))
    outcomes = outcome_totals(rows)
    if outcomes:
        sections.append(section("outcomes", _("Outcome measures"), _outcomes_table(outcomes), outcomes=outcomes))
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
        "groups": [_group_data(n, t) for n, t in groups],
        "outcomes": outcomes,
        "projects": [_row_data(r) for r in rows],
        "failed": [{"file": f.file, "error": f.error} for f in failed],
        "plugin_failures": [{"plugin": f.plugin, "hook": f.hook, "error": f.error} for f in failures],
    }
    granted = money(total.granted)
    if total.granted_known < total.projects:  # a sum over the projects that state a grant, said so
        granted += " " + _("({known} of {projects} projects state their grant)").format(
            known=total.granted_known, projects=total.projects)
    facts = [(_("As of"), day(as_of)), (_("Projects"), str(total.projects)), (_("Granted in total"), granted)]
    if total.budget:
        facts.append((_("Budget in total (grant, own contribution and other income)"), money(total.budget)))
    facts += [(_("{column} in total").format(column=t), str(total_cell(c, total))) for c, t, summed_, _k in columns if summed_]
    return Document("portfolio", _("Portfolio"), facts, sections, data)


def _groups_section(levels, groups, total, rows, summed, total_cell, summed_titles) -> Any:
    """The subtotals table: one row per group, its subgroups indented under it, the total last."""
    receipts = any(r.final_report_received is not None for r in rows)
    headers = [" / ".join(_by_title(b) for b in levels), _("Projects")]
    headers += [_("Final reports received")] if receipts else []
    headers += [_("Granted"), _("Spent"), _("Impl. yes"), _("Impl. no"), *summed_titles]

    def line(name: str, t: Totals) -> list[Any]:
        # a group where no project states its grant has an unknown sum, not 0 kr
        granted = money(t.granted) if t.granted_known else _("not known")
        return [name, t.projects, *([t.final_reports] if receipts else []), granted,
                money(t.spent if t.spent_known else None), t.implementation_yes, t.implementation_no,
                *(total_cell(c, t) for c in summed)]

    table_rows = []
    for name, t in groups:
        table_rows.append(line(name, t))
        table_rows += [line(f"  · {sub}", st) for sub, st in t.children]
    table_rows.append(line(_("Total"), total))
    blocks: list[Any] = [Table(headers, table_rows, numeric=list(range(1, len(headers))))]
    if any(b in ("year", "funder") for b in levels):
        blocks.append(Paragraph(_("A project active in several years, or granted by several funders, counts under each "
                                  "with what it was granted there; the total counts it once.")))
    title = _("By {field}").format(field=" / ".join(_by_title(b).lower() for b in levels))
    return section("groups", title, *blocks, groups=[_group_data(n, t) for n, t in groups])


def _group_data(name: str, t: Totals) -> dict:
    out = {"name": name, **_totals_data(t)}
    if t.children:
        out["groups"] = [_group_data(n, c) for n, c in t.children]
    return out


def outcome_totals(rows: list[Row]) -> list[dict[str, Any]]:
    """Outcome measures summed over the projects that share an indicator (by its name)."""
    by: dict[str, dict[str, Any]] = {}
    for r in rows:
        for o in r.outcomes:
            t = by.setdefault(o["indicator"], {"indicator": o["indicator"], "projects": 0, "count": 0, "of": 0,
                                               "unit": o["unit"], "by_project": []})
            t["projects"] += 1
            t["by_project"].append({"project": r.name, "file": r.file, "count": o["count"], "of": o["of"]})
            t["count"] += o["count"]
            # a count without its whole makes the summed whole unknown
            t["of"] = None if t["of"] is None or o["of"] is None else t["of"] + o["of"]
    return sorted(by.values(), key=lambda t: t["indicator"])


def _outcomes_table(outcomes: list[dict[str, Any]]) -> Table:
    """Per indicator its sum over the projects, and under it each project's own figures."""
    rows = []
    for o in outcomes:
        rows.append([o["indicator"], o["projects"], o["count"], "" if o["of"] is None else o["of"], share(o["count"], o["of"])])
        rows += [[f"  · {p['project']}", "", p["count"], "" if p["of"] is None else p["of"], share(p["count"], p["of"])]
                 for p in o["by_project"]]
    return Table([_("Indicator") + " / " + _("Project").lower(), _("Projects"), _("Count"), _("Of"), _("Proportion")], rows,
                 numeric=[1, 2, 3, 4])


def attention_lines(rows: list[Row]) -> list[str]:
    """Projects that stand out: a passed milestone without a status report, a report overdue."""
    out = []
    for r in sorted(rows, key=lambda r: -(r.report_overdue_days or 0)):
        if r.report_overdue_days:
            out.append(_("{project}: final report due {due}, {days} days overdue").format(
                project=r.name, due=day(r.report_due), days=r.report_overdue_days))
    for r in rows:
        for late in r.late_funder_reports:
            if late["final"]:
                text = _("{project}: final report to the funder due {due}, {days} days overdue")
            else:
                text = _("{project}: yearly report for {year} due {due}, {days} days overdue")
            out.append(text.format(project=r.name, year=late["year"], due=day(late["due"]), days=late["days"]))
        if r.final_report_missing:
            out.append(_("{project}: ended {end}; the funder has not received its final report").format(
                project=r.name, end=day(r.end)))
    for r in rows:
        if r.missing_reports:
            passed = ", ".join(_("{id} ({days} days ago)").format(id=m, days=r.missing_report_days[m]) for m in r.missing_reports)
            out.append(_("{project}: no status report for passed milestone(s) {ids}").format(project=r.name, ids=passed))
    return out


def _by_title(by: str) -> str:
    return {
        "organisation": _("Organisation"), "funding": _("Funding"), "funder": _("Funder"), "area": _("Area"),
        "year": _("Year"),
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
    return {"projects": t.projects, "final_reports": t.final_reports, "granted": t.granted, "granted_known": t.granted_known,
            "budget": t.budget, "spent": t.spent,
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
    nested = ("columns", "incomplete", "missing_reports", "missing_report_days", "active_years", "grant_parts",
              "late_funder_reports", "outcomes")  # lists and tables: flattened below, or in the JSON only
    names = [n for n in Row.__attrs_attrs__ if n.name not in nested]
    headers = [a.name for a in names] + ["missing_reports", "active_years", "late_funder_reports"]
    headers += [c for c, _t, _s, _k in columns]
    out = []
    for r in rows:
        values = [getattr(r, a.name) for a in names]
        values = [v.isoformat() if isinstance(v, date) else ("" if v is None else v) for v in values]
        flat = [" ".join(r.missing_reports), " ".join(map(str, r.active_years)),
                " ".join(late["id"] for late in r.late_funder_reports)]
        cells = values + flat + [
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

