"""The equality tab in the TUI: the protected tables, and the threshold changed and undone."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from lilla_ratten.storage import read_project
from lilla_ratten.testing import show_plugin_tab

SAMPLE = Path(__file__).resolve().parents[3] / "sample_projects" / "ingen-ska-lamnas-utanfor-2.toml"


def rows(table) -> list[list[str]]:
    return [[str(c).replace("\N{NO-BREAK SPACE}", " ") for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_equality_tab_shows_protected_tables_and_its_records_are_edited_in_the_declared_lists(tmp_path: Path, lr_app, lr_host):
    path = tmp_path / "p.toml"
    shutil.copy(SAMPLE, path)
    # the installed plugins, by their entry points: the steps plugin publishes the outcomes
    async with lr_app(path, lr_host(entry_points=True), size=(100, 40), as_of=date(2016, 3, 1)) as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "equality", "equality")
        pane = app.screen.query_one("EqualityPane")
        tables = list(pane.query_one("#body").query("DataTable"))
        assert rows(tables[0])[:2] == [["single parent", "16 (100 %)", "0 (0 %)", "16"], ["couple", "8 (50 %)", "8 (50 %)", "16"]]
        top = rows(tables[1])  # reached the top level, by gender
        assert top[0] == ["women", "–", "–", "24"] and top[-1] == ["Total", "6", "26", "32"]
        text = " ".join(str(s.render()) for s in pane.query("Static"))
        assert "All 16 in the group single parent are women" in text
        assert "4 cells are not shown (1 below 5, 3 more" in text

        assert not pane.query("Input") and not pane.query("#dim-add")  # one way to edit: the declared lists

        def listed(key):
            return next(t for t in app.screen.query("RecordTable") if t.collection.attr == key)

        listed("ext.equality").table.focus()  # the settings: one record, edited in the app's own form
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("1", "ctrl+s")  # the threshold: the first field, selected as it is focused
        await pilot.pause()
        assert "unsaved changes" in app.sub_title
        await pilot.pause()
        pane = app.screen.query_one("EqualityPane")
        assert "threshold): 1" in str(pane.query_one("#threshold").render())
        top = rows(list(pane.query_one("#body").query("DataTable"))[1])
        assert top[0][1] != "–"  # nothing under 1 to hide
        assert sum(int(r[1].split()[0]) for r in top[:2]) == 6

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "threshold): 5" in str(pane.query_one("#threshold").render())
        await pilot.press("ctrl+y")
        await pilot.pause()
        dims = listed("ext.equality.dimensions")
        dims.table.focus()
        await pilot.press("a")  # a dimension, in the app's form
        await pilot.pause()
        await pilot.press(*"Född i Sverige", "tab", *"i Sverige", "enter", *"utanför Sverige", "ctrl+s")  # the label: first empty
        await pilot.pause()
        assert [d.label for d in app.screen.query_one("EqualityPane")._section().dimensions][-1:] == ["Född i Sverige"]
        await pilot.press("d", "y")
        await pilot.pause()
        assert app.screen.query_one("EqualityPane")._section().dimensions == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(app.screen.query_one("EqualityPane")._section().dimensions) == 1
        await pilot.press("ctrl+z", "ctrl+s")  # the dimension not added after all; the threshold kept
        await pilot.pause()
    saved = read_project(path).project.ext["equality"]
    assert saved["threshold"] == 1 and saved.get("dimensions", []) == []


def test_the_pane_context_checks_a_store_as_the_app_does(tmp_path: Path, lr_host, lr_pane_context):
    """Through the test kit's pane context: a warning is stored and returned, an error refused."""
    import attrs

    from lilla_ratten.i18n import set_language

    set_language("en")  # the plugin translates its findings as it makes them
    path = tmp_path / "p.toml"
    shutil.copy(SAMPLE, path)
    context = lr_pane_context(path, lr_host("equality=lilla_ratten_equality.plugin", "steps=lilla_ratten_steps.plugin"))
    equality = context.section("equality")
    found = context.store("equality", attrs.evolve(equality, threshold=1), "threshold 1")
    assert [(f.severity.value, f.text()) for f in found] == [
        ("warning", "a threshold below 3 protects almost nobody; 5 is the usual minimum")]
    assert context.stored == ["threshold 1"] and context.section("equality").threshold == 1
    found = context.store("equality", attrs.evolve(equality, threshold="five"), "threshold five")
    assert [f.dotted_path() for f in found] == ["ext.equality.threshold"] and found[0].severity.value == "error"
    assert context.stored == ["threshold 1"] and context.section("equality").threshold == 1


