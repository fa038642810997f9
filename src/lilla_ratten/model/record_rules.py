"""The project's rules about one record put at one place, asked again at every key a form
takes: what the rest of the project brings to them (the ids before it, the ids its references
may name, the chairs before it) is gathered once, so a key costs the same at 50 000 activities
as at 500. A copy of the project with ``check`` on it took about 1 s a key there (issue 34).

The answer is exactly what ``check`` (and ``dated_findings``) say about that place:
``tests/test_record_rules.py`` compares the two on every record of the samples and of a
synthetic project, changed in the ways that break each rule. A rule added to ``check`` that
says something about a record of a list must be added here too; until it is, that test fails
on a sample that breaks it. The lists whose rules look at the whole list (grants, reports to
the funder, outcome measures, chapters) are short; for them the list's rules run as they are.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from lilla_ratten.model import rules
from lilla_ratten.model.findings import Finding
from lilla_ratten.model.project import Project

# the lists whose rules compare a record with the whole list: short lists, asked as ``check`` asks them
_WHOLE_LIST = {"grants": rules._funding, "funder_reports": rules._funding, "outcomes": rules._funding,
               "chapters": rules._chapters, "conflicts": rules._conflicts}
_KNOWN_LISTS = {
    *rules.ID_LISTS, "decision_points", "indicator_values", *(source for source, _a, _t in rules.REFERENCES),
    "activities", "indicators", "milestones", "status_reports", "members", *_WHOLE_LIST,
}
# a list whose records name records of the same list: the ids known would hold the edited one
_NAMES_ITSELF = {source for source, _attr, target in rules.REFERENCES if source == target}


class RecordRules:
    """``check``'s findings about the record at ``collection[index]`` (``index`` None: a new
    one, at the end), or about the table ``collection`` when ``single``, whatever record is put there."""

    def __init__(self, project: Project, collection: str, index: int | None, *, single: bool = False) -> None:
        self.project = project
        self.collection = collection
        self.single = single
        self._made_of = self._parts()
        if single:
            self.index = None
            self.place: tuple = (collection,)
            return
        items = getattr(project, collection)
        self.index = len(items) if index is None else index
        self.place = (collection, self.index)
        before = items[: self.index]
        self._ids = None
        if collection in rules.ID_LISTS:
            self._ids = rules.IdsBefore(items)
            for i, item in enumerate(before):
                self._ids.add(i, item.id)
        self._values_before = {(v.indicator, v.date) for v in before} if collection == "indicator_values" else set()
        self._known = {target: {item.id for item in getattr(project, target)}
                       for source, _attr, target in rules.REFERENCES if source == collection}
        self._chair_before = collection == "members" and any(m.chair for m in before)

    def _parts(self) -> tuple:
        # the project's tables and lists, by identity, and the length of the edited one: an undo
        # or a reload under the form puts others there
        import attrs

        parts = tuple(id(getattr(self.project, a.name)) for a in attrs.fields(Project))
        return parts if self.single else (*parts, len(getattr(self.project, self.collection)))

    def stale(self) -> bool:
        """The project's lists or tables were replaced (an undo, a change) since this was gathered."""
        return self._parts() != self._made_of

    def findings(self, record: Any, as_of: date | None = None) -> list[Finding]:
        """What ``check`` (and ``dated_findings`` as of ``as_of``) would say about this place with
        ``record`` put there, in the same order."""
        if self.single:
            return self._single(record, as_of)
        name, i = self.collection, self.index
        if name not in _KNOWN_LISTS or name in _NAMES_ITSELF:
            return self._whole(record, as_of)  # not one of the rules' lists known here: all of them, on a copy
        found: list[Finding] = []
        if self._ids is not None:
            found += self._ids.findings(name, i, record.id)
        if name == "decision_points":
            found += rules.decision_point_id(i, record)
        if name == "indicator_values":
            found += rules.indicator_value_taken(i, record, self._values_before)
        for source, attr, target in rules.REFERENCES:
            if source == name:
                found += rules.reference(name, i, attr, getattr(record, attr), self._known[target], target)
        if name == "activities":
            found += [*rules.activity_end(i, record), *rules.activity_done(i, record)]
        elif name == "indicators":
            found += rules.indicator_dates(i, record)
        elif name == "milestones":
            found += rules.milestone_dates(i, record, self.project.project)
        elif name == "status_reports":
            found += [*rules.status_report_dates(i, record), *rules.overall_light(i, record)]
        elif name == "members":
            found += rules.member_named(i, record)
            if record.chair and self._chair_before:
                found.append(rules.second_chair(i))
        if name in _WHOLE_LIST:
            found += self._here(_WHOLE_LIST[name](self._trial(record)))
        if as_of is not None:
            if name in ("milestones", "activities"):
                found += rules.done_later(name, i, record, as_of)
            elif name == "status_reports":
                found += rules.sent_later(i, record, as_of)
        return found

    def _single(self, record: Any, as_of: date | None) -> list[Finding]:
        # the rules that say something about a table of the project's own: its period, its
        # amounts, the grants' sum against granted, a repayment, decisions missing at its end
        trial = self._trial(record)
        found = list(rules.period(trial.project)) if self.collection == "project" else []
        found += self._here([*rules._money(trial), *rules._funding(trial), *rules.repayment(trial.final)])
        if as_of is not None and self.collection == "project":
            found += rules.period_ended_undecided(trial, as_of)
        return self._here(found)

    def _whole(self, record: Any, as_of: date | None) -> list[Finding]:
        trial = self._trial(record)
        return self._here([*rules.check(trial), *(rules.dated_findings(trial, as_of) if as_of else ())])

    def _here(self, findings) -> list[Finding]:
        return [f for f in findings if f.path[: len(self.place)] == self.place]

    def _trial(self, record: Any) -> Project:
        """The project with ``record`` in its place, sharing every other record (nothing is edited in place)."""
        trial = copy.copy(self.project)
        if self.single:
            object.__setattr__(trial, self.collection, record)
        else:
            items = list(getattr(self.project, self.collection))
            items[self.index:self.index + 1] = [record]
            object.__setattr__(trial, self.collection, items)
        return trial
