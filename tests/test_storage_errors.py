"""Every kind of bad input gives file:line: field: message — checked word for word."""

from __future__ import annotations

import pytest

from lilla_ratten.storage import ProjectFileError, read_project
from tests.conftest import MINIMAL


def problems_of(path) -> list[str]:
    try:
        return [str(p) for p in read_project(path).problems]
    except ProjectFileError as exc:
        return [str(p) for p in exc.problems]


def test_syntax_error_names_line(write):
    path = write(MINIMAL + 'broken = "no end\n')
    (msg,) = problems_of(path)
    assert msg == f"{path}:20: TOML syntax error: a quotation mark is not closed"


def test_wrong_type_text(write):
    path = write(MINIMAL.replace('name = "Testprojekt"', "name = 42"))
    assert problems_of(path) == [f"{path}:5: project.name: expected text, got a whole number"]


def test_wrong_type_money_float(write):
    path = write(MINIMAL.replace("end = 2024-02-29", "end = 2024-02-29\ngranted = 400000.50"))
    assert problems_of(path) == [f"{path}:9: project.granted: expected a whole number, got 400000.5"]


def test_bool_is_not_a_number(write):
    path = write(MINIMAL.replace("end = 2024-02-29", "end = 2024-02-29\ngranted = true"))
    assert problems_of(path) == [f"{path}:9: project.granted: expected a whole number, got true or false"]


def test_unknown_key(write):
    path = write(MINIMAL.replace('title = "Uppföljning"', 'title = "Uppföljning"\nowner = "Anna"'))
    assert problems_of(path) == [f"{path}:19: milestones[M2].owner: unknown key owner"]


def test_unknown_top_level_table(write):
    path = write(MINIMAL + "\n[budgett]\ntotal = 5\n")
    assert problems_of(path) == [f"{path}:21: budgett: unknown key budgett"]


def test_unknown_key_under_ext_is_kept(write):
    path = write(MINIMAL + "\n[ext.anything]\nwhatever = 5\n")
    loaded = read_project(path)
    assert loaded.problems == []
    assert loaded.project.ext == {"anything": {"whatever": 5}}


def test_missing_required_field(write):
    path = write(MINIMAL.replace('title = "Uppföljning"\n', ""))
    assert problems_of(path) == [f"{path}:16: milestones[M2].title: required but missing"]


def test_missing_project_table(write):
    path = write("schema = 1\n")
    assert problems_of(path) == [f"{path}: project: required but missing"]


def test_date_as_text(write):
    path = write(MINIMAL.replace("planned = 2023-10-01", 'planned = "2023-10-01"'))
    assert problems_of(path) == [
        f'{path}:19: milestones[M2].planned: expected a date like 2024-02-28 written without quotes, '
        'got the text "2023-10-01"'
    ]


def test_datetime_for_a_date(write):
    path = write(MINIMAL.replace("planned = 2023-10-01", "planned = 2023-10-01T09:00:00"))
    assert problems_of(path) == [
        f"{path}:19: milestones[M2].planned: expected a date like 2024-02-28, got a date and time (2023-10-01 09:00:00)"
    ]


def test_invalid_date_is_a_syntax_error_with_line(write):
    path = write(MINIMAL.replace("planned = 2023-10-01", "planned = 2023-02-30"))
    (msg,) = problems_of(path)
    assert msg == f"{path}:19: TOML syntax error: there is no such date: 2023-02-30"


@pytest.mark.parametrize(
    "value, en, sv",
    [
        # tomli said "Expected newline or end of document after a statement" and "Invalid date or
        # datetime", in English inside Swedish messages
        ("03/02/2014", "TOML syntax error: not a date written as YYYY-MM-DD (2024-02-28): 03/02/2014",
         "syntaxfel i TOML: inte ett datum på formen ÅÅÅÅ-MM-DD (2024-02-28): 03/02/2014"),
        ("2023-2-28", "TOML syntax error: not a date written as YYYY-MM-DD (2024-02-28): 2023-2-28",
         "syntaxfel i TOML: inte ett datum på formen ÅÅÅÅ-MM-DD (2024-02-28): 2023-2-28"),
        ("2023-02-30", "TOML syntax error: there is no such date: 2023-02-30",
         "syntaxfel i TOML: det finns inget sådant datum: 2023-02-30"),
        ("okänt", "TOML syntax error: not a value: text goes in quotes, a date is written as 2024-02-28, a number with a dot",
         "syntaxfel i TOML: inte ett värde: text skrivs inom citattecken, ett datum som 2024-02-28, ett decimaltal med punkt"),
        ('"utan slut', "TOML syntax error: a quotation mark is not closed", "syntaxfel i TOML: ett citattecken stängs inte"),
    ],
)
def test_a_syntax_error_is_said_in_the_users_words(write, value, en, sv):
    from lilla_ratten.i18n import get_language, set_language

    path = write(MINIMAL.replace("planned = 2023-10-01", f"planned = {value}"))
    language = get_language()
    try:
        for lang, words in (("en", en), ("sv", sv)):
            set_language(lang)
            assert problems_of(path) == [f"{path}:19: {words}"]
    finally:
        set_language(language)


