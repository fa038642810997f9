"""Long lists in the app: only what is on screen is drawn, the cursor keeps its record,
a change computes only what it changed, undo and the unsaved copy share the records."""

from __future__ import annotations

from lilla_ratten.tui.screens.record_form import RecordForm
from lilla_ratten.tui.widgets.row_list import RowList
from tests.test_tui import _activities, _lines, make_app, rows, table
from tests.conftest import MINIMAL


async def test_a_key_draws_only_the_lines_on_screen(write, monkeypatch):
    app = make_app(write(MINIMAL + _activities(3000)))
    drawn = []
    line = RowList._line
    monkeypatch.setattr(RowList, "_line", lambda self, cells, style: drawn.append(cells) or line(self, cells, style))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert len(rows(app, "activities")) == 3000
        drawn.clear()
        await pilot.press("/", "2")  # 1 200 and more rows still match
        await pilot.pause()
        assert len(rows(app, "activities")) > 1000
        assert 0 < len(drawn) <= 3 * 30  # a screenful (a frame or two), not the list
        assert "A2 " in _lines(app)


async def test_the_cursor_keeps_its_record_through_sort_and_filter(write):
    app = make_app(write(MINIMAL + _activities(40)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("down", "down", "down")  # A4
        t = table(app, "activities")
        assert t.table.get_row_at(t.table.cursor_row)[0] == "A4"
        for _ in range(2):  # by id, then by title: A4 moves, the cursor with it
            await pilot.press("o")
            await pilot.pause()
            assert t.table.get_row_at(t.table.cursor_row)[0] == "A4"
        assert [r[0] for r in rows(app, "activities")][:3] == ["A1", "A10", "A11"]  # by title, as text
        await pilot.press("/", *"bertil")  # A4 is Bertil's: still under the cursor
        await pilot.pause()
        assert t.table.get_row_at(t.table.cursor_row)[0] == "A4"
        assert all(r[3] == "Bertil" for r in rows(app, "activities"))
        await pilot.press("enter")  # from the filter to the rows; Enter again opens A4
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm) and "Activity plan: A4" in _lines(app)


async def test_a_renamed_milestone_shows_in_the_activities_that_name_it(write):
    from lilla_ratten.tui import editing

    app = make_app(write(MINIMAL + _activities(6)))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert {r[5] for r in rows(app, "activities")} == {"M1", "M2"}
        m1 = app.session.project.milestones[0]
        import attrs

        editing.apply_record(app, "milestones", 0, attrs.evolve(m1, id="M9"), "M1")
        await pilot.pause()
        assert {r[5] for r in rows(app, "activities")} == {"M9", "M2"}
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert {r[5] for r in rows(app, "activities")} == {"M1", "M2"}
        assert app.session.project.milestones[0].id == "M1"


async def test_delete_and_undo_keep_every_other_record_and_the_unsaved_copy_follows(write):
    app = make_app(write(MINIMAL + _activities(200)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        before = list(app.session.project.activities)
        await pilot.press("down", "d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [r[0] for r in rows(app, "activities")][:3] == ["A1", "A3", "A4"]
        assert table(app, "activities").table.get_row_at(table(app, "activities").table.cursor_row)[0] == "A3"
        app.session.wait_kept()
        kept = app.session.keeper.copy.read_text(encoding="utf-8")
        assert 'id = "A2"' not in kept and 'id = "A3"' in kept
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.project.activities == before
        assert all(a is b for a, b in zip(app.session.project.activities, before))  # shared, not copied
        assert [r[0] for r in rows(app, "activities")][:3] == ["A1", "A2", "A3"]
        app.session.wait_kept()  # back at the file as saved: nothing unsaved, no copy left behind
        assert not app.session.dirty and app.session.keeper.copy is None