async def test_counts_entered_with_the_pickers_reach_the_final_report(lr_host, lr_project, lr_app):
    """Two counts entered on the tab (gender from its picker), then r: the final report as it
    would be printed says 24 women and 8 men (it said "2 entries covering ? people")."""
    path = lr_project("[ext.equality]\nversion = 1\n")
    async with lr_app(path, lr_host("equality=lilla_ratten_equality.plugin", lang="sv"), size=(80, 24), lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "equality", "equality")
        for downs, n in ((1, "24"), (2, "8")):  # gender's picker: –, kvinna, man, annat kön
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("enter", *["down"] * downs, "enter", "tab", *n, "ctrl+s")
            await pilot.pause()
        await pilot.press("ctrl+s")  # the file
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "FinalReportView"
        shown = str(app.screen.query_one("#final-report").render()).replace("\N{NO-BREAK SPACE}", " ")
        assert "Deltagare: 24 kvinnor (75 %), 8 män (25 %); bas: 32 personer." in " ".join(shown.split())
        assert "?" not in shown[shown.index("R1 Representation"):]
    counts = read_project(path).project.ext["equality"]["counts"]
    assert counts == [{"values": {"gender": "woman"}, "count": 24}, {"values": {"gender": "man"}, "count": 8}]


async def test_a_persons_id_is_picked_from_the_participants(tmp_path: Path, lr_app, lr_host):
    """A person's id names a participant the steps plugin publishes: a picker of them, with the
    household, those already entered marked, a new one on the first without a record (it was a
    typed "P1", and P99 was refused only after typing). Without the steps plugin it is typed."""
    from textual.widgets import Input, Select

    path = tmp_path / "p.toml"
    text = SAMPLE.read_text(encoding="utf-8")
    for person in ('[[ext.equality.people]]\nid = "F01-1"\ngender = "woman"\n\n', '[[ext.equality.people]]\nid = "F01-2"\ngender = "man"\n\n'):
        assert person in text
        text = text.replace(person, "")
    path.write_text(text, encoding="utf-8")
    async with lr_app(path, lr_host(entry_points=True, lang="sv"), size=(80, 24), as_of=date(2024, 3, 1), lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "equality", "equality")
        next(t for t in app.screen.query("RecordTable") if t.collection.attr == "ext.equality.people").table.focus()
        await pilot.press("a")
        await pilot.pause()
        picker = app.screen.query_one("#f-id", Select)
        assert picker.value == "F01-1"  # the first participant without a record
        offered = {str(label): value for label, value in picker._options}
        assert offered["F01-2 (F01)"] == "F01-2"
        assert offered["F02-1 (F02; redan angiven)"] == "F02-1"
        assert not any("P1" in label for label in offered)
        await pilot.press("enter", "down", "enter")  # F01-2 instead
        await pilot.pause()
        assert picker.value == "F01-2"
        await pilot.press("tab", "enter", "down", "down", "enter", "ctrl+s")  # gender: man
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.session.dirty
    people = read_project(path).project.ext["equality"]["people"]
    assert people[-1] == {"id": "F01-2", "gender": "man"} and len(people) == 31

    async with lr_app(path, lr_host(entry_points=True, disabled=["steps"], lang="sv"), size=(80, 24), as_of=date(2024, 3, 1), lang="sv") as pilot:
        app = pilot.app
        await show_plugin_tab(pilot, "equality", "equality")
        next(t for t in app.screen.query("RecordTable") if t.collection.attr == "ext.equality.people").table.focus()
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.query_one("#f-id", Input).value == "P1"  # nobody publishes participants: typed
