"""The equality records as the app edits them: dimensions, counts, people, staff, actions and
the settings (threshold, total, legal basis, realia).

Declared, not built: the app gives each list a table and add/edit/delete forms checked as you
type by ``lr_validate``, with undo and the unsaved copy.
"""

from __future__ import annotations

from lilla_ratten import api

from lilla_ratten_equality.section import Action, Count, Dimension, EqualitySection, Person, StaffCount
from lilla_ratten_equality.text import _


def gender_labels() -> tuple[tuple[str, str], ...]:
    """Each gender the file may hold (``GENDERS``), with the word the user reads."""
    return (("woman", _("woman")), ("man", _("man")), ("other", _("other gender")))


def dimensions(section: EqualitySection) -> list[api.MappingKey]:
    """The project's own dimensions, a picker each: its label, its categories."""
    return [api.MappingKey(d.id, d.label, tuple(d.categories)) for d in section.dimensions]


def who(section: EqualitySection) -> list[api.MappingKey]:
    """What a count may be of: gender, then the project's dimensions."""
    return [api.MappingKey("gender", _("gender"), gender_labels()), *dimensions(section)]


def records() -> tuple[api.RecordList, ...]:
    labels = {
        "id": _("Id"), "label": _("Label"), "categories": _("Categories (one a line)"), "special": _("Special category (GDPR art. 9)"),
        "gender": _("Gender"), "attributes": _("Other dimensions"),
        "values": _("Who is counted"), "count": _("Number of people"),
        "group": _("Group"), "women": _("Women"), "men": _("Men"), "other": _("Other gender"),
        "what": _("What will change"), "who": _("Who does it"), "by": _("By"),
        "threshold": _("Smallest group shown (threshold)"), "legal_basis": _("Legal basis for special categories per person"),
        "total": _("People the counts cover"), "realia": _("Why it looks like this (realia)"),
    }
    genders = gender_labels()
    return (
        api.RecordList("counts", Count, _("Counts (how many people have these values)"), columns=("values", "count"), id=None, labels=labels,
                       mappings={"values": who}),
        api.RecordList("dimensions", Dimension, _("Dimensions"), columns=("id", "label", "categories", "special"), prefix="D", labels=labels),
        api.RecordList("people", Person, _("People (by participant id)"), columns=("id", "gender", "attributes"), prefix="P",
                       references={"id": api.PARTICIPANTS}, choices={"gender": genders}, labels=labels, mappings={"attributes": dimensions}),
        api.RecordList("staff", StaffCount, _("Staff by gender"), columns=("group", "women", "men", "other"), id=None, labels=labels),
        api.RecordList("actions", Action, _("Actions"), columns=("what", "who", "by"), id=None, labels=labels),
        api.RecordList("", EqualitySection, _("Settings"), columns=("threshold", "total", "legal_basis", "realia"), id=None, single=True,
                       fields=("threshold", "total", "legal_basis", "realia"), labels=labels),
    )
