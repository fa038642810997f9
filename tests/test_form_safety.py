"""Nothing typed is lost, and the forms and validate say the same (issue 28, items 5 and 6)."""

from __future__ import annotations

from datetime import date

from lilla_ratten.model.rules import check
from lilla_ratten.storage import read_project
from lilla_ratten.testing import MINIMAL_PROJECT
from lilla_ratten.tui.app import LillaRattenApp
from lilla_ratten.tui.session import Session

AS_OF = date(2023, 12, 1)


def _app(path):
    return LillaRattenApp(Session.open(path), as_of=AS_OF)


def _write(tmp_path, extra=""):
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL_PROJECT + extra, encoding="utf-8")
    return path


def test_cross_field_rules_are_found_by_validate(tmp_path, monkeypatch):
    from tests.test_cli import cli

    path = _write(tmp_path, """
[[milestones]]
id = "M2"
title = "Efter projektet"
planned = 2025-01-01

[[effect_goals]]
id = "E1"
text = "Fler i arbete"

[[indicators]]
id = "I1"
goal = "E1"
name = "Andel i arbete"
baseline_date = 2023-06-01
target_date = 2023-01-01

[[activities]]
id = "A1"
title = "Kartläggning"
start = 2023-09-01
done = 2023-08-01

[final]
repayment = -5
""")
    messages = [f.text() for f in check(read_project(path).project)]
    assert "the target date 2023-01-01 is before the baseline date 2023-06-01" in messages
    assert "done 2023-08-01, before it starts 2023-09-01" in messages
    assert "planned 2025-01-01, outside the project period 2023-05-01 – 2024-02-29" in messages
    assert "a repayment cannot be negative: -5" in messages
    out = cli("--lang", "en", "validate", str(path)).stdout
    assert "indicators[I1].target_date: the target date 2023-01-01 is before the baseline date 2023-06-01" in out
    assert "activities[A1].done: done 2023-08-01, before it starts 2023-09-01" in out


async def test_the_form_refuses_what_validate_refuses_and_warns_what_it_warns(tmp_path):
    path = _write(tmp_path, '\n[[activities]]\nid = "A1"\ntitle = "Kartläggning"\nstart = 2023-09-01\n')
    app = _app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "enter")  # the activity's form
        await pilot.pause()
        form = app.screen
        form.query_one("#f-done").value = "2023-08-01"
        await pilot.pause()
        assert form.errors == ["Done date: done 2023-08-01, before it starts 2023-09-01"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused
        form.query_one("#f-done").value = "2023-09-15"
        await pilot.pause()
        assert form.errors == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("4", "a")  # a milestone after the project: a warning, saved all the same
        await pilot.pause()
        form = app.screen
        form.query_one("#f-title").value = "Uppföljning"
        form.query_one("#f-planned").value = "2025-01-01"
        await pilot.pause()
        assert form.errors == [] and form.warnings == ["Planned date: planned 2025-01-01, outside the project period 2023-05-01 – 2024-02-29"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [m.id for m in app.session.project.milestones] == ["M1", "M2"]


async def test_esc_on_a_form_with_changes_asks_and_undo_to_the_saved_state_is_not_unsaved(tmp_path):
    path = _write(tmp_path)
    app = _app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "enter")  # milestone M1: its first field, the id, is focused
        await pilot.pause()
        form = app.screen
        assert app.focused is form.query_one("#f-id")
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert app.screen is not form
        await pilot.press("enter", "tab")
        await pilot.press(*"Omtag")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "Confirm"  # asked, not thrown away
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "RecordForm"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session.dirty and "unsaved" in app.sub_title
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not app.session.dirty and "unsaved" not in app.sub_title  # back where the file is
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.session.dirty


async def test_ctrl_q_offers_save_and_quit(tmp_path):
    path = _write(tmp_path)
    app = _app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "enter", "tab", *"Omtag", "ctrl+s")  # the title, selected when focused: replaced
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Save and quit" in str(app.screen.query_one("#also").label)
        await pilot.press("enter")  # the first answer, focused: save and quit
        await pilot.pause()
    assert read_project(path).project.milestones[0].title == "Omtag"


def test_a_done_date_still_to_come_is_said_by_validate_as_of_its_date(tmp_path):
    from tests.test_cli import cli

    path = _write(tmp_path, '\n[[activities]]\nid = "A1"\ntitle = "Kartläggning"\nstart = 2023-09-01\ndone = 2023-12-15\n')
    r = cli("--lang", "en", "validate", "--as-of", "2023-12-01", str(path))
    assert r.returncode == 0, r.stdout  # a warning: a meeting typed a day early does not block
    assert "activities[A1].done: done 2023-12-15, a date still to come (today is 2023-12-01)" in r.stdout
    later = cli("--lang", "en", "validate", "--as-of", "2023-12-15", str(path))
    assert "still to come" not in later.stdout and "no problems" in later.stdout
    sv = cli("--lang", "sv", "validate", "--as-of", "2023-12-01", str(path)).stdout
    assert "klar 2023-12-15, ett datum som inte har kommit än (i dag är det 2023-12-01)" in sv


async def test_the_form_warns_of_a_done_date_still_to_come_as_validate_does(tmp_path):
    path = _write(tmp_path, '\n[[activities]]\nid = "A1"\ntitle = "Kartläggning"\nstart = 2023-09-01\n')
    app = _app(path)  # as of 2023-12-01
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "enter")  # the activity's form
        await pilot.pause()
        form = app.screen
        form.query_one("#f-done").value = "2023-12-15"
        await pilot.pause()
        assert form.errors == []
        assert form.warnings == ["Done date: done 2023-12-15, a date still to come (today is 2023-12-01)"]
        assert "still to come" in str(form.query_one("#problems").render())
        await pilot.press("ctrl+s")  # warned, not refused
        await pilot.pause()
        assert app.screen is not form
        assert app.session.project.activities[0].done == date(2023, 12, 15)
