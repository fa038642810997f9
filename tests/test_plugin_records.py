"""Records a plugin declares are edited by the app, as its own lists are: keys only, then the file.

Each flow is a person at the keyboard: the tab, `a` or Enter, the form, Ctrl+S in the form and
Ctrl+S to save; the assertions are on the file written. The third party's plugin is installed
as a user's is (``lr_install``) and declares types only.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from lilla_ratten.storage import read_project
from lilla_ratten.testing import screen_text, show_plugin_tab

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2023, 12, 1)


def _ext(path: Path, name: str) -> dict:
    return read_project(path).project.ext[name]


def _flat(text: str) -> str:
    """Amounts are grouped with no-break spaces: compared as plain ones."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


async def _typed(pilot, text: str) -> None:
    await pilot.press(*text)


async def test_a_third_party_plugin_gets_tables_and_forms_by_declaring_types(lr_install, lr_host, lr_project, lr_app):
    lr_install(ROOT / "tests" / "visits_plugin")
    host = lr_host(entry_points=True, disabled=["budget", "steps", "equality"])
    path = lr_project(textwrap.dedent("""
        [ext.visits]
        version = 1

        [[ext.visits.hosts]]
        id = "H1"
        name = "Solna stad"
        """))
    async with lr_app(path, host, size=(80, 24), as_of=AS_OF) as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "visits", "visits")  # a tab the app made: the plugin has no pane
        assert "Study visits" in screen_text(app)
        await pilot.press("tab", "a")  # from the hosts to the visits, and a new one
        await pilot.pause()
        assert "New: Study visits" in screen_text(app)
        await _typed(pilot, "2030-01-01")  # the first empty field: the date; outside the period
        await pilot.pause()
        assert "visit V1 is outside the project period" in screen_text(app)  # the plugin's check, as you type
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "New: Study visits" in screen_text(app)  # not taken
        await pilot.press(*["backspace"] * 10)
        await _typed(pilot, "2023-09-14")
        await pilot.press("tab", "enter", "down", "enter")  # Where: Solna → Skarpnäck
        await pilot.press("tab", "enter", "down", "enter")  # host: – → H1, picked from the hosts
        await pilot.pause()
        assert "outside the project period" not in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "unsaved changes" in app.sub_title
        await pilot.press("ctrl+s")
        await pilot.pause()
    visits = _ext(path, "visits")["visits"]
    assert visits == [{"id": "V1", "date": date(2023, 9, 14), "place": "Skarpnäck", "host": "H1"}]


BUDGET = textwrap.dedent("""
    [ext.budget]
    version = 1

    [[ext.budget.lines]]
    id = "K1"
    budget = 600000
    category = "staff"
    name = "Personalkostnader"
    """)


