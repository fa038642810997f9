"""A mapping whose keys and values a plugin declares is picked, not typed (issue 28).

An equality count is "kön: kvinna, ålder: 30-49" picked from the project's words, written
as ``values = { gender = "woman", age = "30-49" }``; a third party's plugin gets the same by
declaring ``RecordList(mappings=…)``. Each flow is keys at 80×24 and the file written.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

from textual.widgets import Select

from lilla_ratten.storage import read_project
from lilla_ratten.testing import screen_text, show_plugin_tab
from lilla_ratten.tui.screens.record_form import KEEP_AFTER
from lilla_ratten.tui.widgets.mapping_picker import MappingPicker

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2023, 12, 1)
EQUALITY = "equality=lilla_ratten_equality.plugin"
AGE = """
[ext.equality]
version = 1

[[ext.equality.dimensions]]
id = "age"
label = "ålder"
categories = ["18-29", "30-49", "50+"]
"""


def _equality(path: Path) -> dict:
    return read_project(path).project.ext["equality"]


def _picks(app, field: str) -> list:
    """What each picker of the open form's mapping field shows as chosen."""
    picker = app.screen.query_one(f"#f-{field}", MappingPicker)
    return [None if s.value is Select.NULL else s.value for s in picker.query(Select)]


async def test_a_count_is_picked_in_swedish_and_written_with_the_files_own_words(lr_host, lr_project, lr_app):
    path = lr_project(AGE)
    async with lr_app(path, lr_host(EQUALITY, lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "equality", "equality")
        assert "Jämställdhet" in screen_text(app)
        await pilot.press("a")  # on the counts, the tab's first list
        await pilot.pause()
        text = screen_text(app)
        assert "Vilka som räknas" in text and "kön" in text and "ålder" in text
        assert "gender = woman" not in text  # nothing to type in English
        await pilot.press("enter", "down", "enter")  # kön: – → kvinna
        await pilot.press("tab", "enter", "down", "down", "enter")  # ålder: – → 18-29 → 30-49
        await pilot.pause()
        assert _picks(app, "values") == ["woman", "30-49"]
        assert "kvinna" in screen_text(app)
        await pilot.press("tab", *"24")
        await pilot.pause()
        assert app.screen.errors == []
        await pilot.press("ctrl+s")  # the form
        await pilot.pause()
        assert "kön: kvinna, ålder: 30-49" in screen_text(app)  # the table in the user's words
        await pilot.press("ctrl+s")  # the file
        await pilot.pause()
        assert not app.session.dirty
    assert _equality(path)["counts"] == [{"values": {"gender": "woman", "age": "30-49"}, "count": 24}]


async def test_nothing_picked_is_refused_and_undo_takes_a_count_back(lr_host, lr_project, lr_app):
    path = lr_project(AGE)
    async with lr_app(path, lr_host(EQUALITY, lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "equality", "equality")
        await pilot.press("a", "tab", "tab", *"5")  # past both pickers, none picked
        await pilot.pause()
        assert app.screen.errors == ["Vilka som räknas: obligatoriskt"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "RecordForm"  # not taken
        await pilot.press("shift+tab", "enter", "up", "enter")  # ålder: – → 50+ (the list goes round)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "ålder: 50+" in screen_text(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "ålder: 50+" not in screen_text(app) and not app.session.dirty


async def test_editing_a_count_shows_its_picks_and_keeps_them_until_changed(lr_host, lr_project, lr_app):
    path = lr_project(AGE + '\n[[ext.equality.counts]]\nvalues = { age = "18-29", gender = "man" }\ncount = 7\n')
    async with lr_app(path, lr_host(EQUALITY, lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "equality", "equality")
        assert "ålder: 18-29, kön: man" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert _picks(app, "values") == ["man", "18-29"]  # kön first, as the pickers are listed
        text = screen_text(app)
        assert "man" in text and "18-29" in text
        app.screen.query_one("#f-count").focus()
        await pilot.press("backspace", "8", "ctrl+s", "ctrl+s")  # only the number changed
        await pilot.pause()
        assert _equality(path)["counts"] == [{"values": {"age": "18-29", "gender": "man"}, "count": 8}]  # the picks as they were
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter", "up", "enter")  # kön: man → kvinna
        await pilot.press("tab", "enter", "up", "enter")  # ålder: 18-29 → – (not by age any more)
        await pilot.pause()
        assert _picks(app, "values") == ["woman", None]
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert "kön: kvinna" in screen_text(app)
    assert _equality(path)["counts"] == [{"values": {"gender": "woman"}, "count": 8}]


async def test_a_person_gets_a_picker_for_each_dimension_of_the_project(lr_host, lr_project, lr_app):
    path = lr_project(AGE + '\n[[ext.equality.people]]\nid = "P1"\ngender = "woman"\n')
    async with lr_app(path, lr_host(EQUALITY, lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "equality", "equality")
        for _ in range(2):  # counts → dimensions → people
            await pilot.press("tab")
        await pilot.press("enter")
        await pilot.pause()
        assert "Andra dimensioner" in screen_text(app)
        picker = app.screen.query_one("#f-attributes", MappingPicker)
        picker.focus()
        await pilot.press("enter", "down", "enter")  # ålder: 18-29
        await pilot.pause()
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert "ålder: 18-29" in screen_text(app)
    assert _equality(path)["people"] == [{"id": "P1", "gender": "woman", "attributes": {"age": "18-29"}}]


async def test_with_no_dimensions_a_person_says_there_is_nothing_to_choose(lr_host, lr_project, lr_app):
    path = lr_project('[ext.equality]\nversion = 1\n\n[[ext.equality.people]]\nid = "P1"\n')
    async with lr_app(path, lr_host(EQUALITY, lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "equality", "equality")
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()
        assert "inget att välja bland ännu" in screen_text(app)
        assert app.screen.errors == []


async def test_picks_are_kept_as_they_are_made_and_come_back_after_a_kill(lr_host, lr_project, lr_app, tmp_path, monkeypatch):
    path = lr_project(AGE)
    host = lr_host(EQUALITY, lang="sv")
    async with lr_app(path, host, size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        await show_plugin_tab(pilot, "equality", "equality")
        await pilot.press("a", "enter", "down", "down", "enter", "tab", "enter", "down", "enter")  # man, 18-29
        await pilot.pause(KEEP_AFTER + 0.3)
        pilot.app.session.wait_kept()
        state = Path(os.environ["LILLA_RATTEN_STATE"])
        kept = [json.loads(f.read_text(encoding="utf-8")) for f in state.glob("*.form.json")]
        assert [k["fields"]["values"] for k in kept] == [{"gender": "man", "age": "18-29"}]
        left = tmp_path / "left"
        shutil.copytree(state, left)
        monkeypatch.setenv("LILLA_RATTEN_STATE", str(left))
    async with lr_app(path, host, size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await pilot.pause()
        assert "Återställ formuläret du skrev i?" in str(app.screen.query_one(".question").render())
        await pilot.press("enter")
        await pilot.pause()
        assert _picks(app, "values") == ["man", "18-29"]
        app.screen.query_one("#f-count").focus()
        await pilot.press(*"3", "ctrl+s", "ctrl+s")
        await pilot.pause()
    assert _equality(path)["counts"] == [{"values": {"gender": "man", "age": "18-29"}, "count": 3}]


async def test_a_third_party_plugin_gets_pickers_by_declaring_its_keys(lr_install, lr_host, lr_project, lr_app):
    lr_install(ROOT / "tests" / "groups_plugin")
    host = lr_host(entry_points=True, disabled=["budget", "steps", "equality"])
    path = lr_project('[ext.groups]\nversion = 1\n\n[[ext.groups.places]]\nid = "S1"\nname = "Skarpnäck"\n')
    async with lr_app(path, host, size=(80, 24), as_of=AS_OF) as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "groups", "groups")
        await pilot.press("tab", "a")  # from the places to the groups
        await pilot.pause()
        text = screen_text(app)
        assert "Age band" in text and "Place" in text and "Interpreter" in text
        await pilot.press(*"Unga vuxna")  # the first empty field: the name
        await pilot.press("tab", "enter", "down", "down", "enter")  # age band: 20–24 years
        await pilot.press("tab", "enter", "down", "enter")  # place: Skarpnäck, one of the project's places
        await pilot.press("tab", "enter", "down", "enter")  # interpreter: yes
        await pilot.pause()
        assert app.screen.errors == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Age band: 20–24 years, Place: Skarpnäck" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    groups = read_project(path).project.ext["groups"]["groups"]
    assert groups == [{"id": "G1", "name": "Unga vuxna", "who": {"age": "20-24", "place": "S1"}, "extra": {"interpreter": "yes"}}]


async def test_a_failing_vocabulary_leaves_the_field_typed_and_switches_the_plugin_off(lr_host, lr_project, lr_app):
    from lilla_ratten.tui import record_lists
    from lilla_ratten.tui.collections import find

    path = lr_project(AGE)
    host = lr_host(EQUALITY)
    collection = find("ext.equality.counts", host)

    def broken(section):
        raise RuntimeError("no dimensions today")

    import attrs

    broken_list = attrs.evolve(collection, mappings={"values": broken})
    async with lr_app(path, host, size=(80, 24), as_of=AS_OF) as pilot:
        specs = {s.name: s for s in record_lists.form_specs(broken_list, pilot.app.session.project, host)}
        assert specs["values"].kind == "mapping"  # typed, as if nothing were declared
        assert any(f.plugin == "equality" and "RecordList.mappings" in f.hook for f in host.failures)


async def test_markup_in_a_dimension_is_shown_as_text(lr_host, lr_project, lr_app):
    label, first, second = "[/]ålder [kr]", "[@click=app.quit]18-29", "[b]30+[/b]"
    path = lr_project(f"""
        [ext.equality]
        version = 1

        [[ext.equality.dimensions]]
        id = "age"
        label = "{label}"
        categories = ["{first}", "{second}"]

        [[ext.equality.counts]]
        values = {{ age = "{first}" }}
        count = 9
        """)
    async with lr_app(path, lr_host(EQUALITY, lang="sv"), size=(100, 30), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "equality", "equality")
        assert f"{label}: {first}" in screen_text(app)  # the table
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert label in text and first in text
        await pilot.press("tab", "enter")  # ålder's picker open: every category as written
        await pilot.pause()
        assert second in screen_text(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert _picks(app, "values") == [None, second]
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert app.is_running  # the planted action did not run
    assert _equality(path)["counts"][0]["values"] == {"age": second}


async def test_a_dimension_is_declared_in_the_app_and_offered_at_once(lr_host, lr_project, lr_app):
    """Its categories are required (marked *, said in the form's words); once stored, a count picks them."""
    path = lr_project("[ext.equality]\nversion = 1\n")
    async with lr_app(path, lr_host(EQUALITY, lang="sv"), size=(80, 24), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "equality", "equality")
        await pilot.press("tab", "a", *"ålder")  # to the dimensions; the label, the first empty field
        await pilot.pause()
        assert next(s for s in app.screen.specs if s.name == "categories").required  # marked * (wrapped at 80 columns)
        assert app.screen.errors == ["Kategorier (en per rad): obligatoriskt"]
        await pilot.press("tab", *"18-29", "enter", *"30+", "ctrl+s")
        await pilot.pause()
        await pilot.press("shift+tab", "a")  # back to the counts
        await pilot.pause()
        await pilot.press("tab", "enter", "up", "enter", "tab", *"4", "ctrl+s")  # kön –, ålder: 30+ (the list goes round)
        await pilot.pause()
        assert "ålder: 30+" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    equality = _equality(path)
    assert equality["dimensions"] == [{"id": "D1", "label": "ålder", "categories": ["18-29", "30+"]}]
    assert equality["counts"] == [{"values": {"D1": "30+"}, "count": 4}]


def test_two_lists_with_a_mapping_field_of_one_name_keep_their_own_keys(lr_host, lr_project):
    """The keys are remembered per section, field and declaration: one list's never given to another."""
    from lilla_ratten.api import MappingKey
    from lilla_ratten.storage import read_project
    from lilla_ratten.tui.vocabularies import keys_of
    from lilla_ratten_equality.section import EqualitySection

    host = lr_host(EQUALITY)
    project = read_project(lr_project(AGE)).project

    def first(section):
        return [MappingKey("a", "A", ("1",))]

    def second(section):
        return [MappingKey(d.id, d.label, tuple(d.categories)) for d in section.dimensions]

    one = keys_of(host, project, "equality", EqualitySection, "equality", "who", first)
    two = keys_of(host, project, "equality", EqualitySection, "equality", "who", second)
    assert [k.key for k in one] == ["a"] and [k.key for k in two] == ["age"]
    assert two[0].values == (("18-29", "18-29"), ("30-49", "30-49"), ("50+", "50+"))
