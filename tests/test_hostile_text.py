"""Text anyone with commit access could write: terminal escapes, bidi overrides, spreadsheet
formulas. Validate names them; no output lets them act on the reader's terminal or sheet."""

from __future__ import annotations

import copy
import csv
import functools
import io
import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lilla_ratten.cli import main
from lilla_ratten.model.text_safety import UNSAFE, neutralise
from lilla_ratten.reports import final_report, render
from lilla_ratten.reports.portfolio import csv_rows, spreadsheet_text
from lilla_ratten.reports.portfolio_load import load_portfolio
from lilla_ratten.storage import read_project
from tests.conftest import MINIMAL, SAMPLES
from tests.test_cli import cli
from tests.pty_screen import Screen

# what the issue found: a retitled window, red text, an OSC 52 clipboard write, a C1 CSI, RLO
ESCAPES = r"\u001b]0;pwned\u0007\u001b[31mRED \u001b]52;c;ZXZpbA==\u0007\u009b2J\u202Eevil"
RAW = "\x1b]0;pwned\x07\x1b[31mRED \x1b]52;c;ZXZpbA==\x07\x9b2J\u202eevil"
HOSTILE = MINIMAL.replace('name = "Testprojekt"', f'name = "{ESCAPES} Testprojekt"')
DANGEROUS = ("\x1b", "\x07", "\x9b", "\u202e")


@functools.cache
def _sample_read():
    return read_project(SAMPLES / "ingen-ska-lamnas-utanfor-2.toml").project


def sample_project():
    """The richest sample (milestones, lessons, plugin sections), a fresh copy each time."""
    return copy.deepcopy(_sample_read())


def _no_raw_controls(text: str) -> None:
    for char in DANGEROUS:
        assert char not in text, f"{char!r} reached the output"


def test_validate_names_control_characters_with_file_line_and_field(write):
    path = write(HOSTILE)
    r = cli("--lang", "en", "validate", str(path))
    assert r.returncode == 1
    assert (
        f"{path}:5: project.name: control character U+001B (ESCAPE), U+0007 (BELL), U+009B (CONTROL SEQUENCE "
        "INTRODUCER), U+202E (RIGHT-TO-LEFT OVERRIDE) in the text: printed, it could act on the reader's "
        "terminal (window title, colours, clipboard). Remove it"
    ) in r.stdout
    _no_raw_controls(r.stdout + r.stderr)


def test_validate_names_them_in_swedish(write):
    r = cli("--lang", "sv", "validate", str(write(HOSTILE)))
    assert r.returncode == 1
    assert "project.name: styrtecken U+001B (ESCAPE)" in r.stdout, r.stdout


def test_bidi_overrides_in_values_keys_comments_and_plugin_sections(write):
    path = write(
        MINIMAL.replace('title = "Uppföljning"', 'title = "Uppf\\u2066öljning"')
        + "# granskad av \u202eeveN\n"
        + '[ext.someplugin]\nnote = "ok"\n"n\\u001bame" = 1\nlist = ["a", "b\\u009b"]\n'
    )
    problems = {(p.line, p.path): p.message for p in read_project(path).problems}
    assert problems[(18, "milestones[M2].title")].startswith("bidirectional control character U+2066 (LEFT-TO-RIGHT ISOLATE)")
    assert problems[(20, "")].startswith("bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE): it makes")
    # the key is named (inert) at its table: the line finder does not read escapes in keys
    assert problems[(21, "ext.someplugin.n\x1bame")].startswith("control character U+001B (ESCAPE) in the text")
    assert problems[(24, "ext.someplugin.list[#2]")].startswith("control character U+009B")
    assert len(problems) == 4


def test_newlines_tabs_and_crlf_files_are_fine(write):
    text = MINIMAL.replace('title = "Uppföljning"', 'title = "Uppföljning\\tsteg 2"') + (
        '\n[[status_reports]]\nid = "SR1"\ndate = 2023-06-06\nmilestone = "M1"\nsummary = """\nRad ett\n\tRad två\n"""\n'
    )
    assert read_project(write(text)).problems == []
    crlf = write(text.replace("\n", "\r\n"), "crlf.toml")
    assert read_project(crlf).problems == []


def test_reports_of_a_file_never_validated_print_no_controls(tmp_path):
    """The renderers neutralise whatever the project holds, validated or not."""
    project = sample_project()
    project.project.name = RAW
    project.milestones[0].title = "M\x1b[2J\u202etitel"
    doc = final_report.build(project, date(2024, 3, 1))
    for fmt in ("md", "text"):
        out = render(doc, fmt)
        _no_raw_controls(out)
        assert "␛]0;pwned␇␛[31mRED" in out  # shown, inert
    data = json.loads(render(doc, "json"))
    out = render(doc, "json")
    _no_raw_controls(out)
    assert RAW in data["title"]  # JSON keeps the value, escaped


