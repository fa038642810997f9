"""What the keyboard-only walkthrough of issue 28 ran into, each kept fixed."""

from __future__ import annotations

from datetime import date

from lilla_ratten.testing import show_plugin_tab

AS_OF = date(2023, 12, 1)


async def test_a_participant_before_any_household_opens_a_form_that_says_what_to_do(lr_host, lr_project, lr_app):
    """Was a crash (EmptySelectError): the household picker had nothing to offer and could not be blank."""
    path = lr_project("\n[ext.steps]\nversion = 1\n")
    async with lr_app(path, lr_host("steps=lilla_ratten_steps.plugin", lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "steps", "steps")
        participants = next(t for t in app.screen.query("RecordTable") if t.collection.attr == "ext.steps.participants")
        participants.table.focus()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "RecordForm"
        assert "Hushåll: obligatoriskt (lägg först till en i dess lista)" in form.errors
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ProjectScreen" and not app.session.dirty


async def test_a_new_project_s_decision_points_new_report_milestone_and_indicator_values(tmp_path):
    """`a` on the decision points proposed B5 (refused by the form itself); a new status report's
    milestone was typed, not picked; an indicator's 0 and 10 showed as 0.0 and 10.0."""
    from textual.widgets import Select

    from lilla_ratten.testing import run_cli, screen_text
    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.session import Session

    path = tmp_path / "ny.toml"
    assert run_cli("new", path, "--name", "Nytt projekt").exit_code == 0
    with path.open("a", encoding="utf-8") as f:
        f.write('\n[[effect_goals]]\nid = "E1"\ntext = "Fler i arbete"\n\n[[indicators]]\nid = "I1"\ngoal = "E1"\n'
                'name = "Hushåll"\nbaseline = 0\ntarget = 10.0\n')
    app = LillaRattenApp(Session.open(path), as_of=date.today())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("7", "a")  # the decision points: B0–B4 are there already
        await pilot.pause()
        assert type(app.screen).__name__ == "ProjectScreen"
        assert [n.message for n in app._notifications][-1].startswith("The project has every decision point of the model")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen.query_one("#f-milestone"), Select)  # picked from the milestones
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        shown = screen_text(app)
        assert "Hushåll" in shown and "10.0" not in shown and "0.0" not in shown


async def test_the_project_type_is_picked_from_the_types_the_app_knows(lr_host, lr_project, lr_app):
    """It was a free text field: nothing told a user that "lum" gives the LUM form."""
    from textual.widgets import Select

    path = lr_project()
    async with lr_app(path, lr_host(), size=(80, 24), as_of=AS_OF) as pilot:
        await pilot.press("e")
        await pilot.pause()
        picker = pilot.app.screen.query_one("#f-type", Select)
        values = [value for _label, value in picker._options]
        assert "lum" in values and "lansstyrelsen" in values


async def test_the_errors_stay_in_sight_at_80x24_while_the_last_field_is_typed_in(tmp_path):
    """The list of problems scrolled away with the form's top: at the comment field it was 8 lines above the screen."""
    from lilla_ratten.testing import MINIMAL_PROJECT
    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.session import Session

    path = tmp_path / "p.toml"
    path.write_text(MINIMAL_PROJECT, encoding="utf-8")
    app = LillaRattenApp(Session.open(path), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "a")  # a new activity: the title is still missing
        await pilot.pause()
        form = app.screen
        form.query_one("#f-comment").focus()  # the last field, at the bottom of a form taller than the screen
        await pilot.pause()
        await pilot.pause()
        problems, fields = form.query_one("#problems"), form.query_one("#form")
        assert form.errors == ["Title: required"]
        assert problems.region.height and fields.region.contains_region(problems.region)
        await pilot.press(*"x")  # nothing to say: the band takes no line
        form.query_one("#f-title").focus()
        await pilot.press(*"Hembesök")
        await pilot.pause()
        assert not form.errors and not problems.display
