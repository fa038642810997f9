"""The terminal app, driven with Pilot as a person would: keys in, screen and file checked."""

from __future__ import annotations

from datetime import date

import pytest

from lilla_ratten.plugins import hookimpl
from lilla_ratten.plugins.manager import PluginHost
from lilla_ratten.plugins.specs import Pane
from lilla_ratten.storage import read_project
from lilla_ratten.tui.app import LillaRattenApp
from lilla_ratten.tui.screens.changed_on_disk import ChangedOnDisk
from lilla_ratten.tui.screens.confirm import Confirm
from lilla_ratten.tui.screens.record_form import RecordForm
from lilla_ratten.tui.session import Session
from lilla_ratten.tui.widgets.record_table import RecordTable
from tests.conftest import MINIMAL

AS_OF = date(2023, 10, 11)
REPORT = """
[[status_reports]]
id = "SR1"
date = 2023-06-06
milestone = "M1"
time = "green"
cost = "green"
summary = "Kartläggningen är klar."
"""


def make_app(path, host=None, read_only=False) -> LillaRattenApp:
    return LillaRattenApp(Session.open(path, read_only=read_only), host, as_of=AS_OF)


def _lines(app) -> str:
    from rich.console import Console

    console = Console(width=app.size.width, record=True, color_system=None)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def sample_copy(tmp_path, name: str = "ingen-ska-lamnas-utanfor-2.toml"):
    """A bundled sample, copied where a test may change it."""
    from tests.conftest import SAMPLES

    path = tmp_path / "p.toml"
    path.write_bytes((SAMPLES / name).read_bytes())
    return path


def table(app, name) -> RecordTable:
    return app.screen.query_one(f"#table-{name}", RecordTable)


def rows(app, name) -> list[list[str]]:
    t = table(app, name).table
    return [[str(c) for c in t.get_row_at(i)] for i in range(t.row_count)]


async def test_overview_answers_where_we_stand(write):
    app = make_app(write(MINIMAL + REPORT))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = _lines(app)
        assert "Testprojekt" in text
        assert "Latest status report: SR1 2023-06-06: (+) green" in text
        assert "Milestone M2 Uppföljning is 10 days overdue" in text


async def test_first_frame_is_the_overview_and_the_tabs_follow(write, monkeypatch):
    from lilla_ratten.tui.screens.project_screen import ProjectScreen

    seen = {}
    build = ProjectScreen.build_tabs

    async def look_first(screen):
        # the moment after the first frame: what it showed, and a key pressed right then
        seen["text"] = _lines(screen.app)
        seen["tab bar"] = bool(screen.query("TabbedContent"))
        seen["frame shown"] = screen.app.first_frame_shown
        await screen.run_action("show_tab(3)")
        await build(screen)

    monkeypatch.setattr(ProjectScreen, "build_tabs", look_first)
    app = make_app(write(MINIMAL + REPORT))
    async with app.run_test(size=(80, 24)) as pilot:
        assert seen["frame shown"] and not seen["tab bar"]
        assert "Testprojekt" in seen["text"] and "Latest status report: SR1" in seen["text"]
        assert " Overview  Goals  Organisation  Milestones" in seen["text"]  # the tab titles, as text
        from textual.widgets import TabbedContent

        assert app.screen.query_one(TabbedContent).active == "milestones"  # the early key was kept
        assert not app.screen.query("#tab-titles") and len(app.screen.query("#summary")) == 1
        await pilot.press("1")
        await pilot.pause()
        assert "Latest status report: SR1" in _lines(app)


async def test_every_tab_can_be_reached_by_number(write):
    app = make_app(write(MINIMAL + REPORT))
    async with app.run_test(size=(80, 24)) as pilot:
        from textual.widgets import TabbedContent

        tabs = app.screen.query_one(TabbedContent)
        expected = ["overview", "goals", "organisation", "milestones", "activities", "reports", "decisions", "changes", "lessons"]
        seen = []
        for n, tab in enumerate(expected, start=1):
            await pilot.press(str(n))
            for _ in range(40):  # a pane is built when first shown: on a loaded machine a frame or two later
                if tabs.active == tab:
                    break
                await pilot.pause(0.05)
            seen.append(tabs.active)
        assert seen == expected
        assert rows(app, "milestones")[1][:3] == ["M2", "Uppföljning", "2023-10-01"]


