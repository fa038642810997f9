"""How each field of a record is shown and typed in a form: kind, label, parsing.

Pure Python: the form screen builds widgets from these, the tests check parsing.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from enum import Enum
from typing import Any

import attrs
from attrs import define

from lilla_ratten.i18n import N_, _

# Fields holding prose get a multi-line editor.
PROSE = {
    "text", "summary", "progress", "next_steps", "risks", "requests", "description", "comment",
    "measurement", "overall_reason", "effect_result", "goal_result", "schedule", "budget", "equality",
    "child_perspective", "further_work", "strategic_value", "other", "closing_words",
    "need", "purpose", "follow_up", "collaboration", "information",
}

LABELS = {
    "id": N_("Id"), "title": N_("Title"), "name": N_("Name"), "text": N_("Text"), "kind": N_("Kind"),
    "planned": N_("Planned date"), "done": N_("Done date"), "comment": N_("Comment"), "date": N_("Date"),
    "owner": N_("Owner"), "start": N_("Start"), "end": N_("End"), "milestone": N_("Milestone"),
    "status": N_("Status"), "group": N_("Group"), "organisation": N_("Organisation"), "count": N_("Number of people"),
    "chair": N_("Chair"), "decision": N_("Decision"), "minutes": N_("Minutes"), "measurement": N_("How and when measured"),
    "measure_dates": N_("Measurement dates"), "goal": N_("Effect goal"), "method": N_("Method"), "unit": N_("Unit"),
    "baseline": N_("Baseline"), "baseline_date": N_("Baseline date"), "target": N_("Target"),
    "target_date": N_("Target date"), "indicator": N_("Indicator"), "value": N_("Value"),
    "fulfilment": N_("Fulfilment"), "fulfilment_text": N_("Fulfilment in the report's words"), "period_start": N_("Period start"), "period_end": N_("Period end"),
    "author": N_("Author"), "time": N_("Time"), "cost": N_("Cost"), "scope": N_("Scope"), "quality": N_("Quality"),
    "risk": N_("Risk"), "overall": N_("Overall"), "overall_reason": N_("Reason for the overall light"),
    "summary": N_("Summary"), "progress": N_("Progress since the last report"), "next_steps": N_("Next steps"),
    "risks": N_("Risks and problems"), "requests": N_("Decisions requested"), "sent": N_("Sent"),
    "as_sent": N_("The project as it was when sent"),
    "body": N_("Decided by"), "decision_point": N_("Decision point"), "topic": N_("Topic"),
    # the project's details
    "dnr": N_("Diary number"), "project_owner": N_("Owning organisation"), "funder": N_("Funder"),
    "leader": N_("Project leader"), "funding": N_("Funding"), "area": N_("Area"), "granted": N_("Granted"),
    "type": N_("Project type"), "report_due": N_("Final report due"), "status_reports": N_("Status reports expected"),
    "description": N_("Description"),
    # the budget in total
    "total": N_("Budget in total"), "outcome": N_("Outcome in total"),
    # the final report's texts and the funder's form
    "version": N_("Version"), "approved": N_("Approved by the steering group"),
    "submitted": N_("Submitted to the funder"), "submitted_by": N_("Submitted by"),
    "effect_result": N_("Result: effect goals"), "goal_result": N_("Result: project goals"),
    "schedule": N_("Schedule"), "budget": N_("Project budget"), "equality": N_("Gender equality"),
    "child_perspective": N_("Child perspective"), "further_work": N_("Implementation and further work"),
    "strategic_value": N_("Strategic value"), "other": N_("Other"), "closing_words": N_("The steering group's comments"),
    "form_title": N_("The form's title"), "contact_email": N_("Contact person's e-mail"),
    "contact_phone": N_("Contact person's phone"), "managers": N_("Responsible managers"),
    "as_decided": N_("Carried out as decided"), "repayment": N_("Repayment (kronor)"), "place": N_("Place"),
    "signed": N_("Signed on"), "signer": N_("Signed by"), "signer_title": N_("Signer's title"),
    "references": N_("References"), "attachments": N_("Attachments"), "need": N_("Need"), "purpose": N_("Purpose"),
    "follow_up": N_("Follow-up and evaluation"), "collaboration": N_("Collaboration"), "information": N_("Information"),
}
# where one name means different things in different tables
CLASS_LABELS = {
    ("ProjectInfo", "owner"): N_("Project owner"),  # beställare; an activity's owner is who does it
    ("FinalReport", "method"): N_("Action and method"),
    ("Milestone", "passed"): N_("Passed (date not known)"),  # an indicator's method is how it is measured
}


@define(frozen=True)
class FieldSpec:
    name: str
    # "text", "prose", "int", "float", "date", "dates", "lines", "choice", "bool", "pick" (one
    # of ``options``: a vocabulary or the ids of another list), "mapping" (``key = value`` a
    # line), "nested" (a table or list of tables: not in the form, kept as it is)
    kind: str
    required: bool
    choices: tuple[Enum, ...] = ()
    # a yes/no that may also be unsaid (``bool | None``): "–" keeps it unset, not "no"
    blank: bool = False
    label_id: str = ""  # the label's msgid: LABELS, or CLASS_LABELS for this class
    options: tuple[tuple[str, str], ...] = ()  # "pick": (value, label)

    @property
    def label(self) -> str:
        return _(self.label_id or self.name)


class ParseError(ValueError):
    pass


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """The type without ``None``, and whether ``None`` was allowed."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0], len(args) < len(typing.get_args(tp))
    return tp, False