def test_every_syntax_error_of_the_toml_corpus_is_in_our_words():
    """Each invalid file of toml-test's TOML 1.0 corpus: tomli's English never reaches the user
    (a message it adds in a later version would: this fails then, and toml_words gets it)."""
    from lilla_ratten.model.findings import Word
    from lilla_ratten.storage.reader import TomlSyntaxError, parse_toml
    from lilla_ratten.storage.toml_words import syntax_finding
    from tests.test_toml_conformance import CORPUS, INVALID

    raw = set()
    for name in INVALID:
        text = (CORPUS / name).read_bytes().decode("utf-8", errors="replace")
        try:
            parse_toml(text)
        except TomlSyntaxError as exc:
            finding = syntax_finding(exc.message, None)
            if finding.message == "TOML syntax error: {error}" and not isinstance(finding.params["error"], Word):
                raw.add(exc.message)
    assert raw == set()


def test_unknown_vocabulary_word(write):
    path = write(
        MINIMAL + '\n[[status_reports]]\nid = "SR1"\ndate = 2023-06-06\nmilestone = "M1"\ntime = "purple"\n'
    )
    assert problems_of(path) == [
        f'{path}:25: status_reports[SR1].time: "purple" is not allowed here; choose one of: green, yellow, red'
    ]


def test_duplicate_id(write):
    path = write(MINIMAL + '\n[[milestones]]\nid = "M1"\ntitle = "Igen"\nplanned = 2023-12-01\n')
    assert problems_of(path) == [
        f"{path}:22: milestones[M1].id: duplicate id M1: entry 1 in the same list already uses it"
    ]


def test_dangling_reference(write):
    path = write(MINIMAL + '\n[[activities]]\nid = "A1"\ntitle = "Intervju"\nmilestone = "M9"\n')
    assert problems_of(path) == [
        f"{path}:24: activities[A1].milestone: M9 does not exist: no entry in milestones has that id"
    ]


def test_end_before_start(write):
    path = write(MINIMAL.replace("end = 2024-02-29", "end = 2023-01-31"))
    assert problems_of(path) == [f"{path}:8: project.end: the end 2023-01-31 is before the start 2023-05-01"]


def test_overall_light_override_needs_reason(write):
    text = MINIMAL + '\n[[status_reports]]\nid = "SR1"\ndate = 2023-06-06\ncost = "red"\noverall = "green"\n'
    path = write(text)
    assert problems_of(path) == [
        f"{path}:25: status_reports[SR1].overall: overall is green but the worst light (cost) is red: "
        "give overall_reason, or remove overall"
    ]
    path.write_text(text + 'overall_reason = "Beviljad tilläggsbudget"\n', encoding="utf-8")
    assert problems_of(path) == []


@pytest.mark.parametrize(
    "number",
    ["19121212-1212", "121212-1212", "191212121212", "20121212+1212"[2:], "701063-2391"],
)
def test_personnummer_anywhere_is_refused(write, number):
    path = write(MINIMAL + f'\n[ext.steps]\nnote = "deltagare {number}"\n')
    msgs = problems_of(path)
    assert len(msgs) == 1
    assert msgs[0].startswith(f"{path}:22: a Swedish personal identity number (")
    assert number not in msgs[0]  # the message does not repeat the number in full
    assert "pseudonymous ids" in msgs[0]


def test_personnummer_in_a_comment_is_refused(write):
    path = write("# kontakt 19121212-1212\n" + MINIMAL)
    (msg,) = problems_of(path)
    assert msg.startswith(f"{path}:1: a Swedish personal identity number (19121212-****)")


def test_phone_and_diary_numbers_are_not_identity_numbers(write):
    path = write(MINIMAL.replace("end = 2024-02-29", 'end = 2024-02-29\ndnr = "338-1002/2004"\nleader = "08-508 01 513"'))
    assert problems_of(path) == []


def test_missing_schema(write):
    path = write(MINIMAL.replace("schema = 1\n", ""))
    assert problems_of(path) == [f"{path}: schema: no schema version: add `schema = 1` as the first line"]


def test_newer_schema(write):
    path = write(MINIMAL.replace("schema = 1", "schema = 7"))
    assert problems_of(path) == [
        f"{path}:1: schema: written for schema 7, newer than this Lilla Ratten understands (1): upgrade the app"
    ]


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(MINIMAL.replace("Skarpnäcks", "Skarpn\xe4cks").encode("latin-1"))
    assert problems_of(path) == [f"{path}:6: not UTF-8 text (byte 0xe4 at position 77)"]


def test_missing_file(tmp_path):
    path = tmp_path / "nope.toml"
    assert problems_of(path) == [f"{path}: cannot be read: there is no such file or folder"]


def test_several_problems_are_all_reported(write):
    text = MINIMAL.replace('name = "Testprojekt"', "name = 1").replace("planned = 2023-10-01", 'planned = "x"')
    path = write(text)
    msgs = problems_of(path)
    assert [m.split(": ")[1] for m in msgs] == ["project.name", "milestones[M2].planned"]


def test_messages_in_swedish(write):
    from lilla_ratten.i18n import set_language

    set_language("sv")
    path = write(MINIMAL.replace("end = 2024-02-29", "end = 2023-01-31"))
    (msg,) = problems_of(path)
    assert msg == f"{path}:8: project.end: slutet 2023-01-31 ligger före starten 2023-05-01"
