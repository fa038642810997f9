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
from lilla_ratten.model.field_labels import CLASS_LABELS, LABELS  # noqa: F401 - imported from here too

# Fields holding prose get a multi-line editor.
PROSE = {
    "text", "summary", "progress", "next_steps", "risks", "requests", "description", "comment",
    "measurement", "overall_reason", "effect_result", "goal_result", "schedule", "budget", "equality",
    "child_perspective", "further_work", "strategic_value", "other", "closing_words",
    "need", "purpose", "follow_up", "collaboration", "information",
}


@define(frozen=True)
class FieldSpec:
    name: str
    # "text", "prose", "int", "float", "date", "dates", "lines", "choice", "bool", "pick" (one
    # of ``options``: a vocabulary or the ids of another list), "mapping" (``key = value`` a
    # line), "picks" (a mapping whose keys and values a plugin declares: a picker per key of
    # ``keys``), "nested" (a table or list of tables: not in the form, kept as it is)
    kind: str
    required: bool
    choices: tuple[Enum, ...] = ()
    # a yes/no that may also be unsaid (``bool | None``): "–" keeps it unset, not "no"
    blank: bool = False
    label_id: str = ""  # the label's msgid: LABELS, or CLASS_LABELS for this class
    options: tuple[tuple[str, str], ...] = ()  # "pick": (value, label)
    keys: tuple = ()  # "picks": the MappingKeys, each value a (value, label)

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


def specs_for(cls: type, *, labels: dict | None = None, options: dict | None = None, shown: tuple = (),
              keys: dict | None = None) -> list[FieldSpec]:
    """The form's fields for ``cls``; ``labels``, ``options`` (field → ((value, label), …)) and
    ``keys`` (a mapping field → the MappingKeys it may hold) as a plugin declares them, ``shown``
    the fields to show (the rest are "nested": kept)."""
    attrs.resolve_types(cls)
    labels, options, keys = labels or {}, options or {}, keys or {}
    out = []
    for f in attrs.fields(cls):
        spec = attrs.evolve(_spec(f), label_id=labels.get(f.name) or CLASS_LABELS.get((cls.__name__, f.name)) or LABELS.get(f.name, f.name))
        if shown and f.name not in shown:
            spec = attrs.evolve(spec, kind="nested")
        elif f.name in options and spec.kind in ("text", "choice"):
            spec = attrs.evolve(spec, kind="pick", options=tuple(options[f.name]))
        elif f.name in keys and spec.kind == "mapping":
            spec = attrs.evolve(spec, kind="picks", keys=tuple(keys[f.name]))
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
        return FieldSpec(f.name, "lines", required)  # one item a line: references, bilagor, a dimension's categories
    if typing.get_origin(tp) is list and typing.get_args(tp) == (dt.date,):
        return FieldSpec(f.name, "dates", False)
    if typing.get_origin(tp) is dict and typing.get_args(tp) == (str, str):
        return FieldSpec(f.name, "mapping", required)
    if typing.get_origin(tp) in (list, dict) or attrs.has(tp):
        return FieldSpec(f.name, "nested", False)  # a table of its own: edited where it is listed
    return FieldSpec(f.name, "prose" if f.name in PROSE else "text", required)


def parse(spec: FieldSpec, raw: str) -> Any:
    """The typed-in text as the value the file holds; ``None`` for empty. Raises ``ParseError``.
    For "picks", ``raw`` is what was picked: key → value."""
    if spec.kind == "picks":
        if not raw and spec.required:
            raise ParseError(_("required"))
        return dict(raw or {})
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
            "int": _("a whole number, e.g. 12"),
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
