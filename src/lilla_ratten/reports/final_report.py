"""The final report (slutrapport), with the headings of Lilla Ratten's template and the seeds."""

from __future__ import annotations

from datetime import date
from typing import Any

from lilla_ratten.i18n import _
from lilla_ratten.model import LessonKind, LessonTopic, Project
from lilla_ratten.model.derived import is_over, slippage_days
from lilla_ratten.model.document import Bullets, Document, Facts, Table, prose, section
from lilla_ratten.reports.common import milestone_data, milestone_table, organisation_blocks, project_facts
from lilla_ratten.reports.funding_sections import funder_reports_table, funding_data, grants_table, outcomes_table
from lilla_ratten.reports.labels import day, label, money

WAY_OF_WORKING = (LessonTopic.ORGANISATION, LessonTopic.COLLABORATION, LessonTopic.METHODS, LessonTopic.QUALITY)
OTHER_LESSONS = (LessonTopic.RESOURCES, LessonTopic.WAY_OF_WORKING, LessonTopic.DOCUMENTS, LessonTopic.OTHER)


def _lessons(project: Project, topic: LessonTopic | None, kind: LessonKind | None = None) -> list:
    texts = [
        lesson.text
        for lesson in project.lessons
        if lesson.topic == topic and (topic is not None or lesson.kind == kind)
    ]
    if len(texts) == 1:
        return prose(texts[0])
    return [Bullets([" ".join(t.split()) for t in texts])] if texts else []


def _effect_goals(project: Project) -> list:
    blocks: list = []
    for goal in project.effect_goals:
        blocks.extend(prose(goal.text))
        blocks.extend(prose(goal.measurement))
        if goal.measure_dates:
            blocks.append(Facts([(_("Measured"), ", ".join(day(d) for d in goal.measure_dates))]))
        indicators = [i for i in project.indicators if i.goal == goal.id]
        if indicators:
            rows = []
            for ind in indicators:
                values = [v for v in project.indicator_values if v.indicator == ind.id]
                latest = max(values, key=lambda v: v.date) if values else None
                rows.append(
                    [
                        ind.name,
                        _num(ind.baseline, ind.unit, ind.baseline_date),
                        _num(ind.target, ind.unit, ind.target_date),
                        _num(latest.value, ind.unit, latest.date) if latest else "",
                    ]
                )
            blocks.append(Table([_("Indicator"), _("Baseline"), _("Target"), _("Latest value")], rows))
    return blocks


def _num(value: float | None, unit: str | None, when: date | None) -> str:
    if value is None:
        return ""
    text = f"{value:g}" + (f" {unit}" if unit else "")
    return f"{text} ({day(when)})" if when else text


def _fulfilment(goal) -> str:
    """The report's own words when it has them, else the vocabulary's label; never a guess."""
    if goal.fulfilment_text:
        return " ".join(goal.fulfilment_text.split())
    return label(goal.fulfilment) if goal.fulfilment else _("not assessed")


def _project_goals(project: Project) -> Table | None:
    if not project.project_goals:
        return None
    rows = [[g.id, " ".join(g.text.split()), _fulfilment(g), g.comment or ""]
            for g in project.project_goals]
    return Table([_("Id"), _("Project goal"), _("Fulfilment"), _("Comment")], rows)


def _goal_list(project: Project) -> Bullets | None:
    return Bullets([" ".join(g.text.split()) for g in project.project_goals]) if project.project_goals else None


def _changes(project: Project) -> Table | None:
    if not project.changes:
        return None
    rows = [[c.id, label(c.kind), " ".join(c.text.split()), label(c.status)] for c in project.changes]
    return Table([_("Id"), _("Kind"), _("Description"), _("Status")], rows)


def _budget(project: Project, sections: Any = ()) -> tuple[list, dict]:
    """Budget, outcome and difference: the budget lines' when a plugin's ``sections`` carry
    them, else ``[budget]``'s (``reports/budget_figures.py``)."""
    from lilla_ratten.reports.budget_figures import budget_figures

    b = budget_figures(project, sections)
    facts = []
    data: dict = {"total": b.budget, "outcome": b.spent, "variance": None}
    if b.budget is not None:
        facts.append((_("Budget"), money(b.budget)))
    if b.spent is not None:
        facts.append((_("Outcome"), money(b.spent)))
    if b.budget is not None and b.spent is not None:
        variance = b.budget - b.spent
        data["variance"] = variance
        if variance == 0:
            facts.append((_("Difference"), _("none: the outcome is the budget")))
        else:
            word = _("under budget") if variance > 0 else _("over budget")
            facts.append((_("Difference"), f"{money(abs(variance))} {word}"))
    if project.project.granted is not None:
        facts.append((_("Granted"), money(project.project.granted)))
        data["granted"] = project.project.granted
    return ([Facts(facts)] if facts else []), data


def build(project: Project, as_of: date, host=None) -> Document:
    """The slutrapport of ``project`` with ``host``'s plugin sections (no layout chosen, no marker)."""
    from lilla_ratten.reports.layouts import context_for

    return slutrapport(context_for(project, as_of, host, "slutrapport"))


