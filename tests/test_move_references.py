"""Deleting a record others name offers to move them to another record of its kind (issue 28, item 4).

The project's own lists (a milestone an activity names) and a plugin's (a household a
participant names) alike: the dialog lists what names it, a picker holds the others, "Move
and delete" is one change that can be undone; with no other record it is refused as before.
"""

from __future__ import annotations

import textwrap
from datetime import date

from textual.widgets import Select

from lilla_ratten.storage import read_project
from lilla_ratten.testing import screen_text, show_plugin_tab
from lilla_ratten.tui.app import LillaRattenApp
from lilla_ratten.tui.session import Session
from tests.conftest import MINIMAL

AS_OF = date(2023, 12, 1)
ACTIVITY = """
[[activities]]
id = "A1"
title = "Intervjuer"
milestone = "M1"
"""


async def test_a_milestone_an_activity_names_is_deleted_with_the_activity_moved_to_another(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL + ACTIVITY, encoding="utf-8")
    app = LillaRattenApp(Session.open(path), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "d")  # M1, which A1 names
        await pilot.pause()
        assert type(app.screen).__name__ == "MoveReferences"
        assert "M1 is named by A1 (Activity plan). Move it to another record and delete M1?" in str(app.screen.query_one(".question").render())
        assert app.screen.query_one("#target", Select).value == "M2"  # the only other milestone, chosen
        await pilot.press("escape")  # nothing done
        await pilot.pause()
        assert not app.session.dirty and [m.id for m in app.session.project.milestones] == ["M1", "M2"]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("tab", "enter")  # "Move and delete"
        await pilot.pause()
        assert [m.id for m in app.session.project.milestones] == ["M2"]
        await pilot.press("ctrl+z")  # one change: both undone
        await pilot.pause()
        assert [m.id for m in app.session.project.milestones] == ["M1", "M2"]
        assert app.session.project.activities[0].milestone == "M1"
        await pilot.press("ctrl+y", "ctrl+s")
        await pilot.pause()
    project = read_project(path).project
    assert [m.id for m in project.milestones] == ["M2"] and project.activities[0].milestone == "M2"


STEPS = textwrap.dedent("""
    [ext.steps]
    version = 1

    [[ext.steps.households]]
    id = "F01"
    composition = "single"
    minor_children = 2

    [[ext.steps.households]]
    id = "F02"
    composition = "couple"
    minor_children = 1

    [[ext.steps.participants]]
    id = "F01-1"
    household = "F01"
    """)


