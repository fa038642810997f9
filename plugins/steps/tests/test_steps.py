"""The steps plugin against seed 001's own figures, its checks, reports and tab."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from lilla_ratten.i18n import set_language
from lilla_ratten.plugins.manager import PluginHost
from lilla_ratten.storage import read_project
from lilla_ratten_steps.compute import Steps

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "sample_projects" / "ingen-ska-lamnas-utanfor-2.toml"

set_language("en")


@pytest.fixture(scope="module")
def steps() -> Steps:
    sections, findings = PluginHost.load().sections(read_project(SAMPLE).project)
    assert findings == []
    return Steps(sections["steps"])


def test_seed_001_start_distribution(steps):
    d = steps.distribution("R1")
    assert (d.counts, d.n, d.missing) == ({0: 3, 1: 12, 2: 6, 3: 7, 4: 0}, 28, [])
    assert [round(d.share(v)) for v in range(5)] == [11, 43, 21, 25, 0]


def test_seed_001_october(steps):
    m = steps.movement("R1", "R2")
    assert (len(m.reached_top), len(m.forward), len(m.same), len(m.back)) == (3, 9, 14, 2)
    households = {steps.household_of[p] for p in m.reached_top}
    assert len(households) == 3 and all(steps.households[h].composition == "single" for h in households)
    assert steps.distribution("R2").n == 28


def test_seed_001_february(steps):
    m = steps.movement("R2", "R3")
    assert (len(m.reached_top), len(m.forward), len(m.same), len(m.back)) == (3, 7, 19, 0)
    assert len({steps.household_of[p] for p in m.reached_top}) == 2  # one single parent, one couple
    assert len(m.from_entry) == 4 and len([p for p in m.from_entry if p in m.same]) == 3
    assert len(m.exited) == 3  # the three families self-sufficient in October left
    assert [(r, active) for r, active, *_ in steps.flow()] == [("R1", 28), ("R2", 28), ("R3", 29)]
    active_households = {steps.household_of[p] for p in steps.active(steps.round_by_id["R3"])}
    assert len(active_households) == 21


def test_seed_001_totals(steps):
    assert len(steps.section.households) == 24 and len(steps.section.participants) == 32
    assert Counter(steps.last_levels().values())[4] == 6  # six parents self-sufficient
    assert steps.children_affected() == (10, 3)
    assert sum(h.minor_children for h in steps.section.households) == 60


def test_missing_is_shown_never_carried_forward(steps):
    section = steps.section
    section.measurements = [m for m in section.measurements if not (m.round == "R3" and m.participant == "F20-1")]
    s = Steps(section)
    d = s.distribution("R3")
    assert d.n == 28 and d.missing == ["F20-1"]
    assert "F20-1" in s.movement("R2", "R3").exited  # not compared, not counted as "same"


def test_top_level_kept_is_maintained_not_same():
    from lilla_ratten_steps.section import Household, Measurement, Participant, Round, StepsSection

    section = StepsSection(
        households=[Household(id="H1")],
        participants=[Participant(id="P1", household="H1")],
        rounds=[Round(id="A", date=date(2024, 1, 1), label="a"), Round(id="B", date=date(2024, 6, 1), label="b")],
        measurements=[Measurement(participant="P1", round="A", level=4), Measurement(participant="P1", round="B", level=4)],
    )
    m = Steps(section).movement("A", "B")
    assert (m.maintained_top, m.same) == (["P1"], [])


def test_sign_test(cli):
    from lilla_ratten_steps.compute import Movement

    move = Movement("a", "b", forward=["x"] * 9, back=["y"] * 2)
    assert round(move.sign_test(), 4) == 0.0654  # exact binomial, two-sided, 9 vs 2
    assert Movement("a", "b").sign_test() is None


STEPS = "steps=lilla_ratten_steps.plugin"  # as its entry point names it


@pytest.fixture
def cli(lr_cli):
    """``lilla-ratten ARGS`` in-process with the steps plugin, through the test kit (lilla_ratten.testing)."""
    return lambda *args: lr_cli(*args, plugins=[STEPS])


def test_final_report_json_has_the_seed_figures(cli):
    r = cli("report", "final", str(SAMPLE), "--format", "json")
    assert r.returncode == 0, r.stderr
    sec = next(s for s in json.loads(r.stdout)["sections"] if s["id"] == "steps")
    data = sec["data"]
    assert data["distributions"]["R1"] == {"0": 3, "1": 12, "2": 6, "3": 7, "4": 0}
    first, second, whole = data["movements"]
    assert (first["reached_top"], first["forward_other"], first["same"], first["back"]) == (3, 9, 14, 2)
    assert (second["reached_top"], second["forward_other"], second["same"], second["back"]) == (3, 7, 19, 0)
    assert data["last_measurement"]["4"] == 6
    assert data["children_affected"] == {"minor": 10, "adult_at_home": 3}
    assert data["minor_children_total"] == 60


MINIMAL = """schema = 1

[project]
id = "test"
name = "Testprojekt"
organisation = "Skarpnäcks stadsdelsförvaltning"
start = 2023-05-01
end = 2024-02-29
"""
BAD = """
[ext.steps]
version = 1

