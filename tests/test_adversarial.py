"""What an adversarial test of saving and reading found (issue 24): each case reproduced
with the real thing where the machine allows it (a FIFO, a full or read-only tmpfs), and
checked by the message, the exit code and the bytes on disk."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lilla_ratten.model.privacy import find_identity_numbers, might_hold_identity_number
from lilla_ratten.storage import ProjectFileError, parse_project, read_project
from lilla_ratten.storage.safe_read import MAX_BYTES
from tests.conftest import MINIMAL, SAMPLES
from tests.test_cli import cli

NUMBER = "121212-1212"  # the Tax Agency's example: checksum-valid


# --- reading: FIFOs, size ------------------------------------------------------------


def test_a_fifo_named_toml_is_refused_at_once_by_every_command(tmp_path):
    """A FIFO blocked validate, status, report, fmt forever (and portfolio, lessons, review in a folder)."""
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    for args in (["validate"], ["status"], ["report", "final"], ["fmt"], ["textconv"]):
        r = cli("--lang", "en", *args, str(fifo))  # cli() gives up after 60 s: a hang fails the test
        assert r.returncode == 1, (args, r.stderr)
        assert "it is a named pipe (FIFO), not a regular file" in r.stdout + r.stderr, args
    (tmp_path / "p.toml").write_text(MINIMAL, encoding="utf-8")
    for args in (["portfolio", "--format", "md"], ["lessons"], ["review", "--print"]):
        r = cli("--lang", "en", *args, str(tmp_path))
        out = " ".join((r.stdout + r.stderr).split())  # the text table wraps its cells
        assert "pipe.toml" in out and "it is a named pipe (FIFO)," in out, args  # the cells may interleave
    r = cli("--lang", "en", "portfolio", str(tmp_path))
    assert r.returncode == 1 and "Testprojekt" in r.stdout  # the other project is still there


def test_a_file_over_the_size_limit_is_refused_with_its_size(tmp_path):
    big = tmp_path / "big.toml"
    big.write_text(MINIMAL + "# " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    r = cli("--lang", "en", "validate", str(big))
    assert r.returncode == 1
    assert f"{big}: cannot be read: it is 10.0 MB; a project file may be at most 10.0 MB" in r.stdout
    r = cli("--lang", "sv", "fmt", str(big))
    assert "den är 10,0 MB; en projektfil får vara högst 10,0 MB" in r.stderr


def test_a_file_that_would_be_over_the_size_limit_is_not_written(tmp_path):
    """`budget import` of 100 000 ledger rows wrote 17.6 MB, which every command then refused
    to read: nothing is written that could not be opened again."""
    from lilla_ratten.storage import ProjectFileError, read_project

    path = tmp_path / "p.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    loaded = read_project(path)
    loaded.project.project.description = "ord " * (MAX_BYTES // 4)
    with pytest.raises(ProjectFileError) as caught:
        loaded.save()
    assert str(caught.value) == (
        f"{path}: not saved: it would be 10.0 MB, and a project file may be at most 10.0 MB. The file on disk is unchanged"
    )
    assert path.read_text(encoding="utf-8") == MINIMAL
    loaded.project.project.description = "ord " * (MAX_BYTES // 8)  # 5 MB is written and read back
    loaded.save()
    assert read_project(path).project.project.description == loaded.project.project.description


# --- saving: errors of the file system ---------------------------------------------------


@contextlib.contextmanager
def tmpfs(folder: Path, size: str = "64k"):
    """A real, small tmpfs (the tests run as root in CI); skipped where mounting is not allowed."""
    folder.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()} (the in-process tests below cover it)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_disk_full_and_read_only_file_system_give_a_message_and_keep_the_file(tmp_path):
    """fmt, new and budget import ended in tracebacks on ENOSPC and EROFS."""
    with tmpfs(tmp_path / "disk", "48k") as disk:
        path = disk / "p.toml"
        original = MINIMAL.replace("[project]", "\n\n[project]")  # fmt has something to do
        path.write_text(original, encoding="utf-8")
        filler = disk / "filler"
        with contextlib.suppress(OSError), open(filler, "wb") as fh:
            while True:
                fh.write(b"x" * 4096)
                fh.flush()
        r = cli("--lang", "en", "fmt", str(path))
        assert r.returncode == 1 and "Traceback" not in r.stderr
        assert f"{path}: not saved: the disk is full. The file on disk is unchanged" in r.stderr
        assert path.read_text(encoding="utf-8") == original
        assert not [p for p in os.listdir(disk) if p.endswith(".lr-tmp")]
        r = cli("--lang", "en", "new", str(disk / "ny.toml"))
        assert r.returncode == 1 and "the disk is full" in r.stderr and "Traceback" not in r.stderr
        filler.unlink()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        r = cli("--lang", "sv", "fmt", str(path))
        assert r.returncode == 1 and "Traceback" not in r.stderr
        assert "inte sparad: disken går bara att läsa. Filen på disken är oförändrad" in r.stderr
        assert path.read_text(encoding="utf-8") == original


BUDGET = MINIMAL + """
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


