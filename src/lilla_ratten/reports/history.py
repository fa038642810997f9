"""What changed between two versions of a project, in the project's own terms.

Both the semantic diff (``lilla-ratten diff``/``log``) and the git textconv
driver stand on ``facts``: the project flattened to one line per value, keyed by
(part, record id, field), so a change reads "M3 planned date moved 2009-02-15 →
2009-03-01" rather than as a TOML hunk.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from lilla_ratten.i18n import N_, _
from lilla_ratten.model import Light, Project
from lilla_ratten.model.privacy import mask_identity_numbers
from lilla_ratten.reports.labels import light
from lilla_ratten.storage.converter import converter
from lilla_ratten.storage.writer import to_document

Key = tuple[str, str, str]  # (part, record id or "", field path)

PARTS = {
    "project": N_("project"),
    "members": N_("member"),
    "decision_points": N_("decision point"),
    "effect_goals": N_("effect goal"),
    "indicators": N_("indicator"),
    "indicator_values": N_("indicator value"),
    "project_goals": N_("project goal"),
    "exclusions": N_("exclusion"),
    "milestones": N_("milestone"),
    "activities": N_("activity"),
    "status_reports": N_("status report"),
    "decisions": N_("decision"),
    "changes": N_("change"),
    "lessons": N_("lesson"),
    "grants": N_("grant"),
    "funder_reports": N_("report to the funder"),
    "outcomes": N_("outcome measure"),
    "budget": N_("budget"),
    "implementation": N_("implementation"),
    "final": N_("final report"),
}
# how a record is named when it is added
TITLE_FIELDS = ("title", "name", "text", "place", "what")
FIELD_WORDS = {
    "planned": N_("planned date"),
    "done": N_("done"),
    "date": N_("date"),
    "status": N_("status"),
    "outcome": N_("outcome"),
    "budget": N_("budget"),
    "overall": N_("overall"),
    "sent": N_("sent"),
    "total": N_("total"),
    "granted": N_("granted"),
    "amount": N_("amount"),
    "submitted": N_("submitted"),
    "count": N_("count"),
    "end": N_("end date"),
    "start": N_("start date"),
    "decision": N_("decision"),
    "fulfilment": N_("fulfilment"),
}


def _value(v: Any) -> str:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return " ".join(v.split())  # one line per fact
    return str(v)


def _record_id(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in ("id", "participant", "indicator"):
            if key in item and not isinstance(item[key], (dict, list)):
                ident = str(item[key])
                if key != "id" and "round" in item:
                    ident += f"@{item['round']}"
                elif key != "id" and "date" in item:
                    ident += f"@{_value(item['date'])}"
                return ident
    return f"#{index + 1}"


def _flatten(value: Any, part: str, ident: str, path: str, out: dict[Key, str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(v, part, ident, f"{path}.{k}" if path else k, out)
    elif isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
        for i, item in enumerate(value):
            sub = _record_id(item, i)
            _flatten(item, part, f"{ident}/{path}[{sub}]" if ident else f"{path}[{sub}]", "", out)
    elif isinstance(value, list):
        out[(part, ident, path)] = ", ".join(_value(x) for x in value)
    elif not (ident and path == "id"):  # a record's id is already in its key
        out[(part, ident, path)] = _value(value)


def facts(project: Project) -> dict[Key, str]:
    """Every value of the project, one per key; plugin sections under ``ext.NAME``."""
    doc = to_document(project, converter)
    out: dict[Key, str] = {}
    for part, value in doc.items():
        if part == "ext":
            for name, section in value.items():
                _flatten(section, f"ext.{name}", "", "", out)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                _flatten(item, part, _record_id(item, i), "", out)
        elif isinstance(value, dict):
            _flatten(value, part, "", "", out)
        else:
            out[(part, "", "")] = _value(value)
    return out


def textconv(project: Project) -> str:
    """The lines git diffs when the textconv driver is set up: ``part id field = value``."""
    lines = []
    for (part, ident, field), value in facts(project).items():
        where = " ".join(x for x in (part, ident) if x)
        lines.append(f"{where} {field} = {value}" if field else f"{where} = {value}")
    return mask_identity_numbers("\n".join(lines) + "\n")


def _part_word(part: str) -> str:
    return _(PARTS[part]) if part in PARTS else part


def _field_word(field: str) -> str:
    """A field as a sentence names it: the history's own word, else the form's label (the
    commit message of a Swedish user says "titel", not the file's "title")."""
    if field in FIELD_WORDS:
        return _(FIELD_WORDS[field])
    from lilla_ratten.model.field_labels import LABELS

    if field in LABELS:
        word = _(LABELS[field])
        return word[:1].lower() + word[1:]
    return field


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _delta(old: str, new: str) -> str:
    a, b = _number(old), _number(new)
    if a is None or b is None:
        return ""
    d = b - a
    d = int(d) if d.is_integer() else round(d, 2)
    return f" ({'+' if d > 0 else '−' if d < 0 else '±'}{abs(d):,})".replace(",", "\u00a0")


def changes(before: Project | None, after: Project | None) -> list[str]:
    """The differences as sentences, grouped by record, in the file's order."""
    old = facts(before) if before is not None else {}
    new = facts(after) if after is not None else {}
    records_old = {(p, i) for p, i, _f in old if i}
    records_new = {(p, i) for p, i, _f in new if i}
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    order = list(new) + [k for k in old if k not in new]
    for part, ident, field in order:
        rec = (part, ident)
        if ident and rec not in records_old:
            if rec in seen:
                continue
            seen.add(rec)
            lines.append(_added(part, ident, {f: v for (p, i, f), v in new.items() if (p, i) == rec}))
            continue
        if ident and rec not in records_new:
            if rec in seen:
                continue
            seen.add(rec)
            lines.append(_("{part} {id} removed").format(part=_part_word(part), id=ident))
            continue
        a, b = old.get((part, ident, field)), new.get((part, ident, field))
        if a == b:
            continue
        lines.append(_changed(part, ident, field, a, b))
    # what a commit message, the history screen and `diff` say: never a number in full (issue 33)
    return [mask_identity_numbers(line) for line in lines]


def _light(value: str) -> str:
    try:
        return light(Light(value))
    except ValueError:
        return value


def _title(fields: dict[str, str]) -> str:
    for f in TITLE_FIELDS:
        if fields.get(f):
            text = fields[f]
            return text if len(text) <= 60 else text[:59] + "…"
    return ""


def _added(part: str, ident: str, fields: dict[str, str]) -> str:
    title = _title(fields)
    extra = []
    if part == "status_reports":
        if fields.get("overall"):
            extra.append(_("overall {light}").format(light=_light(fields["overall"])))
        if fields.get("date"):
            extra.append(fields["date"])
    elif part == "milestones" and fields.get("planned"):
        extra.append(_("planned {date}").format(date=fields["planned"]))
    tail = ", ".join(extra)
    text = _("{part} {id} added").format(part=_part_word(part), id=ident)
    if title:
        text += f": {title}"
    return f"{text}, {tail}" if tail else text


def _changed(part: str, ident: str, field: str, a: str | None, b: str | None) -> str:
    if part.startswith("ext."):
        who = f"{part[4:]} {ident} " if ident else f"{part[4:]} "
    else:
        who = f"{ident} " if ident else f"{_part_word(part)} "
    word = _field_word(field)
    if part == "milestones" and field == "planned" and a and b:
        return _("{id} planned date moved {old} → {new}").format(id=ident, old=a, new=b)
    if a is None:
        return _("{who}{field} set to {new}").format(who=who, field=word, new=b)
    if b is None:
        return _("{who}{field} cleared (was {old})").format(who=who, field=word, old=a)
    if len(a) > 60 or len(b) > 60:
        return _("{who}{field} rewritten").format(who=who, field=word)
    return _("{who}{field} {old} → {new}").format(who=who, field=word, old=a, new=b) + _delta(a, b)