async def test_add_a_milestone_mark_it_done_save_and_reopen(write):
    path = write(MINIMAL)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "a")
        assert isinstance(app.screen, RecordForm)
        await pilot.press(*"Slutrapport", "tab", *"2024-02-28", "ctrl+s")
        await pilot.pause()
        assert rows(app, "milestones")[2][:3] == ["M3", "Slutrapport", "2024-02-28"]
        assert "unsaved changes" in app.sub_title
        assert _lines(app).splitlines()[0].split()[1] == "●"  # on screen at 80 columns, before the name
        # open it again and set the done date
        await pilot.press("enter")  # the cursor is on the new row
        assert isinstance(app.screen, RecordForm)
        app.screen.query_one("#f-done").value = "2024-02-27"
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+s")  # save the file
        await pilot.pause()
        assert "unsaved changes" not in app.sub_title and "●" not in _lines(app).splitlines()[0]
    m3 = read_project(path).project.milestone("M3")
    assert (m3.title, m3.planned, m3.done) == ("Slutrapport", date(2024, 2, 28), date(2024, 2, 27))


async def test_form_explains_errors_and_will_not_save_them(write):
    path = write(MINIMAL)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "a", *"X", "tab", *"2024-13-01")
        await pilot.pause()
        problems = str(app.screen.query_one("#problems").render())
        assert "Planned date: expected a date like 2024-02-28" in problems
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, RecordForm)  # still open, nothing added
        await pilot.press("escape")
        assert len(app.session.project.milestones) == 2


async def test_duplicate_id_is_refused_in_the_form(write):
    app = make_app(write(MINIMAL))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "a")
        app.screen.query_one("#f-id").value = "M1"
        await pilot.press(*"Dubblett", "tab", *"2024-01-01")
        await pilot.pause()
        assert "Id: duplicate id M1" in str(app.screen.query_one("#problems").render())


async def test_write_a_status_report_then_send_it(write):
    path = write(MINIMAL + REPORT)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "n")
        form = app.screen
        assert isinstance(form, RecordForm)
        # pre-filled from what changed since SR1: M2 is overdue
        assert "Milestone M2 Uppföljning is 10 days past its planned date 2023-10-01" in form.query_one("#f-progress").text
        assert form.query_one("#f-id").value == "SR2"
        form.query_one("#f-summary").text = "Uppföljningen är försenad."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [r[0] for r in rows(app, "status_reports")] == ["SR1", "SR2"]
        await pilot.press("s")  # mark SR2, the new row, sent
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, RecordForm) and app.screen.read_only
        await pilot.press("escape", "d")
        assert not isinstance(app.screen, Confirm)  # a sent report is not deleted
    sr2 = read_project(path).project.status_report("SR2")
    assert sr2.sent == AS_OF and sr2.summary == "Uppföljningen är försenad."
    assert sr2.time.value == "yellow"


async def test_delete_asks_first_and_undo_brings_it_back(write):
    app = make_app(write(MINIMAL))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        depth = len(app.screen_stack)
        await pilot.press("d")
        # asked on the list's own title line, not in a dialog over the screen (issue 34)
        assert not isinstance(app.screen, Confirm)
        assert "Delete M1 Kartläggning klar?   y yes · n or Esc no" in _lines(app)
        await pilot.press("a", "5", "ctrl+z", "down", "o", "x", "h", "d")  # while asked, no other key acts
        await pilot.pause()
        assert app.screen.query_one("TabbedContent").active == "milestones"
        assert len(app.screen_stack) == depth  # no form, export dialog or history opened
        assert table(app, "milestones")._sort is None and len(app.session.project.milestones) == 2
        assert "Delete M1 Kartläggning klar?" in _lines(app)
        await pilot.press("n")
        await pilot.pause()
        assert len(app.session.project.milestones) == 2
        assert "Delete M1" not in _lines(app) and table(app, "milestones").table.has_focus
        for no in ("escape", "enter"):  # no too, as the dialog's focused No was; back on the list
            await pilot.press("d", no)
            assert len(app.session.project.milestones) == 2 and table(app, "milestones").table.has_focus
        await pilot.press("d", "y")
        assert [m.id for m in app.session.project.milestones] == ["M2"]
        await pilot.press("ctrl+z")
        assert [m.id for m in app.session.project.milestones] == ["M1", "M2"]


