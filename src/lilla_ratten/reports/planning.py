"""The planning documents the steering group decides on: the *projektdirektiv* (at B1) and the
*projektplan* (at B2), built from what the file already holds.

The budget lines come from the budget plugin's section data (``lines``: name and budget) when
it is installed; the plan shows budgets only, never an outcome.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from lilla_ratten.i18n import _
from lilla_ratten.model import Project
from lilla_ratten.model.document import Block, Bullets, Document, Facts, Section, Table, prose, section
from lilla_ratten.reports import final_report
from lilla_ratten.reports.chapters import with_chapters
from lilla_ratten.reports.common import organisation_blocks, period, project_facts
from lilla_ratten.reports.final_forms import FINANCIAL
from lilla_ratten.reports.funding_sections import grants_table
from lilla_ratten.reports.labels import day, label, money
from lilla_ratten.reports.plugin_sections import plugin_sections


def _decision_point(project: Project, ident: str) -> list[Block]:
    point = next((p for p in project.decision_points if p.id == ident), None)
    if point is None:
        return []
    facts = []
    if point.planned:
        facts.append((_("Planned decision"), day(point.planned)))
    if point.date:
        facts.append((_("Decided"), day(point.date)))
    if point.decision:
        facts.append((_("Decision"), label(point.decision)))
    if point.minutes:
        facts.append((_("Minutes"), point.minutes))
    blocks: list[Block] = [Facts(facts)] if facts else []
    return blocks + prose(point.comment)


def _goals(project: Project) -> list[Section]:
    return [
        section("effect_goals", _("Effect goals"), *final_report._effect_goals(project)),
        section("project_goals", _("Project goals"), final_report._goal_list(project)),
        section("exclusions", _("Scope exclusions"), *(b for x in project.exclusions for b in prose(x.text))),
    ]


def _budget(project: Project, as_of: date, host: Any) -> tuple[list[Block], dict]:
    from lilla_ratten.reports.budget_figures import budget_figures

    report_sections = plugin_sections(host, "lr_final_report_sections", project, as_of=as_of)
    b = budget_figures(project, report_sections)  # one budget truth: the lines when there are any
    facts = []
    if b.budget is not None:
        facts.append((_("Budget"), money(b.budget)))
    if project.granted() is not None:
        facts.append((_("Granted"), money(project.granted())))
    blocks: list[Block] = [Facts(facts)] if facts else []
    financial = next((s for s in report_sections if s.id == FINANCIAL), None)
    lines = financial.data.get("lines", []) if financial else []
    if lines:
        rows = [[line["name"], money(line["budget"])] for line in lines]
        rows.append([_("Sum"), money(sum(line["budget"] for line in lines))])
        blocks.append(Table([_("Costs"), _("Budget")], rows, numeric=[1]))
    grants = grants_table(project)
    if grants is not None:
        blocks.append(grants)
    data = {"total": b.budget, "granted": project.granted(),
            "lines": [{"name": line["name"], "budget": line["budget"]} for line in lines]}
    return blocks, data


def _activity_plan(project: Project) -> Table | None:
    if not project.activities:
        return None
    rows = [
        [a.id, a.title, label(a.kind), a.owner or "", day(a.start) if a.start else "", day(a.end) if a.end else "",
         a.milestone or "", label(a.status)]
        for a in project.activities
    ]
    return Table([_("Id"), _("Activity"), _("Kind"), _("Responsible"), _("Start"), _("End"), _("Milestone"), _("Status")], rows)


def _milestones(project: Project) -> Table | None:
    if not project.milestones:
        return None
    return Table([_("Id"), _("Milestone"), _("Planned")], [[m.id, m.title, day(m.planned)] for m in project.milestones])


def _decision_points(project: Project) -> Table | None:
    if not project.decision_points:
        return None
    rows = [[p.id, day(p.planned) if p.planned else "", day(p.date) if p.date else "", label(p.decision) if p.decision else ""]
            for p in project.decision_points]
    return Table([_("Decision point"), _("Planned"), _("Decided"), _("Decision")], rows)


def _data(project: Project, kind: str, as_of: date, budget: dict) -> dict:
    info = project.project
    return {
        "project": {"id": info.id, "name": info.name, "start": info.start.isoformat(), "end": info.end.isoformat()},
        "as_of": as_of.isoformat(),
        "kind": kind,
        "budget": budget,
        "milestones": [{"id": m.id, "title": m.title, "planned": m.planned.isoformat()} for m in project.milestones],
        "activities": [{"id": a.id, "title": a.title, "status": a.status.value} for a in project.activities],
    }


def directive(project: Project, as_of: date, host: Any = None) -> Document:
    """The *projektdirektiv*: the order the project owner gives, decided at B1."""
    info = project.project
    budget_blocks, budget_data = _budget(project, as_of, host)
    sections = [
        section("background", _("Background and purpose"), *prose(info.description)),
        section("goals", _("Goals"), sections=_goals(project)),
        section("frame", _("Time frame"), Facts([(_("Period"), period(project))]),
                Bullets([f"{m.id} {m.title}: {day(m.planned)}" for m in project.milestones]) if project.milestones else None),
        section("resources", _("Budget and resources"), *budget_blocks, **budget_data),
        section("organisation", _("Project organisation"), *organisation_blocks(project)),
        section("decision", _("Decision on the directive (B1)"), *_decision_point(project, "B1")),
    ]
    doc = Document("project_directive", _("Project directive: {name}").format(name=info.name), project_facts(project),
                   [s for s in sections if not s.is_empty()], _data(project, "directive", as_of, budget_data))
    return with_chapters(doc, project, "directive", "directive")


def plan(project: Project, as_of: date, host: Any = None) -> Document:
    """The *projektplan*: how the project will reach its goals, decided at B2."""
    info = project.project
    budget_blocks, budget_data = _budget(project, as_of, host)
    sections = [
        section("background", _("Background and purpose"), *prose(info.description)),
        section("goals", _("Goals"), sections=_goals(project)),
        section("organisation", _("Project organisation"), *organisation_blocks(project)),
        section("activity_plan", _("Activity plan"), _activity_plan(project)),
        section("milestones", _("Milestones"), _milestones(project)),
        section("decision_points", _("Decision points"), _decision_points(project)),
        section("budget", _("Budget"), *budget_blocks, **budget_data),
        section("method", _("Way of working"), *prose(project.final.method)),
        section("follow_up", _("Follow-up and evaluation"), *prose(project.final.follow_up)),
        section("information", _("Communication"), *prose(project.final.information)),
        section("decision", _("Decision on the plan (B2)"), *_decision_point(project, "B2")),
    ]
    doc = Document("project_plan", _("Project plan: {name}").format(name=info.name), project_facts(project),
                   [s for s in sections if not s.is_empty()], _data(project, "plan", as_of, budget_data))
    return with_chapters(doc, project, "plan", "plan")
