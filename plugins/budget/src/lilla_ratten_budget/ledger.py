"""General-ledger extracts: SIE 4 (#VER/#TRANS, CP437) and CSV with Swedish number formats."""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import re
import shlex
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import BinaryIO

from attrs import define, field

from lilla_ratten_budget.compute import kronor_and_ore
from lilla_ratten_budget.text import _


class LedgerError(ValueError):
    """The extract cannot be read; ``line`` is where (1-based) when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@define
class Row:
    date: date
    account: str
    amount: int  # öre
    text: str = ""
    cost_centre: str | None = None
    project: str | None = None
    voucher: str | None = None
    line: int | None = field(default=None, eq=False)  # in the extract, for messages


@define
class Extract:
    # a list, or read as iterated from a file (an extract may be far larger than memory)
    rows: Iterable[Row] = field(factory=list)
    control_total: int | None = None  # öre, when the extract states one (after the rows were read)
    format: str = ""


# An amount as finance systems write it: a sign before (``-``, ``−``, ``–``) or after
# (``4 000,00-``, SAP's and Agresso's credits) or parentheses round it, a currency before or
# after (``kr``, ``SEK``, ``:-``), thousands separated by spaces of any kind, dots or apostrophes.
_SPACE = "\\s\u00a0\u2007\u202f\u2009"
_AMOUNT = re.compile(
    rf"^[{_SPACE}]*(?P<open>\()?[{_SPACE}]*(?:(?:kr\.?|sek)[{_SPACE}]*)?(?P<lead>[-+])?[{_SPACE}]*"
    rf"(?P<num>[0-9](?:[0-9{_SPACE}.,']*[0-9])?)[{_SPACE}]*(?P<trail>-)?[{_SPACE}]*(?:kr\.?|sek|:-)?[{_SPACE}]*"
    rf"(?P<trail2>-)?[{_SPACE}]*(?P<close>\))?[{_SPACE}]*$",
    re.IGNORECASE,
)
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\ufe63": "-", "\uff0d": "-"})


def parse_amount(text: str) -> int:
    """An amount in öre: ``1 234,50``, ``-1 234,50``, ``1234.50``, ``1.234,50``, ``(1 234,50)``,
    ``4 000,00-``, ``−4 000``, ``4 000 kr``, ``4 000:-``. ``ValueError`` (with a message for
    the user) for anything else: an amount is never guessed."""
    m = _AMOUNT.match(text.translate(_MINUS))
    if m is None:
        raise ValueError(_("not an amount: {text!r}").format(text=text))
    minus = [bool(m["open"]), m["lead"] == "-", bool(m["trail"]), bool(m["trail2"])]
    if bool(m["open"]) != bool(m["close"]) or sum(minus) > 1 or (m["lead"] == "+" and any(minus)):
        raise ValueError(_("not an amount (its sign cannot be read): {text!r}").format(text=text))
    num = re.sub(rf"[{_SPACE}']", " ", m["num"])
    marks = {c for c in num if c in ",."}
    one_mark = len(marks) == 1
    if len(marks) == 2:  # the later of the two is the decimal separator
        decimal = "," if num.rfind(",") > num.rfind(".") else "."
    elif len(marks) == 1:  # one of it: decimals (Swedish 12,50; 12.50); more: thousands (1.234.567)
        mark = marks.pop()
        decimal = mark if num.count(mark) == 1 else None
    else:
        decimal = None
    whole, _sep, frac = num.rpartition(decimal) if decimal else (num, "", "")
    if frac and not frac.isdigit():
        raise ValueError(_("not an amount: {text!r}").format(text=text))
    groups = re.split(r"[ .,]", whole)
    grouped = not (len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])))
    if len(frac) == 3 and len(groups) == 1 and len(whole) <= 3 and one_mark:
        # 4.000 and 12,500: four thousand as English and German write it, or 4 and 12,5 kronor
        thousands = f"{int(''.join(groups) + frac):,}".replace(",", " ")
        raise ValueError(_(
            "{text!r} is ambiguous: is '{mark}' between thousands or before öre? Write a space between "
            "thousands and a comma before öre: {thousands}, or with öre e.g. 1 234,50").format(
                text=text, mark=decimal, thousands=thousands))
    if len(frac) > 2:
        raise ValueError(_("more decimals than öre: {text!r}").format(text=text))
    if (decimal and decimal in whole) or not grouped:
        raise ValueError(_("not an amount (thousands are not grouped by three): {text!r}").format(text=text))
    ore = int("".join(groups) or "0") * 100 + int(frac.ljust(2, "0"))
    return -ore if any(minus) else ore


def _date(text: str) -> date:
    text = text.strip()
    try:
        if re.fullmatch(r"\d{8}", text):
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return date.fromisoformat(text)
    except ValueError:  # Python's words ("Invalid isoformat string") are not the user's
        if re.fullmatch(r"\d{4}-?\d\d-?\d\d", text):
            raise ValueError(_("there is no such date: {text!r}").format(text=text)) from None
        raise ValueError(_("not a date written as YYYY-MM-DD: {text!r}").format(text=text)) from None


# Column names finance systems commonly use, tried in order when none are given.
DEFAULT_COLUMNS = {
    "date": ("datum", "date", "bokföringsdatum", "transaktionsdatum", "verifikationsdatum"),
    "account": ("konto", "account", "kontonummer"),
    "amount": ("belopp", "amount", "summa", "utfall"),
    "text": ("text", "benämning", "beskrivning", "verifikationstext", "description"),
    "cost_centre": ("kostnadsställe", "ansvar", "kst", "cost_centre", "cost center"),
    "project": ("projekt", "project", "objekt"),
    "voucher": ("verifikation", "ver", "verifikationsnummer", "voucher"),
}


def _column_words() -> dict[str, str]:
    return {"date": _("the date"), "account": _("the account"), "amount": _("the amount"), "text": _("the text"),
            "cost_centre": _("the cost centre"), "project": _("the project"), "voucher": _("the voucher")}


# A ledger line is well under 1 KB; a file with a longer one is not an extract (and a
# file of one endless line must not be read whole into memory to find that out).
MAX_LINE = 1_000_000


def _lines(stream: BinaryIO, decode: Callable[[bytes], str]) -> Iterator[str]:
    number = 0
    while raw := stream.readline(MAX_LINE + 1):
        number += 1
        if len(raw) > MAX_LINE:
            raise LedgerError(_("the line is longer than {n} bytes: this is not a ledger extract").format(n=MAX_LINE), number)
        yield decode(raw)


def _csv_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")  # Excel on Windows (line by line: the file is never read whole)


def read_csv(data: bytes | BinaryIO, *, delimiter: str | None = None, columns: dict[str, str] | None = None) -> Extract:
    """The extract's header is read now; its rows as they are iterated (all of them at once
    when ``data`` is bytes). ``control_total`` is known once the rows have been read."""
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    lines = _lines(stream, _csv_text)
    first = next(lines, "").removeprefix("\ufeff")
    if delimiter is None:
        delimiter = max(";,\t|", key=first.count)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise LedgerError(_("the file is empty")) from None
    if not any(header):  # nothing, or an empty first line: no column names to look for
        raise LedgerError(_("the file is empty, or its first line (the column names) is"), 1)
    lower = [h.casefold() for h in header]
    index: dict[str, int] = {}
    for key, names in DEFAULT_COLUMNS.items():
        wanted = (columns or {}).get(key)
        candidates = (wanted.casefold(),) if wanted else names
        for name in candidates:
            if name in lower:
                index[key] = lower.index(name)
                break
        else:
            if wanted or key in ("date", "account", "amount"):
                raise LedgerError(_("no column for {key} (looked for: {names}; found: {found})").format(
                    key=_column_words()[key], names=", ".join(candidates), found=", ".join(header)), 1)
    extract = Extract(format="csv")
    extract.rows = _csv_rows(reader, index, extract)
    if isinstance(data, bytes):
        extract.rows = list(extract.rows)
    return extract


def _csv_rows(reader, index: dict[str, int], extract: Extract) -> Iterator[Row]:
    start = reader.line_num + 1  # the line the record being read begins on
    try:
        for record in reader:
            begun, start = start, reader.line_num + 1
            number = reader.line_num
            if number > begun and _unclosed(record):
                raise LedgerError(_unclosed_quote(), begun)
            if not any(cell.strip() for cell in record):
                continue
            cells = {k: record[i].strip() if i < len(record) else "" for k, i in index.items()}
            try:
                if cells["date"].casefold() in ("summa", "total", "totalt"):
                    extract.control_total = parse_amount(cells["amount"])
                    continue
                yield Row(
                    date=_date(cells["date"]),
                    account=cells["account"],
                    amount=parse_amount(cells["amount"]),
                    text=cells.get("text", ""),
                    cost_centre=cells.get("cost_centre") or None,
                    project=cells.get("project") or None,
                    voucher=cells.get("voucher") or None,
                    line=number,
                )
            except ValueError as exc:
                raise LedgerError(str(exc), number) from None
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # a quotation mark not closed, on any line after
            raise LedgerError(_unclosed_quote(), start) from None
        if "new-line character seen in unquoted field" in str(exc):
            raise LedgerError(_("a line break (CR) in the middle of the line, outside quotation marks"), reader.line_num) from None
        raise LedgerError(_("cannot read the line: {error}").format(error=exc), reader.line_num) from None


def _unclosed(record: list[str]) -> bool:
    """Whether the record ran on to the end of the file inside a quotation mark (which the csv
    module does not call an error): its last field then holds the rest of the file, line breaks
    included, where a text quoted over lines ends in its own words."""
    return bool(record) and record[-1].endswith("\n")


def _unclosed_quote() -> str:
    return _("a quotation mark (\") on this line is never closed, so everything after it was read as one "
             "field: close it, or remove it")


def read_sie(data: bytes | BinaryIO) -> Extract:
    """SIE 4: vouchers (#VER) with transactions (#TRANS account {objects} amount date text).

    The rows are read as they are iterated (all at once when ``data`` is bytes)."""
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    extract = Extract(format="sie")
    extract.rows = _sie_rows(_lines(stream, lambda raw: raw.decode("cp437")))
    if isinstance(data, bytes):
        extract.rows = list(extract.rows)
    return extract


def _sie_rows(lines: Iterable[str]) -> Iterator[Row]:
    dims: dict[str, str] = {}
    voucher: tuple[str, date, str] | None = None
    voucher_sum = 0
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line.startswith("#"):
            if line == "}" and voucher is not None:
                if voucher_sum != 0:
                    raise LedgerError(_("voucher {voucher} does not balance ({sum})").format(
                        voucher=voucher[0], sum=kronor_and_ore(voucher_sum)), number)
                voucher = None
            continue
        try:
            parts = shlex.split(line.replace("{", " { ").replace("}", " } "), posix=True)
        except ValueError as exc:
            raise LedgerError(_("cannot read the line: {error}").format(error=exc), number) from None
        tag = parts[0].upper()
        try:
            if tag == "#DIM" and len(parts) >= 3:
                dims[parts[1]] = parts[2].casefold()
            elif tag == "#VER":
                voucher = (f"{parts[1]}{parts[2]}", _date(parts[3]), parts[4] if len(parts) > 4 else "")
                voucher_sum = 0
            elif tag == "#TRANS":
                if voucher is None:
                    raise LedgerError(_("#TRANS outside a #VER"), number)
                account = parts[1]
                close = parts.index("}")
                objects = parts[3:close]
                rest = parts[close + 1:]
                amount = parse_amount(rest[0])
                when = _date(rest[1]) if len(rest) > 1 and rest[1] else voucher[1]
                trans_text = rest[2] if len(rest) > 2 else voucher[2]
                obj = dict(zip(objects[::2], objects[1::2], strict=False))
                cost_centre = next((v for k, v in obj.items() if k == "1" or "kostnad" in dims.get(k, "")), None)
                project = next((v for k, v in obj.items() if k == "6" or "projekt" in dims.get(k, "")), None)
                voucher_sum += amount
                yield Row(when, account, amount, trans_text, cost_centre, project, voucher[0], number)
        except LedgerError:
            raise
        except (ValueError, IndexError) as exc:  # a #TRANS without an amount is an error, never a skipped row
            raise LedgerError(_("cannot read the line: {error}").format(error=exc), number) from None


class RowIds:
    """Stable ids, the same every time the same extract is imported: a hash of the row's
    content and its occurrence, so two identical rows stay two.

    Only the rows asked about are counted: the importer asks for the rows it keeps, and
    identical rows are all kept or all skipped (the rules see nothing the content lacks),
    so the ids are those of counting every row, in memory bounded by what is imported."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def __call__(self, r: Row) -> str:
        key = f"{r.date}|{r.account}|{r.amount}|{r.text}|{r.cost_centre}|{r.project}|{r.voucher}"
        n = self._seen.get(key, 0)
        self._seen[key] = n + 1
        return "T" + _letters(hashlib.sha1(f"{key}|{n}".encode()).digest()[:8])


def row_ids(rows: Iterable[Row], source: str = "") -> list[str]:
    ids = RowIds()
    return [ids(r) for r in rows]


def _letters(digest: bytes) -> str:
    # Letters only: a run of digits in an id could look like a personal identity
    # number to the privacy guard, which refuses such files.
    number = int.from_bytes(digest, "big")
    out = ""
    while number:
        number, rest = divmod(number, 26)
        out += chr(ord("a") + rest)
    return out
