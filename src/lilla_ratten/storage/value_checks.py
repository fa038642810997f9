"""Checks on the parsed values that the raw text cannot settle.

TOML escapes hide what a scan of the text sees: ``"121\\u0032121212"`` is a personal
identity number, ``"\\u001b]0;…"`` a terminal escape. Each check starts with one cheap pass
over the text that rules out most files (no escapes, no long digit runs) before walking
the values, so an ordinary file costs three regex scans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lilla_ratten.i18n import N_
from lilla_ratten.model.findings import Finding, Path
from lilla_ratten.model.privacy import IDENTITY_NUMBER, find_identity_numbers, mask
from lilla_ratten.model.text_safety import BIDI, finding_for, might_hold_unsafe_text, unsafe_characters, unsafe_text_findings
from lilla_ratten.storage.locate import LineIndex
from lilla_ratten.storage.problems import Problem

# TOML's integers are 64-bit: other programs (and git tools in other languages) cannot read more
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
# Any integer beyond 64 bits is written with at least 16 digits (hex) in a row: digits, hex
# letters and _ made "0" and the rest " " by bytes.translate (C speed: 0.04 ms on 32 KB,
# where a regex took 0.6 ms), a run of 16 is looked for with a plain substring search.
_DIGITS = bytes(48 if chr(i) in "0123456789abcdefABCDEF_" else 32 for i in range(256))
# \u and \U escapes can spell digits and dashes; a backslash ending a line in a """ string
# joins the next line on, and with it the two halves of a number
_HIDING = re.compile(r"\\[uU]|\\[ \t]*\r?$", re.M)


def value_problems(text: str, data: Any, file: str, index: LineIndex, found: list[Problem]) -> list[Problem]:
    """Problems in ``data`` (parsed from ``text``) that ``found`` (from the text) does not hold yet."""
    from lilla_ratten.storage.files import locate

    problems: list[Problem] = []
    if might_hold_unsafe_text(text):
        problems += locate(list(unsafe_text_findings(data)), file, index, data)
        placed = {p.line for p in problems}
        for number, line in enumerate(text.splitlines(), start=1):  # bidi characters in comments
            if number not in placed and BIDI.search(line):
                problems.append(Problem.from_finding(finding_for((), unsafe_characters(line)), file, number))
    if _HIDING.search(text):
        seen = {p.message for p in found}
        hidden = [f for f in identity_number_findings(data) if f.text() not in seen]
        problems += locate(hidden, file, index, data)
    if b"0" * 16 in text.encode("utf-8", "surrogatepass").translate(_DIGITS):
        problems += locate(list(integer_findings(data)), file, index, data)
    return problems




def _strings(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key), key
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


def identity_number_findings(data: Any) -> Iterator[Finding]:
    for path, value in _strings(data):
        for number in find_identity_numbers(value):
            yield Finding(path, IDENTITY_NUMBER, {"number": mask(number)})


def integer_findings(data: Any, path: Path = ()) -> Iterator[Finding]:
    if isinstance(data, bool):
        return
    if isinstance(data, int):
        if not INT_MIN <= data <= INT_MAX:
            yield Finding(
                path,
                N_(
                    "the whole number {value} is too large for a TOML file: other programs cannot read it "
                    "(at most {largest})"
                ),
                {"value": data, "largest": INT_MAX},
            )
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from integer_findings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from integer_findings(value, (*path, i))