def slutrapport(context) -> Document:
    """The built-in layout ``slutrapport``: ``context`` is a ``LayoutContext``."""
    project, as_of = context.project, context.as_of
    info, final = project.project, project.final
    facts = project_facts(project)
    if final.author:  # never guessed from the leader: a report names its author or does not
        facts.insert(2, (_("Author"), final.author))
    if final.version:
        facts.append((_("Version"), final.version))
    if final.approved:
        approved = day(final.approved)
    elif project.provenance.reconstructed or final.submitted:
        approved = _("not stated")  # a report already written or sent: unknown, not "not yet"
    else:
        approved = _("not yet")
    facts.append((_("Approved by the steering group"), approved))
    if final.submitted:
        by = f" ({final.submitted_by})" if final.submitted_by else ""
        facts.append((_("Submitted to the funder"), day(final.submitted) + by))

    over = is_over(project, as_of)  # after the end a missing done date is unrecorded, not late
    late = [m for m in project.milestones if slippage_days(m, as_of) > 0 and (m.done is not None or not over)]
    schedule_facts = None
    if project.milestones:
        done = sum(1 for m in project.milestones if m.is_passed)
        schedule_facts = Facts(
            [(_("Milestones done"), f"{done}/{len(project.milestones)}"), (_("Milestones late"), str(len(late)))]
        )
    budget_blocks, budget_data = _budget(project, context.report_sections)

    conclusions = [
        section(f"conclusions_{kind.value}", label(kind), *_lessons(project, None, kind)) for kind in LessonKind
    ]
    untyped = [lesson.text for lesson in project.lessons if lesson.topic is None and lesson.kind is None]
    if untyped:
        conclusions.append(section("conclusions_other", _("Other lessons"), Bullets(untyped)))

    impl = project.implementation
    impl_blocks = []
    if impl.status is not None:
        impl_blocks.append(Facts([(_("Implementation in ordinary operations"), label(impl.status))]))
    impl_blocks.extend(prose(impl.text))

    sections = [
        section("summary", _("Summary"), *prose(final.summary)),
        section(
            "introduction",
            _("Introduction"),
            sections=[
                section("description", _("Project description"), *prose(info.description)),
                section("effect_goals", _("Effect goals"), *_effect_goals(project)),
                section("project_goals", _("Project goals"), _goal_list(project)),
                section("exclusions", _("Scope exclusions"), *(b for x in project.exclusions for b in prose(x.text))),
                section("organisation", _("Project organisation"), *organisation_blocks(project)),
                section("milestones", _("Milestones"), milestone_table(project, as_of) if project.milestones else None),
            ],
        ),
        section(
            "results",
            _("Results"),
            sections=[
                section(
                    "goal_fulfilment",
                    _("Goal fulfilment"),
                    sections=[
                        section("effect_result", _("Effect goals"), *prose(final.effect_result)),
                        section("goal_result", _("Project goals"), *prose(final.goal_result), _project_goals(project)),
                    ],
                ),
                section("outcomes", _("Outcome measures"), outcomes_table(project)),
                section("changes", _("Change requests and remaining items"), _changes(project)),
                section("schedule", _("Schedule"), *prose(final.schedule), schedule_facts),
                section("budget", _("Project budget"), *budget_blocks, *prose(final.budget), **budget_data),
                section("grants", _("Grants by year"), grants_table(project)),
                section("funder_reports", _("Reports to the funder"), funder_reports_table(project, as_of)),
            ],
        ),
        section(
            "way_of_working",
            _("Way of working"),
            sections=[section(f"lessons_{t.value}", label(t), *_lessons(project, t)) for t in WAY_OF_WORKING],
        ),
        section(
            "other_lessons",
            _("Other lessons"),
            sections=[section(f"lessons_{t.value}", label(t), *_lessons(project, t)) for t in OTHER_LESSONS],
        ),
        section("equality", _("Gender equality"), *prose(final.equality)),
        section("child_perspective", _("Child perspective"), *prose(final.child_perspective)),
        section("conclusions", _("Conclusions"), sections=conclusions),
        section("implementation", _("Implementation and further work"), *impl_blocks, *prose(final.further_work)),
        section("strategic_value", _("Strategic value"), *prose(final.strategic_value)),
        *context.report_sections,
        section("other", _("Other"), *prose(final.other)),
        section("closing_words", _("The steering group's comments"), *prose(final.closing_words)),
    ]
    data = {
        "project": {
            "id": info.id,
            "name": info.name,
            "organisation": info.organisation,
            "unit": info.unit,
            "dnr": info.dnr,
            "start": info.start.isoformat(),
            "end": info.end.isoformat(),
            "funding": info.funding,
            "funder": info.funder,
            "owner": info.owner,
            "project_owner": info.project_owner,
            "granted": info.granted,
        },
        "as_of": as_of.isoformat(),
        "approved": final.approved.isoformat() if final.approved else None,
        "submitted": final.submitted.isoformat() if final.submitted else None,
        "submitted_by": final.submitted_by,
        "milestones": milestone_data(project, as_of),
        "project_goals": [
            {"id": g.id, "fulfilment": g.fulfilment.value if g.fulfilment else None,
             **({"fulfilment_text": g.fulfilment_text} if g.fulfilment_text else {})} for g in project.project_goals
        ],
        "budget": budget_data,
        "implementation": impl.status.value if impl.status else None,
        **funding_data(project, as_of),
    }
    title = _("Final report: {name}").format(name=info.name)
    return Document("final_report", title, facts, [s for s in sections if s is not None and not s.is_empty()], data)
