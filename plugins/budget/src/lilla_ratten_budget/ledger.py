"""General-ledger extracts: SIE 4 (#VER/#TRANS, CP437) and CSV with Swedish number formats."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shlex
from datetime import date

from attrs import define, field


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
    rows: list[Row] = field(factory=list)
    control_total: int | None = None  # öre, when the extract states one
    format: str = ""


_NUMBER = re.compile(r"^[-−+]?\d[\d\s\u00a0.,']*$")


def parse_amount(text: str) -> int:
    """``1 234,50``, ``-1 234,50``, ``1234.50``, ``1.234,50``, ``(1 234,50)`` → öre."""
    raw = text.strip().replace("\u2212", "-")
    negative = raw.startswith("-") or (raw.startswith("(") and raw.endswith(")"))
    raw = raw.strip("()+-").replace(" ", "").replace("\u00a0", "").replace("'", "")
    if not raw or not _NUMBER.match(raw):
        raise ValueError(f"not an amount: {text!r}")
    if "," in raw and "." in raw:
        # the later separator is the decimal one
        if raw.rfind(",") > raw.rfind("."):
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
    elif "," in raw:
        raw = raw.replace(",", ".")
    whole, _, frac = raw.partition(".")
    if len(frac) > 2:
        raise ValueError(f"more than öre: {text!r}")
    ore = int(whole or "0") * 100 + int(frac.ljust(2, "0") or "0")
    return -ore if negative else ore


def _date(text: str) -> date:
    text = text.strip()
    if re.fullmatch(r"\d{8}", text):
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    return date.fromisoformat(text)


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


def read_csv(data: bytes, *, delimiter: str | None = None, columns: dict[str, str] | None = None, encoding: str = "utf-8-sig") -> Extract:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode("cp1252")  # Excel on Windows
    if delimiter is None:
        first = text.splitlines()[0] if text else ""
        delimiter = max(";,\t|", key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise LedgerError("the file is empty") from None
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
                raise LedgerError(f"no column for {key} (looked for: {', '.join(candidates)}; found: {', '.join(header)})", 1)
    extract = Extract(format="csv")
    for number, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        cells = {k: record[i].strip() if i < len(record) else "" for k, i in index.items()}
        if cells["date"].casefold() in ("summa", "total", "totalt"):
            extract.control_total = parse_amount(cells["amount"])
            continue
        try:
            extract.rows.append(
                Row(
                    date=_date(cells["date"]),
                    account=cells["account"],
                    amount=parse_amount(cells["amount"]),
                    text=cells.get("text", ""),
                    cost_centre=cells.get("cost_centre") or None,
                    project=cells.get("project") or None,
                    voucher=cells.get("voucher") or None,
                    line=number,
                )
            )
        except ValueError as exc:
            raise LedgerError(str(exc), number) from None
    return extract


def read_sie(data: bytes) -> Extract:
    """SIE 4: vouchers (#VER) with transactions (#TRANS account {objects} amount date text)."""
    text = data.decode("cp437")
    dims: dict[str, str] = {}
    extract = Extract(format="sie")
    voucher: tuple[str, date, str] | None = None
    voucher_sum = 0
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line.startswith("#"):
            if line == "}" and voucher is not None:
                if voucher_sum != 0:
                    raise LedgerError(f"voucher {voucher[0]} does not balance ({voucher_sum / 100:.2f})", number)
                voucher = None
            continue
        try:
            parts = shlex.split(line.replace("{", " { ").replace("}", " } "), posix=True)
        except ValueError as exc:
            raise LedgerError(f"cannot read the line: {exc}", number) from None
        tag = parts[0].upper()
        if tag == "#DIM" and len(parts) >= 3:
            dims[parts[1]] = parts[2].casefold()
        elif tag == "#VER":
            voucher = (f"{parts[1]}{parts[2]}", _date(parts[3]), parts[4] if len(parts) > 4 else "")
            voucher_sum = 0
        elif tag == "#TRANS":
            if voucher is None:
                raise LedgerError("#TRANS outside a #VER", number)
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
            extract.rows.append(Row(when, account, amount, trans_text, cost_centre, project, voucher[0], number))
    return extract


def row_ids(rows: list[Row], source: str) -> list[str]:
    """Stable ids, the same every time the same extract is imported: a hash of the row's
    content and its occurrence, so two identical rows stay two."""
    seen: dict[str, int] = {}
    out = []
    for r in rows:
        key = f"{r.date}|{r.account}|{r.amount}|{r.text}|{r.cost_centre}|{r.project}|{r.voucher}"
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append("T" + _letters(hashlib.sha1(f"{key}|{n}".encode()).digest()[:8]))
    return out


def _letters(digest: bytes) -> str:
    # Letters only: a run of digits in an id could look like a personal identity
    # number to the privacy guard, which refuses such files.
    number = int.from_bytes(digest, "big")
    out = ""
    while number:
        number, rest = divmod(number, 26)
        out += chr(ord("a") + rest)
    return out
