"""A form checks the record it edits without a pass over the project (model/record_rules.py,
issue 34): what it finds must be exactly what ``check`` finds about that record, on every
sample and on a synthetic project, for each record as it is and changed in the ways that
break the rules (ids taken, empty, looking like another; references to nothing; dates out of
order or still to come; counts and amounts out of range; lights that disagree)."""

from __future__ import annotations

import enum
import random
import sys
import typing
from datetime import date
from pathlib import Path

import attrs
import pytest

from lilla_ratten.model import Project
from lilla_ratten.model.record_rules import RecordRules
from lilla_ratten.model.rules import check, dated_findings
from lilla_ratten.storage import read_project

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
SAMPLES = sorted((ROOT / "sample_projects").rglob("*.toml"))
AS_OF = date(2024, 3, 1)
LISTS = [a.name for a in attrs.fields(Project) if a.name != "ext" and "list[" in str(a.type)]
TABLES = ("project", "budget", "implementation", "final")


def expected(project: Project, collection: str, index: int | None, record, as_of, single=False) -> list:
    """What the form said before: ``check`` on a whole copy with the record in place, about that place."""
    trial = attrs.evolve(project)
    if single:
        trial = attrs.evolve(project, **{collection: record})
        place: tuple = (collection,)
    else:
        items = list(getattr(project, collection))
        index = len(items) if index is None else index
        items[index:index + 1] = [record]
        trial = attrs.evolve(project, **{collection: items})
        place = (collection, index)
    found = [*check(trial), *(dated_findings(trial, as_of) if as_of else ())]
    return [f for f in found if f.path[: len(place)] == place]


def _types(cls) -> dict[str, tuple]:
    hints = typing.get_type_hints(cls)
    return {a.name: tuple(t for t in typing.get_args(hints[a.name]) or (hints[a.name],) if t is not type(None))
            for a in attrs.fields(cls)}


def variants(record, project: Project, rng: random.Random):
    """The record as it is, then changed one field at a time in ways that break a rule."""
    yield record
    ids = [item.id for name in LISTS for item in getattr(project, name)[:1] if hasattr(item, "id")]
    ids += [item.id for name in ("milestones", "indicators", "decisions", "decision_points", "activities", "members")
            for item in getattr(project, name)[-2:]]
    for name, types in _types(type(record)).items():
        value = getattr(record, name)
        tried: list = []
        for t in types:
            if t is str:
                tried += ["", " ", "NOPE", "A\u0308", *rng.sample(ids, min(3, len(ids))),
                          *(i + "\u200b" for i in rng.sample(ids, min(2, len(ids))))]
            elif t is date:
                tried += [date(1990, 1, 1), date(2100, 1, 1), date(2014, 6, 1)]
            elif t is bool:
                tried += [not value, True, False]
            elif t is int:
                tried += [-1, 0, 3]
            elif isinstance(t, type) and issubclass(t, enum.Enum):
                tried += list(t)[:4]
        for new in tried:
            try:
                yield attrs.evolve(record, **{name: new})
            except (TypeError, ValueError):
                continue


def _places(project: Project, rng: random.Random, per_list: int):
    for name in LISTS:
        items = getattr(project, name)
        if not items:
            continue
        chosen = sorted({0, len(items) - 1, *rng.sample(range(len(items)), min(per_list, len(items)))})
        for index in chosen:
            yield name, index, items[index]
        yield name, None, items[rng.randrange(len(items))]  # a new one, at the end


def _compare(project: Project, per_list: int, seed: int) -> int:
    rng = random.Random(seed)
    compared = 0
    for name, index, record in _places(project, rng, per_list):
        rules = RecordRules(project, name, index)
        for changed in variants(record, project, rng):
            for as_of in (AS_OF, None):
                got = rules.findings(changed, as_of)
                assert got == expected(project, name, index, changed, as_of), (name, index, changed)
            compared += 1
    for name in TABLES:
        rules = RecordRules(project, name, None, single=True)
        for changed in variants(getattr(project, name), project, rng):
            for as_of in (AS_OF, None):
                assert rules.findings(changed, as_of) == expected(project, name, None, changed, as_of, single=True), (name, changed)
            compared += 1
    return compared


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_the_form_finds_what_check_finds_on_every_sample(path):
    project = read_project(path).project
    assert _compare(project, per_list=3, seed=len(path.name)) > 20


def _rich(n_activities: int, seed: int) -> Project:
    """A synthetic project with every list the rules look at, broken as files are."""
    from synthetic import project as synthetic

    from lilla_ratten.model import project as m
    from lilla_ratten.model.enums import GroupRole

    project = synthetic(n_activities=n_activities, n_milestones=12, seed=seed)
    acts = project.activities
    acts[7] = attrs.evolve(acts[7], id=acts[3].id)  # a duplicate id, a reference to nothing, an id looking like another
    acts[9] = attrs.evolve(acts[9], milestone="M99")
    acts[11] = attrs.evolve(acts[11], id="A1\u200b")
    group = list(GroupRole)[0]
    project.members = [m.Member(id=f"P{i}", group=group, name=f"Namn {i}", chair=i in (1, 3)) for i in range(5)]
    project.decision_points = [m.DecisionPoint(id=b, planned=date(2023, 1 + i, 1)) for i, b in enumerate(("B0", "B1", "B2", "B9"))]
    project.effect_goals = [m.EffectGoal(id="E1", text="Fler i arbete")]
    project.indicators = [m.Indicator(id=f"I{i}", goal="E1" if i else "E7", name="Andel", baseline_date=date(2023, 1, 1),
                                      target_date=date(2024, 1, 1)) for i in range(3)]
    project.indicator_values = [m.IndicatorValue(indicator=f"I{i % 3}", date=date(2023, 6, 1 + i % 2), value=i) for i in range(6)]
    project.decisions = [m.DecisionRecord(id=f"D{i}", date=date(2023, 5, 1), text="Beslut", decision_point=("B1", "B7", None)[i])
                         for i in range(3)]
    project.milestones[0] = attrs.evolve(project.milestones[0], passed=True)
    project.status_reports = [attrs.evolve(r, period_start=date(2023, 1, 1)) for r in project.status_reports]
    return project


def test_the_form_finds_what_check_finds_on_a_synthetic_project():
    assert _compare(_rich(400, seed=4), per_list=12, seed=7) > 500


def test_findings_found_are_about_the_record():
    """Not a test of nothing: the variants do break rules, and the answers differ with them."""
    from synthetic import project as synthetic

    project = synthetic(n_activities=50, n_milestones=8, seed=2)
    rules = RecordRules(project, "activities", 10)
    record = project.activities[10]
    assert rules.findings(record) == []
    taken = rules.findings(attrs.evolve(record, id=project.activities[2].id))
    assert [f.text() for f in taken] == [expected(project, "activities", 10, attrs.evolve(record, id="A3"), None)[0].text()]
    assert "3" in taken[0].text()
    assert [f.path for f in rules.findings(attrs.evolve(record, milestone="M77"))] == [("activities", 10, "milestone")]


def test_a_list_replaced_under_the_form_is_seen():
    from lilla_ratten.tui.session import snapshot

    from synthetic import project as synthetic

    project = synthetic(n_activities=20, n_milestones=8, seed=3)
    rules = RecordRules(project, "activities", None)
    assert not rules.stale()
    project.milestones = snapshot(project).milestones  # an undo puts the lists back: others, equal
    assert rules.stale()