def test_budget_import_onto_a_full_disk_says_so_and_keeps_the_file(tmp_path):
    ledger = tmp_path / "huvudbok.csv"
    ledger.write_text("Datum;Konto;Text;Belopp\n2023-09-02;5800;Tåg;521,00\n", encoding="utf-8")
    with tmpfs(tmp_path / "disk", "48k") as disk:
        path = disk / "p.toml"
        path.write_text(BUDGET, encoding="utf-8")
        with contextlib.suppress(OSError), open(disk / "filler", "wb") as fh:
            while True:
                fh.write(b"x" * 4096)
                fh.flush()
        r = cli("--lang", "en", "budget", "import", str(path), str(ledger))
        assert r.returncode == 1 and "Traceback" not in r.stderr
        assert "not saved: the disk is full. The file on disk is unchanged" in r.stderr
        assert path.read_text(encoding="utf-8") == BUDGET


@pytest.mark.parametrize(
    "error, words",
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "the disk can only be read"),
        (errno.EACCES, "you do not have permission"),
    ],
)
def test_every_write_error_is_a_located_message(write, monkeypatch, error, words):
    """The same in-process, for machines where a tmpfs cannot be mounted (and EACCES, which root never gets)."""
    import tempfile

    path = write(MINIMAL)
    loaded = read_project(path)
    loaded.project.milestones[0].title = "Ändrad"

    def refuse(*args, **kwargs):
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ProjectFileError) as caught:
        loaded.save()
    assert str(caught.value) == f"{path}: not saved: {words}. The file on disk is unchanged"
    assert path.read_text(encoding="utf-8") == MINIMAL


def test_a_read_only_file_is_not_replaced(write):
    """The rename replaced a 0444 file its user could not write."""
    path = write(MINIMAL)
    os.chmod(path, 0o444)
    loaded = read_project(path)
    loaded.project.milestones[0].title = "Ändrad"
    with pytest.raises(ProjectFileError) as caught:
        loaded.save()
    assert "the file is read-only (mode 444); make it writable first (chmod u+w)" in str(caught.value)
    assert path.read_text(encoding="utf-8") == MINIMAL
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    r = cli("--lang", "en", "fmt", str(write(MINIMAL.replace("[project]", "\n\n[project]"), "b.toml")))
    assert r.returncode == 0
    ro = write(MINIMAL.replace("[project]", "\n\n[project]"), "ro.toml")
    os.chmod(ro, 0o444)
    r = cli("--lang", "en", "fmt", str(ro))
    assert r.returncode == 1 and "read-only (mode 444)" in r.stderr and "Traceback" not in r.stderr


# --- what must not be written ------------------------------------------------------------


def test_a_file_with_clashing_ids_is_not_written(write):
    """Comments are kept by id: two M2s with a comment each became 4, 8, 16 comments over three fmt runs."""
    text = MINIMAL + '\n# andra M2\n[[milestones]]\nid = "M2"\ntitle = "Dubbel"\nplanned = 2023-11-01\n'
    text = text.replace('[[milestones]]\nid = "M2"\ntitle = "Uppföljning"', '# första M2\n[[milestones]]\nid = "M2"\ntitle = "Uppföljning"')
    path = write(text)
    for _ in range(3):
        r = cli("--lang", "en", "fmt", str(path))
        assert r.returncode == 1
    assert "milestones[M2].id: duplicate id M2: entry 2 in the same list already uses it" in r.stderr
    assert "not saved: give each item its own id first (lilla-ratten validate lists them)" in r.stderr
    assert path.read_text(encoding="utf-8") == text
    assert text.count("# första M2") == 1


