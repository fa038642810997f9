"""The lists of a project as the TUI shows them: which class, which columns, which id prefix."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from attrs import define

from lilla_ratten.i18n import N_, _
from lilla_ratten.model import (
    Activity,
    Change,
    DecisionPoint,
    DecisionRecord,
    EffectGoal,
    Exclusion,
    Indicator,
    Lesson,
    Member,
    Milestone,
    ProjectGoal,
    StatusReport,
)
from lilla_ratten.model.derived import is_over, slippage_days
from lilla_ratten.reports.labels import day, label, light

Cell = Callable[[Any, Any, date], str]


def _f(name: str) -> Cell:
    def cell(project, item, as_of):
        value = getattr(item, name)
        if value is None:
            return ""
        if isinstance(value, date):
            return day(value)
        if hasattr(value, "value"):
            return label(value)
        return " ".join(str(value).split())

    return cell


def _slip(project, m: Milestone, as_of: date) -> str:
    if m.done is None and m.planned >= as_of:
        return ""
    if m.done is None and is_over(project, as_of):
        return _("not recorded")  # the project is over: as the reports say, unrecorded, not still late
    n = slippage_days(m, as_of)
    return f"{n:+d}" if m.done else f"{n:+d}!"


def _lights(project, r: StatusReport, as_of: date) -> str:
    return light(r.overall_light())


def _sent(project, r: StatusReport, as_of: date) -> str:
    return day(r.sent) if r.sent else "–"


@define(frozen=True)
class Collection:
    attr: str
    cls: type
    title: str
    columns: tuple[tuple[str, Cell], ...]
    prefix: str

    def next_id(self, project) -> str:
        numbers = [
            int(item.id[len(self.prefix):])
            for item in getattr(project, self.attr)
            if item.id.startswith(self.prefix) and item.id[len(self.prefix):].isdigit()
        ]
        return f"{self.prefix}{max(numbers, default=0) + 1}"


COLLECTIONS = {
    c.attr: c
    for c in (
        Collection("effect_goals", EffectGoal, N_("Effect goals"), ((N_("Id"), _f("id")), (N_("Effect goal"), _f("text"))), "E"),
        Collection(
            "indicators",
            Indicator,
            N_("Indicators"),
            ((N_("Id"), _f("id")), (N_("Goal"), _f("goal")), (N_("Indicator"), _f("name")), (N_("Baseline"), _f("baseline")), (N_("Target"), _f("target"))),
            "I",
        ),
        Collection(
            "project_goals",
            ProjectGoal,
            N_("Project goals"),
            ((N_("Id"), _f("id")), (N_("Fulfilment"), _f("fulfilment")), (N_("Project goal"), _f("text"))),
            "G",
        ),
        Collection("exclusions", Exclusion, N_("Scope exclusions"), ((N_("Id"), _f("id")), (N_("Exclusion"), _f("text"))), "X"),
        Collection(
            "members",
            Member,
            N_("Project organisation"),
            ((N_("Group"), _f("group")), (N_("Name"), _f("name")), (N_("Title"), _f("title")), (N_("Number"), _f("count"))),
            "P",
        ),
        Collection(
            "milestones",
            Milestone,
            N_("Milestones"),
            ((N_("Id"), _f("id")), (N_("Milestone"), _f("title")), (N_("Planned"), _f("planned")), (N_("Done"), _f("done")), (N_("Days late"), _slip)),
            "M",
        ),
        Collection(
            "activities",
            Activity,
            N_("Activity plan"),
            (
                (N_("Id"), _f("id")),
                (N_("Activity"), _f("title")),
                (N_("Kind"), _f("kind")),
                (N_("Owner"), _f("owner")),
                (N_("End"), _f("end")),
                (N_("Milestone"), _f("milestone")),
                (N_("Status"), _f("status")),
            ),
            "A",
        ),
        Collection(
            "status_reports",
            StatusReport,
            N_("Status reports"),
            ((N_("Id"), _f("id")), (N_("Date"), _f("date")), (N_("Milestone"), _f("milestone")), (N_("Overall"), _lights), (N_("Sent"), _sent)),
            "SR",
        ),
        Collection(
            "decision_points",
            DecisionPoint,
            N_("Decision points"),
            ((N_("Id"), _f("id")), (N_("Planned"), _f("planned")), (N_("Date"), _f("date")), (N_("Decision"), _f("decision")), (N_("Minutes"), _f("minutes"))),
            "B",
        ),
        Collection(
            "decisions",
            DecisionRecord,
            N_("Decisions"),
            ((N_("Id"), _f("id")), (N_("Date"), _f("date")), (N_("Decision"), _f("text")), (N_("Minutes"), _f("minutes"))),
            "D",
        ),
        Collection(
            "changes",
            Change,
            N_("Change requests and remaining items"),
            ((N_("Id"), _f("id")), (N_("Kind"), _f("kind")), (N_("Status"), _f("status")), (N_("Description"), _f("text"))),
            "C",
        ),
        Collection(
            "lessons",
            Lesson,
            N_("Lessons learned"),
            ((N_("Id"), _f("id")), (N_("Kind"), _f("kind")), (N_("Topic"), _f("topic")), (N_("Lesson"), _f("text"))),
            "L",
        ),
    )
}
