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
from lilla_ratten.testing import show_plugin_tab
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
        assert "M1 is named by Activity plan A1. Move them to another record and delete M1?" in str(app.screen.query_one(".question").render())
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
        assert "F01 nämns av Deltagare F01-1" in str(app.screen.query_one(".question").render())
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
        [note] = [n for n in app._notifications if "Sparat, med varningar" in (n.title or "")]
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
