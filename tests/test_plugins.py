"""The plugin system, exercised through installed distributions and their entry points."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from lilla_ratten.model import Finding
from lilla_ratten.plugins import hookimpl
from lilla_ratten.plugins.manager import PluginHost
from lilla_ratten.storage import read_project
from tests.conftest import MINIMAL

VISITS = """
[ext.example]
version = 1

[[ext.example.visits]]
id = "V1"
date = 2023-09-12
place = "Malmö stad, Hela familjen"

[[ext.example.visits]]
id = "V2"
date = 2025-01-01
place = "Solna"
"""


def cli(*args, site=None, env=None):
    full = {**os.environ, "LILLA_RATTEN_LANG": "en", **(env or {})}
    if site is not None:
        full["PYTHONPATH"] = str(site)
    return subprocess.run([sys.executable, "-m", "lilla_ratten", *args], capture_output=True, text=True, env=full, timeout=60)


def test_plugins_command_lists_loaded_and_failed(plugin_site):
    r = cli("plugins", site=plugin_site)
    assert r.returncode == 1  # something failed to load
    out = r.stdout
    assert "  example 1.2.0 (lilla-ratten-example)" in out
    assert "    file section: [ext.example]" in out
    assert "lr_final_report_sections, lr_participants, lr_portfolio_columns, lr_project_types, lr_sections" in out
    assert (
        "  broken_import (import): ModuleNotFoundError: No module named 'a_module_that_is_not_installed'"
        in out
    )
    assert "Traceback" not in r.stderr


def test_validate_includes_plugin_findings_with_line(plugin_site, write):
    path = write(MINIMAL + VISITS)
    r = cli("validate", str(path), site=plugin_site)
    assert r.returncode == 3  # a plugin that did not import: the file is not fully checked
    assert f"{path}:31: ext.example.visits[V2].date: visit V2 on 2025-01-01 is outside the project period [example]" in r.stdout
    assert f"{path}: not fully checked: plugin broken_import could not run its checks (import: " in r.stdout
    assert "broken_import failed in import and was switched off for this run" in r.stderr
    r = cli("--disable", "broken_import", "validate", str(path), site=plugin_site)
    assert r.returncode == 1 and "not fully checked" not in r.stdout


def test_plugin_section_that_does_not_structure_gives_findings(plugin_site, write):
    path = write(MINIMAL + VISITS.replace('place = "Solna"', "place = 7\ncolour = 1"))
    r = cli("--disable", "broken_import", "validate", str(path), site=plugin_site)
    assert r.returncode == 1
    assert f"{path}:32: ext.example.visits[V2].place: expected text, got a whole number [example]" in r.stdout
    assert f"{path}:33: ext.example.visits[V2].colour: unknown key colour [example]" in r.stdout


def test_final_report_gets_the_plugin_section_and_survives_the_broken_one(plugin_site, write):
    path = write(MINIMAL + VISITS.replace("2025-01-01", "2023-11-01"))
    r = cli("report", "final", str(path), "--format", "json", site=plugin_site)
    # the broken plugins' parts are missing: the report says so and is no success (exit 3)
    assert r.returncode == 3, r.stderr
    doc = json.loads(r.stdout)
    assert [(f["plugin"], f["hook"]) for f in doc["data"]["incomplete"]] == [
        ("broken_import", "import"), ("broken_hook", "lr_final_report_sections")]
    sections = {s["id"]: s for s in doc["sections"]}
    assert sections["study_visits"]["source"] == "example"
    assert sections["study_visits"]["data"] == {"visits": 2}
    assert (
        "plugin broken_hook failed in lr_final_report_sections and was switched off for this run: "
        "RuntimeError: the broken plugin's report section fails (raises.py:"
    ) in r.stderr


def test_wrong_return_type_and_mutation_are_contained(plugin_site, write):
    path = write(MINIMAL + VISITS.replace("2025-01-01", "2023-11-01"))
    r = cli("status", str(path), "--format", "json", site=plugin_site)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["title"] == "Testprojekt"  # the plugin renamed its copy, not the project
    assert "2 study visits recorded" in r.stdout
    assert "broken_hook failed in lr_summary" in r.stderr and "expected a list of Section" in r.stderr


def test_new_with_a_plugin_project_type(plugin_site, tmp_path):
    path = tmp_path / "resa.toml"
    r = cli("new", str(path), "--type", "study-trip", site=plugin_site)
    assert r.returncode == 0, r.stderr
    text = path.read_text(encoding="utf-8")
    assert 'type = "study-trip"' in text and "[ext.example]\nversion = 1\n" in text
    assert cli("--disable", "broken_import", "validate", str(path), site=plugin_site).returncode == 0


def test_new_with_builtin_lum_type(tmp_path):
    path = tmp_path / "lum.toml"
    r = cli("new", str(path), "--type", "lum")
    assert r.returncode == 0, r.stderr
    project = read_project(path).project
    assert project.project.funding == "LUM"
    assert project.project.report_due.month == 2 and project.project.report_due.day == 28
    assert project.project.report_due.year == project.project.end.year + 1


def test_plugin_command(plugin_site, write):
    path = write(MINIMAL + VISITS)
    r = cli("visits", str(path), site=plugin_site)
    assert (r.returncode, r.stdout) == (0, "2\n")


def test_no_plugins_and_disable(plugin_site, write):
    path = write(MINIMAL + VISITS)
    r = cli("--no-plugins", "validate", str(path), site=plugin_site)
    assert r.returncode == 0
    assert "note: ext.example: no installed plugin reads [ext.example]; it is kept unchanged" in r.stdout
    assert r.stderr == ""
    r = cli("--disable", "broken_import", "--disable", "broken_hook", "plugins", site=plugin_site)
    assert r.returncode == 0 and "Disabled: broken_hook, broken_import" in r.stdout


def test_plugin_from_environment_and_option(write):
    r = cli("plugins", env={"LILLA_RATTEN_PLUGINS": "tests.plugin_fixtures:good"})
    assert "  tests.plugin_fixtures" in r.stdout, r.stdout + r.stderr  # named by its module
    r = cli("--no-plugins", "--plugin", "tests.plugin_fixtures:missing_attr", "plugins")
    assert "tests.plugin_fixtures (import): AttributeError" in r.stdout


def test_unknown_plugin_section_round_trips_with_a_real_save(write):
    path = write(MINIMAL + VISITS)
    host = PluginHost.load(entry_points=False)
    loaded = read_project(path)
    sections, findings = host.sections(loaded.project)
    assert [f.params for f in findings] == [{"name": "example"}]
    loaded.project.milestones[0].title = "Ändrad"
    loaded.save()
    assert path.read_text(encoding="utf-8").endswith(VISITS)


def test_section_structured_and_stored_with_the_app_converter(with_plugins, write):
    path = write(MINIMAL + VISITS)
    host = PluginHost.load()
    project = read_project(path).project
    sections, findings = host.sections(project)
    visits = sections["example"]
    assert [v.id for v in visits.visits] == ["V1", "V2"]
    assert [f.message for f in findings] == []
    visits.visits.pop()
    host.store(project, "example", visits)
    assert [v["id"] for v in project.ext["example"]["visits"]] == ["V1"]


class _Raises:
    @hookimpl
    def lr_validate(self, project):
        raise ValueError("boom")


class _Finds:
    @hookimpl
    def lr_validate(self, project):
        return [Finding(("project", "name"), "a finding")]


def test_one_plugin_raising_does_not_cost_the_others_their_findings():
    host = PluginHost.load(entry_points=False)
    host._register(_Finds(), "finds")
    host._register(_Raises(), "raises")
    from lilla_ratten.storage.reader import parse_toml
    from lilla_ratten.storage.converter import structure
    from lilla_ratten.model import Project

    project, _ = structure(parse_toml(MINIMAL), Project)
    assert [(f.source, f.message) for f in host.validate(project)] == [("finds", "a finding")]
    assert [(f.plugin, f.hook) for f in host.failures] == [("raises", "lr_validate")]
    assert "ValueError: boom" in host.failures[0].error
    assert host.validate(project) != []  # switched off: not called, not reported again
    assert len(host.failures) == 1


def test_a_hook_with_a_misspelt_argument_is_refused_at_registration():
    class Misspelt:
        @hookimpl
        def lr_validate(self, projcet):
            return []

    host = PluginHost.load(entry_points=False)
    host._register(Misspelt(), "misspelt")
    assert host.failures[0].hook == "register"
    assert "projcet" in host.failures[0].error


def _project(text):
    from lilla_ratten.model import Project
    from lilla_ratten.storage.converter import structure
    from lilla_ratten.storage.reader import parse_toml

    project, _ = structure(parse_toml(text), Project)
    return project


class _Publishes:
    def __init__(self, records, outcomes):
        self.records, self.outcomes = records, outcomes

    @hookimpl
    def lr_participants(self):
        from lilla_ratten import api

        return api.Participation(self.records, self.outcomes)


class _Asks:
    seen: list = []

    @hookimpl
    def lr_validate(self, participants):
        self.seen.append(participants)
        return []


def test_participants_from_two_publishers_are_merged_by_id():
    from lilla_ratten import api

    host = PluginHost.load(entry_points=False)
    host._register(_Publishes([api.ParticipantRecord("P1", "H1", "single", {"reached_top": True}),
                               api.ParticipantRecord("P2", "H1", "single", {"reached_top": False})],
                              [api.Outcome("reached_top", "Reached the top")]), "steps_like")
    host._register(_Publishes([api.ParticipantRecord("P2", outcomes={"went": True}),
                               api.ParticipantRecord("P3", outcomes={"went": True})],
                              [api.Outcome("went", "Went")]), "visits_like")
    asks = _Asks()
    asks.seen = []
    host._register(asks, "asks")
    host.validate(_project(MINIMAL))
    (merged,) = asks.seen
    by_id = {p.id: p for p in merged.participants}
    assert sorted(by_id) == ["P1", "P2", "P3"]
    assert by_id["P2"] == api.ParticipantRecord("P2", "H1", "single", {"reached_top": False, "went": True})
    assert [o.id for o in merged.outcomes] == ["reached_top", "went"]


def test_participants_is_none_when_nobody_publishes_and_a_failing_publisher_is_switched_off():
    class Fails:
        @hookimpl
        def lr_participants(self):
            raise RuntimeError("no data")

    class Wrong:
        @hookimpl
        def lr_participants(self):
            return ["P1"]

    host = PluginHost.load(entry_points=False)
    host._register(Fails(), "fails")
    host._register(Wrong(), "wrong")
    asks = _Asks()
    asks.seen = []
    host._register(asks, "asks")
    host.validate(_project(MINIMAL))
    assert asks.seen == [None]
    assert sorted((f.plugin, f.hook) for f in host.failures) == [("fails", "lr_participants"), ("wrong", "lr_participants")]
    assert "expected Participation" in [f.error for f in host.failures if f.plugin == "wrong"][0]


def test_participants_are_not_computed_when_no_hook_asks_for_them():
    calls = []

    class Counts:
        @hookimpl
        def lr_participants(self):
            calls.append(1)
            return None

    host = PluginHost.load(entry_points=False)
    host._register(Counts(), "counts")
    host._register(_Finds(), "finds")
    host.validate(_project(MINIMAL))
    assert calls == []


def test_installed_example_plugin_publishes_and_reads_participants(plugin_site, write):
    visits = VISITS.replace("2025-01-01", "2024-01-01").replace('place = "Solna"', 'place = "Solna"\nattendees = ["P1", "P2"]')
    path = write(MINIMAL + visits)
    r = cli("status", str(path), site=plugin_site)
    assert "2 study visits recorded; 2 of 2 participants went on one" in r.stdout, r.stdout + r.stderr


def test_a_hanging_plugin_is_given_up_on_and_named(monkeypatch):
    import time as _time

    class Hangs:
        @hookimpl
        def lr_validate(self, project):
            _time.sleep(30)
            return []

    monkeypatch.setenv("LILLA_RATTEN_HOOK_TIMEOUT", "0.3")
    host = PluginHost.load(entry_points=False)
    host._register(_Finds(), "finds")
    host._register(Hangs(), "hangs")
    started = _time.monotonic()
    findings = host.validate(_project(MINIMAL))
    assert _time.monotonic() - started < 5
    assert [(f.source, f.message) for f in findings] == [("finds", "a finding")]
    (failure,) = host.failures
    assert (failure.plugin, failure.hook) == ("hangs", "lr_validate")
    assert "did not return within 0.3 s" in failure.error
    host.validate(_project(MINIMAL))  # switched off: not waited for again
    assert _time.monotonic() - started < 5


class _HangsCatchingExceptions:
    @hookimpl
    def lr_validate(self, project):
        import time as _time

        for _ in range(100):
            try:
                _time.sleep(30)
            except Exception:  # noqa: BLE001, S112 - a plugin that swallows errors must still be stopped
                continue
        return []


@pytest.mark.parametrize("where", ["main thread", "other thread", "SIGALRM in use"])
def test_a_hanging_plugin_is_given_up_on_wherever_it_is_called(where, monkeypatch):
    """On the main thread a timer interrupts the call; elsewhere, or when SIGALRM is taken
    (a test runner's own timeout), the call runs in a thread that is left behind."""
    import signal
    import threading
    import time as _time

    monkeypatch.setenv("LILLA_RATTEN_HOOK_TIMEOUT", "0.3")
    host = PluginHost.load(entry_points=False)
    host._register(_Finds(), "finds")
    host._register(_HangsCatchingExceptions(), "hangs")
    alarms = []
    if where == "SIGALRM in use":
        previous = signal.signal(signal.SIGALRM, lambda *_: alarms.append(1))
    results = []
    started = _time.monotonic()
    try:
        if where == "other thread":
            worker = threading.Thread(target=lambda: results.append(host.validate(_project(MINIMAL))))
            worker.start()
            worker.join(10)
        else:
            results.append(host.validate(_project(MINIMAL)))
        mine = signal.getsignal(signal.SIGALRM)
    finally:
        if where == "SIGALRM in use":
            signal.signal(signal.SIGALRM, previous)
    assert _time.monotonic() - started < 5
    assert [(f.source, f.message) for f in results[0]] == [("finds", "a finding")]
    (failure,) = host.failures
    assert (failure.plugin, failure.hook) == ("hangs", "lr_validate")
    assert "did not return within 0.3 s" in failure.error
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    if where == "SIGALRM in use":
        assert mine is not signal.SIG_DFL and alarms == []  # the other handler stayed, and was never fired by us
    else:
        assert mine == signal.SIG_DFL


def test_a_plugin_mutating_the_project_changes_nothing_for_the_app_or_the_others():
    seen = []

    class Mutates:
        @hookimpl
        def lr_validate(self, project):
            project.project.name = "Förstörd"
            project.milestones.clear()
            return []

    class Reads:
        @hookimpl
        def lr_validate(self, project):
            seen.append((project.project.name, len(project.milestones)))
            return []

    host = PluginHost.load(entry_points=False)
    host._register(Mutates(), "mutates")
    host._register(Reads(), "reads")
    project = _project(MINIMAL)
    host.validate(project)
    assert project.project.name == "Testprojekt" and len(project.milestones) == 2
    assert seen == [("Testprojekt", 2)]


def test_portfolio_columns_that_raise_or_hang_leave_only_their_cells_empty(monkeypatch):
    import time as _time

    from lilla_ratten.plugins.specs import CELL_FAILED, Column

    class Good:
        @hookimpl
        def lr_portfolio_columns(self):
            return [Column("milestones", "Milestones", lambda project, sections: len(project.milestones))]

    class Raises:
        @hookimpl
        def lr_portfolio_columns(self):
            return [Column("boom", "Boom", lambda project, sections: 1 / 0),
                    Column("fine", "Fine", lambda project, sections: 5)]

    class Hangs:
        @hookimpl
        def lr_portfolio_columns(self):
            return [Column("slow", "Slow", lambda project, sections: _time.sleep(30)),
                    Column("after", "After", lambda project, sections: 3)]

    monkeypatch.setenv("LILLA_RATTEN_HOOK_TIMEOUT", "0.3")
    host = PluginHost.load(entry_points=False)
    for plugin, name in ((Good(), "good"), (Raises(), "raises"), (Hangs(), "hangs")):
        host._register(plugin, name)
    columns = host.columns()
    project = _project(MINIMAL)
    expected = {"milestones": 2, "boom": CELL_FAILED, "fine": 5, "slow": CELL_FAILED, "after": 3}
    assert host.column_values(columns, project, {}) == expected
    assert sorted((f.plugin, f.hook) for f in host.failures) == [("hangs", "Column.value"), ("raises", "Column.value")]
    assert "boom: ZeroDivisionError" in next(f.error for f in host.failures if f.plugin == "raises")
    assert "slow: did not return within 0.3 s" in next(f.error for f in host.failures if f.plugin == "hangs")
    started = _time.monotonic()
    assert host.column_values(columns, project, {}) == expected  # each column on its own: the plugins' others go on
    assert _time.monotonic() - started < 0.2  # switched off: not waited for again
    assert len(host.failures) == 2  # reported once
