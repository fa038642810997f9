"""Storing a plugin's record checks a copy that shares the project's records (issue 34): it
finds what a deep copy checked with the core rules and every plugin's did, and leaves the
project as it was."""

from __future__ import annotations

import copy
from pathlib import Path

import attrs

from lilla_ratten.model.rules import check
from lilla_ratten.plugins.manager import PluginHost
from lilla_ratten.storage import read_project
from lilla_ratten.tui import record_lists
from lilla_ratten.tui.collections import plugin_collections

SAMPLES = Path(__file__).resolve().parent.parent / "sample_projects"
HOST = PluginHost.load()


def deep_checked(host, project, name, section):
    """How check_section found them before: a deep copy, the core rules and the plugins', on both sides."""
    def key(f):
        return f.path, f.message, tuple(sorted((k, str(v)) for k, v in f.params.items())), f.severity

    trial = copy.deepcopy(project)
    host.store(trial, name, section)
    before = {key(f) for f in [*check(project), *host.validate(project)]}
    return [f for f in [*check(trial), *host.validate(trial)] if key(f) not in before]


def _broken(record):
    """The record with its first text field emptied and its first number made negative, where it has them."""
    changes = {}
    for a in attrs.fields(type(record)):
        value = getattr(record, a.name)
        if isinstance(value, str) and "text" not in changes:
            changes[a.name] = ""
            changes["text"] = a.name
        elif isinstance(value, int) and not isinstance(value, bool) and "number" not in changes:
            changes[a.name] = -5
            changes["number"] = a.name
    changes.pop("text", None)
    changes.pop("number", None)
    try:
        return attrs.evolve(record, **changes)
    except (TypeError, ValueError):
        return record


def test_a_plugin_record_stored_is_checked_as_on_a_deep_copy():
    counts = [_compare(sample) for sample in ("ingen-ska-lamnas-utanfor-2.toml", "barnperspektivet-ekonomiskt-bistand.toml")]
    assert sum(c for c, _f in counts) > 5 and sum(f for _c, f in counts) > 0  # records compared, some broke a rule


def _compare(sample: str) -> tuple[int, int]:
    project = read_project(SAMPLES / sample).project
    ext_before = copy.deepcopy(project.ext)
    compared = found = 0
    for collection in plugin_collections(HOST).values():
        if collection.single or not collection.section:
            continue
        section = record_lists.fresh(project, collection.section, collection.section_type)
        if section is None:
            continue
        items = record_lists.place_in(section, collection)
        for index in range(min(3, len(items))):
            changed = record_lists.fresh(project, collection.section, collection.section_type)
            record_lists.place_in(changed, collection)[index] = _broken(items[index])
            got = HOST.check_section(project, collection.section, changed)
            assert got == deep_checked(HOST, project, collection.section, changed), (collection.section, index)
            compared += 1
            found += bool(got)
    assert project.ext == ext_before  # the project itself was not stored into
    return compared, found
