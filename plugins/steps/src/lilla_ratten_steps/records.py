"""The steps records as the app edits them: households, participants, rounds, measurements,
who was not selected, and the scale.

Declared, not built: the app gives each list a table and add/edit/delete forms checked as you
type by ``lr_validate``, with undo and the unsaved copy. The grid in the tab stays the quick
way to type levels; every measurement is also a record here.
"""

from __future__ import annotations

from lilla_ratten import api

from lilla_ratten_steps.section import Excluded, Household, Level, Measurement, Participant, Round, Scale
from lilla_ratten_steps.text import _


def records() -> tuple[api.RecordList, ...]:
    labels = {
        "id": _("Id"), "composition": _("Household type"), "minor_children": _("Minor children"),
        "adult_children": _("Adult children at home"), "grade": _("Selection grade"), "joined": _("Joined"),
        "left": _("Left"), "left_reason": _("Why they left"), "household": _("Household"), "role": _("Role"),
        "date": _("Date"), "label": _("Label"), "kind": _("Kind"), "participant": _("Participant"), "round": _("Round"),
        "level": _("Level"), "route": _("Route"), "note": _("Note"), "rater": _("Rated by"), "domain": _("Domain"),
        "reason": _("Reason"), "households": _("Households"), "value": _("Value"), "definition": _("Definition"),
        "name": _("Name"), "domains": _("Domains (one a line; empty: one domain)"),
    }
    return (
        api.RecordList("households", Household, _("Households"), columns=("id", "composition", "minor_children", "adult_children", "grade"),
                       prefix="F", labels=labels,
                       choices={"composition": (("single", _("single parent")), ("couple", _("couple"))),
                                "grade": (("green", _("green")), ("yellow", _("yellow")), ("red", _("red")))}),
        api.RecordList("participants", Participant, _("Participants"), columns=("id", "household", "role"), prefix="P",
                       references={"household": "households"}, labels=labels,
                       choices={"role": (("parent", _("parent")), ("child", _("child")), ("other", _("other")))}),
        api.RecordList("rounds", Round, _("Measurement rounds"), columns=("id", "date", "label", "kind"), prefix="R", labels=labels,
                       choices={"kind": (("baseline", _("baseline")), ("follow_up", _("follow-up")), ("entry", _("entry")))}),
        api.RecordList("measurements", Measurement, _("Measurements"), columns=("participant", "round", "level", "route", "rater"),
                       id=None, references={"participant": "participants", "round": "rounds"}, labels=labels,
                       describe=_("{participant} at {round}"),
                       choices={"rater": (("professional", _("professional")), ("self", _("self")))}),
        api.RecordList("excluded", Excluded, _("Not selected, and why"), columns=("reason", "households"), id=None, labels=labels),
        api.RecordList("scale", Scale, _("Scale"), columns=("name", "domains"), id=None, single=True, fields=("name", "domains"), labels=labels),
        api.RecordList("scale.levels", Level, _("Levels of the scale (empty: the standard 0–4)"), columns=("value", "label", "definition"),
                       id=None, labels=labels),
    )
