"""Small things a new user hit walking through the app at 80×24 (issue 28, item 7)."""

from __future__ import annotations

from datetime import date

from tests.test_cli import cli
from tests.test_tui import _lines


async def test_a_new_project_is_being_planned_with_b0_next(tmp_path, lr_app):
    path = tmp_path / "nytt.toml"
    assert cli("new", str(path), "--name", "Nytt projekt").returncode == 0
    out = cli("--lang", "sv", "status", str(path)).stdout
    assert "planering" in out and "Nästa beslutspunkt:   B0" in out and "genomförande" not in out
    async with lr_app(path, size=(80, 24), as_of=date.today(), lang="sv") as pilot:
        screen = _lines(pilot.app)
        assert "planering" in screen and "B0" in screen
        assert "genomförande" not in screen and "B3" not in screen


def test_no_swedish_translation_has_an_english_message_glued_into_it():
    # found in `?`: "…annars slutrapportenhistory: each commit with what it changed…"
    from babel.messages.pofile import read_po

    from lilla_ratten.i18n import LOCALE_DIR

    with open(LOCALE_DIR / "sv" / "LC_MESSAGES" / "lilla_ratten.po", "rb") as f:
        catalogue = read_po(f)
    ids = [m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id]
    long_ids = [i for i in ids if len(i) >= 25]
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            glued = [i for i in long_ids if i in text and i not in (message.id if isinstance(message.id, tuple) else (message.id,))]
            assert not glued, (message.id, text)


def test_plural_counts_read_as_swedish(lr_language):
    from lilla_ratten.i18n import ngettext

    lr_language("sv")
    assert ngettext("{n} lesson", "{n} lessons", 1).format(n=1) == "1 erfarenhet"
    assert ngettext("{n} lesson", "{n} lessons", 3).format(n=3) == "3 erfarenheter"
    assert ngettext("{n} commit.", "{n} commits.", 1).format(n=1) == "1 version."


async def test_help_keeps_its_descriptions_beside_their_keys_in_swedish(tmp_path, lr_app):
    path = tmp_path / "nytt.toml"
    assert cli("new", str(path)).returncode == 0
    async with lr_app(path, size=(80, 24), as_of=date.today(), lang="sv") as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        screen = _lines(pilot.app)
        assert "Skift+Tab" in screen and "history: each" not in screen and "commit" not in screen
        # a wrapped description goes on in its own column, not under the keys
        start = screen.index("byt vy:")
        line = screen[start:].splitlines()[1]
        assert line.split("│")[1].startswith(" " * 10), line


def test_the_second_status_report_of_a_day_gets_a_valid_period():
    from lilla_ratten.model.rules import check
    from lilla_ratten.reports.status_draft import draft
    from lilla_ratten.storage import parse_project
    from tests.conftest import MINIMAL

    project = parse_project(MINIMAL, "p.toml").project
    today = date(2023, 9, 1)
    first = draft(project, today)
    project.status_reports.append(first)
    second = draft(project, today)  # `n` twice on one day
    assert (second.period_start, second.period_end) == (today, today) and second.id != first.id
    project.status_reports.append(second)
    assert [f.text() for f in check(project) if f.path[0] == "status_reports"] == []


async def test_the_overview_scrolls_with_the_keyboard_at_80x24(tmp_path, lr_app):
    from tests.conftest import SAMPLES

    path = tmp_path / "p.toml"
    path.write_bytes((SAMPLES / "ingen-ska-lamnas-utanfor-2.toml").read_bytes())
    async with lr_app(path, size=(80, 24), as_of=date(2024, 1, 15), lang="sv") as pilot:
        pane = pilot.app.screen.query_one("#summary").parent
        assert pane.max_scroll_y > 0  # longer than the screen
        await pilot.press("pagedown")
        await pilot.pause()
        assert pane.scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert pane.scroll_y == 0
        await pilot.press("down")
        await pilot.pause()
        assert pane.scroll_y == 1


async def test_the_export_dialogs_buttons_are_on_a_60x20_screen(tmp_path, lr_app):
    from tests.conftest import SAMPLES

    path = tmp_path / "p.toml"
    path.write_bytes((SAMPLES / "ingen-ska-lamnas-utanfor-2.toml").read_bytes())
    async with lr_app(path, size=(60, 20), as_of=date(2024, 1, 15), lang="sv") as pilot:
        await pilot.press("x")
        await pilot.pause()
        dialog = pilot.app.screen
        assert type(dialog).__name__ == "ExportDialog"
        for button in ("#export", "#cancel"):
            region = dialog.query_one(button).region
            assert region.height >= 1 and region.bottom <= 20 and region.right <= 60, (button, region)
        assert "Exportera" in _lines(pilot.app) and "Avbryt" in _lines(pilot.app)
