"""Facts derived from a project as of a given date: where it stands, what is late."""

from __future__ import annotations

from datetime import date

from attrs import define, evolve

from lilla_ratten.model.enums import ActivityStatus, Decision, Phase
from lilla_ratten.model.project import Activity, AsSent, DecisionPoint, Milestone, Project, StatusReport

# Each phase runs from one decision point to the next.
PHASES = (
    (Phase.INITIATION, "B0", "B1"),
    (Phase.PLANNING, "B1", "B2"),
    (Phase.EXECUTION, "B2", "B3"),
    (Phase.CLOSURE, "B3", "B4"),
)
_ORDER = [p for p, _, _ in PHASES] + [Phase.CLOSED]
_AFTER = {"B0": Phase.INITIATION, "B1": Phase.PLANNING, "B2": Phase.EXECUTION, "B3": Phase.CLOSURE, "B4": Phase.CLOSED}


@define(frozen=True)
class PhaseState:
    phase: Phase
    next_point: DecisionPoint | None  # the decision point that ends the phase, if recorded
    next_point_id: str | None


def current_phase(project: Project, as_of: date) -> PhaseState:
    """The phase as of ``as_of``, from the steering group's recorded decisions.

    With no decision recorded yet: a project that lists its decision points (as
    ``new`` writes B0–B4) is being planned, the first of them next — the steering
    group has not said it may start, whatever the start date says, nor that it may
    close, whatever the end date says (a period that ended with its decisions missing
    is said by :func:`decisions_missing`, not hidden behind "closure"). Without
    decision points the project's own dates stand in: before the start it is being
    planned, between start and end executed, after it closed.
    """
    decided = sorted(
        (p for p in project.decision_points if p.date is not None and p.decision is not None and p.date <= as_of),
        key=lambda p: (p.date, p.id),
    )
    if decided:
        phase = Phase.INITIATION
        for point in decided:
            after = _AFTER.get(point.id)
            if after is None:
                continue
            if point.decision is Decision.CONTINUE:
                phase = after
            elif point.decision is Decision.STOP:
                phase = Phase.STOPPED
            elif point.decision is Decision.GO_BACK:
                phase = _ORDER[max(_ORDER.index(after) - 2, 0)]
            elif point.decision is Decision.REVISE:
                phase = _ORDER[max(_ORDER.index(after) - 1, 0)]
    elif project.decision_points:
        undecided = [p for p in project.decision_points if p.decision is None or p.date is None or p.date > as_of]
        first = min(undecided, key=lambda p: (p.id not in _AFTER, p.id), default=None)
        return PhaseState(Phase.PLANNING, first, first.id if first else None)
    elif as_of < project.project.start:
        phase = Phase.PLANNING
    elif as_of <= project.project.end:
        phase = Phase.EXECUTION
    else:
        phase = Phase.CLOSURE
    next_id = next((end for p, _, end in PHASES if p is phase), None)
    point = next((p for p in project.decision_points if p.id == next_id), None)
    return PhaseState(phase, point, next_id)


def decisions_missing(project: Project, as_of: date) -> list[DecisionPoint]:
    """The model's decision points (B0–B4) the project lists with no decision recorded by
    ``as_of``, once its period has ended and the decisions have not closed or stopped it:
    the phase follows the decisions (:func:`current_phase`), so this is what says the
    steering group has still to decide. Empty before the end, and for a project that
    lists no decision points (its dates stand in for them)."""
    if as_of <= project.project.end or current_phase(project, as_of).phase in (Phase.CLOSED, Phase.STOPPED):
        return []
    decided = {p.id for p in project.decision_points if p.date is not None and p.decision is not None and p.date <= as_of}
    return sorted((p for p in project.decision_points if p.id in _AFTER and p.id not in decided), key=lambda p: p.id)


def is_over(project: Project, as_of: date) -> bool:
    """The project has ended by ``as_of``: its last day has come, or the steering group closed
    it (B4), or the final report was approved or sent to the funder. A date not recorded then
    is only that, not something still late."""
    final = project.final
    if as_of >= project.project.end:
        return True
    if any(d is not None and d <= as_of for d in (final.approved, final.submitted)):
        return True
    return current_phase(project, as_of).phase in (Phase.CLOSED, Phase.STOPPED)


def final_report_date(project: Project) -> date | None:
    """The final report's own date, which its page header shows: the day it was signed, else
    sent to the funder, else approved by the steering group; ``None`` when it has none (a
    draft, or a report the file gives no date): then the header shows no date, never the day
    it is printed."""
    final = project.final
    return final.signed or final.submitted or final.approved


