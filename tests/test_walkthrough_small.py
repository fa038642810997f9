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
