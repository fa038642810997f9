"""What a plugin is handed (plugins/handed_copy.py): a copy whose lists are copied when first
read. It must behave as a deep copy in every way a plugin can see, and no plugin may reach
the app's project through it."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import date

import attrs
import pytest

from lilla_ratten.model import Activity, Project
from lilla_ratten.plugins import hookimpl
from lilla_ratten.plugins.handed_copy import CopiedList, copy_project
from lilla_ratten.plugins.manager import PluginHost
from tests.conftest import MINIMAL
from tests.test_plugins import _project


def _activities(n: int = 5) -> list[Activity]:
    return [Activity(id=f"A{i}", title=f"Aktivitet {i}", owner="Ägare" if i % 2 else None) for i in range(n)]


def _rich() -> Project:
    project = _project(MINIMAL)
    project.activities = _activities()
    return project


OPERATIONS = {
    "len": lambda x: len(x),
    "bool": lambda x: bool(x),
    "index": lambda x: x[2],
    "negative index": lambda x: x[-1],
    "slice": lambda x: x[1:3],
    "iterate": lambda x: [a for a in x],
    "reversed": lambda x: list(reversed(x)),
    "contains": lambda x: Activity(id="A1", title="Aktivitet 1", owner="Ägare") in x,
    "equal": lambda x: x == _activities(),
    "equal, reflected": lambda x: _activities() == x,
    "not equal": lambda x: x != _activities(),
    "less": lambda x: x < _activities(6),
    "add": lambda x: x + [Activity(id="B", title="b")],
    "add, reflected": lambda x: [Activity(id="B", title="b")] + x,
    "multiply": lambda x: x * 2,
    "multiply, reflected": lambda x: 2 * x,
    "repr": lambda x: repr(x),
    "str": lambda x: str(x),
    "list()": lambda x: list(x),
    "tuple()": lambda x: tuple(x),
    "sorted": lambda x: sorted(x, key=lambda a: a.title, reverse=True),
    "count": lambda x: x.count(Activity(id="A0", title="Aktivitet 0")),
    "index()": lambda x: x.index(Activity(id="A3", title="Aktivitet 3", owner="Ägare")),
    "copy()": lambda x: x.copy(),
    "copy.copy": lambda x: copy.copy(x),
    "copy.deepcopy": lambda x: copy.deepcopy(x),
    "pickle": lambda x: pickle.loads(pickle.dumps(x)),
    "unpack": lambda x: (lambda a, b, *rest: (a, b, rest))(*x),
    "join of titles": lambda x: ", ".join(a.title for a in x),
    "asdict": lambda x: attrs.asdict(attrs.evolve(_project(MINIMAL), activities=x))["activities"],
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_a_copied_list_reads_as_the_deep_copy_would(name):
    operation = OPERATIONS[name]
    assert operation(CopiedList(_activities())) == operation(copy.deepcopy(_activities()))


MUTATIONS = {
    "append": lambda x: x.append(Activity(id="N", title="ny")),
    "extend": lambda x: x.extend([Activity(id="N", title="ny")]),
    "insert": lambda x: x.insert(1, Activity(id="N", title="ny")),
    "pop": lambda x: x.pop(2),
    "remove": lambda x: x.remove(Activity(id="A0", title="Aktivitet 0")),
    "clear": lambda x: x.clear(),
    "sort": lambda x: x.sort(key=lambda a: a.title, reverse=True),
    "reverse": lambda x: x.reverse(),
    "setitem": lambda x: x.__setitem__(0, Activity(id="N", title="ny")),
    "setslice": lambda x: x.__setitem__(slice(1, 3), []),
    "delitem": lambda x: x.__delitem__(1),
    "iadd": lambda x: x.__iadd__([Activity(id="N", title="ny")]),
    "imul": lambda x: x.__imul__(2),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_a_copied_list_changes_as_a_list_and_leaves_its_source_alone(name):
    source = _activities()
    lazy, plain = CopiedList(source), copy.deepcopy(source)
    assert MUTATIONS[name](lazy) == MUTATIONS[name](plain)
    assert lazy == plain and list(lazy) == plain and len(lazy) == len(plain)
    assert source == _activities()


def test_two_copied_lists_compare_and_add_by_their_items():
    a, b = CopiedList(_activities()), CopiedList(_activities())
    assert a == b and not a != b and a + b == _activities() * 2
    assert CopiedList(_activities(2)) < CopiedList(_activities(3))


def test_the_copy_equals_the_project_and_shares_no_record_with_it():
    project = _rich()
    project.effect_goals[0].measure_dates.append(date(2026, 1, 1)) if project.effect_goals else None
    handed = copy_project(project)
    assert handed == project and type(handed) is Project
    for a in attrs.fields(Project):
        mine, theirs = getattr(project, a.name), getattr(handed, a.name)
        assert theirs is not mine or isinstance(mine, (str, int, type(None)))
        if isinstance(mine, list):
            assert isinstance(theirs, list)
            assert all(x is not y for x, y in zip(mine, theirs)) or not mine
    assert handed.project is not project.project and handed.budget is not project.budget


def test_a_list_not_read_is_not_copied():
    handed = copy_project(_rich())
    assert handed.project.name == "Testprojekt"
    assert list.__len__(handed.activities) == 0 and len(handed.activities) == 5  # nothing copied yet
    handed.activities[0]
    assert list.__len__(handed.activities) == 5


class _Mutates:
    """Every way of changing what it was handed that a plugin might try."""

    @hookimpl
    def lr_validate(self, project):
        project.project.name = "Förstörd"
        project.milestones.clear()
        project.activities[0].title = "Förstörd"
        object.__setattr__(project.activities[1], "owner", "Förstörd")
        for a in project.activities:
            a.status = "done"
        joined = [] + project.activities  # list's own code reading another list
        joined[2].title = "Förstörd"
        project.activities.sort(key=lambda a: a.id, reverse=True)
        for goal in project.effect_goals:
            goal.measure_dates.append(date(1999, 1, 1))
        project.activities.append(Activity(id="X", title="Ny"))
        project.budget = None
        return []


def test_a_mutating_plugin_changes_nothing_for_the_app_or_the_next_plugin():
    seen = []

    class Reads:
        @hookimpl
        def lr_validate(self, project):
            seen.append(copy.deepcopy(project))
            return []

    host = PluginHost.load(entry_points=False)
    host._register(_Mutates(), "mutates")
    host._register(Reads(), "reads")
    project = _rich()
    before = copy.deepcopy(project)
    records = list(project.activities)
    host.validate(project)
    assert not [f for f in host.failures if f.plugin == "mutates"], host.failures
    assert project == before and all(a is b for a, b in zip(project.activities, records))
    assert seen == [before]


# ---- the plugins' sections (and the project's ext): each section copied when first read ----------


def _sections() -> dict:
    return {"budget": {"lines": [{"id": "K1", "budget": 100}]}, "steps": {"rounds": [[1, 2], [3]]}, "none": None}


DICT_OPERATIONS = {
    "len": lambda d: len(d),
    "bool": lambda d: bool(d),
    "contains": lambda d: ("steps" in d, "x" in d),
    "index": lambda d: d["steps"],
    "get": lambda d: (d.get("budget"), d.get("x", 7)),
    "iterate": lambda d: list(d),
    "keys": lambda d: list(d.keys()),
    "values": lambda d: list(d.values()),
    "items": lambda d: list(d.items()),
    "reversed": lambda d: list(reversed(d)),
    "equal": lambda d: (d == _sections(), _sections() == d, d != _sections()),
    "dict()": lambda d: dict(d),
    "json": lambda d: __import__("json").dumps(d),
    "json of ext": lambda d: __import__("json").dumps(copy_project(attrs.evolve(_rich(), ext=d)).ext),
    "format_map": lambda d: "{budget}".format_map(d),
    "unpack": lambda d: {**d},
    "or": lambda d: d | {"x": 1},
    "or, reflected": lambda d: {"x": 1} | d,
    "repr": lambda d: repr(d),
    "copy()": lambda d: d.copy(),
    "copy.copy": lambda d: copy.copy(d),
    "copy.deepcopy": lambda d: copy.deepcopy(d),
    "pickle": lambda d: pickle.loads(pickle.dumps(d)),
    "read one, then all in order": lambda d: (d["steps"], list(d.items()))[1],
    "pop": lambda d: (d.pop("budget"), list(d)),
    "set, then read": lambda d: (d.__setitem__("x", 1), list(d.items()))[1],
    "delete, then read": lambda d: (d.__delitem__("steps"), d.get("steps"), list(d))[1:],
    "setdefault": lambda d: (d.setdefault("budget", 0), d.setdefault("y", 2), list(d)),
    "update": lambda d: (d.update(z=3), list(d.items()))[1],
    "clear": lambda d: (d.clear(), len(d), list(d))[1:],
    "popitem": lambda d: (d.popitem(), list(d)),
}


@pytest.mark.parametrize("name", sorted(DICT_OPERATIONS))
def test_copied_sections_read_and_change_as_the_deep_copy_would(name):
    from lilla_ratten.plugins.handed_copy import CopiedDict, copier

    source = _sections()
    before = copy.deepcopy(source)
    handed = copier(source)()
    assert isinstance(handed, CopiedDict)
    assert DICT_OPERATIONS[name](handed) == DICT_OPERATIONS[name](copy.deepcopy(source))
    assert source == before  # whatever the plugin did


def test_a_section_not_read_is_not_copied_and_one_read_is_not_the_apps():
    from lilla_ratten.plugins.handed_copy import copier

    source = _sections()
    fresh = copier(source)
    first, second = fresh(), fresh()
    assert first._pending == {"budget", "steps", "none"} and len(first) == 3  # nothing copied yet
    assert all(dict.__getitem__(first, k) is not source[k] for k in source)
    first["budget"]["lines"][0]["budget"] = -1
    assert first["budget"] is not source["budget"] and source["budget"]["lines"][0]["budget"] == 100
    assert first._pending == {"steps", "none"}  # only the section read
    assert second["budget"]["lines"][0]["budget"] == 100  # the next plugin's copy is its own
    assert second.get("steps") == source["steps"] and second["steps"] is not source["steps"]


def test_a_plugin_changing_ext_changes_nothing_for_the_app():
    project = _rich()
    project.ext = {"budget": {"lines": [{"id": "K1", "budget": 100}]}}
    handed = copy_project(project)
    assert json.dumps(handed.ext) == json.dumps(project.ext)  # nothing read yet: dumped as it is
    handed = copy_project(project)
    handed.ext["budget"]["lines"].append({"id": "K2"})
    handed.ext["steps"] = {}
    assert project.ext == {"budget": {"lines": [{"id": "K1", "budget": 100}]}}
    assert handed.ext == {"budget": {"lines": [{"id": "K1", "budget": 100}, {"id": "K2"}]}, "steps": {}}
