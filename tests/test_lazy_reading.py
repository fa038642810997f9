"""Commands read only what they need (issue 19): the line/comment locator walks a file only
when a finding is to be placed on a line or the file is written.

The messages and line numbers themselves are proved by the bad-input tests
(test_storage_errors.py, test_cli.py, test_plugins.py), which are unchanged."""

from __future__ import annotations

import shutil

import pytest

from lilla_ratten.cli import main
from lilla_ratten.storage import comments, locate, read_project, render
from lilla_ratten.storage.cache import read_project_cached
from tests.conftest import ROOT, SAMPLES

RICHEST = SAMPLES / "ingen-ska-lamnas-utanfor-2.toml"


@pytest.fixture
def scans(monkeypatch):
    """How many times the locator has walked a file's lines."""
    calls = []
    real = locate.scan

    def counting(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(locate, "scan", counting)
    monkeypatch.setattr(comments, "scan", counting)
    return calls


@pytest.fixture
def rich_folder(tmp_path):
    folder = tmp_path / "projects"
    folder.mkdir()
    for i in range(3):
        shutil.copy(RICHEST, folder / f"projekt-{i}.toml")
    return folder


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{file}"],
        ["portfolio", "{folder}", "--format", "json"],
        ["report", "final", "{file}", "--as-of", "2024-03-01"],
        ["--no-plugins", "portfolio", "{folder}"],
    ],
)
def test_valid_rich_files_are_never_walked_line_by_line(command, rich_folder, scans, monkeypatch, capsys):
    monkeypatch.setenv("LILLA_RATTEN_CACHE", "off")
    file = rich_folder / "projekt-0.toml"
    argv = [a.format(file=file, folder=rich_folder) for a in command]
    assert main(["--lang", "en", *argv]) == 0
    assert capsys.readouterr().out  # it did its work
    assert scans == []


def test_a_finding_is_still_placed_on_its_line(rich_folder, scans, monkeypatch, capsys):
    """The counter above can fail: a file with a problem is walked, once, and the line is right."""
    monkeypatch.setenv("LILLA_RATTEN_CACHE", "off")
    file = rich_folder / "projekt-0.toml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("end = 2024-02-29", "end = 2022-01-01", 1), encoding="utf-8")
    line = text.splitlines().index("end = 2024-02-29") + 1
    assert main(["--lang", "en", "validate", str(file)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{file}:{line}: project.end: the end 2022-01-01 is before the start 2023-05-01"
    lines = text.splitlines()
    r1 = lines.index("[[ext.steps.rounds]]")
    r1_date = next(i for i in range(r1, len(lines)) if lines[i].startswith("date = ")) + 1
    assert any(o.startswith(f"{file}:{r1_date}: ext.steps.rounds[R1].date: round R1 on 2023-05-31 is outside") for o in out)
    assert len(scans) == 1


def test_comments_are_found_when_the_file_is_written(rich_folder, scans, monkeypatch):
    """Read without its comments, a file still writes back with every one of them, also when it
    came from the cache (whose entries hold no comments)."""
    monkeypatch.setenv("LILLA_RATTEN_CACHE", str(rich_folder.parent / "cache"))
    file = rich_folder / "projekt-0.toml"
    text = file.read_text(encoding="utf-8")
    assert text.count("\n#") > 3
    for loaded in (read_project(file), read_project_cached(file), read_project_cached(file)):
        assert scans == []
        assert render(loaded.project, loaded.notes) == text
        assert len(scans) == 1
        scans.clear()
    loaded = read_project(file)
    loaded.project.project.leader = "Någon annan"
    loaded.save()
    saved = file.read_text(encoding="utf-8")
    assert saved == text.replace('leader = "Caroline Högdahl Cole"', 'leader = "Någon annan"', 1)


# --- the first frame's share: structuring without cattrs' detailed validation, digest when asked


def _leaves(data, path=()):
    """Every (path, value) in a parsed document, tables and lists included."""
    yield path, data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, (*path, i))


def _replaced(data, path, value):
    import copy

    out = copy.deepcopy(data)
    if not path:
        return value
    node = out
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return out


def _both(data):
    """What the app's ``structure`` gives, and what the detailed converter alone gives."""
    from lilla_ratten.model import Project
    from lilla_ratten.storage.converter import converter, findings_from_error, structure

    fast = structure(data, Project, fast=True)
    try:
        detailed = (converter.structure(data, Project), [])
    except Exception as exc:  # noqa: BLE001 - compared below
        detailed = (None, list(findings_from_error(exc)))
    return fast, detailed


def test_every_sample_structures_the_same_without_detailed_validation():
    from lilla_ratten.model import Project
    from lilla_ratten.storage.converter import _undetailed, converter
    from lilla_ratten.storage.migrations import migrate
    from lilla_ratten.storage.reader import parse_toml

    samples = sorted(SAMPLES.rglob("*.toml"))
    assert len(samples) >= 10
    for sample in samples:
        data, _version = migrate(parse_toml(sample.read_text(encoding="utf-8")))
        assert _undetailed.structure(data, Project) == converter.structure(data, Project), sample


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("project", "start"), "2024-01-01", 'expected a date like 2024-02-28 written without quotes, got the text "{value}"'),
        (("milestones", 0, "planned"), 7, "expected {expected}, got {got}"),
        (("project", "granted"), 1.5, "expected a whole number, got {value}"),
        (("milestones", 0, "colour"), "red", "unknown key {key}"),
        (("activities", 1, "status"), "soon", '"{value}" is not allowed here; choose one of: {allowed}'),
        (("members", 2), "a person", "expected {expected}, got {got}"),
    ],
)
def test_a_refused_file_gets_the_detailed_findings(path, value, message):
    from lilla_ratten.storage.migrations import migrate
    from lilla_ratten.storage.reader import parse_toml

    data, _version = migrate(parse_toml(RICHEST.read_text(encoding="utf-8")))
    bad = _replaced(data, path, value)
    fast, detailed = _both(bad)
    assert fast[0] is None
    assert fast[1] == detailed[1]
    assert [f.message for f in fast[1]] == [message]
    assert fast[1][0].path == path