async def test_quit_with_unsaved_changes_asks(write):
    app = make_app(write(MINIMAL))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "d", "y", "ctrl+q")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        assert not isinstance(app.screen, Confirm) and app.is_running
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert app.return_code == 0 or app.return_code is None


async def test_file_changed_on_disk_offers_reload(write):
    path = write(MINIMAL)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        path.write_text(MINIMAL.replace("Uppföljning", "Uppföljning (från git pull)"), encoding="utf-8")
        app.check_disk()
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDisk)
        await pilot.click("#reload")
        await pilot.pause()
        assert app.session.project.milestones[1].title == "Uppföljning (från git pull)"


async def test_save_over_an_external_change_is_refused_until_chosen(write):
    path = write(MINIMAL)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "d", "y")
        theirs = MINIMAL.replace("Uppföljning", "Deras ändring")
        path.write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDisk)
        assert path.read_text(encoding="utf-8") == theirs  # not overwritten
        await pilot.click("#keep")
        await pilot.pause()
    assert [m.id for m in read_project(path).project.milestones] == ["M2"]


async def test_read_only_changes_nothing(write):
    path = write(MINIMAL)
    before = path.read_bytes()
    app = make_app(path, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.title.startswith("READ-ONLY · ")
        await pilot.press("4", "a", "d", "ctrl+s")
        assert not isinstance(app.screen, (RecordForm, Confirm))
        await pilot.press("enter")
        assert isinstance(app.screen, RecordForm) and app.screen.read_only
    assert path.read_bytes() == before


class _BrokenPane:
    @hookimpl
    def lr_tui_panes(self):
        def factory(context):
            raise RuntimeError("pane factory fails")

        return [Pane("broken", "Broken", factory)]


async def test_a_broken_plugin_pane_does_not_take_the_app_down(write):
    host = PluginHost.load(entry_points=False)
    host._register(_BrokenPane(), "brokenpane")
    app = make_app(write(MINIMAL), host)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("0")  # the plugin's tab: its factory runs now, and fails
        await pilot.pause()
        assert app.is_running
        assert [(f.plugin, f.hook) for f in host.failures] == [("brokenpane", "Pane.factory")]
        assert "This plugin's view failed and was switched off: RuntimeError: pane factory fails" in " ".join(_lines(app).split())
        await pilot.press("4")  # the app still answers keys
        assert rows(app, "milestones")[0][0] == "M1"


async def test_plugin_pane_is_shown(with_plugins, write):
    host = PluginHost.load()
    app = make_app(write(MINIMAL), host)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        from textual.widgets import TabbedContent

        tabs = app.screen.query_one(TabbedContent)
        tabs.active = "plugin-example-study_visits"
        await pilot.pause()
        await pilot.pause()
        assert "0 study visits" in _lines(app)


@pytest.mark.parametrize("lang, word", [("sv", "Översikt"), ("en", "Overview")])
def test_tab_titles_follow_the_language(lang, word):
    from lilla_ratten.i18n import _, set_language

    set_language(lang)
    assert _("Overview") == word


async def test_edit_project_details_and_budget(write):
    path = write(MINIMAL)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, RecordForm)
        app.screen.query_one("#f-end").value = "2023-01-01"
        await pilot.pause()
        assert "End: the end 2023-01-01 is before the start 2023-05-01" in str(app.screen.query_one("#problems").render())
        app.screen.query_one("#f-end").value = "2024-03-31"
        app.screen.query_one("#f-granted").value = "400 000"
        await pilot.press("ctrl+s")
        await pilot.press("b")
        app.screen.query_one("#f-total").value = "658944"
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
    project = read_project(path).project
    assert (project.project.end, project.project.granted, project.budget.total) == (date(2024, 3, 31), 400000, 658944)


