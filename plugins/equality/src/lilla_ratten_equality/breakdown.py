"""Who took part, by gender and by gender together with other dimensions; and the steps
plugin's outcomes split the same way.  Every share states its base."""

from __future__ import annotations

from collections import Counter
from typing import Any

from attrs import define, field

from lilla_ratten_equality.protect import Protected, protect
from lilla_ratten_equality.section import GENDERS, Count, EqualitySection

HOUSEHOLD = "household_type"  # published by another plugin (steps) when it is there


@define
class Crosstab:
    title: str
    row_label: str
    protected: Protected
    threshold: int
    disclosures: list[str] = field(factory=list)  # groups that are 100 % one category


class People:
    """Per-person values (gender and dimensions), from [ext.equality] and the steps plugin.

    Each row has a weight: a person is 1, an aggregate count (``from_counts``) is its count,
    so the tables and their protection are one code for both ways of entering the data."""

    def __init__(self, section: EqualitySection, participation: Any = None) -> None:
        """``participation``: what other plugins publish (``api.Participation``), or ``None``."""
        self.section = section
        self.values: dict[str, dict[str, str]] = {}
        self.weight: dict[str, int] = {}
        for person in section.people:
            row = dict(person.attributes)
            if person.gender:
                row["gender"] = person.gender
            self.values[person.id] = row
        self.household_of: dict[str, str] = {}
        self.composition: dict[str, str] = {}
        for p in participation.participants if participation is not None else []:
            if p.household is None:
                continue
            self.household_of[p.id] = p.household
            if p.household_type:
                self.composition[p.household] = p.household_type
                if p.id in self.values:
                    self.values[p.id].setdefault(HOUSEHOLD, p.household_type)

    @classmethod
    def from_counts(cls, section: EqualitySection, counts: list[Count]) -> People:
        """The counts of one key set (``count_groups``) as weighted rows."""
        people = cls(EqualitySection(dimensions=section.dimensions))
        for i, count in enumerate(counts):
            people.values[f"#{i}"] = dict(count.values)
            people.weight[f"#{i}"] = count.count
        return people

    def n(self, pid: str) -> int:
        return self.weight.get(pid, 1)

    def genders(self) -> list[str]:
        used = {v.get("gender") for v in self.values.values() if v.get("gender")}
        return [g for g in GENDERS if g in used]

    def categories(self, dimension: str) -> list[str]:
        for d in self.section.dimensions:
            if d.id == dimension:
                return list(d.categories)
        if dimension == HOUSEHOLD:
            return ["single", "couple"]
        return sorted({v[dimension] for v in self.values.values() if dimension in v})

    def dimensions(self) -> list[str]:
        dims = [d.id for d in self.section.dimensions]
        if self.composition and HOUSEHOLD not in dims:
            dims.append(HOUSEHOLD)
        return dims


def by_gender(people: People, threshold: int) -> Crosstab:
    genders = people.genders()
    counts: Counter = Counter()
    for pid, v in people.values.items():
        counts[v.get("gender")] += people.n(pid)
    p = protect(["all"], genders, [[counts.get(g, 0) for g in genders]], threshold)
    return Crosstab("gender", "", p, threshold)


def crosstab(people: People, dims: list[str], threshold: int, labels: dict[str, str] | None = None) -> Crosstab:
    """Rows: combinations of ``dims``; columns: gender."""
    genders = people.genders()
    combos: list[tuple[str, ...]] = [()]
    for d in dims:
        combos = [c + (cat,) for c in combos for cat in people.categories(d)]
    index = {c: i for i, c in enumerate(combos)}
    cells = [[0] * len(genders) for _ in combos]
    for pid, v in people.values.items():
        key = tuple(v.get(d) for d in dims)
        if key in index and v.get("gender") in genders:
            cells[index[key]][genders.index(v["gender"])] += people.n(pid)
    rows = [" × ".join((labels or {}).get(c, c) for c in combo) for combo in combos]
    p = protect(rows, genders, cells, threshold)
    return Crosstab(" × ".join(dims), " × ".join(dims), p, threshold, disclosure(p))


def by_category(people: People, dims: list[str], threshold: int) -> Crosstab:
    """Rows: combinations of ``dims``; one column, the number of people (counts without gender)."""
    combos: list[tuple[str, ...]] = [()]
    for d in dims:
        combos = [c + (cat,) for c in combos for cat in people.categories(d)]
    index = {c: i for i, c in enumerate(combos)}
    cells = [[0] for _ in combos]
    for pid, v in people.values.items():
        key = tuple(v.get(d) for d in dims)
        if key in index:
            cells[index[key]][0] += people.n(pid)
    p = protect([" × ".join(c) for c in combos], ["all"], cells, threshold)
    return Crosstab(" × ".join(dims), " × ".join(dims), p, threshold)


def count_groups(section: EqualitySection) -> list[tuple[list[str], list[Count]]]:
    """The aggregate counts by their key set (the counts of one set add up to the total), in the
    order the sets first appear; each set's keys: gender first, then the dimensions as declared."""
    order = {"gender": -1, **{d.id: i for i, d in enumerate(section.dimensions)}}
    groups: dict[tuple[str, ...], list[Count]] = {}
    for count in section.counts:
        key = tuple(sorted(count.values, key=lambda k: (order.get(k, len(order)), k)))
        groups.setdefault(key, []).append(count)
    return [(list(k), v) for k, v in groups.items()]


def outcome_by_gender(people: People, outcome: dict[str, bool], yes: str, no: str, threshold: int, dims: list[str] = ()) -> Crosstab:
    """Rows: gender (× dims); columns: the outcome yes / no, for participants with both values."""
    genders = people.genders()
    combos: list[tuple[str, ...]] = [(g,) for g in genders]
    for d in dims:
        combos = [c + (cat,) for c in combos for cat in people.categories(d)]
    index = {c: i for i, c in enumerate(combos)}
    cells = [[0, 0] for _ in combos]
    for pid, reached in outcome.items():
        v = people.values.get(pid, {})
        key = (v.get("gender"), *(v.get(d) for d in dims))
        if key in index:
            cells[index[key]][0 if reached else 1] += 1
    p = protect([" × ".join(c) for c in combos], [yes, no], cells, threshold)
    return Crosstab(yes, "gender", p, threshold, disclosure(p))


def disclosure(p: Protected) -> list[str]:
    """Groups (rows) of which everyone falls in one column: that reveals each member's value."""
    out = []
    for i, row in enumerate(p.cells):
        total = sum(row)
        if total == 0 or i in p.hidden_rows:
            continue
        for j, n in enumerate(row):
            if n == total and len(row) > 1:
                out.append(f"{p.rows[i]}|{p.cols[j]}|{total}")
    return out