[[ext.steps.households]]
id = "H1"

[[ext.steps.households]]
id = "H2"

[[ext.steps.participants]]
id = "P1"
household = "H1"

[[ext.steps.rounds]]
id = "R1"
date = 2030-01-01
label = "Start"

[[ext.steps.measurements]]
participant = "P1"
round = "R1"
level = 7

[[ext.steps.measurements]]
participant = "P1"
round = "R1"
level = 2

[[ext.steps.measurements]]
participant = "P9"
round = "R9"
level = 1
"""


def test_validation_messages(tmp_path, cli):
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL + BAD, encoding="utf-8")
    out = cli("validate", str(path)).stdout
    assert f"{path}:17: warning: ext.steps.households[H2].id: household H2 has no participants [steps]" in out
    assert f"{path}:25: ext.steps.rounds[R1].date: round R1 on 2030-01-01 is outside the project period 2023-05-01 – 2024-02-29 [steps]" in out
    assert f"{path}:31: ext.steps.measurements[#1].level: level 7 is not on the scale (0, 1, 2, 3, 4) [steps]" in out
    assert f"{path}:34: ext.steps.measurements[#2].participant: P1 is already measured in round R1 (entry 1) [steps]" in out
    assert f"{path}:39: ext.steps.measurements[#3].participant: participant P9 does not exist [steps]" in out
    assert f"{path}:40: ext.steps.measurements[#3].round: round R9 does not exist [steps]" in out


async def test_steps_tab_typing_a_level(tmp_path, lr_app, lr_host):
    from lilla_ratten.testing import show_plugin_tab

    path = tmp_path / "p.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    async with lr_app(path, lr_host(STEPS), size=(100, 40), as_of=date(2024, 2, 29)) as pilot:
        await show_plugin_tab(pilot, "steps", "steps")
        grid = pilot.app.screen.query_one("StepsPane #grid")
        grid.focus()
        grid.cursor_coordinate = (0, 5)  # F01-1 in R3
        before = str(grid.get_row_at(0)[5])
        await pilot.press("3")  # not in the grid's edit mode: a digit is not a level
        await pilot.pause()
        assert not pilot.app.session.dirty
        pilot.app.screen.show_tab("plugin-steps-steps")
        await pilot.pause()
        grid.focus()
        await pilot.press("enter", "3")  # Enter: type levels; then 3
        await pilot.pause()
        assert before != "3" and str(grid.get_row_at(0)[5]) == "3"
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
    levels = {(m["participant"], m["round"]): m["level"] for m in read_project(path).project.ext["steps"]["measurements"]}
    assert levels[("F01-1", "R3")] == 3


async def test_one_on_the_steps_tab_goes_to_the_overview_and_changes_nothing(tmp_path, lr_app, lr_host):
    from lilla_ratten.testing import show_plugin_tab

    path = tmp_path / "p.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    async with lr_app(path, lr_host(STEPS), size=(80, 24), as_of=date(2024, 2, 29)) as pilot:
        await show_plugin_tab(pilot, "steps", "steps")
        grid = pilot.app.screen.query_one("StepsPane #grid")
        grid.focus()
        grid.cursor_coordinate = (0, 3)  # F01-1 in R1
        await pilot.press("1")
        await pilot.pause()
        assert pilot.app.screen.project_tabs.tabbed.active == "overview"
        assert not pilot.app.session.dirty
    assert read_project(path).project.ext == read_project(SAMPLE).project.ext


def test_household_level_movement_and_grade_crosstab(steps):
    hh = steps.household_movement()
    assert (hh.compared, len(hh.reached_top)) == (24, 5)  # 24 families, 5 reached self-sufficiency
    assert steps.grade_outcome() == {}  # the seed gives no selection grades: none are invented
    steps.households["F01"].grade = "red"
    assert steps.grade_outcome() == {"red": {"forward": 1, "same": 0, "back": 0}}


def test_selection_grades_are_in_the_readers_words_in_the_final_report(tmp_path, lr_cli):
    """A household's grade is kept as green/yellow/red; the report says grön/gul/röd, in that order."""
    text = SAMPLE.read_text(encoding="utf-8")
    for household, grade in (("F01", "yellow"), ("F02", "red"), ("F03", "green")):
        text = text.replace(f'id = "{household}"\n', f'id = "{household}"\ngrade = "{grade}"\n', 1)
    path = tmp_path / "graded.toml"
    path.write_text(text, encoding="utf-8")
    r = lr_cli("report", "final", str(path), "--format", "text", plugins=[STEPS], lang="sv")
    assert r.returncode == 0, r.stderr
    rows = [line.split()[0] for line in r.stdout.splitlines() if line.split()[:1] in (["grön"], ["gul"], ["röd"])]
    assert rows == ["grön", "gul", "röd"], r.stdout
    assert "yellow" not in r.stdout
    data = json.loads(lr_cli("report", "final", str(path), "--format", "json", plugins=[STEPS], lang="sv").stdout)
    grades = next(s for s in data["sections"] if s["id"] == "steps")["data"]["grade_outcome"]
    assert sorted(grades) == ["green", "red", "yellow"]  # JSON keeps the file's words
