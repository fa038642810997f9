"""Reading TOML text, behind one function (``parse_toml``).

Two readers, chosen on measurements and on correctness (tests/test_toml_conformance.py
runs toml-test's TOML 1.0.0 corpus over ``parse_toml``):

- tomli 2.2 is the stdlib's tomllib (same code, same messages, TOML 1.0) compiled with
  mypyc: 846 ms instead of 1 462 ms for 1 000 files of 12 KB. It has the last word.
- rtoml (Rust) parses the same files in 139–217 ms and gives the same values for every
  valid TOML 1.0 document of the corpus, but it also accepts TOML 1.1 syntax that 1.0
  refuses (times without seconds, line breaks and trailing commas in inline tables,
  backslash-x and backslash-e escapes: 9 of the corpus's invalid files). So rtoml only reads a
  document that cannot contain any of those, and only when it succeeds; everything
  else, errors included, is read by tomli, whose messages name line and column.

rtoml builds its own tree before the Python one: a 9.5 MB file peaked at 240 MB with it and
81 MB with tomli (0.74 s against 1.50 s). A file above ``RTOML_MAX_CHARS`` is read by tomli,
so that one large file (all a printing review over SSH reads) costs a third of the memory.
"""

from __future__ import annotations

import re
from typing import Any

try:
    import rtoml
except ImportError:  # pragma: no cover - without it, tomli reads everything
    rtoml = None

from attrs import define


@define
class TomlSyntaxError(Exception):
    message: str
    line: int | None
    column: int | None

    def __str__(self) -> str:
        return self.message


_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_END = re.compile(r"\s*\(at end of document\)$")


RTOML_MAX_CHARS = 2_000_000  # project files are 10-100 KB; the cap on a file is 10 MB

_INLINE_TABLE_11 = re.compile(r"\{[^}\n]*$|,\s*\}", re.M)


def _might_use_toml_11(text: str) -> bool:
    """True when ``text`` might hold TOML 1.1 syntax (a superset: false alarms only cost speed)."""
    if "\ufeff" in text:  # rtoml lets a stray BOM pass
        return True
    i = text.find("\\")
    while i != -1:  # the escapes \x and \e (two substring searches of 32 KB took 40 times as long)
        if text[i + 1 : i + 2] in ("x", "e"):
            return True
        i = text.find("\\", i + 1)
    if "{" in text and _INLINE_TABLE_11.search(text):
        return True
    i = text.find(":")
    while i != -1:  # HH:MM with no :SS after it (plain str.find: a regex over 12 KB is 5x slower)
        # a time's hour follows "T", a space or "=", never a digit: "S 2015:02" in a citation is no time
        if text[i - 2 : i].isdigit() and text[i + 1 : i + 3].isdigit() and text[i + 3 : i + 4] != ":" and text[i - 3 : i - 2] != ":" and not text[i - 3 : i - 2].isdigit():
            return True
        i = text.find(":", i + 1)
    return False


def _tomllib():
    """tomli, imported when first needed: rtoml reads most files (and the app's first one) alone."""
    try:
        import tomli as tomllib
    except ImportError:  # pragma: no cover - the pure-Python stdlib reader gives the same results
        import tomllib
    return tomllib


def parse_toml(text: str) -> dict[str, Any]:
    """Parse a TOML document; a syntax error comes back as ``TomlSyntaxError`` with its line."""
    # a byte-order mark (Windows Notepad writes one) is allowed before the document
    text = text.removeprefix("\ufeff")
    if "\r\n" in text:
        # TOML lets a newline be LF or CRLF; tomli gives LF inside multi-line strings and rtoml
        # keeps CRLF, so which one read the file decided the values. One answer: LF.
        text = text.replace("\r\n", "\n")
    if rtoml is not None and len(text) <= RTOML_MAX_CHARS and not _might_use_toml_11(text):
        try:
            return rtoml.loads(text)
        except Exception:  # noqa: BLE001, S110 - tomli below reads it again and words the error
            pass
    tomllib = _tomllib()
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = _POSITION.search(message)
        if m:
            raise TomlSyntaxError(message[: m.start()], int(m.group(1)), int(m.group(2))) from None
        if _END.search(message):
            raise TomlSyntaxError(_END.sub("", message), text.count("\n") + 1, None) from None
        raise TomlSyntaxError(message, None, None) from None
    except RecursionError:
        raise TomlSyntaxError("nested too deeply", None, None) from None
