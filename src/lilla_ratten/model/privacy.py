"""Swedish personal identity numbers: found anywhere in a file, they are refused.

A personnummer is YYMMDD-NNNC (or YYYYMMDDNNNC; ``+`` for those over 100) with a
Luhn check digit C over the ten digits YYMMDDNNN.  A samordningsnummer is the
same with 60 added to the day.  Requiring a valid date and check digit keeps
phone numbers and diary numbers from being taken for one.
"""

from __future__ import annotations

import re
from datetime import date

from lilla_ratten.i18n import N_

# hyphen and what Word and Outlook make of it (en and em dash, non-breaking hyphen, minus sign)
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
# The patterns a closer look uses are compiled then (re keeps them): most files never need
# one, and compiling them as the module is imported cost the app's first frame 0.8 ms.
_CANDIDATE = rf"(?<![\d])(\d{{2}})?(\d{{2}})(\d{{2}})(\d{{2}})\s?([+{_DASHES}]?)\s?(\d{{3}})(\d)(?![\d])"
# 1912-12-12-1212, 1912 12 12-1212: the date's parts apart (the same way), then a dash
_SEPARATED = (
    rf"(?<![\d])(\d{{2}})?(\d{{2}})([ {_DASHES}])(\d{{2}})\3(\d{{2}})[ ]?([+{_DASHES}])[ ]?(\d{{3}})(\d)(?![\d])"
)


IDENTITY_NUMBER = N_(
    "a Swedish personal identity number ({number}) is in the file: participants may only "
    "be named by pseudonymous ids. Remove it, and if it was committed, remove it from the "
    "git history too (docs/privacy.md)"
)
IDENTITY_NUMBER_TYPED = N_(
    "a Swedish personal identity number ({number}): participants may only be named by pseudonymous ids"
)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _plausible_date(century: str | None, yy: str, mm: str, dd: str) -> bool:
    if century is not None and century not in ("18", "19", "20"):
        return False  # nobody alive was born in 4512 or 1212
    day = int(dd)
    if day > 60:
        day -= 60  # samordningsnummer
    year = int((century or "19") + yy)
    try:
        date(year, int(mm), day)
    except ValueError:
        return False
    return True


# Every candidate contains this (its last six date digits, then the serial and check digit);
# a pattern without look-behind or optional groups scans a 12 KB file 5x faster.
_QUICK = re.compile(rf"\d\d[ {_DASHES}]?\d\d[ {_DASHES}]?\d\d\s?[+{_DASHES}]?\s?\d\d\d\d")


_ASCII = bytes(range(128))
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_REACH = 6 + 7 * 4  # six digits, then at most seven characters of at most four bytes each


# 1912-12-12-1212 and 1912 12 12 - 1212 hold no six digits in a row: with the digits made 0,
# one bytes pattern finds every shape, the wide dashes by their UTF-8 bytes (0.03 ms on 32 KB)
_DASH_BYTES = rb"(?:[ -]|\xe2\x80[\x90-\x94]|\xe2\x88\x92)"
_SEPARATED_SHAPE = re.compile(rb"00" + _DASH_BYTES + rb"00" + _DASH_BYTES + rb"00 ?(?:[-+]|\xe2\x80[\x90-\x94]|\xe2\x88\x92)")


def might_hold_identity_number(text: str) -> bool:
    """False when no line of ``text`` can hold one (then no closer look is needed).

    The same answer as ``_QUICK.search(text)``, three times faster on a 32 KB file with
    numbers in it: bytes-level passes find the runs of six ASCII digits every candidate
    starts with, and the pattern looks only there. A digit of another script (the pattern takes
    any script's digits) sends the whole text to the pattern.
    """
    raw = text.encode("utf-8", "surrogatepass")
    beyond_ascii = set(raw.translate(None, _ASCII).decode("utf-8", "surrogatepass"))
    if any(ch.isdecimal() for ch in beyond_ascii):  # a handful of distinct letters, dashes, quotes
        return _QUICK.search(text) is not None
    zeros = raw.translate(_DIGITS_AS_ZERO)
    if _SEPARATED_SHAPE.search(zeros) and re.search(_SEPARATED, text):
        return True
    at = zeros.find(b"000000")
    while at != -1:
        end = min(at + _REACH, len(raw))
        while end < len(raw) and raw[end] & 0xC0 == 0x80:  # not inside a character
            end += 1
        if _QUICK.match(raw[at:end].decode("utf-8", "surrogatepass")):
            return True
        at = zeros.find(b"000000", at + 1)
    return False


# A number right after one of these words is a phone number or a time, not a person: ten
# digits from 070… or twelve from a timestamp pass the date and Luhn checks one time in ten.
_NOT_A_PERSON = (
    r"(?:\b(?:tel|telefon\w*|tfn|mobil\w*|mob|phone|fax|sms|växel|kl|klockan|tid|tidpunkt|tidsstämpel|"
    r"timestamp|time|loggad|logged)\b|@)[\s.:=#/-]*(?:(?:nr|nummer|no|till|på|to|on|at)\b[\s.:=#/-]*)?$"
)


def _said_to_be_something_else(text: str, start: int) -> bool:
    return re.compile(_NOT_A_PERSON, re.IGNORECASE).search(text, max(0, start - 32), start) is not None


def find_identity_numbers(text: str) -> list[str]:
    """Every checksum-valid personnummer or samordningsnummer in ``text``, but for numbers
    the words just before call a phone number or a time (``tel 0701234567``, ``kl 202305011030``)."""
    found = []
    for m in re.finditer(_CANDIDATE, text):
        century, yy, mm, dd, _sep, serial, check = m.groups()
        if _plausible_date(century, yy, mm, dd) and luhn_ok(yy + mm + dd + serial + check):
            if not _said_to_be_something_else(text, m.start()):
                found.append(m.group(0))
    for m in re.finditer(_SEPARATED, text):
        century, yy, _part, mm, dd, _sep, serial, check = m.groups()
        if _plausible_date(century, yy, mm, dd) and luhn_ok(yy + mm + dd + serial + check):
            if not _said_to_be_something_else(text, m.start()):
                found.append(m.group(0))
    return found


def mask(number: str) -> str:
    """Show where the number is without repeating it in full."""
    return number[:-4] + "****"
