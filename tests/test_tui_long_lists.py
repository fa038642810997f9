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


async def test_a_table_shown_change_by_change_equals_one_shown_afresh(write):
    """The incremental show (rows kept by identity, widths kept as counts, the cursor's record
    followed) against a table that shows the same list from nothing, after random changes:
    replaced, deleted, inserted, moved, wide and long titles, undone to an older list."""
    import operator
    import random

    from lilla_ratten.tui.widgets.record_table import RecordTable

    app = make_app(write(MINIMAL + _activities(60)))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        live = table(app, "activities")
        await pilot.press("down", "down", "down")
        fresh = RecordTable("activities", id="afresh")
        await live.parent.mount(fresh)
        await pilot.pause()
        project = app.session.project
        rng = random.Random(34)
        history = []
        for step in range(120):
            what, acts = _changed(project.activities, rng, step, history,
                                  ["replace", "delete", "insert", "move", "wide", "long", "old", "same"])
            current = live.table.cursor_key
            record = project.activities[current] if current is not None else None
            project.activities = acts
            live.show(project, app.as_of)
            fresh._items, fresh._known, fresh._rows, fresh._widths = None, {}, [], []
            fresh.show(project, app.as_of)
            assert live._rows == fresh._rows, (step, what)
            assert live._natural == fresh._natural, (step, what)
            assert list(live.table._shown) == list(range(len(acts)))
            # the kept items, brought up to date in place, are the list's items, one by one
            assert len(live._items) == len(acts) and all(map(operator.is_, live._items, acts)), (step, what)
            if record is not None and any(a is record for a in acts):  # the cursor stayed with its record
                assert project.activities[live.table.cursor_key] is record, (step, what)
            if step % 10 == 0:  # the filter's and the sort's kept state follow the changes too
                live._filter = "samtal 1"
                live._fill(live.table.cursor_key)
                assert [live._rows[k] for k in live.table._shown] == [
                    r for r in fresh._rows if all(w in "\t".join(r).casefold() for w in ("samtal", "1"))]
                live._filter = ""
                live._fill(live.table.cursor_key)


async def test_a_hidden_view_is_drawn_when_its_tab_is_shown_not_at_each_change(write, monkeypatch):
    """A delete on the activity tab does not rebuild the overview (1.7 s of 1.9 at 50 000
    activities); the overview shows the change when it is shown."""
    from lilla_ratten.reports import summary

    app = make_app(write(MINIMAL + _activities(10)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        built = []
        real = summary.build
        monkeypatch.setattr(summary, "build", lambda *a, **k: built.append(1) or real(*a, **k))
        t = table(app, "activities")
        t.table.focus()
        for _ in range(9):  # A1 … A9 (A10 stays): M1's activities all gone
            await pilot.press("d")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
        assert [r[0] for r in rows(app, "activities")] == ["A10"]
        assert built == []
        await pilot.press("1")
        await pilot.pause()
        assert built == [1]
        assert "M2 Uppföljning: 1/1" in _lines(app) and "M1 Kartläggning klar:" not in _lines(app)
        await pilot.press("5")  # the list, unchanged meanwhile, is not drawn again
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert built == [1]


async def test_a_list_changed_while_its_tab_is_hidden_shows_the_change_when_shown(write):
    import attrs

    from lilla_ratten.tui import editing

    app = make_app(write(MINIMAL + _activities(6)))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        before = table(app, "activities").shown_generation
        await pilot.press("4")  # the milestones; the activity list is hidden now
        await pilot.pause()
        m1 = app.session.project.milestones[0]
        editing.apply_record(app, "milestones", 0, attrs.evolve(m1, id="M9"), "M1")
        await pilot.pause()
        assert table(app, "activities").shown_generation == before  # not drawn while hidden
        await pilot.press("5")
        await pilot.pause()
        assert {r[5] for r in rows(app, "activities")} == {"M9", "M2"}


async def test_a_sorted_filtered_table_follows_each_change_as_one_shown_afresh(write):
    """With a filter and a sort on, a change brings the filter's rows and the sort order up to
    date (_splice_orders) instead of filtering and sorting every row again (half of a delete's
    key at 50 000 rows, issue 34): the rows shown, in order, equal a table shown from nothing."""
    import random

    from lilla_ratten.tui.widgets.record_table import RecordTable

    app = make_app(write(MINIMAL + _activities(80)))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        live = table(app, "activities")
        fresh = RecordTable("activities", id="afresh")
        await live.parent.mount(fresh)
        await pilot.pause()
        project = app.session.project
        rng = random.Random(35)
        history = []
        for step in range(150):
            if step % 25 == 0:  # another filter and sort now and then, kept while the list changes
                live._filter = rng.choice(["samtal", "samtal 1", "1", "", "ny"])
                live._sort = rng.choice([None, 0, 1, 2])
                live._fill(live.table.cursor_key)
            what, acts = _changed(project.activities, rng, step, history,
                                  ["replace", "delete", "insert", "move", "same-title", "old"])
            project.activities = acts
            live.show(project, app.as_of)
            fresh._items, fresh._known, fresh._rows, fresh._widths = None, {}, [], []
            fresh._filter, fresh._sort, fresh._folded = live._filter, live._sort, None
            fresh._orders, fresh._matches, fresh._sort_keys = {}, {}, {}
            fresh.show(project, app.as_of)
            assert [live._rows[k] for k in live.table._shown] == [fresh._rows[k] for k in fresh.table._shown], (step, what)
            if live._sort is not None:
                assert live._orders[live._sort] == fresh._orders[live._sort], (step, what)


async def test_a_long_lists_rows_are_folded_for_the_filter_after_its_frame(write):
    # the first key typed in the filter folded every row (20 ms of its frame at 50 000 rows):
    # a list of 2 000 rows or more is folded a step at a time after its frame instead
    app = make_app(write(MINIMAL + _activities(3000)))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("5")
        acts = table(app, "activities")
        for _ in range(20):
            await pilot.pause()
            if acts._folded is not None:
                break
        assert acts._folded == ["\t".join(row).casefold() for row in acts._rows]
        acts.query_one("Input").focus()
        await pilot.press(*"samtal 12")
        await pilot.pause()
        shown = [acts._rows[k] for k in acts.table._shown]
        assert shown and all("samtal" in "\t".join(r).casefold() and "12" in "\t".join(r) for r in shown)


def _changed(records: list, rng, step: int, history: list, kinds: list[str]) -> tuple[str, list]:
    """One change of a list as the app makes one: a new list, its records replaced, never edited."""
    import attrs

    acts = list(records)
    history.append(acts)
    what = rng.choice(kinds)
    i = rng.randrange(len(acts))
    if what == "replace":
        acts[i] = attrs.evolve(acts[i], title=f"Ny titel {step}")
    elif what == "delete" and len(acts) > 2:
        del acts[i]
    elif what == "insert":
        acts.insert(i, attrs.evolve(acts[i], id=f"B{step}", title=rng.choice(["Infogad", "Samtal 1", "ny"])))
    elif what == "move":
        acts.insert(rng.randrange(len(acts)), acts.pop(i))
    elif what == "wide":
        acts[i] = attrs.evolve(acts[i], owner="東京の担当者" * rng.randint(1, 3))
    elif what == "long":
        acts[i] = attrs.evolve(acts[i], title="Lång " * rng.randint(1, 30))
    elif what == "same-title":  # ties in a sort: kept in the file's order, as sorted() keeps them
        acts[i] = attrs.evolve(acts[i], title=acts[0].title)
    elif what == "old":
        acts = list(rng.choice(history))
    return what, acts
