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