def test_any_one_changed_value_is_accepted_or_refused_as_before():
    """Each leaf of every sample in turn set to values of other kinds: the fast structuring
    accepts exactly what the detailed one accepts, with the same result, and a refusal
    carries the detailed findings."""
    import datetime as dt

    from lilla_ratten.storage.migrations import migrate
    from lilla_ratten.storage.reader import parse_toml

    kinds = ["text", 3, -1, 2.5, True, dt.date(2024, 2, 28), [], {}, {"x": 1}, None]
    tried = refused = 0
    for sample in sorted(SAMPLES.rglob("*.toml")):
        data, _version = migrate(parse_toml(sample.read_text(encoding="utf-8")))
        for n, (path, _value) in enumerate(list(_leaves(data))[1:]):
            if path[0] == "ext":
                continue  # the plugins' sections, structured by each plugin
            for kind in kinds[n % 4 :: 4]:  # a third of the kinds per leaf, a different third for the next
                fast, detailed = _both(_replaced(data, path, kind))
                assert fast == detailed, (sample.name, path, kind)
                tried += 1
                refused += fast[0] is None
    assert tried > 3000 and 0 < refused < tried


def test_the_digest_is_of_the_bytes_read_a_large_file_hashed_beside_its_parsing(tmp_path, monkeypatch):
    # a large file is hashed on a thread while its text is parsed (hashlib lets go of the
    # interpreter): it was hashed from the text in the frame of the first change, 18 ms at 9 MB
    import hashlib
    import threading

    from lilla_ratten.storage import files

    raw = "\ufeff".encode() + RICHEST.read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "p.toml"
    path.write_bytes(raw)
    started = []

    class Spy(threading.Thread):
        def start(self):
            started.append(self.name)
            super().start()

    monkeypatch.setattr(files.threading, "Thread", Spy)
    monkeypatch.setattr(files, "LARGE_BYTES", 1)
    loaded = read_project(path)
    assert started == ["digest"] and loaded._digest == hashlib.sha256(raw).hexdigest()  # computed
    monkeypatch.setattr(files, "LARGE_BYTES", 10**9)
    started.clear()
    loaded = read_project(path)
    assert started == [] and loaded._digest is files.FROM_TEXT  # a small file's: when first needed
    path.write_bytes(b"changed since")  # what was read counts, not what is there now
    assert loaded.digest == hashlib.sha256(raw).hexdigest()


def test_a_files_state_when_read_vouches_for_it_only_when_it_is_a_second_old(tmp_path):
    import os
    import time

    from lilla_ratten.storage.files import file_state

    path = tmp_path / "p.toml"
    shutil.copy(RICHEST, path)
    assert read_project(path).state is None  # just written: a write in the same clock tick could hide
    os.utime(path, (time.time() - 5, time.time() - 5))
    loaded = read_project(path)
    assert loaded.state == file_state(path) and loaded.state[2] == path.stat().st_size
    path.write_bytes(path.read_bytes())  # the same bytes written again: its state moved
    assert file_state(path) != loaded.state
    assert file_state(tmp_path / "gone.toml") is None