@pytest.mark.parametrize(
    "written",
    [
        'name = "Testprojekt 121\\u0032121212"',  # an escape hides a digit from a scan of the text
        'name = "Testprojekt 121212\\u002D1212"',
        'name = "Testprojekt 121212\\u20131212"',
        'name = """Testprojekt 121212\\\n    -1212"""',  # a line-ending backslash joins the halves
    ],
)
def test_a_personnummer_hidden_by_toml_escapes_is_found(write, written):
    path = write(MINIMAL.replace('name = "Testprojekt"', written))
    r = cli("--lang", "en", "validate", str(path))
    assert r.returncode == 1
    assert f"{path}:5: project.name: a Swedish personal identity number (121212" in r.stdout
    assert "1212121212" not in r.stdout and "121212-1212" not in r.stdout  # masked, never repeated
    r = cli("--lang", "en", "report", "final", str(path))
    assert r.returncode == 1 and "121212" not in r.stdout


@pytest.mark.parametrize(
    "written",
    ["121212–1212", "121212—1212", "121212\u22121212", "121212\u20111212", "1912 12 12-1212", "1912-12-12-1212", "19121212–1212", "121212 – 1212"],
)
def test_what_word_makes_of_a_dash_still_hides_no_personnummer(written):
    """Word and Outlook turn - into an en dash; people write the date's parts apart."""
    assert might_hold_identity_number(f"Deltagare {written} i gruppen")
    assert find_identity_numbers(f"Deltagare {written} i gruppen") == [written]


def test_a_dashed_personnummer_is_refused_by_validate(write):
    path = write(MINIMAL.replace('title = "Uppföljning"', 'title = "Uppföljning 121212–1212"'))
    r = cli("--lang", "en", "validate", str(path))
    assert r.returncode == 1 and "personal identity number (121212–****)" in r.stdout


@pytest.mark.parametrize("text", ["Möte 2023-05-01 1200 deltagare", "tel 070-123 45 67", "dnr 2023-05-01-12", "Summa 1 912 121 212 kr"])
def test_dates_phone_and_diary_numbers_are_still_not_taken_for_one(text):
    assert find_identity_numbers(text) == []


@pytest.mark.parametrize(
    "value, shown",
    [("9223372036854775808", "9223372036854775808"), ("-9223372036854775809", "-9223372036854775809"), ("0x1_0000_0000_0000_0000", "18446744073709551616")],
)
def test_integers_beyond_64_bits_are_refused_with_file_and_line(write, value, shown):
    path = write(MINIMAL.replace("end = 2024-02-29", f"end = 2024-02-29\ngranted = {value}"))
    r = cli("--lang", "en", "validate", str(path))
    assert r.returncode == 1
    assert f"{path}:9: project.granted: the whole number {shown} is too large for a TOML file" in r.stdout


def test_the_largest_64_bit_integer_is_fine(write):
    path = write(MINIMAL.replace("end = 2024-02-29", "end = 2024-02-29\n\n[ext.other]\ncount = 9223372036854775807"))
    assert [p for p in read_project(path).problems if "too large" in p.message] == []


# --- output --------------------------------------------------------------------------------


def test_a_newline_in_a_name_makes_no_markdown_heading(write):
    path = write(MINIMAL.replace('name = "Testprojekt"', 'name = "Testprojekt\\n## Injected heading\\n- injected item"'))
    r = cli("--lang", "en", "report", "final", str(path), "--format", "md")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert not any(line.startswith("## Injected") for line in lines)
    assert not any(line.startswith("- injected") for line in lines)
    assert "Testprojekt ## Injected heading - injected item" in lines[0]


def test_a_folder_that_does_not_exist_is_an_error_not_an_empty_portfolio(tmp_path):
    for command in ("portfolio", "lessons"):
        r = cli("--lang", "en", command, str(tmp_path / "finns-inte"))
        assert r.returncode == 1, command
        assert f"{tmp_path / 'finns-inte'}: no such folder or file" in r.stderr


# --- one reading, whatever the line ends ---------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(sample=st.sampled_from(sorted(SAMPLES.rglob("*.toml"))), extra=st.sampled_from(["", "\n# 10:00 möte\n", '\n[ext.x]\nt = 10:00:00\n']))
def test_crlf_files_read_as_the_same_project_whatever_else_they_hold(sample, extra):
    """rtoml kept CRLF inside \"\"\" strings and tomli did not; a `10:00` elsewhere chose between them."""
    text = sample.read_text(encoding="utf-8") + extra
    lf = parse_project(text, "lf.toml")
    crlf = parse_project(text.replace("\n", "\r\n"), "crlf.toml")
    assert lf.project == crlf.project
    assert [(p.line, p.message) for p in lf.problems] == [(p.line, p.message) for p in crlf.problems]


