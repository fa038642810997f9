"""Reading a ledger extract: every way finance systems write an amount, files that are not
extracts, extracts too large to hold in memory."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lilla_ratten_budget import importer
from lilla_ratten_budget.importer import plan, read_extract
from lilla_ratten_budget.ledger import LedgerError, parse_amount, read_sie
from lilla_ratten_budget.section import BudgetSection, Rule

BUDGET = "budget=lilla_ratten_budget.plugin"
PROJECT = """schema = 1

[project]
id = "b"
name = "Systematisk uppföljning"
organisation = "Skaraborgs kommunalförbund"
start = 2014-01-01
end = 2014-12-31

[ext.budget]
version = 1

[[ext.budget.lines]]
id = "travel"
name = "Resekostnader"
category = "travel"
budget = 205000

[[ext.budget.mapping]]
accounts = ["58"]
line = "travel"
"""


@pytest.fixture
def cli(lr_cli):
    return lambda *args, lang="en": lr_cli(*args, plugins=[BUDGET], lang=lang)


@pytest.mark.parametrize(
    "text, ore",
    [
        ("4 000,00-", -400000),  # SAP's and Agresso's credit: the minus after the amount
        ("4000-", -400000),
        ("(4 000,00)", -400000),
        ("\u22124 000,00", -400000),  # the Unicode minus sign
        ("\u20134 000,00", -400000),  # an en dash, as Swedish typesetting writes a minus
        ("4 000,00", 400000),
        ("4\u00a0000,00", 400000),  # no-break space
        ("4\u202f000,00", 400000),  # narrow no-break space (Excel, LibreOffice)
        ("4.000,00", 400000),
        ("1.234.567", 123456700),
        ("4 000,00 kr", 400000),
        ("4 000 kr", 400000),
        ("4000 SEK", 400000),
        ("4 000:-", 400000),
        ("-4 000,00 kr", -400000),
        ("4 000,00 kr-", -400000),
        ("(4 000,00 kr)", -400000),
        ("1 234,5", 123450),
    ],
)
def test_every_written_form_of_an_amount(text, ore):
    assert parse_amount(text) == ore


@pytest.mark.parametrize(
    "text, why",
    [
        ("", "not an amount"),
        ("4 000,00--", "its sign cannot be read"),
        ("(-4 000)", "its sign cannot be read"),
        ("(4 000", "its sign cannot be read"),
        ("+4 000-", "its sign cannot be read"),
        ("12 34,00", "thousands are not grouped by three"),
        ("4.000", "is ambiguous"),  # 4 kronor with three decimals, or four thousand: never guessed
        ("12,3456", "more decimals than öre"),
        ("fyra tusen", "not an amount"),
        ("\u0664", "not an amount"),  # an Arabic-Indic four
    ],
)
def test_an_amount_that_cannot_be_read_is_refused(text, why):
    with pytest.raises(ValueError, match=why):
        parse_amount(text)


def _setup(tmp_path: Path, ledger: str) -> tuple[Path, Path]:
    project, extract = tmp_path / "p.toml", tmp_path / "huvudbok.csv"
    project.write_text(PROJECT, encoding="utf-8")
    extract.write_text(ledger, encoding="utf-8")
    return project, extract


def test_a_credit_with_the_minus_after_it_is_a_credit(tmp_path, cli):
    # a travel refund written as SAP and Agresso write credits: 10 000 spent, 4 000 back
    project, ledger = _setup(tmp_path, "Datum;Konto;Text;Belopp\n2014-03-12;5800;Resa;10 000,00\n2014-04-01;5800;Återbetalning;4 000,00-\n")
    r = cli("budget", "import", str(project), str(ledger))
    assert r.returncode == 0, r.stderr
    assert "SEK 6,000" in r.stdout
    r = cli("budget", "show", str(project), "travel")
    assert "2 rows, sum SEK 6,000" in r.stdout


def test_a_row_whose_amount_cannot_be_read_is_an_error_naming_it(tmp_path, cli):
    project, ledger = _setup(tmp_path, "Datum;Konto;Text;Belopp\n2014-03-12;5800;Resa;1 250,00\n2014-03-13;5800;Tåg;ca 500\n2014-03-14;5800;Buss;40\n")
    r = cli("budget", "import", str(project), str(ledger))
    assert r.returncode == 1
    assert f"{ledger}:3: not an amount: 'ca 500'" in r.stderr
    assert project.read_text(encoding="utf-8") == PROJECT
    # an empty amount is no exception: the row is not skipped
    ledger.write_text("Datum;Konto;Text;Belopp\n2014-03-12;5800;Resa;1 250,00\n2014-03-13;5800;Tåg;\n", encoding="utf-8")
    r = cli("budget", "import", str(project), str(ledger))
    assert r.returncode == 1 and f"{ledger}:3: not an amount: ''" in r.stderr


def test_a_sie_transaction_without_an_amount_is_an_error_naming_its_line():
    sie = b'#FLAGGA 0\n#VER A 1 20140312 "Resa"\n{\n#TRANS 5800 {}\n}\n'
    with pytest.raises(LedgerError, match="cannot read the line") as caught:
        list(read_sie(sie).rows)
    assert caught.value.line == 4


def test_a_windows_excel_export_is_read(tmp_path):
    ledger = tmp_path / "huvudbok.csv"
    ledger.write_bytes("Datum;Konto;Text;Belopp\n2014-03-12;5800;Resa Skövde–Göteborg;1 250,00\n".encode("cp1252"))
    rows = list(read_extract(ledger).rows)
    assert [(r.text, r.amount) for r in rows] == [("Resa Skövde–Göteborg", 125000)]


def _run(*args: str) -> subprocess.CompletedProcess:
    # a separate process with a time limit: a reader that waited on a FIFO would hang the test run
    env = {**os.environ, "LILLA_RATTEN_LANG": "en", "LILLA_RATTEN_CACHE": "off"}
    return subprocess.run([sys.executable, "-m", "lilla_ratten", *args], capture_output=True, text=True, timeout=60, env=env)


def test_a_fifo_named_csv_is_refused_without_waiting(tmp_path):
    project, ledger = _setup(tmp_path, "")
    ledger.unlink()
    os.mkfifo(ledger)
    r = _run("budget", "import", str(project), str(ledger))
    assert r.returncode == 1
    assert f"{ledger}: it is a named pipe (FIFO), not a regular file" in r.stderr


def test_a_device_is_refused(tmp_path):
    project, _ledger = _setup(tmp_path, "")
    r = _run("budget", "import", str(project), "/dev/zero")
    assert r.returncode == 1
    assert "/dev/zero: it is a character device, not a regular file" in r.stderr


def test_an_extract_over_the_size_limit_is_refused_with_a_message(tmp_path, cli, monkeypatch):
    project, ledger = _setup(tmp_path, "Datum;Konto;Text;Belopp\n" + "2014-03-12;5800;Resa;1 250,00\n" * 1000)
    monkeypatch.setattr(importer, "MAX_LEDGER_BYTES", 20_000)
    r = cli("budget", "import", str(project), str(ledger))
    assert r.returncode == 1
    assert f"{ledger}: it is 0.0 MB; a ledger extract may be at most 0.0 MB: export the project's rows only" in r.stderr


def test_more_new_rows_than_a_project_file_can_hold_stop_the_import(tmp_path, cli, monkeypatch):
    rows = "".join(f"2014-03-12;5800;Resa {i};1 250,00\n" for i in range(50))
    project, ledger = _setup(tmp_path, "Datum;Konto;Text;Belopp\n" + rows)
    monkeypatch.setattr(importer, "MAX_NEW_ROWS", 20)
    r = cli("budget", "import", str(project), str(ledger))
    assert r.returncode == 1
    assert f"{ledger}:22: more than 20 new rows: the project file could not hold them." in r.stderr
    assert project.read_text(encoding="utf-8") == PROJECT


def test_the_rows_are_read_as_they_are_imported_not_first_all_at_once(tmp_path):
    # an extract larger than memory: the reader hands out one row at a time, and what
    # the importer keeps of skipped rows is nothing (their ids are not even computed)
    ledger = tmp_path / "huvudbok.csv"
    ledger.write_text("Datum;Konto;Text;Belopp\n" + "2014-03-12;1930;Bank;-1,00\n" * 5000 + "2014-03-12;5800;Resa;1,00\n", encoding="utf-8")
    extract = read_extract(ledger)
    assert not isinstance(extract.rows, list)
    first = next(iter(extract.rows))
    assert (first.account, first.line) == ("1930", 2)
    section = BudgetSection(mapping=[Rule(accounts=["58"], line="travel")])
    preview = plan(section, read_extract(ledger), ledger.name)
    assert (preview.skipped_balance, len(preview.new), preview.extract_total) == (5000, 1, 100)


def test_ids_are_those_of_counting_every_row(tmp_path):
    # identical rows get their occurrence in the id; skipped rows no longer counted must not change it
    from lilla_ratten_budget.ledger import read_csv, row_ids

    text = "Datum;Konto;Text;Belopp\n2014-03-12;1930;Bank;-1,00\n2014-03-12;5800;Resa;1,00\n2014-03-12;1930;Bank;-1,00\n2014-03-12;5800;Resa;1,00\n"
    every = row_ids(read_csv(text.encode()).rows, "x.csv")
    preview = plan(BudgetSection(), read_csv(text.encode()), "x.csv")
    assert [t.id for t in preview.new] == [every[1], every[3]]



@pytest.mark.parametrize(
    "ledger, en, sv",
    [
        # a date as written in the United States or by hand: Python's "Invalid isoformat string" was shown
        ("2014-03-12;5800;Resa;1 250,00\n03/02/2014;5800;Tåg;40,00\n",
         ":3: not a date written as YYYY-MM-DD: '03/02/2014'", ":3: inte ett datum på formen ÅÅÅÅ-MM-DD: '03/02/2014'"),
        ("2014-02-30;5800;Resa;1 250,00\n", ":2: there is no such date: '2014-02-30'",
         ":2: det finns inget sådant datum: '2014-02-30'"),
        ("20140230;5800;Resa;1 250,00\n", ":2: there is no such date: '20140230'", ":2: det finns inget sådant datum: '20140230'"),
        # a dot (or a comma) and three digits: four thousand, or four kronor? Never guessed, and said so
        ("2014-03-12;5800;Resa;4.000\n",
         ":2: '4.000' is ambiguous: is '.' between thousands or before öre? Write a space between thousands and a comma "
         "before öre: 4 000, or with öre e.g. 1 234,50",
         ":2: '4.000' är tvetydigt: skiljer '.' tusental eller ören? Skriv mellanslag mellan tusentalen och komma före "
         "ören: 4 000, eller med ören t.ex. 1 234,50"),
        ("2014-03-12;5800;Resa;12.500\n", ":2: '12.500' is ambiguous: is '.' between thousands or before öre?",
         ":2: '12.500' är tvetydigt: skiljer '.' tusental eller ören?"),
        # a quotation mark never closed, in a small file (the csv module reads the rest as one field) ...
        ('2014-03-12;5800;"Resa;1 250,00\n2014-03-13;5800;Tåg;40,00\n',
         ':2: a quotation mark (") on this line is never closed, so everything after it was read as one field: close it, '
         "or remove it",
         ':2: ett citattecken (") på den här raden stängs aldrig, så allt efter det lästes som ett enda fält: stäng det '
         "eller ta bort det"),
        # ... and in a large one, where it said "field larger than field limit (131072)" on the line it gave up
        ('2014-03-12;5800;"Resa;1 250,00\n' + "2014-03-13;5800;Tåg;40,00\n" * 6000,
         ':2: a quotation mark (") on this line is never closed', ':2: ett citattecken (") på den här raden stängs aldrig'),
    ],
)
def test_a_ledger_it_cannot_read_is_explained_in_the_users_words(tmp_path, cli, ledger, en, sv):
    project, extract = _setup(tmp_path, "Datum;Konto;Text;Belopp\n" + ledger)
    r = cli("budget", "import", str(project), str(extract))
    assert r.returncode == 1 and f"{extract}{en}" in r.stderr
    r = cli("budget", "import", str(project), str(extract), lang="sv")
    assert r.returncode == 1 and f"{extract}{sv}" in r.stderr
    assert "Invalid" not in r.stderr and "field limit" not in r.stderr
    assert project.read_text(encoding="utf-8") == PROJECT


def test_a_text_quoted_over_two_lines_is_read():
    from lilla_ratten_budget.ledger import read_csv

    rows = read_csv('Datum;Konto;Text;Belopp\n2014-03-12;5800;"Resa\nSkövde";1 250,00\n2014-03-13;5800;Tåg;40,00\n'.encode()).rows
    assert [(r.text, r.amount, r.line) for r in rows] == [("Resa\nSkövde", 125000, 3), ("Tåg", 4000, 4)]


def test_budget_show_writes_ore_after_a_decimal_comma_in_swedish(tmp_path, cli):
    project, ledger = _setup(tmp_path, "Datum;Konto;Text;Belopp\n2014-03-12;5800;Resa;10 000,00\n2014-04-01;5800;Återbetalning;1 234,50-\n")
    assert cli("budget", "import", str(project), str(ledger)).returncode == 0
    sv = cli("budget", "show", str(project), "travel", lang="sv").stdout.splitlines()
    assert sv[0].endswith(" Resa" + " " * 38 + "10\u00a0000,00") and sv[1].endswith(" \u22121\u00a0234,50")
    assert sv[2] == "2 rader, summa 8\u00a0766 kr"  # as every other amount in the app is written
    en = cli("budget", "show", str(project), "travel").stdout.splitlines()
    assert en[0].endswith(" 10,000.00") and en[1].endswith(" -1,234.50") and en[2] == "2 rows, sum SEK 8,766"


@pytest.mark.parametrize(
    "ledger, en, sv",
    [
        ("", ":1: the file is empty, or its first line (the column names) is", ":1: filen är tom, eller dess första rad (kolumnernas namn) är det"),
        ("Datum;Konto;Text\n2014-03-12;5800;Resa\n", ":1: no column for the amount (looked for: belopp, amount, summa, utfall; "
         "found: Datum, Konto, Text)", ":1: ingen kolumn för beloppet (letade efter: belopp, amount, summa, utfall; fanns: "
         "Datum, Konto, Text)"),
    ],
)
def test_a_ledger_without_its_columns_is_explained_in_the_users_words(tmp_path, cli, ledger, en, sv):
    project, extract = _setup(tmp_path, ledger)
    r = cli("budget", "import", str(project), str(extract))
    assert r.returncode == 1 and f"{extract}{en}" in r.stderr
    r = cli("budget", "import", str(project), str(extract), lang="sv")
    assert r.returncode == 1 and f"{extract}{sv}" in r.stderr


def test_a_sie_voucher_that_does_not_balance_says_so_in_the_users_words():
    from lilla_ratten.i18n import get_language, set_language

    sie = b'#VER A 1 20140312 "Resa"\n{\n#TRANS 5800 {} 1250.50\n#TRANS 1930 {} -1250.00\n}\n'
    language = get_language()
    try:
        for lang, words in (("en", "voucher A1 does not balance (0.50)"), ("sv", "verifikation A1 balanserar inte (0,50)")):
            set_language(lang)
            with pytest.raises(LedgerError, match=re.escape(words)) as caught:
                list(read_sie(sie).rows)
            assert caught.value.line == 5
    finally:
        set_language(language)
