"""OS errors in the user's words (storage/os_errors.py) where the portfolio finds and reads
files and where git's textconv reads one: never the OS's English ("Too many levels of
symbolic links", "No such file or directory") glued into a Swedish sentence. The tests run
as root too, so the errors are ones root gets: a link in a loop, a file that is gone."""

from __future__ import annotations

import json
import os

from lilla_ratten.reports import portfolio_load
from lilla_ratten.storage.discover import project_files
from lilla_ratten.testing import run_cli

LOOP_SV = "en länk pekar på sig själv i en slinga"
GONE_SV = "filen eller mappen finns inte"


def test_a_link_in_a_loop_is_refused_in_swedish(tmp_path, lr_project):
    folder = tmp_path / "portfolj"
    folder.mkdir()
    os.symlink("b.toml", folder / "a.toml")
    os.symlink("a.toml", folder / "b.toml")
    refused: list = []
    assert project_files([folder], refused) == []
    from lilla_ratten.i18n import get_language, set_language

    language = get_language()
    set_language("sv")
    try:
        refused = []
        project_files([folder], refused)
    finally:
        set_language(language)
    assert [(p.name, why) for p, why in refused] == [("a.toml", f"inte läst: {LOOP_SV}"), ("b.toml", f"inte läst: {LOOP_SV}")]
    shown = run_cli("portfolio", folder, "--format", "json", lang="sv")
    failed = json.loads(shown.stdout)["data"]["failed"]
    assert {f["error"] for f in failed} == {f"inte läst: {LOOP_SV}"}
    assert "symbolic" not in shown.stdout + shown.stderr


def test_a_file_gone_before_it_is_read_is_said_in_swedish(tmp_path, lr_project, monkeypatch):
    """Listed, then gone before it was read (a `git checkout` in between): the real read fails."""
    kept = lr_project()
    gone = tmp_path / "borta.toml"
    monkeypatch.setattr(portfolio_load, "project_files", lambda paths, refused: [kept, gone])
    shown = run_cli("portfolio", tmp_path, "--format", "json", lang="sv")
    failed = json.loads(shown.stdout)["data"]["failed"]
    assert failed == [{"file": str(gone), "error": f"{gone}: kan inte läsas: {GONE_SV}"}]  # the reader's words
    # an OSError that reaches the portfolio as it is (not as the reader's located problem)
    read = portfolio_load.read_project_cached

    def stat_first(path):
        os.stat(path)  # the OS's own error for a file that is gone
        return read(path)

    monkeypatch.setattr(portfolio_load, "read_project_cached", stat_first)
    shown = run_cli("portfolio", tmp_path, "--format", "json", lang="sv")
    assert json.loads(shown.stdout)["data"]["failed"] == [{"file": str(gone), "error": GONE_SV}]
    assert "No such file" not in shown.stdout + shown.stderr


def test_textconv_says_why_in_swedish(tmp_path):
    missing = run_cli("textconv", tmp_path / "finns-inte.toml", lang="sv")
    assert missing.exit_code == 1 and missing.stderr.strip() == f"{tmp_path / 'finns-inte.toml'}: {GONE_SV}"
    os.symlink("slinga.toml", tmp_path / "slinga.toml")
    looped = run_cli("textconv", tmp_path / "slinga.toml", lang="sv")
    assert looped.exit_code == 1 and looped.stderr.strip().endswith(LOOP_SV), looped.stderr
    english = run_cli("textconv", tmp_path / "finns-inte.toml", lang="en")
    assert english.stderr.strip().endswith("there is no such file or folder")