def test_the_command_line_filters_what_it_prints(write, capsys):
    """review --print shows projects as they are (errors and all): the text arrives inert."""
    path = write(HOSTILE)
    assert main(["--lang", "en", "review", "--print", str(path)]) == 0
    out = capsys.readouterr().out
    _no_raw_controls(out)
    assert "␛]0;pwned␇␛[31mRED" in out
    assert main(["--lang", "en", "textconv", str(path)]) == 0
    out = capsys.readouterr().out
    _no_raw_controls(out)
    assert "project name = ␛]0;pwned␇" in out


def test_the_terminal_app_sends_no_project_controls_to_the_terminal(write):
    """On a real pty Textual 8 wrote ESC ]0;pwned BEL as it was (the window was retitled)."""
    screen = Screen(write(HOSTILE))
    try:
        screen.wait_for("Testprojekt")
        screen.keys("4")  # the milestones table too
        screen.read(0.5)
        screen.keys("\x11")  # ctrl+q
        screen.ended("the app did not quit", reading=True)
    finally:
        import os

        os.close(screen.fd)
    received = screen.text
    assert "]0;pwned" in received and "RED" in received  # the text was drawn…
    for sequence in ("\x1b]0;pwned", "\x1b[31mRED", "\x1b]52;", "\x9b2J", "\u202eevil"):
        assert sequence not in received  # …but none of it acted


def test_a_spreadsheet_shows_formula_text_as_text_and_numbers_as_numbers(write, tmp_path):
    write(MINIMAL.replace('organisation = "Skarpnäcks stadsdelsförvaltning"', 'organisation = "=HYPERLINK(\\"http://x\\";\\"klicka\\")"')
          .replace('name = "Testprojekt"', 'name = "@SUM(1+1)*cmd|\' /C calc\'!A0"\ngranted = 250000'))
    loaded = load_portfolio([tmp_path], date(2024, 3, 1))
    headers, rows = csv_rows(loaded.rows, loaded.columns)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([headers, *rows])
    record = dict(zip(headers, next(iter(csv.reader(io.StringIO(buffer.getvalue()).readlines()[1:]))), strict=True))
    assert record["organisation"] == "'=HYPERLINK(\"http://x\";\"klicka\")"
    assert record["name"].startswith("'@SUM")
    assert record["granted"] == "250000"
    for value, shown in (("-5", "-5"), ("+46 8 508 000 00", "'+46 8 508 000 00"), ("-tal", "'-tal"), ("\t=1", "'\t=1"),
                         ("2,5", "2,5"), ("a=b", "a=b"), (-5, -5), (None, None)):
        assert spreadsheet_text(value) == shown


def test_portfolio_csv_on_the_command_line(write, tmp_path):
    write(MINIMAL.replace('organisation = "Skarpnäcks stadsdelsförvaltning"', 'organisation = "+1+1"'))
    r = cli("portfolio", str(tmp_path), "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert ",'+1+1," in r.stdout


unsafe_chars = st.sampled_from([chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), *range(0x7F, 0xA0)]] + [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]] + ["\r"])
texts = st.lists(st.one_of(st.text(max_size=5), unsafe_chars), min_size=1, max_size=12).map("".join)


@settings(max_examples=60, deadline=None)
@given(name=texts, title=texts, lesson=texts)
def test_no_output_format_emits_a_control_character_it_was_given(name, title, lesson):
    """Whatever the project holds, md, text, JSON, CSV and the command line's streams carry no
    unsafe character: the renderers neutralise it, JSON escapes it, CSV cells go through the
    same stream filter as every command's output."""
    from lilla_ratten.cli.safe_output import NeutralisingStream

    project = sample_project()
    project.project.name, project.milestones[0].title = name or "x", title
    doc = final_report.build(project, date(2024, 3, 1))
    outputs = [render(doc, "md"), render(doc, "text", 60), render(doc, "json")]
    assert (name or "x") in json.loads(outputs[2])["title"]
    stream = io.StringIO()
    csv.writer(NeutralisingStream(stream), lineterminator="\n").writerow([spreadsheet_text(lesson), name])
    outputs.append(stream.getvalue())
    for out in outputs:
        assert UNSAFE.search(out) is None, repr(out)


@pytest.mark.parametrize(
    "given_text, shown",
    [("a\x1b[31mb", "a␛[31mb"), ("x\r\ny", "x\ny"), ("x\ry", "x␍y"), ("\u202eabc", "\ufffdabc"), ("\x9b", "\ufffd"),
     ("\x7f", "␡"), ("tab\tok\n", "tab\tok\n"), ("å ä ö – ✓", "å ä ö – ✓")],
)
def test_neutralise_shows_each_character_for_what_it_is(given_text, shown):
    assert neutralise(given_text) == shown
