"""A new status report, filled in from what changed since the previous one."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from lilla_ratten.i18n import _
from lilla_ratten.model import ActivityStatus, Light, Project, StatusReport
from lilla_ratten.model.derived import next_milestone, overdue_milestones, slippage_days
from lilla_ratten.reports.budget_figures import budget_figures_as_of
from lilla_ratten.reports.labels import day, days


def _next_id(project: Project) -> str:
    numbers = [int(r.id[2:]) for r in project.status_reports if r.id.startswith("SR") and r.id[2:].isdigit()]
    return f"SR{max(numbers, default=0) + 1}"


def draft(project: Project, today: date, host: Any = None) -> StatusReport:
    previous = project.latest_status_report()
    since = previous.date + timedelta(days=1) if previous else project.project.start
    # a second report the same day (or after one dated ahead) covers that day: a period never ends before it starts
    since = min(since, today)
    passed = [m for m in project.milestones if m.done is not None and since <= m.done <= today]
    done_acts = [a for a in project.activities if a.status is ActivityStatus.DONE and a.done and since <= a.done <= today]
    late = overdue_milestones(project, today)

    progress = []
    for m in passed:
        slip = slippage_days(m, today)
        when = _("on time") if slip <= 0 else _("{days} late").format(days=days(slip))
        progress.append("- " + _("Milestone {id} {title} done {date} ({when})").format(id=m.id, title=m.title, date=day(m.done), when=when))
    for a in done_acts:
        progress.append("- " + _("Activity {id} {title} done {date}").format(id=a.id, title=a.title, date=day(a.done)))
    for m, n in late:
        progress.append("- " + _("Milestone {id} {title} is {days} past its planned date {date}").format(id=m.id, title=m.title, days=days(n), date=day(m.planned)))

    next_steps = []
    nxt = next_milestone(project, today)
    if nxt:
        m, _left = nxt
        next_steps.append("- " + _("Next milestone: {id} {title}, planned {date}").format(id=m.id, title=m.title, date=day(m.planned)))
        for a in project.activities:
            if a.milestone == m.id and a.status in (ActivityStatus.PLANNED, ActivityStatus.ONGOING):
                next_steps.append(f"- {a.id} {a.title}" + (f" ({a.owner})" if a.owner else ""))

    time_light = Light.GREEN
    if late:
        time_light = Light.RED if max(n for _m, n in late) > 14 else Light.YELLOW
    b = budget_figures_as_of(project, today, host)  # one budget truth: the lines when there are any
    cost_light = previous.cost if previous else None
    if b.budget is not None and b.spent is not None and b.spent > b.budget:
        cost_light = Light.RED
    return StatusReport(
        id=_next_id(project),
        date=today,
        period_start=since,
        period_end=today,
        milestone=passed[-1].id if passed else (nxt[0].id if nxt else None),
        author=project.project.leader,
        time=time_light,
        cost=cost_light,
        scope=previous.scope if previous else None,
        quality=previous.quality if previous else None,
        risk=previous.risk if previous else None,
        progress="\n".join(progress) or None,
        next_steps="\n".join(next_steps) or None,
    )
