"""Keys typed fast after the key that opens a form go into the form, not to the list behind it.

A terminal delivers a burst of keys at once (a fast typist, a paste of keystrokes, tmux
send-keys): before, the keys after ``a`` reached the list while the form was still being
built — ``i`` there opened the Implementation form and the rest were lost.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TabbedContent

from lilla_ratten.tui.screens.record_form import RecordForm
from tests.conftest import MINIMAL
from tests.test_tui import make_app


def _burst(app, text: str) -> None:
    """Post the keys as a terminal delivers a burst: all queued before any is handled."""
    from textual.keys import _character_to_key

    for ch in text:
        app.post_message(events.Key(_character_to_key(ch), ch))


async def test_a_burst_of_keys_after_a_goes_into_the_new_form(write):
    app = make_app(write(MINIMAL))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")  # the milestones
        await pilot.pause()
        _burst(app, "ahalvtid i maj")
        for _ in range(10):
            await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["ProjectScreen", "RecordForm"]  # nothing else opened
        assert form.query_one("#f-title").value == "halvtid i maj"
        assert app._held_keys is None  # nothing left held


# a refused `a` (every decision point there already) gives its held keys back at once:
# tests/test_walkthrough_fixes.py presses `n` right after it and gets its form


async def test_keys_are_given_back_when_no_form_opens(write):
    app = make_app(write(MINIMAL))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        app.hold_keys()  # as the key that opens a form does, but no form comes
        _burst(app, "5")
        await pilot.pause(app.HOLD_SECONDS + 0.3)
        await pilot.pause()
        assert app._held_keys is None
        assert app.screen.query_one(TabbedContent).active == "activities"  # the held 5 was given back



async def test_a_burst_after_n_goes_into_the_new_status_report(write):
    app = make_app(write(MINIMAL))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        _burst(app, "nhalvtid")
        for _ in range(10):
            await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["ProjectScreen", "RecordForm"]
        focused = app.screen.focused
        assert (getattr(focused, "value", None) or getattr(focused, "text", "")).endswith("halvtid")


async def test_a_burst_while_the_new_project_form_opens_goes_into_it(write, tmp_path, monkeypatch):
    from lilla_ratten.storage import read_project
    from lilla_ratten.tui.new_project_flow import ask_new_project
    from lilla_ratten.tui.screens.new_project import NewProject

    monkeypatch.chdir(tmp_path)  # the file asked for is relative to the current folder
    app = make_app(write(MINIMAL))
    async with app.run_test(size=(80, 24)) as pilot:
        ask_new_project(app, None)  # as Ctrl+P "Nytt projekt…" does
        _burst(app, "nytt.toml")  # `n` on the project behind would start a status report
        for _ in range(10):
            await pilot.pause()
        assert isinstance(app.screen, NewProject)
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["ProjectScreen", "NewProject"]
        assert app.screen.query_one("#file").value == "nytt.toml" and app._held_keys is None
        await pilot.press("tab", *"Burst", "enter")
        await pilot.pause()
    assert read_project(tmp_path / "nytt.toml").project.project.name == "Burst"


async def test_a_burst_after_ctrl_d_goes_into_the_git_set_up_form(tmp_path, monkeypatch):
    import shutil

    from lilla_ratten.tui.screens.git_setup import GitSetup
    from tests.test_merge_driver import SAMPLE, git

    empty = tmp_path / "gitconfig"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))  # no identity: Ctrl+D asks for it
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    repo = tmp_path / "mitt"
    git(tmp_path, "init", "-q", str(repo))
    path = repo / "projekt.toml"
    shutil.copy(SAMPLE, path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(events.Key("ctrl+d", None))
        _burst(app, "Cecilia")  # `e` and `i` on the project would open forms, `a` add a record
        for _ in range(10):
            await pilot.pause()
        assert isinstance(app.screen, GitSetup)
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["ProjectScreen", "GitSetup"]
        assert app.screen.query_one("#git-name").value == "Cecilia" and app._held_keys is None
        assert not app.session.dirty
