"""Project text is text: markup planted in every field of a project shows as written, on
every screen of the app and of the read-only review, and nothing it asks for runs.

The fields are found by walking the richest sample (plus a status report, a decision point,
a decision, a change and an indicator, which it lacks): every string the file holds, plugin
sections included, is planted unless planting it makes the file invalid (an id others refer
to, a choice from a list). A field added to the model or a plugin is planted without
changing this test.
"""

from __future__ import annotations

import functools
import subprocess
import tomllib
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
import tomli_w

from lilla_ratten.cli.common import check
from lilla_ratten.plugins.manager import PluginHost
from lilla_ratten.tui.app import LillaRattenApp
from lilla_ratten.tui.session import Session
from tests.conftest import SAMPLES

AS_OF = date(2024, 3, 1)
SIZE = (200, 60)
LINK = "[link='https://evil.example/x']länk[/link]"
# Planted in the names of the folder and the file too: a path on screen is text as well.
FOLDER = "[kr] mapp"


@pytest.fixture(autouse=True)
def forget_the_panes_imported_here():
    """A pane's key names are translated when its module is imported: the panes imported here
    (in English) are forgotten afterwards, so a later test in Swedish imports them in Swedish."""
    import sys

    before = set(sys.modules)
    yield
    for name in set(sys.modules) - before:
        if name.startswith("lilla_ratten_") and name.endswith(".pane"):
            del sys.modules[name]


def click(target: Path) -> str:
    return f"[@click=app.screenshot('pwned.svg','{target}')]KLICKA[/]"


def plant(target: Path) -> str:
    """What every field starts with: a closing tag, words in brackets, bold, a link, an action."""
    return f"[/] [kr] [b]x[/b] {LINK} {click(target)} "


# Records the sample does not have, so that their tables and forms are planted too.
MORE = """
[[indicators]]
id = "I1"
goal = "E1"
name = "Andel föräldrar i arbete"
method = "Registeruppgifter"
unit = "procent"

[[status_reports]]
id = "SR1"
date = 2023-10-02
milestone = "M1"
author = "Caroline"
time = "green"
overall = "yellow"
overall_reason = "Färre familjer än planerat"
summary = "Arbetet går enligt plan."
progress = "Tolv familjer har börjat."
next_steps = "Uppföljning i oktober."
risks = "Sjukskrivning."
requests = "Inga beslut."

[[decision_points]]
id = "B1"
planned = 2023-09-01
date = 2023-09-04
decision = "continue"
minutes = "Protokoll 3"
comment = "Fortsätt som planerat."

[[decisions]]
id = "D1"
date = 2023-09-04
text = "Styrgruppen beslutar att projektet fortsätter."
body = "Styrgruppen"
minutes = "Protokoll 3"
decision_point = "B1"

[[changes]]
id = "C1"
kind = "change"
text = "Målgruppen utökas."
status = "approved"
decision = "D1"
"""


def _leaves(data, path=()):
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, (*path, i))
    elif isinstance(data, str):
        yield path


def _set(data, path, value):
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def _problems(path: Path, data, host) -> set[str]:
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    _loaded, problems = check(path, host)
    return {p.path for p in problems}


@functools.cache
def plantable(host_key: str = "") -> tuple[dict, tuple[tuple, ...]]:
    """The base document and the paths of every string that can hold markup and stay valid.

    Fields are tried a kind at a time (``milestones.title`` for every milestone): about a
    hundred checks, not one for each of the ~700 strings.
    """
    import tempfile

    base = tomllib.loads((SAMPLES / "ingen-ska-lamnas-utanfor-2.toml").read_text(encoding="utf-8") + MORE)
    host = PluginHost.load()
    kinds: dict[tuple, list[tuple]] = defaultdict(list)
    for path in _leaves(base):
        kinds[tuple(step for step in path if isinstance(step, str))].append(path)
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "p.toml"
        known = _problems(file, base, host)
        good = []
        for paths in kinds.values():
            trial = tomllib.loads(tomli_w.dumps(base))
            for path in paths:
                _set(trial, path, "[kr] " + functools.reduce(lambda node, step: node[step], path, base))
            if _problems(file, trial, host) <= known:
                good += paths
    return base, tuple(good)


