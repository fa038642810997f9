"""The history screen (h) on long histories, with Pilot and real git (issue 34, D4 and D5):
"since the meeting" comes while the log is still being read, keys scroll the list at 80×24
to the last entry, and git's text is shown as text."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from textual.widgets import OptionList

from lilla_ratten.tui.app import LillaRattenApp
from lilla_ratten.tui.screens.history_screen import AHEAD, HistoryScreen
from lilla_ratten.tui.session import Session
from tests.conftest import SAMPLES
from tests.test_tui import _lines

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed on this machine")

SAMPLE = SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml"
START = 1230000000  # 2008-12-23; one commit every 10 minutes
TITLE = 'title = "Samtliga intervjuer klara"'  # milestone M2's


def day(i: int) -> dt.date:
    return dt.datetime.fromtimestamp(START + i * 600, dt.timezone(dt.timedelta(hours=1))).date()


def make_repo(where: Path, n: int, meeting_at: int | None = None, subject=lambda i: f"version {i}") -> Path:
    """``n`` commits made by ``git fast-import`` (quick at thousands), each retitling milestone
    M2 "M2 version i"; with ``meeting_at``, status report SR1 is sent with that commit."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(where)], check=True)
    sample = SAMPLE.read_text(encoding="utf-8")
    assert TITLE in sample
    report = ""
    if meeting_at is not None:
        sent = day(meeting_at)
        report = (f'\n[[status_reports]]\nid = "SR1"\ndate = {sent}\nmilestone = "M1"\ntime = "green"\n'
                  f'cost = "green"\nsummary = "Lägesrapport till styrgruppen."\nsent = {sent}\n')
    stream = bytearray()
    for i in range(n):
        text = sample if meeting_at is None or i < meeting_at else sample.rstrip("\n") + "\n" + report
        data = text.replace(TITLE, f'title = "M2 version {i}"', 1).encode("utf-8")
        msg = subject(i).encode("utf-8")
        who = [b"Anna", b"Bertil", b"Cecilia"][i % 3]
        stream += b"blob\nmark :%d\ndata %d\n" % (2 * i + 1, len(data)) + data + b"\n"
        stream += b"commit refs/heads/main\nmark :%d\n" % (2 * i + 2)
        stream += b"author %s <x@example.org> %d +0100\ncommitter %s <x@example.org> %d +0100\n" % (who, START + i * 600, who, START + i * 600)
        stream += b"data %d\n" % len(msg) + msg + b"\n"
        if i:
            stream += b"from :%d\n" % (2 * i)
        stream += b"M 100644 :%d projekt.toml\n\n" % (2 * i + 1)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=where, input=bytes(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=where, check=True)
    return where / "projekt.toml"


def make_app(path: Path) -> LillaRattenApp:
    return LillaRattenApp(Session.open(path), as_of=dt.date(2009, 4, 1))


async def until(pilot, condition, seconds: float = 60.0) -> None:
    """Let the app run until ``condition()`` (a test that waits on a thread; not a timing)."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("did not happen")


def since_text(screen: HistoryScreen) -> str:
    entries = screen.query_one("#history-entries", OptionList)
    return str(entries.get_option_at_index(0).prompt)


async def test_since_the_meeting_shows_while_a_long_log_is_still_being_read(tmp_path):
    n = 2000
    path = make_repo(tmp_path / "repo", n, meeting_at=1000)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await until(pilot, lambda: "Since the last steering-group meeting (" in since_text(screen))
        # the meeting: SR1 sent with commit 1000; since then M2 was retitled, last by commit 1999's author
        assert f"Since the last steering-group meeting ({day(1000)}):" in since_text(screen)
        assert "milestone M2, title: M2 version 1000 → M2 version 1999 (Bertil)" in since_text(screen)
        assert screen.shown < n  # the rest of the log is not read (nor drawn) before it
        await until(pilot, lambda: "more as you scroll" in _lines(app))
        text = _lines(app)
        assert "Since the last steering-group meeting" in text and "version 1999" in text
        assert screen.shown < n
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen) and screen.closed
        await app.workers.wait_for_complete()  # the reader stops with the screen


async def test_keys_scroll_the_history_at_80x24_to_its_last_entry(tmp_path):
    n = 260  # more than the reader reads ahead of the cursor: End reads more, twice
    path = make_repo(tmp_path / "repo", n)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        screen = app.screen
        entries = screen.query_one("#history-entries", OptionList)
        await until(pilot, lambda: "more as you scroll" in _lines(app))
        assert screen.shown < n
        assert entries.highlighted == 0 and entries.scroll_y == 0
        assert "Anna: version 258" in _lines(app) and "version 240" not in _lines(app)
        for _ in range(3):
            await pilot.press("down")
        assert entries.highlighted == 3
        await pilot.press("pagedown")
        assert entries.highlighted > 4 and entries.scroll_y > 0
        assert "Anna: version 258" not in _lines(app)  # scrolled: the newest are above, out of sight
        await pilot.press("up")
        page = entries.highlighted
        await pilot.press("pageup")
        assert entries.highlighted < page
        await pilot.press("home")
        assert entries.highlighted == 0 and entries.scroll_y == 0
        for _ in range(n // AHEAD + 1):  # each End reads AHEAD more
            await pilot.press("end")
            await until(pilot, lambda: screen.shown >= min(n, entries.highlighted + AHEAD))
        await pilot.press("end")
        await pilot.pause()
        assert screen.shown == n
        assert entries.highlighted == entries.option_count - 1  # the oldest commit, under the cursor
        text = _lines(app)
        assert "version 0" in text and "file created" in text and f"{n} commits." in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)


async def test_git_text_in_the_history_is_shown_as_text(tmp_path):
    hostile = ["Rättat [/] och [b]fet", "[@click=app.quit]klicka[/]", "[link=http://x]länk", "A [/red] B"]
    path = make_repo(tmp_path / "repo", 4, subject=lambda i: hostile[i])
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = _lines(app)
        for subject in hostile:
            assert subject in text
        assert "4 commits." in text
        await pilot.click("#history-entries", offset=(10, 4))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HistoryScreen)


async def test_a_long_since_the_meeting_is_read_through_by_keys_at_80x24(tmp_path):
    """More changes since the meeting than the list has rows: ↓ shows every one of them."""
    from lilla_ratten.storage import read_project

    path = make_repo(tmp_path / "repo", 30, meeting_at=10)
    loaded = read_project(path)
    tokens = []
    for i, record in enumerate([*loaded.project.milestones, *loaded.project.activities]):
        record.title = f"Q{i}Z"
        tokens.append(f"Q{i}Z")
    loaded.save()  # not committed: each a change by "you" since the meeting
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        screen = app.screen
        await until(pilot, lambda: "Since the last steering-group meeting (" in _lines(app))
        assert "Q0Z" in _lines(app) and tokens[-1] not in _lines(app)  # more than the window holds
        seen = ""
        for _ in range(len(tokens)):
            seen += _lines(app)
            await pilot.press("down")
        for token in tokens:
            assert token in seen
        assert "Cecilia: version 29" in seen  # and on to the commits
        assert screen.shown >= 10
