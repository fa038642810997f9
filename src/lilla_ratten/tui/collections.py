"""The lists of a project as the TUI shows them: which class, which columns, which id prefix."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from operator import attrgetter
from typing import Any

import attrs
from attrs import define, field

from lilla_ratten.i18n import N_, _, get_language
from lilla_ratten.model import (
    Activity,
    Change,
    Chapter,
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
from lilla_ratten.model.rules import REFERENCES
from lilla_ratten.plugins.specs import PARTICIPANTS
from lilla_ratten.reports.labels import day, label, light
from lilla_ratten.formatting import decimal, number

Cell = Callable[[Any, Any, date], str]


_SHOWN: dict[tuple, str] = {}  # a date's or a choice's text, by language


def _f(name: str, choices: tuple = ()) -> Cell:
    shown = dict(choices or ())

    def text(value) -> str:
        if value.__class__ is str:  # most cells, first (50 000 activities: 350 000 cells)
            return shown[value] if value in shown else " ".join(value.split())
        if value is None:
            return ""
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, date) or hasattr(value, "value"):  # a few hundred distinct: each formatted once
            key = (value.__class__, value, get_language())  # two choices may share a value
            found = _SHOWN.get(key)
            if found is None:
                found = _SHOWN[key] = day(value) if isinstance(value, date) else label(value)
            return found
        if isinstance(value, dict):
            return ", ".join(f"{k} = {v}" for k, v in value.items())
        if isinstance(value, list):
            return ", ".join(day(v) if isinstance(v, date) else str(v) for v in value)
        if value in shown:
            return shown[value]
        if value.__class__ is int:  # an amount in a plugin's list: 658 944, as the core tables show it
            return number(value)
        if value.__class__ is float:  # an indicator's value: 10, not 10.0; 2,5 in Swedish
            return decimal(value)
        return " ".join(str(value).split())

    def cell(project, item, as_of):
        return text(getattr(item, name))

    def column(items) -> list[str]:
        """``cell`` of each item, without a call per cell where the value is a text."""
        return [
            (shown[v] if v in shown else " ".join(v.split())) if v.__class__ is str else text(v)
            for v in map(attrgetter(name), items)
        ]

    cell.item_only = True  # the item's own value: a list may keep it while the item is unchanged
    cell.column = column
    return cell


def _slip(project, m: Milestone, as_of: date) -> str:
    if m.done is None and m.passed:
        return ""  # passed on a day not known: no slippage can be said
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


def _chapter_report(project, c: Chapter, as_of: date) -> str:
    from lilla_ratten.tui.chapter_list import report_text

    return report_text(c)


def _chapter_after(project, c: Chapter, as_of: date) -> str:
    from lilla_ratten.tui.chapter_list import after_text

    return after_text(project, c)


def _chapter_options(project, host, values: dict) -> dict:
    from lilla_ratten.tui.chapter_list import options

    return options(project, host, values)


@define(frozen=True)
class Collection:
    """A list of records the app edits: one of the project's own, or one a plugin declared.

    A plugin's list (``section`` set) lives at ``path`` inside its structured section
    ``[ext.SECTION]``; ``attr`` is then its key, ``ext.SECTION.PATH``.
    """

    attr: str
    cls: type
    title: str
    columns: tuple[tuple[str, Cell], ...]
    prefix: str
    references: dict = field(factory=dict)  # field → the key of the collection whose ids it names
    id_field: str | None = "id"
    section: str | None = None  # a plugin's section; None: the project's own list
    section_type: type | None = None
    path: tuple[str, ...] = ()
    single: bool = False  # one record, not a list: edited, never added or deleted
    choices: dict = field(factory=dict)  # field → ((value, label), …)
    labels: dict = field(factory=dict)  # field → label (translated)
    fields: tuple[str, ...] = ()  # the fields the form shows; () all
    plugin: str | None = None
    # field → choices that depend on the project and on the record as typed:
    # ``options(project, host, {field: value})``, asked again as the form's choices change
    options: Callable[[Any, Any, dict], dict] | None = None
    # a mapping field → the keys it may hold, as the plugin declares them (``RecordList.mappings``;
    # ``tui/vocabularies.py``): a picker per key in the form, the labels in the table
    mappings: dict = field(factory=dict)
    describe: str = ""  # a record without an id named by what it holds (``RecordList.describe``; record_lists.name_of)
    participants: tuple[str, ...] = ()  # fields naming a participant the plugins publish (``api.PARTICIPANTS``)

    def items(self, project) -> list:
        if self.section is None:
            return getattr(project, self.attr)
        value = _walk(structured(project, self.section, self.section_type), self.path)
        return [value] if self.single else value

    def items_of(self, section) -> list:
        """The records in a plugin's structured ``section``."""
        value = _walk(section, self.path)
        return [value] if self.single else value

    def next_id(self, project, host=None) -> str:
        if self.id_field is None:
            return ""
        if self.id_field in self.participants and host is not None:  # a person: the first without a record
            from lilla_ratten.tui.participant_picks import first_free

            free = first_free(project, host, self.ids(project))
            if free is not None:
                return free
        digits = [
            ident[len(self.prefix):]
            for ident in (str(getattr(item, self.id_field)) for item in self.items(project))
            if ident.startswith(self.prefix) and ident[len(self.prefix):].isdigit()
        ]
        # written with leading zeros (F01, as the samples and funders' lists do): the next one too, F02 not F2
        width = max((len(d) for d in digits if d.startswith("0")), default=0)
        return f"{self.prefix}{max(map(int, digits), default=0) + 1:0{width}d}"

    def ids(self, project) -> list[str]:
        if self.id_field is None:
            return []
        return [getattr(item, self.id_field) for item in self.items(project)]