def planted_project(folder: Path, target: Path) -> tuple[Path, int]:
    """The sample with ``plant(target)`` before every plantable string; the file and how many."""
    base, paths = plantable()
    data = tomllib.loads(tomli_w.dumps(base))
    for path in paths:
        _set(data, path, plant(target) + functools.reduce(lambda node, step: node[step], path, base))
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / "[b]fet[kr] projekt.toml"
    file.write_text(tomli_w.dumps(data), encoding="utf-8")
    return file, len(paths)


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def planted(tmp_path, request):
    """A git repository holding the planted project, committed by a planted author with a
    planted message; and the folder the planted action would write into."""
    import shutil
    import tempfile

    # short, so that the whole action fits on a line of a form's text box
    target = Path(tempfile.mkdtemp(prefix="lr-"))
    request.addfinalizer(lambda: shutil.rmtree(target, ignore_errors=True))
    folder = tmp_path / FOLDER
    file, n = planted_project(folder, target)
    assert n > 140, n  # the walk found the fields (the LUM sample gives 150 plantable strings)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "-c", "user.name=[b]Eve[/b] [kr]", "-c", "user.email=eve@example.org", "add", ".")
    git(folder, "-c", "user.name=[b]Eve[/b] [kr]", "-c", "user.email=eve@example.org", "commit", "-q",
        "-m", f"{plant(target)}ändrat")
    return file, target


def toasts(app) -> str:
    """The notifications on screen, as their toasts draw them."""
    return "\n".join(toast.render().plain for toast in app.screen.query("Toast"))


def screen_text(app) -> str:
    from lilla_ratten.testing import screen_text as text

    return text(app)


def planted_in_form(app) -> bool:
    """Whether the record in the open form holds planted text (not every record has a text field)."""
    from textual.widgets import Input, TextArea

    values = [w.value for w in app.screen.query(Input)] + [w.text for w in app.screen.query(TextArea)]
    return any("KLICKA" in v for v in values) or "KLICKA" in getattr(app.screen, "title_text", "")


def assert_as_written(app, target: Path, where: str, *, whole: bool = True, required: bool = True) -> str:
    """The planted text is on screen as written; no part of it was read as markup."""
    text = screen_text(app)
    # an input shows the end of a long value (its cursor is there): the plant's end then
    assert not required or "[/] [kr] [b]x[/b]" in text or "')]KLICKA[/] " in text, f"{where}: the plant is not shown as written\n{text}"
    if whole:  # somewhere the whole plant, link and action included, is on one line
        assert f"[b]x[/b] {LINK} {click(target)}" in text, f"{where}: no whole plant on screen\n{text}"
    for line in text.splitlines():
        # a cut cell or a wrapped line may end anywhere, but no word is left without its markup
        assert line.count("länk") == line.count("/x']länk"), f"{where}: {line}"
        assert line.count("KLICKA") == line.count("')]KLICKA"), f"{where}: {line}"
    return text


def assert_tables_fit_their_text(app, where: str) -> None:
    """A column sized to its values is as wide as the widest (a cell measured as nothing
    left every column as narrow as its header)."""
    from rich.cells import cell_len
    from textual.widgets import DataTable

    for table in app.screen.query(DataTable):
        for key, column in table.columns.items():
            if not column.auto_width or table.row_count == 0:
                continue
            widest = max(cell_len(str(getattr(cell, "plain", cell))) for cell in table.get_column(key))
            assert column.content_width >= widest, f"{where}: column {column.label} is {column.content_width} < {widest}"


async def click_the_actions(pilot, target: Path, where: str) -> None:
    """Click every KLICKA on the screen: nothing runs, nothing is written. (A click may
    also do what a click there does, open a record's form: it is closed again.)"""
    screen = pilot.app.screen
    lines = screen_text(pilot.app).splitlines()
    for y in range(len(lines)):
        x = lines[y].find("KLICKA") if y < len(lines) else -1
        if x < 0:
            continue
        await pilot.click(offset=(x + 2, y))
        await pilot.pause()
        while pilot.app.screen is not screen and len(pilot.app.screen_stack) > 1:
            await pilot.press("escape")
            await pilot.pause()
        lines = screen_text(pilot.app).splitlines()
    assert list(target.iterdir()) == [], f"{where}: a click wrote {list(target.iterdir())}"