async def test_budget_lines_income_and_grant_are_entered_in_the_app(lr_host, lr_project, lr_app):
    path = lr_project(BUDGET)
    async with lr_app(path, lr_host("budget=lilla_ratten_budget.plugin"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "budget", "budget")
        await pilot.press("a")  # a budget line
        await pilot.pause()
        await _typed(pilot, "Lokaler")  # the name: the first empty field
        await pilot.press("tab", "enter", "down", "down", "enter")  # category: Staff → Premises
        await pilot.press("tab")
        await _typed(pilot, "12000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("tab", "a")  # income
        await pilot.pause()
        await _typed(pilot, "Egen insats")  # the name: the kind has a first choice already
        await pilot.press("tab")
        await _typed(pilot, "258 944")
        await pilot.press("shift+tab", "shift+tab", "enter", "down", "enter")  # kind: grant → own contribution
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("tab", "enter")  # the grant: one record, edited
        await pilot.pause()
        await _typed(pilot, "Socialförvaltningen")  # the funder: the first field
        await pilot.press("tab")
        await _typed(pilot, "400000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "unsaved changes" not in app.sub_title
    budget = _ext(path, "budget")
    assert budget["lines"][1] == {"id": "K2", "name": "Lokaler", "category": "premises", "budget": 12000}
    assert budget["income"] == [{"id": "I1", "kind": "own", "name": "Egen insats", "amount": 258944}]
    assert budget["grant"]["funder"] == "Socialförvaltningen" and budget["grant"]["granted"] == 400000


STEPS = textwrap.dedent("""
    [ext.steps]
    version = 1

    [[ext.steps.households]]
    id = "F01"
    composition = "single"
    minor_children = 2

    [[ext.steps.rounds]]
    id = "R1"
    date = 2023-06-01
    label = "Nulägesmätning"
    kind = "baseline"
    """)


async def test_a_participant_and_a_measurement_are_entered_in_the_app(lr_host, lr_project, lr_app):
    path = lr_project(STEPS)
    async with lr_app(path, lr_host("steps=lilla_ratten_steps.plugin"), size=(80, 24), as_of=AS_OF) as pilot:
        await show_plugin_tab(pilot, "steps", "steps")
        await pilot.press("tab", "a")  # participants: household is picked from the households
        await pilot.pause()
        await pilot.press("ctrl+s")  # P1, in F01 (the only household), a parent
        await pilot.pause()
        await pilot.press("tab", "tab", "a")  # past the rounds to the measurements
        await pilot.pause()
        await _typed(pilot, "2")  # the level: participant P1 and round R1 are picked already
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    steps = _ext(path, "steps")
    assert steps["participants"] == [{"id": "P1", "household": "F01"}]
    assert steps["measurements"] == [{"participant": "P1", "round": "R1", "level": 2}]


async def test_a_household_others_name_is_not_deleted_and_its_renaming_follows(lr_host, lr_project, lr_app):
    path = lr_project(STEPS + textwrap.dedent("""
        [[ext.steps.participants]]
        id = "F01-1"
        household = "F01"
        """))
    async with lr_app(path, lr_host("steps=lilla_ratten_steps.plugin"), size=(80, 24), as_of=AS_OF) as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "steps", "steps")
        await pilot.press("d")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["F01 is not deleted: F01-1 (Participants) names it. Change it first."]
        assert not app.session.dirty
        await pilot.press("enter")  # the household's form: its id is the first field
        await pilot.pause()
        await _typed(pilot, "F07")  # the id is selected when the field is focused: typing replaces it
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    steps = _ext(path, "steps")
    assert [h["id"] for h in steps["households"]] == ["F07"]
    assert steps["participants"] == [{"id": "F01-1", "household": "F07"}]


async def test_a_duplicate_id_is_flagged_in_the_form_as_you_type(lr_host, lr_project, lr_app):
    path = lr_project(BUDGET)
    async with lr_app(path, lr_host("budget=lilla_ratten_budget.plugin"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "budget", "budget")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("shift+tab")  # back to the id, K2, selected
        await _typed(pilot, "K1")  # which the first line has
        await pilot.pause()
        assert "Id: id:t K1 används två gånger: post 1 i samma lista har det redan" in app.screen.errors
        assert "K1 används två gånger" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
    assert len(_ext(path, "budget")["lines"]) == 1


async def test_equality_counts_of_women_and_men_are_entered_and_undone(lr_host, lr_project, lr_app):
    path = lr_project("[ext.equality]\nversion = 1\n")
    async with lr_app(path, lr_host("equality=lilla_ratten_equality.plugin"), size=(80, 24), as_of=AS_OF) as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "equality", "equality")
        for downs, n in ((1, "24"), (2, "8"), (3, "1")):  # gender: – woman, man, other gender
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("enter", *["down"] * downs, "enter")  # the first field: gender's picker
            await pilot.press("tab")
            await _typed(pilot, n)
            await pilot.press("ctrl+s")
            await pilot.pause()
        await pilot.press("ctrl+z")  # the third was a slip
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "unsaved changes" not in app.sub_title
    counts = _ext(path, "equality")["counts"]
    assert counts == [{"values": {"gender": "woman"}, "count": 24}, {"values": {"gender": "man"}, "count": 8}]


async def test_a_wrong_value_in_a_plugin_form_is_refused_with_the_plugins_message(lr_host, lr_project, lr_app):
    """A value the file holds that the plugin does not allow: kept, visible in its picker, and the
    message names what is allowed in the user's words."""
    path = lr_project("[ext.equality]\nversion = 1\n\n[[ext.equality.counts]]\nvalues = { gender = \"kvinna\" }\ncount = 3\n")
    async with lr_app(path, lr_host("equality=lilla_ratten_equality.plugin", lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "equality", "equality")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.errors == ['Vilka som räknas: "kvinna" är inte tillåtet här; välj ett av: kvinna (woman), man, annat kön (other)']
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.session.dirty
        assert "kvinna (inte i listan)" in screen_text(app)
        await pilot.press("enter", "up", "up", "up", "enter")  # the picker offers the words: kvinna is woman
        await pilot.pause()
        assert app.screen.errors == []
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
    assert _ext(path, "equality")["counts"] == [{"values": {"gender": "woman"}, "count": 3}]


async def test_ctrl_p_finds_the_plugins_tabs_and_says_no_matches_in_swedish(lr_host, lr_project, lr_app):
    path = lr_project(BUDGET)
    async with lr_app(path, lr_host("budget=lilla_ratten_budget.plugin"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await pilot.press("ctrl+p")
        await pilot.pause()
        await _typed(pilot, "Gå till: Budget")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.project_tabs.tabbed.active == "plugin-budget-budget"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await _typed(pilot, "qxzqxz")
        await pilot.pause(0.8)
        assert "Inga träffar" in screen_text(app)


async def test_one_budget_truth_overview_and_budget_tab_show_the_same_figures(lr_host, lr_project, lr_app):
    path = lr_project("[budget]\ntotal = 500000\noutcome = 12000\n\n[ext.budget]\nversion = 1\n")
    after = date(2024, 3, 1)  # a typed outcome is the final figure: known from the project's end
    async with lr_app(path, lr_host("budget=lilla_ratten_budget.plugin"), size=(100, 40), as_of=after, lang="sv") as pilot:
        app = pilot.app
        assert "12 000 kr / 500 000 kr" in _flat(screen_text(app))  # the overview
        await show_plugin_tab(pilot, "budget", "budget")
        totals = _flat(str(app.screen.query_one("BudgetPane #totals").render()))
        assert "500 000 kr" in totals and "12 000 kr" in totals  # the same figures, not "0 kr, utfall ofullständigt"
        await pilot.press("a")  # with lines, the lines are the figures: on the overview as on the tab
        await pilot.pause()
        await _typed(pilot, "Personal")
        await pilot.press("tab", "tab")
        await _typed(pilot, "500000")
        await pilot.press("tab")
        await _typed(pilot, "20000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        totals = _flat(str(app.screen.query_one("BudgetPane #totals").render()))
        assert "500 000 kr" in totals and "20 000 kr" in totals
        app.screen.show_tab("overview")
        await pilot.pause()
        assert "20 000 kr / 500 000 kr" in _flat(screen_text(app))


async def test_a_new_measurement_offers_the_next_participant_and_round_without_one(lr_host, lr_project, lr_app):
    """`a` after `a`: every participant at the first round, then the next round — not the pair
    just entered again (which the form would refuse as a second measurement of it)."""
    path = lr_project(STEPS + textwrap.dedent("""
        [[ext.steps.rounds]]
        id = "R2"
        date = 2023-11-01
        label = "Uppföljning"

        [[ext.steps.participants]]
        id = "P1"
        household = "F01"

        [[ext.steps.participants]]
        id = "P2"
        household = "F01"
        """))
    async with lr_app(path, lr_host("steps=lilla_ratten_steps.plugin"), size=(80, 24), as_of=AS_OF) as pilot:
        await show_plugin_tab(pilot, "steps", "steps")
        await pilot.press("tab", "tab", "tab")  # past participants and rounds to the measurements
        for level in "1023":
            await pilot.press("a")
            await pilot.pause()
            await _typed(pilot, level)
            await pilot.press("ctrl+s")
            await pilot.pause()
        await pilot.press("a")  # every pair has one: the first is offered, and the form says it is taken
        await pilot.pause()
        assert "P1 (F01" in screen_text(pilot.app) and "R1 Nulägesmätning" in screen_text(pilot.app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    steps = _ext(path, "steps")
    assert [(m["participant"], m["round"], m["level"]) for m in steps["measurements"]] == [
        ("P1", "R1", 1), ("P2", "R1", 0), ("P1", "R2", 2), ("P2", "R2", 3)]
