"""Commands read only what they need (issue 19): the line/comment locator walks a file only
when a finding is to be placed on a line or the file is written.

The messages and line numbers themselves are proved by the bad-input tests
(test_storage_errors.py, test_cli.py, test_plugins.py), which are unchanged."""

from __future__ import annotations

import shutil

import pytest

from lilla_ratten.cli import main
from lilla_ratten.storage import comments, locate, read_project, render
from lilla_ratten.storage.cache import read_project_cached
from tests.conftest import SAMPLES

RICHEST = SAMPLES / "ingen-ska-lamnas-utanfor-2.toml"


@pytest.fixture
def scans(monkeypatch):
    """How many times the locator has walked a file's lines."""
    calls = []
    real = locate.scan

    def counting(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(locate, "scan", counting)
    monkeypatch.setattr(comments, "scan", counting)
    return calls


@pytest.fixture
def rich_folder(tmp_path):
    folder = tmp_path / "projects"
    folder.mkdir()
    for i in range(3):
        shutil.copy(RICHEST, folder / f"projekt-{i}.toml")
    return folder


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{file}"],
        ["portfolio", "{folder}", "--format", "json"],
        ["report", "final", "{file}", "--as-of", "2024-03-01"],
        ["--no-plugins", "portfolio", "{folder}"],
    ],
)
def test_valid_rich_files_are_never_walked_line_by_line(command, rich_folder, scans, monkeypatch, capsys):
    monkeypatch.setenv("LILLA_RATTEN_CACHE", "off")
    file = rich_folder / "projekt-0.toml"
    argv = [a.format(file=file, folder=rich_folder) for a in command]
    assert main(["--lang", "en", *argv]) == 0
    assert capsys.readouterr().out  # it did its work
    assert scans == []


def test_a_finding_is_still_placed_on_its_line(rich_folder, scans, monkeypatch, capsys):
    """The counter above can fail: a file with a problem is walked, once, and the line is right."""
    monkeypatch.setenv("LILLA_RATTEN_CACHE", "off")
    file = rich_folder / "projekt-0.toml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("end = 2024-02-29", "end = 2022-01-01", 1), encoding="utf-8")
    line = text.splitlines().index("end = 2024-02-29") + 1
    assert main(["--lang", "en", "validate", str(file)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{file}:{line}: project.end: the end 2022-01-01 is before the start 2023-05-01"
    lines = text.splitlines()
    r1 = lines.index("[[ext.steps.rounds]]")
    r1_date = next(i for i in range(r1, len(lines)) if lines[i].startswith("date = ")) + 1
    assert any(o.startswith(f"{file}:{r1_date}: ext.steps.rounds[R1].date: round R1 on 2023-05-31 is outside") for o in out)
    assert len(scans) == 1


def test_comments_are_found_when_the_file_is_written(rich_folder, scans, monkeypatch):
    """Read without its comments, a file still writes back with every one of them, also when it
    came from the cache (whose entries hold no comments)."""
    monkeypatch.setenv("LILLA_RATTEN_CACHE", str(rich_folder.parent / "cache"))
    file = rich_folder / "projekt-0.toml"
    text = file.read_text(encoding="utf-8")
    assert text.count("\n#") > 3
    for loaded in (read_project(file), read_project_cached(file), read_project_cached(file)):
        assert scans == []
        assert render(loaded.project, loaded.notes) == text
        assert len(scans) == 1
        scans.clear()
    loaded = read_project(file)
    loaded.project.project.leader = "Någon annan"
    loaded.save()
    saved = file.read_text(encoding="utf-8")
    assert saved == text.replace('leader = "Caroline Högdahl Cole"', 'leader = "Någon annan"', 1)