async def every_tab(pilot, target: Path, mode: str) -> None:
    """Every tab of the open project, each table's first record in its form, the section forms,
    the final report, the history, and a question naming a record."""
    from lilla_ratten.tui.screens.record_form import RecordForm
    from lilla_ratten.tui.widgets.record_table import RecordTable

    app = pilot.app
    project_screen = app.screen
    assert_as_written(app, target, f"{mode}: overview")
    await click_the_actions(pilot, target, f"{mode}: overview")
    tabs = project_screen.project_tabs
    panes = tabs.pane_ids()
    assert sum(p.startswith("plugin-") for p in panes) >= 3, panes  # budget, equality, steps
    for pane in panes[1:]:
        project_screen.show_tab(pane)
        await pilot.pause()
        await pilot.pause()
        shown = assert_as_written(app, target, f"{mode}: tab {pane}", whole=False)
        assert_tables_fit_their_text(app, f"{mode}: tab {pane}")
        await click_the_actions(pilot, target, f"{mode}: tab {pane}")
        for table in project_screen.query(RecordTable):
            if not table.display or table.table.row_count == 0 or not table.is_on_screen:
                continue
            table.table.focus()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, RecordForm), f"{mode}: {table.collection.attr}"
            assert_as_written(app, target, f"{mode}: form {table.collection.attr}", whole=False, required=planted_in_form(app))
            await click_the_actions(pilot, target, f"{mode}: form {table.collection.attr}")
            await pilot.press("escape")
            await pilot.pause()
        assert shown
    project_screen.show_tab("lessons")
    await pilot.pause()
    for key in ("e", "b", "i", "f"):  # the project's own tables, in their forms
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, RecordForm), key
        assert_as_written(app, target, f"{mode}: section form {key}", whole=False, required=planted_in_form(app))
        await pilot.press("escape")
        await pilot.pause()
    await pilot.press("r")  # the final report as it would be printed
    await pilot.pause()
    assert_as_written(app, target, f"{mode}: final report")
    await click_the_actions(pilot, target, f"{mode}: final report")
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("h")  # history: the commit's subject and author are git's text
    for _ in range(100):  # read in the background
        await pilot.pause(0.1)
        if "1 commits." in screen_text(app) or "[b]Eve[/b] [kr]" in screen_text(app):
            break
    text = assert_as_written(app, target, f"{mode}: history")
    assert "[b]Eve[/b] [kr]" in text
    await click_the_actions(pilot, target, f"{mode}: history")
    await pilot.press("escape")
    await pilot.pause()


async def test_planted_markup_shows_as_written_in_the_app_and_nothing_runs(planted):
    file, target = planted
    app = LillaRattenApp(Session.open(file), PluginHost.load(), as_of=AS_OF)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert screen_text(app).splitlines()[0].lstrip(" ⭘").startswith(f"[/] [kr] [b]x[/b] {LINK}")  # the name, in the header
        await every_tab(pilot, target, "app")
        project_screen = app.screen
        project_screen.show_tab("lessons")  # a question naming a record
        await pilot.pause()
        project_screen.query_one("#table-lessons").table.focus()
        await pilot.press("d")
        await pilot.pause()
        bar = project_screen.query_one("#table-lessons ListBar")
        assert bar.asking and app.screen is project_screen  # asked on the list's own line
        assert_as_written(app, target, "app: delete question", whole=False)
        assert "[/] [kr] [b]x[/b]" in bar.question
        await pilot.press("n")
        await pilot.pause()
        assert not bar.asking and len(app.session.project.lessons) >= 2
        app.notify(app.session.project.lessons[0].text)  # a toast (e.g. a plugin's) holding project text
        app.notify(app.session.project.lessons[0].text, title=app.session.project.lessons[1].text, markup=True)  # still text
        await pilot.pause(0.2)
        assert toasts(app).count(f"[b]x[/b] {LINK} {click(target)}") == 3
        await click_the_actions(pilot, target, "app: toasts")
        await pilot.press("x")  # export: the dialog names the project's file
        await pilot.pause()
        from textual.widgets import Input

        assert "[b]fet[kr] projekt-" in app.screen.query_one("#export-target", Input).value  # an Input holds text
        assert "Export the final report" in screen_text(app)
        await pilot.press("escape")
    assert app.return_code in (0, None)
    assert list(target.iterdir()) == []


async def test_planted_markup_in_the_review_portfolio_lessons_and_project(planted):
    from lilla_ratten.tui.screens.lessons_screen import LessonsScreen
    from lilla_ratten.tui.screens.project_screen import ProjectScreen

    file, target = planted
    app = LillaRattenApp(host=PluginHost.load(), folders=[str(file.parent)], as_of=AS_OF, read_only=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        text = assert_as_written(app, target, "review: portfolio", whole=False)
        assert "READ-ONLY" in text
        await click_the_actions(pilot, target, "review: portfolio")
        await pilot.press("x")  # no compilation is written in the review, and nothing crashes
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LessonsScreen)
        text = assert_as_written(app, target, "review: lessons")
        assert_tables_fit_their_text(app, "review: lessons")
        assert any(line.count("[/] [kr] [b]x[/b] [link='http") >= 2 for line in text.splitlines())  # project and lesson
        assert "READ-ONLY" in text
        await click_the_actions(pilot, target, "review: lessons")
        await pilot.press("escape")
        await pilot.pause()
        assert "READ-ONLY" in screen_text(app)  # the portfolio's header again, as it was
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert app.screen.project_tabs is not None
        await every_tab(pilot, target, "review")
        assert "READ-ONLY" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
    assert list(target.iterdir()) == []
    assert app.return_code in (0, None)