# --- a personnummer typed, imported, or about to be saved ----------------------------------


async def test_the_form_flags_a_personnummer_while_typing_and_keeps_it_out_of_the_unsaved_copy(write):
    from lilla_ratten.storage import unsaved
    from lilla_ratten.tui.screens.record_form import RecordForm
    from tests.test_tui import make_app

    app = make_app(write(MINIMAL))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "a", *"Samtal med 121212-1212", "tab", *"2024-01-01")
        await pilot.pause()
        problems = str(app.screen.query_one("#problems").render())
        assert "Title: a Swedish personal identity number (121212-****): participants may only be named" in problems
        app.screen.query_one("#f-title").value = "Samtal med 121212–1212"  # pasted from Word
        await pilot.pause()
        assert "(121212–****)" in str(app.screen.query_one("#problems").render())
        assert app.screen.query_one("#save").disabled
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, RecordForm)  # not taken
        await pilot.press("escape")
        assert len(app.session.project.milestones) == 2
    copies = list(unsaved.state_dir().rglob("*")) if unsaved.state_dir().exists() else []
    assert not any("121212" in p.read_text(encoding="utf-8", errors="replace") for p in copies if p.is_file())


def test_a_save_refused_for_a_personnummer_names_the_field_not_a_line_of_unwritten_text(write):
    from lilla_ratten.model import Milestone

    path = write(MINIMAL)
    loaded = read_project(path)
    loaded.project.milestones.append(Milestone(id="M3", title="Samtal 121212-1212", planned=None))
    with pytest.raises(ProjectFileError) as caught:
        loaded.save()
    assert str(caught.value).splitlines() == [
        f"{path}: milestones[M3].title: a Swedish personal identity number (121212-****) is in the file: participants "
        "may only be named by pseudonymous ids. Remove it, and if it was committed, remove it from the git history too "
        "(docs/privacy.md)",
        f"{path}: not saved: remove the identity number first",
    ]
    assert path.read_text(encoding="utf-8") == MINIMAL


def test_budget_import_names_the_ledger_row_and_a_dry_run_fails_too(tmp_path):
    project = tmp_path / "p.toml"
    project.write_text(BUDGET, encoding="utf-8")
    ledger = tmp_path / "huvudbok.csv"
    ledger.write_text("Datum;Konto;Text;Belopp\n2023-09-01;5800;Resa;1 250,00\n2023-09-02;5800;Ersättning 121212–1212;521,00\n", encoding="utf-8")
    for extra in (["--dry-run"], []):
        r = cli("--lang", "en", "budget", "import", str(project), str(ledger), *extra)
        assert r.returncode == 1, extra
        assert f"{ledger}:3: a Swedish personal identity number (121212–****) is in this row" in r.stderr
        assert "Nothing was imported" in r.stderr
    assert project.read_text(encoding="utf-8") == BUDGET


# --- false alarms, measured ------------------------------------------------------------------


def _valid_numbers(rng, n: int, twelve: bool = False) -> list[str]:
    from datetime import date, timedelta

    from lilla_ratten.model.privacy import luhn_ok

    out = []
    while len(out) < n:
        born = date(1920, 1, 1) + timedelta(days=rng.randrange(0, 365 * 100))
        ten = born.strftime("%y%m%d") + f"{rng.randrange(0, 1000):03d}"
        check = next(str(c) for c in range(10) if luhn_ok(ten + str(c)))
        out.append((born.strftime("%Y%m%d") if twelve else born.strftime("%y%m%d") + "-") + ten[6:] + check)
    return out


