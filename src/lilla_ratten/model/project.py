"""The project file as attrs classes.

Field order is the canonical key order of the file.  Optional fields default to
``None`` (or an empty list) and are left out of the file when unset, so a new
field never shows up as noise in a diff.  Money is whole kronor (``int``).
"""

from __future__ import annotations

from datetime import date
from typing import Any


from attrs import define, field

from lilla_ratten.model.conflicts import Conflict
from lilla_ratten.model.enums import (
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
from lilla_ratten.model.funding import FunderReport, Grant, OutcomeMeasure

SCHEMA_VERSION = 1


@define(kw_only=True)
class ProjectInfo:
    id: str
    name: str
    organisation: str
    start: date
    end: date
    unit: str | None = None
    dnr: str | None = None
    owner: str | None = None  # beställare: orders the project (a manager), receives the final report
    project_owner: str | None = None  # projektägare: the organisation that owns the project
    funder: str | None = None  # bidragsgivare: gives the grant (Socialförvaltningen, Länsstyrelsen…)
    leader: str | None = None
    funding: str | None = None
    area: str | None = None
    granted: int | None = None
    type: str | None = None
    report_due: date | None = None
    # None: as the project type says (LUM asks for none); false: no status reports are expected
    status_reports: bool | None = None
    description: str | None = None


@define(kw_only=True)
class Member:
    """A person, or a number of people with one title, in the project organisation."""

    id: str
    group: GroupRole
    title: str | None = None
    name: str | None = None
    organisation: str | None = None
    count: int = 1
    chair: bool = False


@define(kw_only=True)
class DecisionPoint:
    """B0–B4: where the steering group decides whether the project goes on."""

    id: str
    planned: date | None = None
    date: date | None = None
    decision: Decision | None = None
    minutes: str | None = None
    comment: str | None = None


@define(kw_only=True)
class EffectGoal:
    id: str
    text: str
    measurement: str | None = None
    measure_dates: list[date] = field(factory=list)


@define(kw_only=True)
class Indicator:
    """How an effect goal is measured: baseline, target, and values over time."""

    id: str
    goal: str
    name: str
    method: str | None = None
    unit: str | None = None
    baseline: float | None = None
    baseline_date: date | None = None
    target: float | None = None
    target_date: date | None = None


@define(kw_only=True)
class IndicatorValue:
    indicator: str
    date: date
    value: float
    comment: str | None = None


@define(kw_only=True)
class ProjectGoal:
    id: str
    text: str
    fulfilment: Fulfilment | None = None
    # the report's own words when the vocabulary has none for them ("i stort uppnått"):
    # printed in place of the fulfilment's label
    fulfilment_text: str | None = None
    comment: str | None = None


@define(kw_only=True)
class Exclusion:
    id: str
    text: str


@define(kw_only=True)
class Milestone:
    id: str
    title: str
    planned: date
    done: date | None = None
    # true: passed, though when is not known (a report written afterwards says it was passed
    # but gives no date).  A ``done`` date says passed by itself; false with a date is refused.
    passed: bool | None = None
    comment: str | None = None

    @property
    def is_passed(self) -> bool:
        return self.done is not None or bool(self.passed)


@define(kw_only=True)
class Activity:
    id: str
    title: str
    kind: ActivityKind = ActivityKind.OTHER
    owner: str | None = None
    start: date | None = None
    end: date | None = None
    milestone: str | None = None
    status: ActivityStatus = ActivityStatus.PLANNED
    done: date | None = None
    comment: str | None = None


LIGHT_ASPECTS = ("time", "cost", "scope", "quality", "risk")


@define(kw_only=True)
class AsSent:
    """What a status report showed of the rest of the project on the day it was sent.

    Kept in the report itself (``[status_reports.as_sent]``) so that what was sent is what is
    shown: a decision, a milestone or a new organisation recorded later changes the project,
    never a report already sent. Plain values, not labels, so the report still renders in
    either language.
    """

    name: str
    organisation: str
    unit: str | None = None
    # who the document's properties name as its author when the report names none
    leader: str | None = None
    start: date
    end: date
    phase: Phase
    # the project had ended by the report's date: a missing done date is "not recorded", not late
    over: bool = False
    activities_done: int = 0
    activities_total: int = 0
    milestones: list[Milestone] = field(factory=list)


@define(kw_only=True)
class StatusReport:
    """A lägesrapport to the steering group.  Once ``sent`` it is never rewritten."""

    id: str
    date: date
    period_start: date | None = None
    period_end: date | None = None
    milestone: str | None = None
    author: str | None = None
    time: Light | None = None
    cost: Light | None = None
    scope: Light | None = None
    quality: Light | None = None
    risk: Light | None = None
    overall: Light | None = None
    overall_reason: str | None = None
    summary: str | None = None
    progress: str | None = None
    next_steps: str | None = None
    risks: str | None = None
    requests: str | None = None
    sent: date | None = None
    # filled in when the report is sent; a report sent before there was one shows today's project
    as_sent: AsSent | None = None

    def lights(self) -> dict[str, Light]:
        return {a: getattr(self, a) for a in LIGHT_ASPECTS if getattr(self, a) is not None}

    def worst_light(self) -> Light | None:
        lights = self.lights().values()
        return max(lights, key=lambda light: light.rank) if lights else None

    def overall_light(self) -> Light | None:
        """The stated overall light, or else the worst of the aspect lights."""
        return self.overall if self.overall is not None else self.worst_light()


@define(kw_only=True)
class DecisionRecord:
    """A decision, usually the steering group's, with a reference to the minutes."""

    id: str
    date: date
    text: str
    body: str | None = None
    minutes: str | None = None
    decision_point: str | None = None


@define(kw_only=True)
class Change:
    """A change request or an item on the remaining list."""

    id: str
    kind: ChangeKind
    text: str
    date: date | None = None
    status: ChangeStatus = ChangeStatus.OPEN
    decision: str | None = None


@define(kw_only=True)
class Lesson:
    id: str
    text: str
    kind: LessonKind | None = None
    topic: LessonTopic | None = None


@define(kw_only=True)
class Chapter:
    """A free chapter of a report (issue 29): a heading and its text, placed among the form's
    fixed headings. ``report`` names the document (``final``, ``plan``, ``directive``),
    ``after`` a heading of its form (``model/outlines.py``) or another chapter; none: at the
    end, before the form's closing blocks. ``level`` is its heading's depth; none: that of the
    heading it follows."""

    id: str
    report: str
    after: str | None = None
    title: str
    text: str | None = None
    level: int | None = None


@define(kw_only=True)
class Budget:
    """The budget in total; the per-line detail belongs to the budget plugin."""

    total: int | None = None
    outcome: int | None = None
    comment: str | None = None


@define(kw_only=True)
class Implementation:
    """Implementation in ordinary operations after the project."""

    status: ImplementationStatus | None = None
    text: str | None = None


@define(kw_only=True)
class FinalReport:
    """The final report's own prose; everything else in it is derived from the file."""

    author: str | None = None
    version: str | None = None
    approved: date | None = None  # by the steering group
    submitted: date | None = None  # to the funder
    submitted_by: str | None = None
    summary: str | None = None
    effect_result: str | None = None
    goal_result: str | None = None
    schedule: str | None = None
    budget: str | None = None
    equality: str | None = None
    child_perspective: str | None = None
    further_work: str | None = None
    strategic_value: str | None = None
    other: str | None = None
    closing_words: str | None = None
    # The funder's form (reports/final_forms.py): what seed 001's LUM form and seed 002's
    # Länsstyrelsen form ask for beyond the slutrapport's prose.  All optional.
    form_title: str | None = None  # the form's own title ("Slutrapportering 37-medel …")
    contact_email: str | None = None  # of the contact person, project.leader
    contact_phone: str | None = None
    managers: list[str] = field(factory=list)  # responsible managers: "name, title, unit"
    as_decided: bool | None = None  # carried out as the decided project plan and budget
    repayment: int | None = None  # kronor to pay back; None: the budget plugin's figure
    place: str | None = None  # "I Stockholm den …"
    signed: date | None = None  # the date beside the signature; None: submitted
    signer: str | None = None  # namnförtydligande
    signer_title: str | None = None
    references: list[str] = field(factory=list)
    attachments: list[str] = field(factory=list)  # bilagor
    need: str | None = None  # Behov: the shortcomings addressed; structural effect
    purpose: str | None = None  # Syfte
    method: str | None = None  # Åtgärd och metod / Projektets arbetssätt
    follow_up: str | None = None  # Uppföljning och utvärdering
    collaboration: str | None = None  # Samverkan
    information: str | None = None  # Information: how it was spread


@define(kw_only=True)
class Provenance:
    """What in the file is not first-hand: reconstructed from a report, or estimated.

    ``estimated`` names fields as the messages do (``milestones[M3].done``,
    ``ext.steps``); the reports say where these apply."""

    reconstructed: bool = False
    source: str | None = None
    note: str | None = None
    estimated: list[str] = field(factory=list)


@define(kw_only=True)
class Project:
    """One project file."""

    schema: int = SCHEMA_VERSION
    project: ProjectInfo
    provenance: Provenance = field(factory=Provenance)
    members: list[Member] = field(factory=list)
    decision_points: list[DecisionPoint] = field(factory=list)
    effect_goals: list[EffectGoal] = field(factory=list)
    indicators: list[Indicator] = field(factory=list)
    indicator_values: list[IndicatorValue] = field(factory=list)
    project_goals: list[ProjectGoal] = field(factory=list)
    exclusions: list[Exclusion] = field(factory=list)
    milestones: list[Milestone] = field(factory=list)
    activities: list[Activity] = field(factory=list)
    status_reports: list[StatusReport] = field(factory=list)
    decisions: list[DecisionRecord] = field(factory=list)
    changes: list[Change] = field(factory=list)
    lessons: list[Lesson] = field(factory=list)
    grants: list[Grant] = field(factory=list)
    funder_reports: list[FunderReport] = field(factory=list)
    outcomes: list[OutcomeMeasure] = field(factory=list)
    budget: Budget = field(factory=Budget)
    implementation: Implementation = field(factory=Implementation)
    final: FinalReport = field(factory=FinalReport)
    # the reports' own chapters, beside the fixed headings: after [final], as they are its prose
    chapters: list[Chapter] = field(factory=list)
    # Plugin sections, kept exactly as read: a plugin that is not installed loses nothing.
    ext: dict[str, Any] = field(factory=dict)
    # Clashes a merge left for a person to settle (model/conflicts.py); empty in a settled file.
    conflicts: list[Conflict] = field(factory=list)

    def milestone(self, ident: str) -> Milestone | None:
        return next((m for m in self.milestones if m.id == ident), None)

    def status_report(self, ident: str) -> StatusReport | None:
        return next((r for r in self.status_reports if r.id == ident), None)

    def granted(self) -> int | None:
        """The granted total: ``project.granted``, else the sum of the grants."""
        if self.project.granted is not None:
            return self.project.granted
        return sum(g.amount for g in self.grants) if self.grants else None

    def latest_status_report(self) -> StatusReport | None:
        return max(self.status_reports, key=lambda r: (r.date, r.id), default=None)




