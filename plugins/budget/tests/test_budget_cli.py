"""The budget plugin as a user meets it: installed, through `lilla-ratten`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PROJECT = """schema = 1

[project]
id = "b"
name = "Systematisk uppföljning"
organisation = "Skaraborgs kommunalförbund"
start = 2014-01-01
end = 2014-12-31

[budget]
total = 720000

[ext.budget]
version = 1

[[ext.budget.lines]]
id = "salaries"
name = "Lönekostnader"
category = "staff"
budget = 515000

[[ext.budget.lines]]
id = "travel"
name = "Resekostnader"
category = "travel"
budget = 205000

[[ext.budget.mapping]]
accounts = ["58"]
line = "travel"

[[ext.budget.mapping]]
accounts = ["1-2"]
ignore = true
"""
LEDGER = "Datum;Konto;Kostnadsställe;Text;Belopp\n2014-03-12;5800;K1;Resa;1 250,00\n2014-09-02;5800;K1;Tåg;521,00\n2014-09-02;6110;K1;Porto;40,00\nSumma;;;;1 811,00\n"


BUDGET = "budget=lilla_ratten_budget.plugin"  # as its entry point names it


@pytest.fixture
def cli(lr_cli):
    """``lilla-ratten ARGS`` in-process with the budget plugin, through the test kit (lilla_ratten.testing)."""
    return lambda *args, lang="en": lr_cli(*args, plugins=[BUDGET], lang=lang)


def setup(tmp_path: Path) -> tuple[Path, Path]:
    project, ledger = tmp_path / "p.toml", tmp_path / "huvudbok.csv"
    project.write_text(PROJECT, encoding="utf-8")
    ledger.write_text(LEDGER, encoding="utf-8")
    return project, ledger


def test_dry_run_changes_nothing_and_import_twice_is_idempotent(tmp_path, cli):
    project, ledger = setup(tmp_path)
    r = cli("budget", "import", str(project), str(ledger), "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "3 new rows, 0 already imported" in r.stdout
    assert "unmapped account 6110: SEK 40" in r.stdout
    assert project.read_text(encoding="utf-8") == PROJECT
    assert cli("budget", "import", str(project), str(ledger)).returncode == 0
    once = project.read_bytes()
    r = cli("budget", "import", str(project), str(ledger))
    assert "0 new rows, 3 already imported" in r.stdout
    assert project.read_bytes() == once


def test_final_report_refuses_an_outcome_while_rows_are_unmapped(tmp_path, cli):
    project, ledger = setup(tmp_path)
    cli("budget", "import", str(project), str(ledger))
    doc = json.loads(cli("report", "final", str(project), "--format", "json").stdout)
    fin = next(s for s in doc["sections"] if s["id"] == "financial_statement")
    assert fin["source"] == "budget"
    assert fin["data"]["outcome_total"] is None and fin["data"]["unmapped"] == {"6110": 40}
    assert "The outcome cannot be presented" in json.dumps(fin["blocks"])
    # a rule for the account, remap, and the line's figure is traceable to its rows
    text = project.read_text(encoding="utf-8").replace(
        '[[ext.budget.mapping]]\naccounts = [\n    "1-2",\n]',
        '[[ext.budget.mapping]]\naccounts = [\n    "61",\n]\nline = "travel"\n\n[[ext.budget.mapping]]\naccounts = [\n    "1-2",\n]',
    )
    project.write_text(text, encoding="utf-8")
    r = cli("budget", "remap", str(project))
    assert "1 rows moved" in r.stdout, r.stdout + r.stderr
    r = cli("budget", "show", str(project), "travel")
    assert "3 rows, sum SEK 1,811" in r.stdout


def test_validation_messages(tmp_path, cli):
    project, _ledger = setup(tmp_path)
    text = PROJECT.replace("budget = 205000", "budget = -5").replace('category = "travel"', 'category = "resor"')
    project.write_text(text + '\n[[ext.budget.income]]\nid = "g"\nkind = "grant"\nname = "Bidrag"\namount = 100\n', encoding="utf-8")
    r = cli("validate", str(project))
    assert r.returncode == 1
    out = r.stdout
    assert f"{project}:25: ext.budget.lines[travel].category: \"resor\" is not a category; choose one of: staff," in out
    assert f"{project}:26: ext.budget.lines[travel].budget: a budget cannot be negative: -5 [budget]" in out
    assert "warning: ext.budget.lines: the lines add up to 514995, but [budget] total says 720000; the lines are used [budget]" in out


def test_control_total_mismatch_is_refused(tmp_path, cli):
    project, ledger = setup(tmp_path)
    r = cli("budget", "import", str(project), str(ledger), "--control-total", "1 900,00")
    assert r.returncode == 1
    assert "control total 1,900.00 does not match its rows' sum 1,811.00; nothing was imported" in r.stderr
    r = cli("budget", "import", str(project), str(ledger), "--control-total", "1 900,00", lang="sv")
    assert "kontrollsumma 1\u00a0900,00 stämmer inte med summan av dess rader 1\u00a0811,00; ingenting importerades" in r.stderr
    assert project.read_text(encoding="utf-8") == PROJECT


def test_a_typed_in_total_is_the_final_figure_not_spent_to_date(cli):
    # seed 001 reports its outcome per line as totals, with no ledger rows and no date: the
    # overview must not say 0 spent, nor pass the final figure off as spent by an earlier date
    sample = Path(__file__).resolve().parents[3] / "sample_projects" / "ingen-ska-lamnas-utanfor-2.toml"
    r = cli("status", str(sample), "--as-of", "2023-12-01")
    assert r.returncode == 0, r.stderr
    out = " ".join(r.stdout.replace("\N{NO-BREAK SPACE}", " ").split())
    assert "Spent so far is not known for 2023-12-01: the outcome is a total without a date; 70 % of the period has passed" in out
    r = cli("status", str(sample), "--as-of", "2024-03-01")
    out = " ".join(r.stdout.replace("\N{NO-BREAK SPACE}", " ").split())
    assert "SEK 658,944 of SEK 658,944 spent (100 %); 100 % of the period has passed" in out