def test_any_field_of_any_project_changed_is_accepted_or_refused_as_before():
    """The samples leave fields out (no indicators, so no float); projects built from the
    model's own types have them all."""
    import datetime as dt

    from hypothesis import HealthCheck, given, settings

    from lilla_ratten.storage.converter import converter
    from tests.strategies import projects

    kinds = ["text", 3, 2.5, True, dt.date(2024, 2, 28), [], {"x": 1}, None]

    seen = set()

    @settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(projects)
    def check(project):
        doc = converter.unstructure(project)
        for path, _value in list(_leaves(doc))[1:]:
            for kind in kinds:
                fast, detailed = _both(_replaced(doc, path, kind))
                assert fast == detailed, (path, kind)
                seen.add(tuple(p for p in path if isinstance(p, str)))

    check()
    assert ("indicator_values", "value") in seen


def test_a_hook_a_plugin_registers_on_the_api_converter_is_used_by_api_structure():
    """Found in review: the fast converter does not have a plugin's hooks, so
    ``api.structure`` must not take it."""
    import attrs

    from lilla_ratten import api

    @attrs.define
    class Tag:
        name: str

    api.converter.register_structure_hook(Tag, lambda value, _: Tag(value["name"].strip().lower()))
    assert api.converter.structure({"name": " Urgent "}, Tag) == Tag("urgent")
    assert api.structure({"name": " Urgent "}, Tag) == (Tag("urgent"), [])