def decided_date(project: Project, point: str) -> date | None:
    """The day the steering group decided at ``point`` (B1: the directive, B2: the plan), the
    planning document's own date in its page header; ``None`` until it is decided."""
    found = next((p for p in project.decision_points if p.id == point), None)
    return found.date if found is not None and found.decision is not None else None


def report_author(project: Project, author: str | None = None) -> str:
    """Who a document says wrote it (its file properties): the report's author when it names
    one, else the project leader, else the organisation."""
    return author or project.project.leader or project.project.organisation


def unrecorded_milestones(project: Project, as_of: date) -> list[Milestone]:
    """Milestones of an ended project planned before its end with no done date recorded."""
    if not is_over(project, as_of):
        return []
    return [m for m in project.milestones if not m.is_passed and m.planned <= min(as_of, project.project.end)]


def slippage_days(milestone: Milestone, as_of: date) -> int:
    """Days late: done − planned once done, else how far past the plan it is today (never negative)."""
    if milestone.done is not None:
        return (milestone.done - milestone.planned).days
    if milestone.passed:
        return 0  # passed on a day not known: no slippage can be said
    return max((as_of - milestone.planned).days, 0)


def overdue_milestones(project: Project, as_of: date) -> list[tuple[Milestone, int]]:
    """Milestones not done and past their date, while the project runs (after its end they are
    ``unrecorded_milestones``)."""
    if is_over(project, as_of):
        return []
    return [(m, (as_of - m.planned).days) for m in project.milestones if not m.is_passed and m.planned < as_of]


def next_milestone(project: Project, as_of: date) -> tuple[Milestone, int] | None:
    """The earliest milestone not yet done, with days left (negative when overdue); none once the project is over."""
    if is_over(project, as_of):
        return None
    open_ = [m for m in project.milestones if not m.is_passed]
    if not open_:
        return None
    m = min(open_, key=lambda m: (m.planned, m.id))
    return m, (m.planned - as_of).days


def _is_open(activity: Activity) -> bool:
    return activity.status not in (ActivityStatus.DONE, ActivityStatus.CANCELLED)


def overdue_activities(project: Project, as_of: date) -> list[tuple[Activity, int]]:
    if is_over(project, as_of):
        return []
    return [
        (a, (as_of - a.end).days)
        for a in project.activities
        if _is_open(a) and a.end is not None and a.end < as_of
    ]


# Project types whose funder asks for no status reports at milestones (the built-in LUM type:
# one report to the funder); any project can say so itself with status_reports = false.
TYPES_WITHOUT_STATUS_REPORTS = frozenset({"lum"})


def expects_status_reports(project: Project) -> bool:
    info = project.project
    if info.status_reports is not None:
        return info.status_reports
    return info.type not in TYPES_WITHOUT_STATUS_REPORTS


def milestones_without_report(project: Project, as_of: date) -> list[Milestone]:
    """Milestones passed by ``as_of`` that no status report has been written for (none when
    the project is not expected to write status reports)."""
    if not expects_status_reports(project):
        return []
    reported = {r.milestone for r in project.status_reports if r.milestone and r.date <= as_of}
    return [m for m in project.milestones if m.done is not None and m.done <= as_of and m.id not in reported]


def activity_completion(project: Project) -> dict[str | None, tuple[int, int]]:
    """Per milestone id (``None``: activities linked to none): (done, counted), cancelled not counted."""
    result: dict[str | None, tuple[int, int]] = {}
    for a in project.activities:
        if a.status is ActivityStatus.CANCELLED:
            continue
        done, total = result.get(a.milestone, (0, 0))
        result[a.milestone] = (done + (a.status is ActivityStatus.DONE), total + 1)
    return result


def as_sent(project: Project, report: StatusReport) -> AsSent:
    """What ``report`` shows of the rest of the project, taken now (when it is sent)."""
    info = project.project
    done, total = activity_completion(project).get(report.milestone, (0, 0)) if report.milestone else (0, 0)
    return AsSent(
        name=info.name,
        organisation=info.organisation,
        unit=info.unit,
        leader=info.leader,
        start=info.start,
        end=info.end,
        phase=current_phase(project, report.date).phase,
        over=is_over(project, report.date),
        activities_done=done,
        activities_total=total,
        milestones=[evolve(m) for m in project.milestones],
    )


def sent_view(project: Project, report: StatusReport) -> tuple[Project, AsSent]:
    """The project as ``report`` shows it: as it was when sent, or as it is for a draft (or a
    report sent before snapshots were kept)."""
    snap = report.as_sent or as_sent(project, report)
    info = evolve(project.project, name=snap.name, organisation=snap.organisation, unit=snap.unit, leader=snap.leader, start=snap.start, end=snap.end)
    return evolve(project, project=info, milestones=list(snap.milestones)), snap
