"""Characters that act on the reader's terminal or reorder what the reader sees.

A project file is written by anyone with commit access and read by every reviewer, often
over SSH.  Text in it must never reach a terminal as commands:

- C0 controls (U+0000–U+001F except tab and newline, a lone carriage return included),
  DEL and C1 controls (U+007F–U+009F): ESC starts terminal sequences (window title,
  colours, OSC 52 writing the reader's clipboard), U+009B is a one-byte CSI, CR moves
  back over what was printed;
- bidirectional embedding, override and isolate characters (U+202A–U+202E,
  U+2066–U+2069): they make text display in a different order from the one stored
  ("Trojan Source", CVE-2021-42574).

``validate`` reports them (``unsafe_text_findings``); every text output passes what it
prints through ``neutralise`` anyway, for files that were never validated.  Pure: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from lilla_ratten.i18n import N_
from lilla_ratten.model.findings import Finding, Path

_BIDI = "\u202a-\u202e\u2066-\u2069"
# a CR is allowed only as the first half of a CRLF line ending (files written on Windows)
UNSAFE = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]|\r(?!\n)")
BIDI = re.compile(f"[{_BIDI}]")

# Shown in place of each: the Unicode "control pictures" (␛ for ESC, ␍ for CR, ␡ for DEL)
# keep a tampered text visible for what it is; C1 and bidi characters have no picture.
_PICTURES = {c: chr(0x2400 + c) for c in range(0x20)} | {0x7F: "\u2421"}
_REPLACEMENT = "\ufffd"


def _picture(match: re.Match[str]) -> str:
    char = match.group(0)
    return _PICTURES.get(ord(char), _REPLACEMENT)


def neutralise(text: str) -> str:
    """``text`` with every unsafe character replaced by a visible, inert one.

    Newlines and tabs stay; CRLF becomes LF.  Safe text is returned as it is (one
    regex scan, no copy), so this can sit on every output path.
    """
    if UNSAFE.search(text) is None:
        return text.replace("\r\n", "\n") if "\r" in text else text
    return UNSAFE.sub(_picture, text).replace("\r\n", "\n")


def strip_unsafe(text: str) -> str:
    """``text`` without the unsafe characters (all have zero width, so layout is unchanged)."""
    return UNSAFE.sub("", text) if UNSAFE.search(text) else text


def describe(char: str) -> str:
    """``U+001B (ESCAPE)``: how a message names a character it must not repeat."""
    code = ord(char)
    name = unicodedata.name(char, "") or _C0_C1_NAMES.get(code, "control character")
    return f"U+{code:04X} ({name})"


_C0_C1_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x9B: "CONTROL SEQUENCE INTRODUCER"}


def unsafe_characters(text: str) -> list[str]:
    """The distinct unsafe characters in ``text``, in the order they first appear."""
    seen: dict[str, None] = {}
    for m in UNSAFE.finditer(text):
        seen.setdefault(m.group(0), None)
    return list(seen)


def finding_for(path: Path, chars: list[str]) -> Finding:
    if all(BIDI.fullmatch(c) for c in chars):
        message = N_(
            "bidirectional control character {chars}: it makes the text display in a different order "
            "from the one stored, so readers and reviewers may see something else than what is there. "
            "Remove it"
        )
    else:
        message = N_(
            "control character {chars} in the text: printed, it could act on the reader's terminal "
            "(window title, colours, clipboard). Remove it"
        )
    return Finding(path, message, {"chars": ", ".join(describe(c) for c in chars)})


# How an unsafe character can get into a TOML value: written as it is (only bidi characters
# may be, TOML refuses raw controls) or as an escape. A superset, so most files stop here;
# plain substring tests first, as a regex over a 32 KB file costs ten times more.
_BIDI_CHARS = tuple(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_ESCAPE = re.compile(r"\\[bfre]|\\u(?:00[0-9a-fA-F]{2}|20[26][0-9a-fA-F])|\\U0000(?:00[0-9a-fA-F]{2}|20[26][0-9a-fA-F])")


def might_hold_unsafe_text(text: str) -> bool:
    """False when no value parsed from the TOML ``text`` can hold an unsafe character."""
    if "\\" in text and _ESCAPE.search(text) is not None:
        return True
    return any(c in text for c in _BIDI_CHARS)


def unsafe_text_findings(data: Any, path: Path = ()) -> Iterator[Finding]:
    """A finding for every string (value or key) in TOML ``data`` holding an unsafe character."""
    if isinstance(data, str):
        if UNSAFE.search(data):
            yield finding_for(path, unsafe_characters(data))
    elif isinstance(data, dict):
        for key, value in data.items():
            if UNSAFE.search(key):
                yield finding_for((*path, key), unsafe_characters(key))
            yield from unsafe_text_findings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from unsafe_text_findings(value, (*path, i))
