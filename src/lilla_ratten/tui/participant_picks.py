"""A plugin's field that names a participant (``references={"id": api.PARTICIPANTS}``): a
picker of the participants the plugins publish (``lr_participants``), not a typed id.

The participants belong to another plugin (the steps plugin's households), so the list is
asked of the host each time a form opens; with nobody publishing any the field stays typed.
"""

from __future__ import annotations

import copy
from typing import Any

from lilla_ratten.i18n import _


def published(project: Any, host: Any) -> list[Any]:
    """The participants the plugins publish for ``project`` (``ParticipantRecord``s), or []."""
    if host is None:
        return []
    sections, _findings = host.sections(project)
    part = host.participants(copy.deepcopy(project), sections)
    return list(part.participants) if part is not None else []


def options(fields: tuple[str, ...], taken: Any):
    """``Collection.options`` for ``fields``: each participant "F01-1 (F01)"; one another record
    of the list already names is marked, so a second record for a person is seen before it is made.
    ``taken(project)``: the ids the list's records hold."""

    def offer(project: Any, host: Any, values: dict) -> dict:
        people = published(project, host)
        if not people:
            return {}
        used = set(taken(project))
        out = {}
        for name in fields:
            chosen = values.get(name)
            out[name] = tuple((p.id, _shown(p, p.id in used and p.id != chosen)) for p in people)
        return out

    return offer


def first_free(project: Any, host: Any, taken: list[str]) -> str | None:
    """The first participant without a record of the list: a new record's id."""
    return next((p.id for p in published(project, host) if p.id not in set(taken)), None)


def _shown(person: Any, used: bool) -> str:
    if used:
        return _("{id} ({household}; already entered)").format(id=person.id, household=person.household or "–")
    return _("{id} ({household})").format(id=person.id, household=person.household) if person.household else person.id
