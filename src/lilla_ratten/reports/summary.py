"""The one-screen answer to "are we on track, and what needs doing before the next meeting?"."""

from __future__ import annotations

from datetime import date

from lilla_ratten.i18n import _
from lilla_ratten.model import LIGHT_ASPECTS, Project
from lilla_ratten.model.derived import (
    activity_completion,
    current_phase,
    decisions_missing,
    milestones_without_report,
    next_milestone,
    overdue_activities,
    overdue_milestones,
    unrecorded_milestones,
)
from lilla_ratten.model.document import Bullets, Document, Paragraph, section
from lilla_ratten.reports.budget_figures import budget_figures_as_of
from lilla_ratten.reports.common import period, role_facts
from lilla_ratten.reports.provenance import provenance_section
from lilla_ratten.reports.plugin_sections import not_fully_checked, plugin_sections
from lilla_ratten.reports.labels import aspect, day, days, label, light, money, percent


def build(project: Project, as_of: date, host=None) -> Document:
    info = project.project
    phase = current_phase(project, as_of)
    facts = [
        (_("Period"), period(project)),
        (_("Phase"), label(phase.phase)),
    ]
    if phase.next_point_id:
        planned = phase.next_point.planned if phase.next_point else None
        when = f" ({day(planned)})" if planned else ""
        facts.append((_("Next decision point"), f"{phase.next_point_id}{when}"))
    facts.extend(role_facts(project))

    latest = project.latest_status_report()
    if latest:
        lights = ", ".join(f"{aspect(a)} {light(getattr(latest, a))}" for a in LIGHT_ASPECTS if getattr(latest, a))
        facts.append((_("Latest status report"), f"{latest.id} {day(latest.date)}: {light(latest.overall_light())}"))
        if lights:
            facts.append(("", lights))
    else:
        facts.append((_("Latest status report"), _("none yet")))

    nxt = next_milestone(project, as_of)
    if nxt:
        m, left = nxt
        when = _("in {days}").format(days=days(left)) if left >= 0 else _("{days} overdue").format(days=days(-left))
        facts.append((_("Next milestone"), f"{m.id} {m.title}, {day(m.planned)} ({when})"))
    unrecorded = unrecorded_milestones(project, as_of)
    if unrecorded:
        facts.append((_("Done date not recorded"), ", ".join(m.id for m in unrecorded)))
    # the plugins' sections structured once, for their summaries and the budget figures alike
    sections = host.sections(project)[0] if host is not None else None
    extra = plugin_sections(host, "lr_summary", project, mark=True, sections=sections, as_of=as_of)
    used = budget_figures_as_of(project, as_of, host, sections).used()  # one budget truth (reports/budget_figures.py)
    if used:
        outcome, total = used
        share = f" ({percent(outcome * 100 / total)})" if total else ""  # rounded as the Budget tab rounds it
        facts.append((_("Budget used"), f"{money(outcome)} / {money(total)}{share}"))

    late_m = overdue_milestones(project, as_of)
    late_a = overdue_activities(project, as_of)
    unreported = milestones_without_report(project, as_of)
    completion = activity_completion(project)
    missing = decisions_missing(project, as_of)  # the phase follows the decisions: say what is left to decide
    todo = [
        *([_("The project period ended {end} but no decision is recorded at {points}").format(
            end=day(info.end), points=", ".join(p.id for p in missing))] if missing else []),
        *(_("Milestone {id} {title} is {days} overdue").format(id=m.id, title=m.title, days=days(n)) for m, n in late_m),
        *(_("Activity {id} {title} is {days} overdue").format(id=a.id, title=a.title, days=days(n)) for a, n in late_a),
        *(_("Milestone {id} {title} is passed but has no status report").format(id=m.id, title=m.title) for m in unreported),
    ]
    progress = [
        f"{m.id} {m.title}: {completion[m.id][0]}/{completion[m.id][1]}"
        for m in project.milestones
        if m.id in completion
    ]
    sections = [
        not_fully_checked(host),  # after the plugins' own sections were asked for: a failure there counts too
        section("needs_doing", _("Needs doing"), Bullets(todo) if todo else Paragraph(_("Nothing overdue."))),
        section("activity_completion", _("Activities done per milestone"), Bullets(progress) if progress else None),
        *extra,
        provenance_section(project),
    ]
    data = {
        "as_of": as_of.isoformat(),
        "phase": phase.phase.value,
        "next_decision_point": phase.next_point_id,
        "decisions_missing": [p.id for p in missing],
        "latest_status_report": latest.id if latest else None,
        "overall": latest.overall_light().value if latest and latest.overall_light() else None,
        "next_milestone": {"id": nxt[0].id, "days_left": nxt[1]} if nxt else None,
        "overdue_milestones": [{"id": m.id, "days": n} for m, n in late_m],
        "overdue_activities": [{"id": a.id, "days": n} for a, n in late_a],
        "milestones_without_report": [m.id for m in unreported],
        "milestones_not_recorded": [m.id for m in unrecorded],
        "budget": {"outcome": used[0], "total": used[1]} if used else None,
    }
    return Document("summary", info.name, facts, [s for s in sections if s is not None and not s.is_empty()], data)