async def test_a_household_a_participant_names_is_deleted_with_the_participant_moved(lr_host, lr_project, lr_app):
    path = lr_project(STEPS)
    async with lr_app(path, lr_host("steps=lilla_ratten_steps.plugin", lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "steps", "steps")
        await pilot.press("d")  # F01
        await pilot.pause()
        assert type(app.screen).__name__ == "MoveReferences"
        assert "F01 nämns av F01-1 (Deltagare)" in str(app.screen.query_one(".question").render())
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert not app._notifications or all("Sparat, med varningar" not in (n.title or "") for n in app._notifications)
        await pilot.press("ctrl+s")
        await pilot.pause()
    steps = read_project(path).project.ext["steps"]
    assert [h["id"] for h in steps["households"]] == ["F02"]
    assert steps["participants"] == [{"id": "F01-1", "household": "F02"}]


async def test_what_a_store_brings_is_said_by_list_record_and_field_never_by_path(lr_host, lr_project, lr_app):
    path = lr_project(STEPS.replace('composition = "couple"', 'composition = "two_parents"'))  # F02 wrong in the file
    async with lr_app(path, lr_host("steps=lilla_ratten_steps.plugin", lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "steps", "steps")
        await pilot.press("d", "tab", "enter")  # F01 deleted, its participant moved to F02
        await pilot.pause()
        [note] = [n for n in app._notifications if (n.title or "").startswith("Sparat")]
        # an error, as validate calls it: 'Sparat, med varningar' was said over it
        assert note.title == "Sparat, med fel: raderade F01, flyttade till F02" and note.severity == "error"
        assert note.message.startswith('Hushåll F02, Hushållstyp: "two_parents" är inte tillåtet här')
        assert "ext.steps" not in note.message and "[#" not in note.message


async def test_plugin_tables_group_amounts_and_translate_a_participants_role(lr_host, lr_project, lr_app):
    """Seen in the walkthrough: 658944 in the budget lines, "parent" on the Steg tab."""
    path = lr_project(STEPS + '\n[ext.budget]\nversion = 1\n\n[[ext.budget.lines]]\nid = "K1"\nname = "Personal"\n'
                              'category = "staff"\nbudget = 658944\n')
    host = lr_host("steps=lilla_ratten_steps.plugin", "budget=lilla_ratten_budget.plugin", lang="sv")
    async with lr_app(path, host, size=(120, 50), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app

        def shown(key: str, column: int) -> list[str]:
            table = next(t for t in app.screen.query("RecordTable") if t.collection.attr == key)
            return table.collection.columns[column][1].column(table.collection.items(app.session.project))

        await show_plugin_tab(pilot, "steps", "steps")
        assert shown("ext.steps.participants", 2) == ["förälder"]
        await show_plugin_tab(pilot, "budget", "budget")
        budget_column = next(i for i, (title, _cell) in enumerate(
            next(t for t in app.screen.query("RecordTable") if t.collection.attr == "ext.budget.lines").collection.columns)
            if title.startswith("Budget"))
        assert shown("ext.budget.lines", budget_column) == ["658\u00a0944"]


# ---- what is kept as it was sent: a sent status report names what it named (review at 80×24) ----

SENT = """
[[status_reports]]
id = "SR1"
date = 2023-06-06
milestone = "M1"
summary = "Kartläggningen klar"
sent = 2023-06-07
"""


def _said(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_milestone_a_sent_report_names_is_not_deleted_and_nothing_is_moved(tmp_path):
    """SR1 sent names M1, A1 names M1: deleting M1 moved SR1 to M2 — a sent report rewritten."""
    from lilla_ratten.i18n import set_language

    path = tmp_path / "p.toml"
    path.write_text(MINIMAL + ACTIVITY + SENT, encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    set_language("sv")
    app = LillaRattenApp(Session.open(path), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "d")  # M1
        await pilot.pause()
        assert type(app.screen).__name__ != "MoveReferences"  # nothing offered to move
        assert _said(app) == ["M1 tas inte bort: SR1 (Lägesrapporter) är skickad och nämner den, och det som skickats ändras inte."]
        assert not app.session.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert path.read_text(encoding="utf-8") == before
    project = read_project(path).project
    assert [m.id for m in project.milestones] == ["M1", "M2"] and project.status_reports[0].milestone == "M1"


async def test_a_draft_report_is_moved_with_the_activity(tmp_path):
    """The same report not sent yet is an ordinary reference: offered to move, and moved."""
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL + ACTIVITY + SENT.replace("sent = 2023-06-07\n", ""), encoding="utf-8")
    app = LillaRattenApp(Session.open(path), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "d")
        await pilot.pause()
        assert "M1 is named by A1 (Activity plan), SR1 (Status reports). Move them to another record and delete M1?" in str(
            app.screen.query_one(".question").render())
        await pilot.press("tab", "enter", "ctrl+s")
        await pilot.pause()
    project = read_project(path).project
    assert project.activities[0].milestone == "M2" and project.status_reports[0].milestone == "M2"


async def test_the_id_a_sent_report_names_is_not_renamed(tmp_path):
    """Renaming an id renames what names it: not a sent report, so the form refuses the new id."""
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL + ACTIVITY + SENT, encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    app = LillaRattenApp(Session.open(path), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "enter")  # M1's form, its id first and selected
        await pilot.pause()
        await pilot.press(*"M9")
        await pilot.pause()
        refusal = "Id: SR1 (Status reports) has been sent and names M1: what was sent is kept as it is, so the id stays"
        assert refusal in app.screen.errors
        assert app.screen.query_one("#save").disabled
        await pilot.press("ctrl+s")  # not saved: the form stays
        await pilot.pause()
        assert type(app.screen).__name__ == "RecordForm" and not app.session.dirty
        await pilot.press("shift+tab", "tab")  # the id again, selected: its own id back is fine
        await pilot.press(*"M1")
        await pilot.pause()
        assert refusal not in app.screen.errors
    assert path.read_text(encoding="utf-8") == before


# ---- a move is checked as validate checks before it is done ----

ROUNDS = textwrap.dedent("""
    [ext.steps]
    version = 1

    [[ext.steps.households]]
    id = "F01"
    composition = "single"
    minor_children = 1

    [[ext.steps.participants]]
    id = "P1"
    household = "F01"

    [[ext.steps.participants]]
    id = "P2"
    household = "F01"

    [[ext.steps.rounds]]
    id = "R1"
    label = "Nulägesmätning"
    date = 2023-06-01

    [[ext.steps.rounds]]
    id = "R2"
    label = "Uppföljning"
    date = 2023-09-01

    [[ext.steps.rounds]]
    id = "R3"
    label = "Slutmätning"
    date = 2023-11-01

    [[ext.steps.measurements]]
    participant = "P2"
    round = "R1"
    level = 1

    [[ext.steps.measurements]]
    participant = "P2"
    round = "R2"
    level = 2

    [[ext.steps.measurements]]
    participant = "P1"
    round = "R1"
    level = 3
    """)


async def test_a_move_that_would_make_the_file_wrong_is_refused_with_why(lr_host, lr_project, lr_app, lr_cli):
    """R1 deleted, its measurements moved to R2: P2 would be measured twice at R2, which
    validate calls an error. The dialog says so and does not move; R3 works."""
    path = lr_project(ROUNDS)
    async with lr_app(path, lr_host("steps=lilla_ratten_steps.plugin", lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "steps", "steps")
        await pilot.press("tab", "tab")  # households, participants, the rounds
        await pilot.pause()
        assert app.focused.parent.collection.attr == "ext.steps.rounds"
        await pilot.press("d")  # R1
        await pilot.pause()
        question = str(app.screen.query_one(".question").render())
        assert question == "R1 nämns av P2 vid R1 (Mätningar), P1 vid R1 (Mätningar). Flytta dem till en annan post och radera R1?"
        assert app.screen.query_one("#target", Select).value == "R2"
        refused = str(app.screen.query_one("#refused").render())
        assert refused.startswith("Inte till R2: det skulle ge ett fel.\nMätningar P2 vid R2, Deltagare: P2 är redan mätt vid R2")
        assert app.screen.query_one("#move").disabled
        app.screen.query_one("#move").press()  # a click on it does nothing either
        await pilot.pause()
        assert type(app.screen).__name__ == "MoveReferences" and not app.session.dirty
        select = app.screen.query_one("#target", Select)
        select.value = "R3"
        await pilot.pause()
        assert not app.screen.query_one("#refused").display and not app.screen.query_one("#move").disabled
        await pilot.press("tab", "enter")  # "Flytta och radera"
        await pilot.pause()
        assert not any("med fel" in (n.title or "") for n in app._notifications)
        await pilot.press("ctrl+s")
        await pilot.pause()
    steps = read_project(path).project.ext["steps"]
    assert [r["id"] for r in steps["rounds"]] == ["R2", "R3"]
    assert [(m["participant"], m["round"]) for m in steps["measurements"]] == [("P2", "R3"), ("P2", "R2"), ("P1", "R3")]
    result = lr_cli("validate", str(path), plugins=("steps=lilla_ratten_steps.plugin",))
    assert result.exit_code == 0, result.stdout


# ---- a record without an id is named by what it holds ----

async def test_a_measurement_is_deleted_by_its_name_not_its_position(lr_host, lr_project, lr_app):
    """'Ta bort 1 ?' asked about a measurement: now 'Ta bort P2 vid R1?'."""
    path = lr_project(ROUNDS)
    async with lr_app(path, lr_host("steps=lilla_ratten_steps.plugin", lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "steps", "steps")
        await pilot.press("tab", "tab", "tab")  # the measurements
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert "Ta bort P2 vid R1?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    steps = read_project(path).project.ext["steps"]
    assert [(m["participant"], m["round"]) for m in steps["measurements"]] == [("P2", "R2"), ("P1", "R1")]


async def test_a_budget_line_a_mapping_rule_names_says_which_rule(lr_host, lr_project, lr_app):
    """'Regler för kontering (den första som passar gäller) 1 hänvisar till den.'"""
    path = lr_project(textwrap.dedent("""
        [ext.budget]
        version = 1

        [[ext.budget.lines]]
        id = "K1"
        name = "Personal"
        category = "staff"
        budget = 100000

        [[ext.budget.mapping]]
        accounts = ["5010", "5011"]
        line = "K1"
        """))
    async with lr_app(path, lr_host("budget=lilla_ratten_budget.plugin", lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "budget", "budget")
        await pilot.press("d")  # K1, the only line: nowhere to move the rule
        await pilot.pause()
        assert _said(app) == ["K1 tas inte bort: konto 5010, 5011 (Regler för kontering) hänvisar till den. Ändra den först."]
        assert not app.session.dirty


async def test_a_count_without_an_id_is_named_by_who_it_counts(lr_host, lr_project, lr_app):
    """An equality count has no id: its delete question names who it counts, in the user's words."""
    path = lr_project(textwrap.dedent("""
        [ext.equality]
        version = 1

        [[ext.equality.counts]]
        values = { gender = "woman" }
        count = 12
        """))
    async with lr_app(path, lr_host("equality=lilla_ratten_equality.plugin", lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "equality", "equality")
        await pilot.press("d")
        await pilot.pause()
        assert "Ta bort kön: kvinna, 12?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
    assert read_project(path).project.ext["equality"]["counts"] == [{"values": {"gender": "woman"}, "count": 12}]
