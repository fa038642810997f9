"""Issue 33: identity numbers in every form caught, ordinary text never taken for one, and the
number masked wherever it is shown (``mask_identity_numbers``)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from lilla_ratten.model.privacy import (
    birth_year,
    find_identity_numbers,
    luhn_ok,
    mask,
    mask_identity_numbers,
    might_hold_identity_number,
    normalise,
)

# copies of the real reports the samples reconstruct (CI has them elsewhere; tests read these)
REPORTS = Path(__file__).parent / "data" / "seeds"


def with_check_digit(nine: str) -> str:
    return nine + next(str(c) for c in range(10) if luhn_ok(nine + str(c)))


# --- the 10-digit form across the century ---------------------------------------------------------


def test_the_century_is_inferred_as_skatteverket_does():
    today = date(2026, 12, 4)
    assert birth_year(None, "00", "-", today) == 2000
    assert birth_year(None, "26", "-", today) == 2026
    assert birth_year(None, "27", "-", today) == 1927
    assert birth_year(None, "12", "+", today) == 1912  # 100 or older
    assert birth_year(None, "00", "+", today) == 1900
    assert birth_year("19", "00", "-", today) == 1900


@pytest.mark.parametrize("number", ["000229-1235", "0002291235", "000289-1232", "20000229-1235", "200002291235"])
def test_a_leap_day_of_2000_is_a_birthday(number):
    """Born 29 February 2000 (and the samordningsnummer with day 89): 1900 was no leap year."""
    assert find_identity_numbers(f"Deltagare {number} i gruppen") == [number]


def test_the_plus_sign_moves_the_birth_a_century_back():
    assert find_identity_numbers("000229+1235") == []  # 29 February 1900 never was
    assert find_identity_numbers("121212+1212") == ["121212+1212"]


# --- invisible and look-alike characters ----------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "19121212\u00ad1212",  # soft hyphen
        "19121212\u200b-1212",  # zero-width space
        "1912\u20601212-1212",  # word joiner
        "19121212\ufeff-1212",
        "1912121\u200e2-1212",  # left-to-right mark
        "\uff11\uff19\uff11\uff12\uff11\uff12\uff11\uff12-\uff11\uff12\uff11\uff12",  # fullwidth digits
        "19121212\uff0d1212",  # fullwidth hyphen
        "19121212\ufe631212",  # small hyphen
        "121212\u00ad-\u00ad1212",
        "1912\u00a012\u00a012-1212",  # no-break spaces between the date's parts
    ],
)
def test_invisible_and_look_alike_characters_hide_no_number(written):
    text = f"Hembesök hos {written} i går"
    assert might_hold_identity_number(text)
    assert find_identity_numbers(text) == [written]  # as written, to be found in the file
    masked = mask_identity_numbers(text)
    assert masked.startswith("Hembesök hos ") and masked.endswith("**** i går")
    assert find_identity_numbers(masked) == [] and "1212-1212" not in normalise(masked)


def test_normalising_keeps_swedish_text_the_same_object():
    text = "Åtgärd för barn och unga – uppföljning"
    assert normalise(text) is text
    assert normalise("a\u00adb\uff11") == "ab1"


# --- masking --------------------------------------------------------------------------------------


def test_mask_hides_the_last_four_digits_of_every_number_and_leaves_the_rest():
    text = "M9 title Hembesök hos 19121212-1212 → Hembesök hos F07; pnr 811218-9876, tel 08-508 01 513"
    assert mask_identity_numbers(text) == "M9 title Hembesök hos 19121212-**** → Hembesök hos F07; pnr 811218-****, tel 08-508 01 513"
    assert mask("19121212\u00ad1212") == "19121212****"
    plain = "Projektperiod 2001-01-01 – 2003-12-31, Dnr 338-1002/2004"
    assert mask_identity_numbers(plain) is plain


def test_every_number_the_recall_tests_find_is_masked_away():
    rng = random.Random(33)
    for _ in range(2_000):
        born = date(1920, 1, 1) + timedelta(days=rng.randrange(0, 365 * 100))
        ten = with_check_digit(born.strftime("%y%m%d") + f"{rng.randrange(0, 1000):03d}")
        for number in (ten[:6] + "-" + ten[6:], born.strftime("%Y%m%d") + ten[6:], born.strftime("%Y-%m-%d") + "-" + ten[6:]):
            masked = mask_identity_numbers(f"Deltagare {number} kom")
            assert number not in masked and masked.count("****") == 1 and find_identity_numbers(masked) == [], number


# --- ordinary text never taken for one ------------------------------------------------------------

DASHES = ["-", "–", "—", "−", " - ", " – ", " — ", "--", "‑"]
RANGE_DASHES = ["–", "—", " - ", " – ", " — "]


def _date_ranges(rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        a = date(1995, 1, 1) + timedelta(days=rng.randrange(0, 365 * 35))
        b = a + timedelta(days=rng.randrange(1, 365 * 5))
        dash = rng.choice(DASHES)
        shape = rng.randrange(6)
        if shape == 0:
            out.append(f"Projektperiod {a.isoformat()}{dash}{b.isoformat()} enligt beslut.")
        elif shape == 1:
            out.append(f"Perioden {a:%Y%m%d}{dash}{b:%Y%m%d}.")
        elif shape == 2:
            out.append(f"Period {a:%y%m%d}{dash}{b:%y%m%d} (beslut).")
        elif shape == 3:  # a date to a year: with a dash as ranges are written (see below)
            out.append(f"Projekttid {a.isoformat()}{rng.choice(RANGE_DASHES)}{b.year}")
        elif shape == 4:
            out.append(f"Insatsen pågick {a.isoformat()}{dash}{b.isoformat()}, se bilaga.")
        else:
            out.append(f"({a.isoformat()}{dash}{b:%m-%d})")
    return out


def _other_ordinary_text(rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        year = rng.randrange(1995, 2031)
        d = date(year, 1, 1) + timedelta(days=rng.randrange(0, 365))
        h, m = rng.randrange(7, 20), rng.choice(["00", "15", "30", "45"])
        out += [
            f"Dnr {rng.randrange(100, 999)}-{rng.randrange(100, 9999)}/{year}",
            f"Dnr SDN {year}/{rng.randrange(1, 999):03d}-{rng.randrange(1, 99):02d}",
            f"Ärende {d.isoformat()}-{rng.randrange(10, 99)}",
            f"Summa {rng.randrange(1, 10**9):,} kr".replace(",", " "),
            f"Beviljat {rng.randrange(10**5, 10**7)} kronor",
            f"Tel 08-{rng.randrange(100, 999)} {rng.randrange(10, 99)} {rng.randrange(100, 999)}",
            f"070-{rng.randrange(100, 999)} {rng.randrange(10, 99)} {rng.randrange(10, 99)}",
            f"+46 70 {rng.randrange(100, 999)} {rng.randrange(10, 99)} {rng.randrange(10, 99)}",
            f"tel 07{rng.randrange(0, 10**8):08d}",
            f"Org.nr {with_check_digit(f'{rng.randrange(2, 10)}{rng.randrange(0, 10)}{rng.randrange(20, 100)}{rng.randrange(0, 1000):03d}')[:6]}-"
            f"{with_check_digit(f'{rng.randrange(2, 10)}{rng.randrange(0, 10)}{rng.randrange(20, 100)}{rng.randrange(0, 1000):03d}')[6:]}",
            "Organisationsnummer 212000-0142",
            f"Möte {d.isoformat()} kl. {h}.{m}–{h + 1}.{m}",
            f"{d.isoformat()} {h}:{m}-{h + 2}:{m}",
            f"Möte {d.isoformat()} {h}{m} i rum 4",
            f"kl {d:%Y%m%d}{h:02d}{m}",
            f"{d.isoformat()}T{h:02d}:{m}:00",
            f"SoL 11 kap. {rng.randrange(1, 10)} §",
            f"Vecka {rng.randrange(1, 53)} {year}, {rng.randrange(1, 400)} deltagare",
        ]
    return out


def _reports_lines() -> list[str]:
    return [line for path in sorted(REPORTS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]


def test_ordinary_text_is_never_taken_for_an_identity_number():
    """Issue 33 measured 264 of 2 808 realistic date ranges (9.4 %) taken for a number, so the
    file could not be saved. The real reports' own text, date ranges and periods in six shapes
    and nine dashes, diary numbers, amounts, phone and organisation numbers and times: none."""
    rng = random.Random(2808)
    reports = _reports_lines()
    ranges = _date_ranges(rng, 2_808)
    other = _other_ordinary_text(rng, 500)
    assert len(reports) > 1_000 and len(other) == 9_000
    found = {name: [t for t in texts if find_identity_numbers(t)] for name, texts in (("reports", reports), ("ranges", ranges), ("other", other))}
    print({name: f"{len(v)} of {n}" for (name, v), n in zip(found.items(), (len(reports), len(ranges), len(other)), strict=True)})
    assert found == {"reports": [], "ranges": [], "other": []}
    assert all(mask_identity_numbers(t) is t for t in ranges[:200])


def test_a_range_beside_a_real_number_still_finds_the_number():
    text = "Projektperiod 2001-01-01 – 2003-12-31, deltagare 19121212-1212 och 121212-1212."
    assert find_identity_numbers(text) == ["19121212-1212", "121212-1212"]
    assert find_identity_numbers("19121212-1212 – 19121212-1212") == ["19121212-1212", "19121212-1212"]


def test_a_date_then_a_plain_hyphen_and_a_year_is_still_a_number():
    """``1990-05-05-2013`` is how a personnummer is written with its date's parts apart, and a
    period to a year only with a hyphen: the two cannot be told apart, so it is a number."""
    number = "1990-05-05-" + with_check_digit("900505201")[6:]
    assert number.endswith("2015") and find_identity_numbers(f"Projekttid {number}") == [number]
    assert find_identity_numbers("Projekttid " + number.replace("05-2015", "05 – 2015")) == []


# --- ids that look the same and are not -----------------------------------------------------------


def test_a_word_joiner_in_a_reference_and_a_decomposed_id_are_flagged_by_validate(write):
    from tests.conftest import MINIMAL
    from tests.test_cli import cli

    joined = write(MINIMAL + '\n[[activities]]\nid = "A1"\ntitle = "Samtal"\nmilestone = "M1\\u2060"\n', "joined.toml")
    r = cli("--lang", "en", "validate", str(joined))
    assert r.returncode == 1
    assert "activities[A1].milestone: M1 does not exist, but M1 does: they look the same and differ in an invisible character" in r.stdout
    twice = MINIMAL.replace('id = "M1"', 'id = "M\\u00c51"') + '\n[[milestones]]\nid = "MA\\u030a1"\ntitle = "Uppföljning"\nplanned = 2023-09-01\n'
    r = cli("--lang", "en", "validate", str(write(twice, "twice.toml")))
    assert r.returncode == 1
    assert "the id MÅ1 has a letter written as two characters (a letter and a combining accent)" in r.stdout
    assert "the id MÅ1 looks the same as entry 1's (MÅ1) but differs in invisible characters or in how a letter is written" in r.stdout
    hidden = write(MINIMAL.replace('id = "M1"', 'id = "M\\u200b1"'), "hidden.toml")
    r = cli("--lang", "en", "validate", str(hidden))
    assert r.returncode == 1 and "the id M1 holds an invisible character, U+200B (ZERO WIDTH SPACE)" in r.stdout
