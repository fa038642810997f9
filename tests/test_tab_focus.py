"""Back on a tab, the keyboard is where it was and what it acts on is on screen (issue 28,
item 3: keys never surprise). The #28 walkthrough found the Steg tab scrolled to its grid
while the keyboard sat on the households' table above it: Enter opened a household nobody saw.
"""

from __future__ import annotations

import shutil
from datetime import date

from lilla_ratten.plugins.manager import PluginHost
from lilla_ratten.tui.app import LillaRattenApp
from lilla_ratten.tui.session import Session
from tests.conftest import SAMPLES

STEPS_TAB = "plugin-steps-steps"


def _open(tmp_path):
    path = tmp_path / "p.toml"
    shutil.copy(SAMPLES / "ingen-ska-lamnas-utanfor-2.toml", path)
    return LillaRattenApp(Session.open(path), PluginHost.load(), as_of=date(2024, 2, 29))


def _seen(widget) -> bool:
    """Some of the widget is inside the screen's visible region."""
    return widget.is_on_screen and bool(widget.screen.find_widget(widget).region.intersection(widget.screen.region).area)


async def test_back_on_a_tab_the_keyboard_is_where_it_was_and_on_screen(tmp_path):
    app = _open(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.show_tab(STEPS_TAB)
        await pilot.pause()
        await pilot.pause()
        grid = app.screen.query_one("StepsPane #grid")
        grid.focus()  # the grid, below the households and the participants
        await pilot.pause()
        assert _seen(grid)
        await pilot.press("2")  # to Mål, and back
        await pilot.pause()
        assert app.screen.project_tabs.tabbed.active != STEPS_TAB
        app.screen.show_tab(STEPS_TAB)
        await pilot.pause()
        await pilot.pause()
        assert app.focused is grid and _seen(grid)
        await pilot.press("enter")  # the grid's own edit mode, not a household's form
        await pilot.pause()
        assert type(app.screen).__name__ == "ProjectScreen"
        assert not app.session.dirty


async def test_a_tab_first_shown_focuses_its_first_list_in_view(tmp_path):
    app = _open(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4")  # milestones
        await pilot.pause()
        await pilot.pause()
        focused = app.focused
        assert type(focused).__name__ == "RowList" and _seen(focused)


async def test_the_digit_of_the_tab_shown_leaves_the_keyboard_where_it_is(tmp_path):
    app = _open(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await pilot.pause()
        table = app.focused
        await pilot.press("4")  # 4 again: nothing moves; d then asks about the list's record
        await pilot.pause()
        assert app.focused is table
        await pilot.press("d")
        await pilot.pause()
        bar = app.screen.query_one("#table-milestones").query_one("ListBar")
        assert bar.asking and bar.question.startswith("Delete M1 ")  # the sample's one milestone
        await pilot.press("n")