def _walk(obj, path: tuple[str, ...]):
    for name in path:
        obj = getattr(obj, name)
    return obj


_structured: dict = {}  # section name → (the raw table it was made from, the structured section)


def structured(project, name: str, section_type: type):
    """A plugin's section as its type, or a new empty one; the last one made is reused
    while the raw table is the same object (each store and undo puts a new one)."""
    from lilla_ratten.storage.converter import converter

    raw = project.ext.get(name)
    cached = _structured.get(name)
    if cached is not None and cached[0] is raw and raw is not None:
        return cached[1]
    value = section_type() if raw is None else converter.structure(raw, section_type)
    _structured[name] = (raw, value)
    return value


def fresh(project, name: str, section_type: type):
    """A section of one's own to change (never the cached one)."""
    import copy

    return copy.deepcopy(structured(project, name, section_type))


def place_in(section, collection: Collection):
    """The list (or, for a single record, the object holding it) at ``collection.path``."""
    if collection.single:
        return _walk(section, collection.path[:-1]) if collection.path else None
    return _walk(section, collection.path)


def plugin_collections(host) -> dict[str, Collection]:
    """Every list the loaded plugins declare (``SectionSpec.records``), by key."""
    from lilla_ratten.tui import vocabularies

    out: dict[str, Collection] = {}
    if host is None:
        return out
    for name, (plugin, spec) in host.section_specs().items():
        for rec in spec.records:
            path = tuple(p for p in rec.path.split(".") if p)
            key = ".".join(("ext", name, *path))
            shown = rec.columns or tuple(a.name for a in attrs.fields(rec.type))[:5]
            labels = dict(rec.labels)
            choices = {f: tuple(c if isinstance(c, tuple) else (c, str(c)) for c in values) for f, values in rec.choices.items()}
            columns = tuple((labels.get(f) or _field_label(f),
                             vocabularies.cell(host, name, spec.type, plugin, f, rec.mappings[f]) if f in rec.mappings else _f(f, choices.get(f)))
                            for f in shown)
            references = {f: ".".join(("ext", name, *ref.split("."))) if _is_plugin_ref(ref, spec) else ref
                          for f, ref in rec.references.items() if ref != PARTICIPANTS}
            people = tuple(f for f, ref in rec.references.items() if ref == PARTICIPANTS)
            out[key] = Collection(
                key, rec.type, rec.title, columns, rec.prefix, references, rec.id, name, spec.type, path,
                rec.single, choices, labels, tuple(rec.fields), plugin, mappings=dict(rec.mappings), describe=rec.describe,
                participants=people, options=_participant_options(people, key, host) if people else None,
            )
    return out


def _participant_options(fields: tuple[str, ...], key: str, host):
    from lilla_ratten.tui.participant_picks import options

    def taken(project) -> list:
        collection = plugin_collections(host)[key]
        return [getattr(item, f) for item in collection.items(project) for f in fields]

    return options(fields, taken)


def _is_plugin_ref(ref: str, spec) -> bool:
    """``ref`` names another list of the same section (not a core list like ``milestones``)."""
    return any(r.path == ref for r in spec.records)


def _field_label(name: str) -> str:
    from lilla_ratten.tui.fields import LABELS

    return LABELS.get(name, name)


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
        Collection(
            "chapters",
            Chapter,
            N_("The reports' own chapters"),
            ((N_("Id"), _f("id")), (N_("Heading"), _f("title")), (N_("Report"), _chapter_report), (N_("After"), _chapter_after)),
            "K",
            # a chapter's "after" may name another chapter: renamed with it, and its delete asks (never validated
            # as a reference: it may name a heading too); the form offers the headings as well (``options``)
            references={"after": "chapters"},
            options=_chapter_options,
        ),
    )
}
# a reference field is a picker of the ids it may name, from the rules validate keeps
COLLECTIONS = {
    key: attrs.evolve(c, references={**c.references,
                                     **{attr: target for source, attr, target in REFERENCES if source == key and target in COLLECTIONS}})
    for key, c in COLLECTIONS.items()
}


def find(key: str, host=None) -> Collection:
    """The project's own list ``key``, or the plugin list of that key."""
    return COLLECTIONS[key] if key in COLLECTIONS else plugin_collections(host)[key]