def test_phone_numbers_and_timestamps_with_their_words_raise_no_alarm():
    """The issue measured 97 of 10 000 unformatted mobile numbers and 270 of 2 688 timestamps
    taken for identity numbers. Said to be a phone number or a time, none is."""
    import random
    from datetime import datetime, timedelta

    rng = random.Random(24)
    mobiles = ["07" + f"{rng.randrange(0, 10**8):08d}" for _ in range(10_000)]
    bare = sum(bool(find_identity_numbers(f"Kontakt {m}")) for m in mobiles)
    said = sum(bool(find_identity_numbers(f"{word} {m}")) for word, m in zip(["tel", "Tel:", "mobil", "Mobilnr", "sms till"] * 2000, mobiles, strict=True))
    start = datetime(2023, 5, 1)
    stamps = [(start + timedelta(minutes=7 * i)).strftime("%Y%m%d%H%M") for i in range(2_688)]
    stamps_said = sum(bool(find_identity_numbers(f"{word} {s}")) for word, s in zip(["kl", "tid:", "Tidsstämpel", "loggad"] * 672, stamps, strict=True))
    print(f"mobile numbers: {bare} of 10 000 bare, {said} with a word; timestamps with a word: {stamps_said} of 2 688")
    assert 0 < bare < 200  # a bare 070 number can be a 2007-born child's: still flagged (measured: about 1 %)
    assert said == 0 and stamps_said == 0


def test_no_real_number_is_missed_in_ordinary_prose():
    import random

    rng = random.Random(7)
    for number in _valid_numbers(rng, 1_000) + _valid_numbers(rng, 1_000, twelve=True):
        for text in (number, f"Deltagare {number} kom", f"pnr: {number}", f"({number})", f"ring {number}", f"tel.lista; {number}"):
            assert find_identity_numbers(text) == [number], text


def test_random_twelve_digit_numbers_need_a_plausible_century():
    import random

    rng = random.Random(12)
    numbers = [f"{rng.randrange(10**11, 10**12)}" for _ in range(10_000)]
    flagged = [n for n in numbers if find_identity_numbers(f"Id {n}")]
    assert all(n[:2] in ("18", "19", "20") for n in flagged)
    assert len(flagged) < 40  # was any century: 4512-01-01 is a date too


# --- comments that fmt used to drop -----------------------------------------------------------

COMMENTED = (
    "\ufeff# Första raden: en kommentar\n"
    + MINIMAL.replace(
        'title = "Uppföljning"',
        'title = """\nUppföljning\nmed två rader"""  # källa: slutrapporten s. 3',
    )
    + '\n[[members]]\nid = "P1"\ngroup = "project_group"\nname = "Anna"\n# två tjänster?\ncount = 1  # kolla med HR\n'
    + '\n[ext.budget]\nversion = 1\n\n[[ext.budget.mapping]]\naccounts = ["58"]  # resor och logi\nline = "travel"\n'
)


def test_fmt_keeps_every_comment(tmp_path):
    """Lost before: the first line's comment after a BOM, both comments of a key at its default
    (`count = 1`), the trailing comment after a multi-line value and after a list."""
    path = tmp_path / "p.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    for _ in range(2):
        r = cli("--no-plugins", "fmt", str(path))
        assert r.returncode == 0, r.stderr
    text = path.read_text(encoding="utf-8")
    for comment in ("# Första raden: en kommentar", "# två tjänster?\ncount = 1  # kolla med HR", 'med två rader"""  # källa: slutrapporten s. 3',
                    "]  # resor och logi"):
        assert text.count(comment) == 1, comment
    assert text.startswith("# Första raden")  # written without the BOM
    assert cli("--no-plugins", "fmt", "--check", str(path)).returncode == 0  # and stable
    assert read_project(path).project == read_project_text(COMMENTED, tmp_path)


def read_project_text(text: str, folder: Path):
    other = folder / "original.toml"
    other.write_text(text, encoding="utf-8")
    return read_project(other).project


def test_the_portfolio_refuses_what_status_refuses_in_a_plugin_section(tmp_path):
    """`budget = nan` in [ext.budget]: status refused the file, the portfolio listed it, exit 0."""
    folder = tmp_path / "projekt"
    folder.mkdir()
    text = (SAMPLES / "systematisk-uppfoljning-ensamkommande.toml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("budget = ") and line.strip()[-1].isdigit())
    lines[at] = "budget = nan\n"
    (folder / "a.toml").write_text("".join(lines), encoding="utf-8")
    (folder / "b.toml").write_text(MINIMAL, encoding="utf-8")
    status = cli("--lang", "en", "status", str(folder / "a.toml"))
    assert status.returncode == 1
    r = cli("--lang", "en", "portfolio", str(folder), "--format", "json")
    assert r.returncode == 1
    import json

    data = json.loads(r.stdout)
    assert [project["name"] for project in data["data"]["projects"]] == ["Testprojekt"]
    assert f"a.toml:{at + 1}: ext.budget.lines[salaries].budget: expected a whole number, got nan [budget]" in data["data"]["failed"][0]["error"]