@pytest.mark.parametrize("name", ["[/] AB trasig markup", "BA [utkast] Stöd", "[link=https://evil.example]x", "[@click=app.quit]Q"])
async def test_a_markup_name_in_the_portfolio_does_not_stop_the_review(write, name):
    from tests.conftest import MINIMAL

    lesson = f'\n[[lessons]]\nid = "L1"\nkind = "success"\ntext = "{name} lärde oss något"\n'
    write(MINIMAL.replace('name = "Testprojekt"', f'name = "{name}"') + lesson)
    folder = str(write(MINIMAL, "other.toml").parent)
    app = LillaRattenApp(folders=[folder], as_of=AS_OF, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert name[:24] in screen_text(app)
        await pilot.press("l")
        await pilot.pause()
        assert name[:24] in screen_text(app)
    assert app.return_code in (0, None)


class _CarelessPane:
    """A plugin whose tab title and notification hold markup, and whose widget puts a
    project's text on screen as a ``str`` (the mistake ``context.plain`` is there to avoid)."""

    def __init__(self, target: Path) -> None:
        self.target = target

    from lilla_ratten.plugins import hookimpl

    @hookimpl
    def lr_tui_panes(self):
        from lilla_ratten.plugins.specs import Pane

        target = self.target

        def factory(context):
            from textual.widgets import Static

            context.notify(f"[b]Klart[/b] [kr] {LINK}")
            return Static(f"Careless {click(target)} {LINK}", id="careless")  # markup, as a careless plugin writes it

        return [Pane("careless", f"[b]Besök[/b] [kr] {LINK}", factory)]


async def test_what_a_plugin_hands_the_host_is_text_and_its_markup_runs_nothing(write, tmp_path):
    from tests.conftest import MINIMAL

    target = tmp_path / "pwned"
    target.mkdir()
    host = PluginHost.load(entry_points=False)
    host._register(_CarelessPane(target), "careless")
    app = LillaRattenApp(Session.open(write(MINIMAL)), host, as_of=AS_OF)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("0")
        await pilot.pause()
        await pilot.pause()
        await pilot.pause(0.2)
        text = screen_text(app)
        assert f"[b]Besök[/b] [kr] {LINK}" in text  # the tab's title, as the plugin wrote it
        notes = list(app._notifications)
        assert [(n.message, n.markup) for n in notes] == [(f"[b]Klart[/b] [kr] {LINK}", False)]  # its notification
        assert f"[b]Klart[/b] [kr] {LINK}" in toasts(app)
        # the careless widget's markup was read as markup (the plugin's own doing) …
        assert "Careless KLICKA länk" in text
        # … but clicking its action runs nothing, and its link never reaches the terminal
        careless = app.screen.query_one("#careless")
        await pilot.click(careless, offset=(12, 0))
        await pilot.pause()
        assert list(target.iterdir()) == []
        strips = careless.render_lines(careless.region.reset_offset)
        assert any(segment.style and segment.style.link for strip in strips for segment in strip)  # a link was there
        drawn = "".join(strip.render(app.console) for strip in strips)
        assert "\x1b]8;" not in drawn and "evil.example" not in drawn


async def test_a_crash_shows_a_short_message_and_keeps_the_details_without_locals(write, monkeypatch):
    """Anything that still fails shows two sentences, never a traceback with local variables."""
    from lilla_ratten.storage.unsaved import state_dir
    from lilla_ratten.tui.screens.lessons_screen import LessonsScreen

    from tests.conftest import MINIMAL

    def broken(self):
        secret = "HEMLIG projekttext"  # a local variable: Textual would print it
        raise RuntimeError("trasig " + secret[:6])

    monkeypatch.setattr(LessonsScreen, "on_mount", broken)
    folder = write(MINIMAL).parent
    app = LillaRattenApp(folders=[str(folder)], as_of=AS_OF)
    with pytest.raises(RuntimeError):  # run_test hands the error to the test, as Textual does
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            await pilot.pause()
    assert app.return_code == 1
    message, where = app.crash_report
    assert message.startswith("Lilla Ratten stopped because of an error in the program (RuntimeError).")
    assert "HEMLIG" not in message
    logged = Path(where)
    assert logged.parent == state_dir() / "crashes" and f"The details are in {where}." in message
    details = logged.read_text(encoding="utf-8")
    assert "RuntimeError: trasig HEMLIG" in details and "in broken" in details
    assert "projekttext" not in details  # the local variable's value is not in the log
    assert logged.stat().st_mode & 0o777 == 0o600


def test_in_the_review_a_crash_writes_nothing_in_the_home_and_says_where_the_details_are(tmp_path, monkeypatch):
    from lilla_ratten.storage.unsaved import state_dir
    from lilla_ratten.tui.crash import report

    monkeypatch.setenv("LILLA_RATTEN_STATE", str(tmp_path / "state"))
    try:
        raise KeyError("x")
    except KeyError as exc:
        message, where = report(exc, review=True)
    assert not state_dir().exists()
    assert "journalctl -t lilla-ratten" in message and "Unsaved" not in message
