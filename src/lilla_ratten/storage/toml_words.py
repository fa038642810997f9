"""A TOML syntax error in the user's words: tomli words its errors in English ("Invalid date or
datetime", "Expected newline or end of document after a statement"), which was shown inside
Swedish messages. Each of its messages has one here; one it adds later is shown as it is."""

from __future__ import annotations

import ast
import re

from lilla_ratten.i18n import N_
from lilla_ratten.model.findings import Finding, Word

_PREFIX = N_("TOML syntax error: {error}")

_FIXED = {
    "Invalid statement": N_("this line is not a key = value, a [table] or a comment"),
    "Expected newline or end of document after a statement": N_(
        "something follows the value on this line (text goes in quotes; a comment starts with #)"),
    "Cannot overwrite a value": N_("a value is written twice"),
    "Expected '=' after a key in a key/value pair": N_("a key without = after it"),
    "Invalid initial character for a key part": N_("a key cannot start with this character (put the key in quotes)"),
    "Unclosed array": N_("a list opened with [ is not closed with ]"),
    "Unclosed inline table": N_("a table opened with { is not closed with } on the same line"),
    "Unescaped '\\' in a string": N_("a backslash in text in double quotes: write two (\\\\), or use single quotes"),
    "Invalid hex value": N_("an escape \\u or \\U without four or eight hexadecimal digits"),
    "Escaped character is not a Unicode scalar value": N_("an escape \\u or \\U that names no character"),
    "Unterminated string": N_("a quotation mark is not closed"),
    "Invalid date or datetime": N_("not a date written as YYYY-MM-DD (2024-02-28), or no such date"),
    "Invalid value": N_("not a value: text goes in quotes, a date is written as 2024-02-28, a number with a dot"),
    "Expected ']' at the end of a table declaration": N_("a [table] heading without its closing ]"),
    "Expected ']]' at the end of an array declaration": N_("a [[list]] heading without its closing ]]"),
    "nested too deeply": N_("lists or tables nested too deeply"),
}

_PATTERNS = (
    (re.compile(r"Cannot declare (?P<name>.+) twice"), N_("TOML syntax error: the table {name} is declared twice")),
    (re.compile(r"Cannot (?:mutate immutable|redefine) namespace (?P<name>.+)"),
     N_("TOML syntax error: {name} is written twice, or in two ways")),
    (re.compile(r"Duplicate inline table key (?P<name>.+)"), N_("TOML syntax error: the key {name} is written twice")),
    (re.compile(r"(?:Found invalid|Illegal) character (?P<name>.+)"), N_("TOML syntax error: the character {name} is not allowed here")),
    (re.compile(r"Expected (?P<name>.+)"), N_("TOML syntax error: {name} was expected here")),
)

# a date as people write it by hand or in other countries: 03/02/2014, 2014-3-1, 3.2.2014
_DATE_LIKE = re.compile(r"=\s*(?P<value>\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})\s*(?:#.*)?$")
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def syntax_finding(message: str, line_text: str | None) -> Finding:
    """What tomli's ``message`` about ``line_text`` (the line it names) means, in our words."""
    date = _DATE_LIKE.search(line_text or "")
    if date and message in ("Expected newline or end of document after a statement", "Invalid date or datetime",
                            "Invalid value"):
        value = date["value"]
        if _ISO_DATE.fullmatch(value):
            return Finding((), N_("TOML syntax error: there is no such date: {value}"), {"value": value})
        return Finding((), N_("TOML syntax error: not a date written as YYYY-MM-DD (2024-02-28): {value}"), {"value": value})
    if message in _FIXED:
        return Finding((), _PREFIX, {"error": Word(_FIXED[message])})
    if message == "Illegal character '\\n'":  # a line break inside "...": its closing mark is missing
        return Finding((), _PREFIX, {"error": Word(_FIXED["Unterminated string"])})
    for pattern, words in _PATTERNS:
        m = pattern.fullmatch(message)
        if m:
            return Finding((), words, {"name": _dotted(m["name"])})
    return Finding((), _PREFIX, {"error": message})


def _dotted(name: str) -> str:
    """A table's key as written in the file: tomli names it as a tuple, ``('a', 'b')``."""
    if name.startswith("(") and name.endswith(")"):
        try:
            parts = ast.literal_eval(name)
        except (ValueError, SyntaxError):
            return name
        if isinstance(parts, tuple) and all(isinstance(p, str) for p in parts):
            return ".".join(parts)
    return name