def test_a_cached_project_computes_its_digest_too(tmp_path, monkeypatch):
    """Found in review: the cache pickles LoadedProject, and an ``object()`` marker did not
    survive it (a hit gave ``<object object at …>`` as its digest)."""
    import hashlib

    monkeypatch.setenv("LILLA_RATTEN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "p.toml"
    shutil.copy(RICHEST, path)
    first = read_project_cached(path)
    hit = read_project_cached(path)
    assert hit is not first  # from the pickle
    assert hit.digest == first.digest == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_large_file_places_its_problems_without_keeping_a_map_of_every_line(monkeypatch):
    """Above FORGET_LINES_ABOVE characters only the lines asked for are kept from each walk (the
    whole map held 75 MiB at 45 000 activities); a problem in the file's last activity, and a
    plugin's finding placed later, still name their lines, the same as the whole map gives."""
    import sys

    from lilla_ratten.model.findings import Finding
    from lilla_ratten.storage import files
    from lilla_ratten.storage.files import FORGET_LINES_ABOVE, parse_project
    from lilla_ratten.storage.locate import LineIndex

    monkeypatch.setattr(sys, "path", [str(ROOT / "benchmarks"), *sys.path])
    from synthetic import project

    lines = render(project(n_activities=6000, n_milestones=600)).splitlines()
    last = max(i for i, line in enumerate(lines) if line == "[[activities]]")
    id_line = next(i for i in range(last, len(lines)) if lines[i].startswith("id = ")) + 1
    lines[id_line - 1] = 'id = "A1"'  # the last activity takes the first one's id
    text = "\n".join(lines) + "\n"
    assert len(text) > FORGET_LINES_ABOVE

    parsed = parse_project(text, "big.toml")
    whole = LineIndex(text)  # an ordinary file's index: the map of every line, kept
    assert parsed.index._lines is None
    assert len(parsed.problems) > 10
    for problem in parsed.problems:
        assert problem.line is not None
    [duplicate] = [p for p in parsed.problems if p.line == id_line]
    assert duplicate.path == "activities[A1].id" and "A1" in duplicate.message
    monkeypatch.setattr(files, "FORGET_LINES_ABOVE", 10 * len(text))
    mapped = parse_project(text, "big.toml")  # as an ordinary file is read: the whole map, kept
    assert mapped.index._lines is not None
    assert mapped.problems == parsed.problems
    late = Finding(("activities", 5999, "owner"), "from a plugin")
    loaded = read_project_from(text, parsed)
    [placed] = loaded.located([late])
    assert placed.line == whole.line_of(("activities", 5999, "owner")) == id_line + 3
    assert placed.path == "activities[A1].owner"
    assert parsed.index._lines is None
    assert [whole.line_of(p) for p in [("activities", 5999, "unwritten"), ("milestones", 3, "planned"), ("nothing", 1)]] == (
        parsed.index.lines_of([("activities", 5999, "unwritten"), ("milestones", 3, "planned"), ("nothing", 1)]))


def read_project_from(text, parsed):
    from pathlib import Path

    from lilla_ratten.storage.files import LoadedProject

    return LoadedProject(Path("big.toml"), parsed.project, problems=parsed.problems, index=parsed.index)


def test_an_ordinary_files_line_map_is_kept_for_a_plugins_finding():
    from lilla_ratten.storage.files import parse_project

    text = RICHEST.read_text(encoding="utf-8").replace("end = 2024-02-29", "end = 2022-01-01", 1)
    kept = parse_project(text, "a.toml")
    assert kept.index._lines is not None  # a plugin's finding is placed without a second walk


def test_a_large_files_later_findings_are_placed_without_a_second_walk(rich_folder, scans, monkeypatch, capsys):
    """validate places the core rules' findings on reading and its dated ones after; above
    FORGET_LINES_ABOVE the second batch walks only the tables it is in (a second walk over a 9.4 MB
    file with 500 warnings took 1 s), and says the same lines as the whole map does."""
    from lilla_ratten.storage import files

    monkeypatch.setenv("LILLA_RATTEN_CACHE", "off")
    file = rich_folder / "projekt-0.toml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("end = 2024-02-29", "end = 2022-01-01", 1), encoding="utf-8")
    argv = ["--lang", "en", "validate", str(file), "--as-of", "2023-06-01"]
    assert main(argv) == 1
    mapped = capsys.readouterr().out
    assert len(scans) == 1
    monkeypatch.setattr(files, "FORGET_LINES_ABOVE", 0)  # as a file of more than a megabyte is read
    walks = []
    real = locate._walk

    def counting(lines, start=0, table=None, only=None):
        walks.append("whole file" if table is None else table)
        return real(lines, start, table, only)

    monkeypatch.setattr(locate, "_walk", counting)
    assert main(argv) == 1
    assert capsys.readouterr().out == mapped
    assert len(scans) == 1  # the first reading's: this one walks with the lines it wants, once
    assert walks.count("whole file") == 1  # for both batches
    assert ("milestones", 0) in walks  # the dated finding's table, walked alone
    assert "project.end: the end 2022-01-01 is before the start" in mapped
    done = next(n for n, line in enumerate(text.splitlines(), 1) if line == "done = 2024-02-28")
    assert f"{file}:{done}: warning: milestones[M1].done: done 2024-02-28, a date still to come" in mapped


LAYOUTS = '''\ufeffname = "root"
dotted.key = 1
[project]
title = """a multi-line string
[not.a.header]
id = "inside"
"""
tags = [
  ["x", "y"],
  [1],
]
# [[a]] a comment
[[a]]
id = 1
inline = { x = 1 }
[a.sub]
deep.er = 2
[[a.b]]
n = 1
[[a.b]]
n = 2
[[a]]
id = 2
[[a.b]]
n = 3
[[a.b.c]]
m = 1
[z]
"q.r" = 3
'w' = 4
'''


def test_a_later_batch_walking_only_its_tables_finds_what_the_whole_map_finds():
    """Every path, and every path below one not written, of a file with each way of writing a table."""
    from lilla_ratten.storage.locate import LineIndex, scan

    whole = LineIndex(LAYOUTS)
    written = [where for kind, where, _line in scan(LAYOUTS) if kind in ("header", "key")]
    paths = [()] + written + [(*p, "unwritten") for p in written] + [(*p, 7) for p in written] + [("a", 5), ("nothing",)]
    expected = [whole.line_of(p) for p in paths]
    assert expected[written.index(("a", 1, "b", 0, "c", 0)) + 1] == 26  # the walk's own numbering
    for path, line in zip(paths, expected, strict=True):
        forgetting = LineIndex(LAYOUTS, keep_map=False)
        assert forgetting.lines_of([path]) == [line], path  # the first batch walks the whole file
        forgetting = LineIndex(LAYOUTS, keep_map=False)
        forgetting.lines_of([("z",)])
        assert forgetting.lines_of([path]) == [line], path  # a later one only the path's table
    forgetting = LineIndex(LAYOUTS, keep_map=False)
    assert forgetting.lines_of(paths[::2]) == expected[::2]
    assert forgetting.lines_of(paths) == expected
