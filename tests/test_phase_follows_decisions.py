"""The phase follows the steering group's decisions, not the calendar (issue 28, item 7).

Seen in the walkthrough: the project period edited into the past with B0–B4 undecided, and
the overview said "avslut", next decision B4. Model-level cases are in test_model.py.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date

from tests.test_cli import cli
from tests.test_tui import _lines

WARNING = "Projektperioden slutade 2024-06-30 men inget beslut är registrerat vid B0, B1, B2, B3, B4"


def _flat(text: str) -> str:
    """Screen text with the frame drawn around it and line breaks taken out, to find a wrapped sentence."""
    return re.sub(r"\s+", " ", re.sub(r"[│▎▊▌┃]", " ", text))


async def _type_into(pilot, field: str, text: str) -> None:
    widget = pilot.app.screen.query_one(field)
    widget.focus()
    widget.value = ""
    await pilot.press(*text)


async def test_the_period_typed_into_the_past_leaves_the_phase_with_the_decisions(tmp_path, lr_app):
    path = tmp_path / "nytt.toml"
    assert cli("new", str(path), "--name", "Nytt projekt").returncode == 0  # B0–B4 listed, none decided
    async with lr_app(path, size=(80, 24), as_of=date(2025, 3, 1), lang="sv") as pilot:
        await pilot.press("e")  # the project's details
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "RecordForm"
        await _type_into(pilot, "#f-start", "2024-01-01")
        await _type_into(pilot, "#f-end", "2024-06-30")
        await pilot.pause(0.3)
        # the form says it as the end date is typed: a warning, the save is not stopped
        form = _flat(_lines(pilot.app))
        assert "projektperioden slutade 2024-06-30 men inget beslut är registrerat vid B0, B1, B2, B3, B4" in form
        await pilot.press("ctrl+s")  # the form
        await pilot.pause()
        await pilot.press("ctrl+s")  # the file
        await pilot.pause()
        overview = _flat(_lines(pilot.app))
        assert re.search(r"Fas:? +planering", overview), overview
        assert re.search(r"Nästa beslutspunkt:? +B0", overview), overview
        assert "avslut" not in overview and "B4 (" not in overview
        assert WARNING in overview
    written = tomllib.loads(path.read_text(encoding="utf-8"))
    assert (written["project"]["start"], written["project"]["end"]) == (date(2024, 1, 1), date(2024, 6, 30))
    assert all("decision" not in p for p in written["decision_points"])

    # the command line says the same as the overview
    status = cli("--lang", "sv", "status", "--as-of", "2025-03-01", str(path)).stdout
    assert "planering" in status and "avslut" not in status and WARNING in _flat(status)
    assert re.search(r"Nästa beslutspunkt: +B0", status), status
    validate = cli("--lang", "sv", "validate", "--as-of", "2025-03-01", str(path))
    assert validate.returncode == 0, validate.stdout  # a warning, not an error
    assert ("project.end: projektperioden slutade 2024-06-30 men inget beslut är registrerat vid B0, B1, B2, B3, B4"
            in validate.stdout), validate.stdout