async def test_timeline_axis_is_the_project_period(tmp_path):
    # seed 002's project has one milestone: the axis once ran 1962-2086 and its legend hid M1
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        text = _lines(app)
        axis = next(line for line in text.splitlines() if "2023-05-01" in line)
        assert axis.split()[0] == "2023-05-01" and axis.split()[-1] == "2024-02-29", axis
        m1 = next(line for line in text.splitlines() if line.startswith("M1┤"))
        assert "x" in m1 and "planned" not in text.split("Milestones: planned")[1]  # the point, no legend box


async def test_an_ended_projects_open_milestone_reads_not_recorded(write):
    # as the reports say: after the end a missing done date was not recorded, it is not "1 188 days late"
    path = write(MINIMAL)
    app = LillaRattenApp(Session.open(path), None, as_of=date(2026, 12, 2))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        late = [r[4] for r in rows(app, "milestones")]
    during = make_app(path)
    async with during.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert [r[4] for r in rows(during, "milestones")] == ["+4", "+10!"]
    assert late == ["+4", "not recorded"]


def _activities(n: int) -> str:
    owners = ("Anna", "Bertil", "Cecilia")
    return "".join(
        f'\n[[activities]]\nid = "A{i}"\ntitle = "Samtal {i} [utkast]"\nowner = "{owners[i % 3]}"\n'
        f'milestone = "{"M1" if i % 2 else "M2"}"\nstatus = "{"done" if i % 5 == 0 else "planned"}"\n'
        for i in range(1, n + 1)
    )


