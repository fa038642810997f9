"""Words for the model's vocabularies and for figures, in the current language."""

from __future__ import annotations

from enum import Enum

from lilla_ratten.formatting import day, money, percent  # noqa: F401 - re-exported for the reports
from lilla_ratten.i18n import N_, _
from lilla_ratten.model import (
    ActivityKind,
    ActivityStatus,
    ChangeKind,
    ChangeStatus,
    Decision,
    Fulfilment,
    GroupRole,
    ImplementationStatus,
    LessonKind,
    LessonTopic,
    Light,
    Phase,
)

# pairs, not a dict literal: vocabularies share words (an activity's and a lesson's "other"),
# and str enums with the same value are the same dict key
_PAIRS: tuple[tuple[Enum, str], ...] = (
    (Light.GREEN, N_("green")),
    (Light.YELLOW, N_("yellow")),
    (Light.RED, N_("red")),
    (Fulfilment.FULFILLED, N_("fulfilled")),
    (Fulfilment.PARTLY, N_("partly fulfilled")),
    (Fulfilment.NOT, N_("not fulfilled")),
    (Decision.CONTINUE, N_("continue")),
    (Decision.REVISE, N_("revise")),
    (Decision.GO_BACK, N_("go back")),
    (Decision.STOP, N_("stop")),
    (Phase.INITIATION, N_("initiation")),
    (Phase.PLANNING, N_("planning")),
    (Phase.EXECUTION, N_("execution")),
    (Phase.CLOSURE, N_("closure")),
    (Phase.CLOSED, N_("closed")),
    (Phase.STOPPED, N_("stopped")),
    (ActivityKind.INTERVIEW, N_("interview")),
    (ActivityKind.MEETING, N_("meeting")),
    (ActivityKind.LECTURE, N_("lecture")),
    (ActivityKind.MAPPING, N_("mapping")),
    (ActivityKind.STUDY_VISIT, N_("study visit")),
    (ActivityKind.OTHER, N_("other")),
    (ActivityStatus.PLANNED, N_("planned")),
    (ActivityStatus.ONGOING, N_("ongoing")),
    (ActivityStatus.DONE, N_("done")),
    (ActivityStatus.CANCELLED, N_("cancelled")),
    (GroupRole.OWNER, N_("Project owner")),
    (GroupRole.STEERING_GROUP, N_("Steering group")),
    (GroupRole.PROJECT_LEADER, N_("Project leader")),
    (GroupRole.SUB_PROJECT_LEADER, N_("Sub-project leader")),
    (GroupRole.PROJECT_GROUP, N_("Project group")),
    (GroupRole.REFERENCE_GROUP, N_("Reference group")),
    (GroupRole.ADMINISTRATOR, N_("Project administrator")),
    (ChangeKind.CHANGE, N_("change request")),
    (ChangeKind.REMAINING, N_("remaining item")),
    (ChangeStatus.OPEN, N_("open")),
    (ChangeStatus.APPROVED, N_("approved")),
    (ChangeStatus.REJECTED, N_("rejected")),
    (ChangeStatus.DONE, N_("done")),
    (LessonKind.SUCCESS, N_("Success factors")),
    (LessonKind.CHALLENGE, N_("Challenges")),
    (LessonKind.DEVELOPMENT, N_("Development areas")),
    (LessonTopic.ORGANISATION, N_("Project organisation")),
    (LessonTopic.COLLABORATION, N_("Collaboration")),
    (LessonTopic.METHODS, N_("Methods and tools")),
    (LessonTopic.QUALITY, N_("Quality assurance")),
    (LessonTopic.RESOURCES, N_("Resources")),
    (LessonTopic.WAY_OF_WORKING, N_("Way of working in the project")),
    (LessonTopic.DOCUMENTS, N_("Project documents and steering")),
    (LessonTopic.OTHER, N_("Other")),
    (ImplementationStatus.PLANNED, N_("planned")),
    (ImplementationStatus.DONE, N_("done")),
    (ImplementationStatus.NOT_PLANNED, N_("not planned")),
)
_LABELS: dict[tuple[type, Enum], str] = {(type(k), k): v for k, v in _PAIRS}

_ASPECTS = {
    "time": N_("Time"),
    "cost": N_("Cost"),
    "scope": N_("Scope"),
    "quality": N_("Quality"),
    "risk": N_("Risk"),
}


def aspect(name: str) -> str:
    """The word for a status report's light aspect (time, cost, scope, quality, risk)."""
    return _(_ASPECTS[name])


# A light is never shown by colour alone: a symbol that survives vt100 and NO_COLOR, and a word.
LIGHT_SYMBOLS = {Light.GREEN: "(+)", Light.YELLOW: "(!)", Light.RED: "(x)"}


def label(value: Enum | None) -> str:
    if value is None:
        return "–"
    word = _LABELS.get((type(value), value))
    return _(word) if word else str(value.value)


def light(value: Light | None) -> str:
    if value is None:
        return "–"
    return f"{LIGHT_SYMBOLS[value]} {label(value)}"


def days(n: int) -> str:
    return _("{n} days").format(n=n) if abs(n) != 1 else _("{n} day").format(n=n)