def specs_for(cls: type, *, labels: dict | None = None, options: dict | None = None, shown: tuple = ()) -> list[FieldSpec]:
    """The form's fields for ``cls``; ``labels`` and ``options`` (field → ((value, label), …))
    as a plugin declares them, ``shown`` the fields to show (the rest are "nested": kept)."""
    attrs.resolve_types(cls)
    labels, options = labels or {}, options or {}
    out = []
    for f in attrs.fields(cls):
        spec = attrs.evolve(_spec(f), label_id=labels.get(f.name) or CLASS_LABELS.get((cls.__name__, f.name)) or LABELS.get(f.name, f.name))
        if shown and f.name not in shown:
            spec = attrs.evolve(spec, kind="nested")
        elif f.name in options and spec.kind in ("text", "choice"):
            spec = attrs.evolve(spec, kind="pick", options=tuple(options[f.name]))
        out.append(spec)
    return out


def _spec(f: attrs.Attribute) -> FieldSpec:
    tp, optional = _unwrap(f.type)
    required = f.default is attrs.NOTHING
    if isinstance(tp, type) and issubclass(tp, Enum):
        return FieldSpec(f.name, "choice", required, tuple(tp))
    if tp is bool:
        return FieldSpec(f.name, "bool", False, blank=optional)
    if tp is int:
        return FieldSpec(f.name, "int", required)
    if tp is float:
        return FieldSpec(f.name, "float", required)
    if tp is dt.date:
        return FieldSpec(f.name, "date", required)
    if typing.get_origin(tp) is list and typing.get_args(tp) == (str,):
        return FieldSpec(f.name, "lines", False)  # one item a line: references, bilagor
    if typing.get_origin(tp) is list and typing.get_args(tp) == (dt.date,):
        return FieldSpec(f.name, "dates", False)
    if typing.get_origin(tp) is dict and typing.get_args(tp) == (str, str):
        return FieldSpec(f.name, "mapping", required)
    if typing.get_origin(tp) in (list, dict) or attrs.has(tp):
        return FieldSpec(f.name, "nested", False)  # a table of its own: edited where it is listed
    return FieldSpec(f.name, "prose" if f.name in PROSE else "text", required)


def parse(spec: FieldSpec, raw: str) -> Any:
    """The typed-in text as the value the file holds; ``None`` for empty. Raises ``ParseError``."""
    raw = raw.strip() if spec.kind != "prose" else raw.rstrip()
    if raw == "":
        if spec.required:
            raise ParseError(_("required"))
        return [] if spec.kind in ("dates", "lines") else {} if spec.kind == "mapping" else None
    if spec.kind == "lines":
        return [line.strip() for line in raw.splitlines() if line.strip()]
    if spec.kind == "mapping":
        pairs = {}
        for line in filter(None, (line.strip() for line in raw.splitlines())):
            key, sep, value = line.partition("=")
            if not sep or not key.strip() or not value.strip():
                raise ParseError(_("expected one name = value a line, e.g. gender = woman"))
            pairs[key.strip()] = value.strip()
        return pairs
    try:
        if spec.kind == "int":
            return int(raw.replace(" ", "").replace("\u00a0", ""))
        if spec.kind == "float":
            return float(raw.replace(",", ".").replace(" ", ""))
        if spec.kind == "date":
            return dt.date.fromisoformat(raw)
        if spec.kind == "dates":
            return [dt.date.fromisoformat(p.strip()) for p in raw.split(",") if p.strip()]
    except ValueError:
        hint = {
            "int": _("a whole number, e.g. 432800"),
            "float": _("a number, e.g. 12.5"),
            "date": _("a date like 2024-02-28"),
            "dates": _("dates like 2024-02-28, separated by commas"),
        }[spec.kind]
        raise ParseError(_("expected {hint}").format(hint=hint)) from None
    return raw


def show(spec: FieldSpec, value: Any) -> str:
    """A field's value as the text shown in its input."""
    if value is None:
        return ""
    if spec.kind == "dates":
        return ", ".join(d.isoformat() for d in value)
    if spec.kind == "lines":
        return "\n".join(value)
    if spec.kind == "mapping":
        return "\n".join(f"{k} = {v}" for k, v in value.items())
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return str(value)