async def test_filter_matches_every_word_in_any_column_and_fills_the_whole_list(write):
    app = make_app(write(MINIMAL + _activities(300)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert len(rows(app, "activities")) == 300  # past the first screenful, a frame later
        assert rows(app, "activities")[0][1] == "Samtal 1 [utkast]"  # brackets shown as typed, not markup
        await pilot.press("/")  # the filter has the focus
        await pilot.press(*"bertil m2 DONE")  # owner, milestone and status words, any case
        await pilot.pause()
        found = rows(app, "activities")
        # owner Bertil: i % 3 == 1; M2: even; done: i % 5 == 0 -> i = 20, 50, 80, …
        assert [r[0] for r in found] == [f"A{i}" for i in range(1, 301) if i % 3 == 1 and i % 2 == 0 and i % 5 == 0]
        assert all("utkast" in r[1] for r in found)
        for _ in range(len("bertil m2 DONE")):
            await pilot.press("backspace")
        await pilot.pause()
        assert len(rows(app, "activities")) == 300  # emptied filter: the whole list again
        await pilot.press(*"utkast", "escape")  # Esc leaves the filter for the rows, not the project
        assert app.screen.focused is table(app, "activities").table
        assert app.screen.query_one("TabbedContent").active == "activities"


async def test_long_titles_are_cut_so_every_column_fits_at_80_columns(tmp_path):
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        lines = _lines(app).splitlines()
        header = next(line for line in lines if line.startswith(" Id  Activity"))
        assert header.rstrip().endswith("Status") and len(header.rstrip()) <= 80
        a1 = next(line for line in lines if line.startswith(" A1 "))
        assert "…" in a1 and a1.rstrip().endswith("done")
        assert rows(app, "activities")[0][1].startswith("Genomlysning av alla aktuella ärenden")  # whole in the row


def test_fit_widths_cuts_the_widest_first_and_never_below_the_floor():
    from lilla_ratten.tui.widgets.record_table import NARROWEST, fit_widths

    assert fit_widths([2, 70, 10, 8], 100) == [2, 70, 10, 8]  # room enough: as they are
    assert fit_widths([2, 70, 10, 8], 60) == [2, 32, 10, 8]  # 60 - 4 columns x 2 padding = 52
    assert fit_widths([40, 40, 5], 50) == [19, 20, 5]  # two as wide give way in turn
    assert fit_widths([30, 30, 30], 20) == [NARROWEST] * 3  # too narrow: the floor, then scroll


async def test_changes_kept_when_the_app_ended_are_offered_back(write):
    from lilla_ratten.tui.screens.unsaved_found import UnsavedFound
    from tests.conftest import left_unsaved

    path = write(MINIMAL)
    left_unsaved(path)  # an app on this file ended without a save or a "quit without saving"
    for choice, kept in (("escape", True), ("edit", True), ("discard", False)):
        again = make_app(path)
        async with again.run_test(size=(80, 24)) as pilot:
            assert isinstance(again.screen, UnsavedFound)
            assert "that were never saved were kept on" in _lines(again)
            if choice == "discard":
                await pilot.click("#discard")
            else:
                await pilot.press("escape")  # decide later: asked again next time
            await pilot.pause()
            assert not isinstance(again.screen, UnsavedFound) and not again.session.dirty
            if choice == "edit":  # changes of this session go to a copy of its own; quitting drops only that
                await pilot.press("4", "a", *"Annat", "tab", *"2024-01-15", "ctrl+s")
                await pilot.press("ctrl+q")
                await pilot.pause()
                await pilot.click("#yes")  # quit without saving
                await pilot.pause()
        found = Session.open(path).found
        assert (found is not None and 'title = "Slutrapport"' in found.text) is kept, choice
    assert read_project(path).project.milestone("M3") is None


async def test_bring_back_then_save(write):
    from tests.conftest import left_unsaved

    path = write(MINIMAL)
    left_unsaved(path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # "Bring them back" has the focus
        await pilot.pause()
        assert app.session.dirty and "●" in _lines(app).splitlines()[0]
        await pilot.press("4")
        await pilot.pause()
        assert rows(app, "milestones")[2][:2] == ["M3", "Slutrapport"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert read_project(path).project.milestone("M3").title == "Slutrapport"
    assert Session.open(path).found is None


async def test_brought_back_over_a_newer_file_is_never_saved_without_asking(write):
    from lilla_ratten.tui.screens.changed_on_disk import ChangedOnDisk
    from tests.conftest import left_unsaved

    path = write(MINIMAL)
    left_unsaved(path)
    path.write_text(MINIMAL.replace("Uppföljning", "Uppföljning (från git pull)"), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "The file has changed since then" in _lines(app)
        await pilot.click("#restore")
        await pilot.pause()
        app.check_disk()  # what the 2-second timer does
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDisk)
        assert app.screen.focused.id == "merge"  # Enter merges: nothing is thrown away
        await pilot.press("escape")  # decide later
        await pilot.pause()
        assert app.session.dirty and app.session.project.milestone("M3") is not None
        await pilot.press("ctrl+s")  # refused: it asks again
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDisk)
        await pilot.press("escape")
        await pilot.pause()
    assert "från git pull" in path.read_text(encoding="utf-8")  # the newer file is intact
    assert 'title = "Slutrapport"' in app.session.keeper.copy.read_text(encoding="utf-8")  # still kept


def test_every_field_of_every_form_has_a_label_in_both_languages():
    """The project details form showed project_owner, report_due, funder … and FinalReport's
    thirty fields by their names in the file, in Swedish too; and "Ansvarig" (who does an
    activity) for the project's beställare."""
    import attrs

    from lilla_ratten.i18n import get_language, set_language
    from lilla_ratten.model import Project
    from lilla_ratten.tui.collections import COLLECTIONS
    from lilla_ratten.tui.editing import SECTIONS
    from lilla_ratten.tui.fields import specs_for

    attrs.resolve_types(Project)
    types = {f.name: f.type for f in attrs.fields(Project)}
    classes = {c.cls for c in COLLECTIONS.values()} | {types[name] for name in SECTIONS}
    before = get_language()
    try:
        for lang in ("en", "sv"):
            set_language(lang)
            for cls in classes:
                for spec in specs_for(cls):
                    assert spec.label != spec.name and "_" not in spec.label, (lang, cls.__name__, spec.name)
        labels = {(cls.__name__, s.name): s.label for cls in classes for s in specs_for(cls)}
        assert labels["ProjectInfo", "owner"] == "Beställare" and labels["Activity", "owner"] == "Ansvarig"
        assert labels["ProjectInfo", "project_owner"] == "Projektägare" and labels["FinalReport", "method"] == "Åtgärd och metod"
    finally:
        set_language(before)


async def test_a_huge_window_is_laid_out_at_the_bound(tmp_path):
    """An SSH client chooses the size it reports: 65 535 × 65 535 grew the app to 888 MB in
    6 s. What the app lays out is bounded (benchmarks/huge_window.py measures the memory)."""
    from textual import events
    from textual.geometry import Size

    from lilla_ratten.tui.app_guards import MAX_SIZE

    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=(65535, 65535)) as pilot:
        assert app.size == MAX_SIZE and app.screen.size == MAX_SIZE
        app.post_message(events.Resize(Size(100, 30), Size(100, 30)))
        await pilot.pause()
        assert app.screen.size == Size(100, 30)  # an ordinary size is taken as it is
        app.post_message(events.Resize(Size(65535, 200), Size(65535, 200)))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.size == Size(MAX_SIZE.width, 200)
        await pilot.press("4")
        await pilot.pause()
        assert rows(app, "milestones")[0][0] == "M1"


async def test_footer_is_composed_again_only_when_its_keys_change(write):
    # Textual recomposed the footer each time the bindings were refreshed: the delete question
    # opening and closing cost most of `d` and `y` at any list length (issue 34)
    from textual.widgets._footer import FooterKey

    app = make_app(write(MINIMAL))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        before = {id(key): key.description for key in app.screen.query(FooterKey)}
        assert "Delete" in before.values()
        await pilot.press("d")  # the focus leaves the rows for the question, and comes back
        assert table(app, "milestones").query_one("ListBar").asking
        await pilot.press("n")
        await pilot.pause()
        after = {id(key): key.description for key in app.screen.query(FooterKey)}
        assert after == before  # the same keys, not composed again
        depth = len(app.screen_stack)
        await pilot.press("x")  # a dialog over the screen, and closed
        await pilot.pause()
        assert len(app.screen_stack) == depth + 1
        await pilot.press("escape")
        await pilot.pause()
        assert {id(key): key.description for key in app.screen.query(FooterKey)} == before
        assert "Delete" in footer_line(app)
        await pilot.press("1")  # the overview: no list, no delete key
        await pilot.pause()
        await pilot.pause()
        shown = [key.description for key in app.screen.query(FooterKey)]
        assert "Delete" not in shown and "Delete" not in footer_line(app)


def footer_line(app) -> str:
    from lilla_ratten.testing import screen_text
    return screen_text(app).rstrip("\n").splitlines()[-1]


async def test_disk_check_reads_the_file_only_when_it_moved(write, monkeypatch):
    # the check runs every 2 s on the app's thread; hashing a 9 MB file each time fell into the
    # frame of whatever key was pressed (issue 34)
    import os
    import time

    from lilla_ratten.tui import disk_changes

    reads = []
    real = disk_changes.digest_on_disk
    monkeypatch.setattr(disk_changes, "digest_on_disk", lambda app: reads.append(1) or real(app))
    path = write(MINIMAL)
    os.utime(path, (time.time() - 10, time.time() - 10))  # still for a while (a fresher file is read each time)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.check_disk()
        app.check_disk()
        app.check_disk()
        # not even once: the file's state when it was read vouches for the bytes read
        # (storage.files.file_state); the first check hashed 9 MB in some key's frame
        assert app.session.loaded.state is not None
        assert reads == [] and not isinstance(app.screen, ChangedOnDisk)
        changed = MINIMAL.replace("Uppföljning", "Uppföljnang")  # an edit of the same size
        assert len(changed.encode()) == len(MINIMAL.encode())
        path.write_text(changed, encoding="utf-8")
        app.check_disk()
        await pilot.pause()
        assert len(reads) == 1 and isinstance(app.screen, ChangedOnDisk)


async def test_disk_check_reads_a_file_written_just_before_it_was_read(write, monkeypatch):
    # a write in the same tick of the file system's clock could leave its times the same, so
    # a file younger than a second when read is hashed by the first check, once
    from lilla_ratten.tui import disk_changes

    reads = []
    real = disk_changes.digest_on_disk
    monkeypatch.setattr(disk_changes, "digest_on_disk", lambda app: reads.append(1) or real(app))
    path = write(MINIMAL)
    app = make_app(path)
    async with app.run_test(size=(80, 24)):
        assert app.session.loaded.state is None
        app.check_disk()
        assert reads == [1] and not isinstance(app.screen, ChangedOnDisk)


async def test_the_first_change_draws_the_header_line_not_the_whole_screen(tmp_path, monkeypatch):
    # Textual's App.title repaints the whole screen at a new title: the first change's
    # "● unsaved changes" drew every widget again in the first delete's frame (issue 34)
    from textual._compositor import Compositor

    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table(app, "activities").table.focus()
        await pilot.pause()
        full = []
        real = Compositor.render_full_update
        monkeypatch.setattr(Compositor, "render_full_update", lambda self, *a, **kw: full.append(1) or real(self, *a, **kw))
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.session.dirty and full == []
        monkeypatch.undo()
        assert _lines(app).splitlines()[0].split()[1] == "●"  # the header's line was drawn again


async def test_the_delete_question_fits_one_line_and_leaving_the_rows_is_no(tmp_path):
    # asked on the list's title line (widgets/list_bar.py): at 80 columns a long title is cut,
    # the answer keys never are; a click on the filter withdraws it; the record asked about
    # is the one deleted, wherever the list moved it meanwhile
    import attrs

    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        acts = table(app, "activities")
        acts.table.focus()
        await pilot.press("down", "down", "d")
        asked = app.session.project.activities[2]
        line = next(line for line in _lines(app).splitlines() if line.startswith(" Delete A3 "))
        assert line.rstrip().endswith("…   y yes · n or Esc no") and len(line) == 80
        await pilot.click(acts.query_one("Input"))
        await pilot.pause()
        assert not acts.query_one("ListBar").asking and "Delete A3" not in _lines(app)
        await pilot.press("y")  # typed into the filter now
        assert acts.query_one("Input").value == "y" and asked in app.session.project.activities
        await pilot.press("backspace", "escape")
        assert acts.table.has_focus
        await pilot.press("d")
        asked = app.session.project.activities[acts.table.cursor_key]
        assert acts.query_one("ListBar").question.startswith(f"Delete {asked.id} ")
        first = attrs.evolve(app.session.project.activities[0], id="A9", title="Ny först")
        app.session.change("a record put first", lambda p: p.activities.insert(0, first))
        await pilot.press("y")
        # the record asked about, not the one now at its place (A9 moved it down one)
        assert [a.id for a in app.session.project.activities] == ["A9"] + [a for a in ("A1", "A2", "A3") if a != asked.id]


@pytest.mark.parametrize("size", [(80, 24), (60, 15), "resized"])
async def test_a_long_list_keeps_its_title_and_question_in_sight(tmp_path, size, monkeypatch):
    # a list of 20 lines made the activity tab scroll at 80×24 to show its rows, its title line
    # out of sight: `d` asked there, and nothing seemed to happen. The list now fits under its
    # title and filter (55 % of the terminal's height); where it cannot (the smallest window),
    # asking scrolls the title line into sight
    import sys

    from lilla_ratten.storage import save_project

    from tests.conftest import SAMPLES

    sys.path.insert(0, str(SAMPLES.parent / "benchmarks"))
    from synthetic import project as synthetic

    path = tmp_path / "long.toml"
    save_project(synthetic(n_activities=300, n_milestones=10), path, expected_digest=None)
    app = make_app(path)
    async with app.run_test(size=(120, 40) if size == "resized" else size) as pilot:
        await pilot.press("5")
        await pilot.pause()
        acts = table(app, "activities")
        if size == "resized":  # a window made lower: its lists made shorter
            assert acts.table.styles.max_height.value == 20
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
        if size != (60, 15):
            assert _lines(app).splitlines()[3].strip() == "Activity plan"  # under the tabs, not scrolled away
        acts.table.focus()
        await pilot.press("down", "down", "down", "d")
        await pilot.pause()
        asked = app.session.project.activities[3].id
        assert any(line.startswith(f" Delete {asked} ") for line in _lines(app).splitlines())
        # the answer lays the screen out once (a list's height relative to the window did it twice)
        from textual.screen import Screen

        layouts = []
        real = Screen._refresh_layout
        monkeypatch.setattr(Screen, "_refresh_layout", lambda self, *a, **kw: layouts.append(1) or real(self, *a, **kw))
        await pilot.press("y")
        await pilot.pause()
        assert len(layouts) == 1 and asked not in [a.id for a in app.session.project.activities]
