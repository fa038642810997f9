"""Kontroller: the app shows what `validate` says (issue 28, item 5). A warning left to
validate (a household just added, before its participants) is not invisible in the app: the
screen opened from Ctrl+P or `v` lists it in validate's words, and Enter opens the record."""

from __future__ import annotations

from lilla_ratten.testing import screen_text, show_plugin_tab
from tests.test_calm_warnings import AS_OF, WITH_PARTICIPANT

STEPS_PLUGIN = "steps=lilla_ratten_steps.plugin"


async def test_a_household_without_participants_is_listed_as_validate_says_it_and_enter_opens_it(lr_host, lr_project, lr_app, lr_cli):
    path = lr_project(WITH_PARTICIPANT)
    async with lr_app(path, lr_host(STEPS_PLUGIN, lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "steps", "steps")
        await pilot.press("a")  # a new household, F02
        await pilot.pause()
        await pilot.press("ctrl+s", "ctrl+s")  # the form, then the file
        await pilot.pause()
        assert not app.session.dirty
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "ChecksScreen"
        text = screen_text(app)
        assert "Varningar" in text and "har inga deltagare" in text, text
        shown = screen.findings_text()
        assert shown == ["Hushåll F02, Id: hushållet F02 har inga deltagare [steps]"], shown
        out = lr_cli("validate", str(path), plugins=[STEPS_PLUGIN], lang="sv").stdout
        said = [line.split(": ", 3)[-1] for line in out.splitlines()]  # file:line: varning: path: what
        assert said == [shown[0].split(": ", 1)[1]], (out, shown)  # the same words, the place named as the app names it
        await pilot.press("enter")  # the first finding has the cursor
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "RecordForm" and form.record.id == "F02", (type(form).__name__, getattr(form, "record", None))
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ProjectScreen"


async def test_a_clean_project_has_none_and_esc_closes(lr_project, lr_app, lr_cli):
    path = lr_project()
    out = lr_cli("validate", str(path), "--as-of", AS_OF.isoformat()).stdout
    assert out.strip().endswith("no problems"), out
    async with lr_app(path, size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await pilot.press("v")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChecksScreen"
        assert "Inga fel eller varningar." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ProjectScreen"


async def test_the_command_palette_opens_it(lr_project, lr_app):
    path = lr_project()
    async with lr_app(path, size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Kontrollera projektet")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChecksScreen"


def test_validate_and_the_screen_find_the_same(lr_project, lr_host):
    """One function builds the list: validate's findings beyond reading the file are the screen's."""
    from lilla_ratten.cli.common import check
    from lilla_ratten.plugins.project_checks import project_findings
    from lilla_ratten.storage import read_project

    path = lr_project(WITH_PARTICIPANT + '\n[[ext.steps.households]]\nid = "F02"\n')
    host = lr_host(STEPS_PLUGIN)
    _loaded, problems = check(path, host, AS_OF)
    found = project_findings(read_project(path).project, host, AS_OF)
    assert sorted(p.message for p in problems) == sorted(f.text() for f in found)
    assert any("F02" in f.text() for f in found)
