"""Bringing a ledger extract into ``[ext.budget]``: map, deduplicate, check, preview."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from attrs import define, field
from lilla_ratten import api

from lilla_ratten_budget.compute import kronor_and_ore
from lilla_ratten_budget.ledger import Extract, LedgerError, Row, RowIds, read_csv, read_sie
from lilla_ratten_budget.section import BudgetSection, Transaction
from lilla_ratten_budget.text import _

# BAS / Kommun-Bas: classes 1–2 are the balance sheet (bank, liabilities), the
# counter-entries of every cost; they are not project costs unless a rule says so.
BALANCE_CLASSES = ("1", "2")


@define
class Preview:
    new: list[Transaction] = field(factory=list)
    duplicates: int = 0
    skipped_balance: int = 0
    per_line: dict[str, int] = field(factory=dict)  # öre
    unmapped: dict[str, int] = field(factory=dict)  # account → öre
    control_total: int | None = None
    extract_total: int = 0


# A year of a whole administration's general ledger is a few hundred MB; an extract is read
# as a stream, row by row, so this bounds the time an import may take, not its memory.
MAX_LEDGER_BYTES = 2_000_000_000
# Each transaction takes well over 100 bytes in the project file, which may be at most
# 10 MB: more new rows than this could never be saved, so the import stops there.
MAX_NEW_ROWS = 100_000


def read_extract(path: Path, *, fmt: str | None = None, delimiter: str | None = None, columns: dict[str, str] | None = None) -> Extract:
    """The extract at ``path``, its rows read as they are iterated (the file is never read whole).

    Only a regular file is read (a FIFO or a device named ``.csv`` is refused without waiting
    on it), of at most ``MAX_LEDGER_BYTES``."""
    try:
        stream = api.open_regular(path)
    except api.NotAProjectFile as exc:
        raise LedgerError(exc.strerror) from None
    try:
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_LEDGER_BYTES:
            raise LedgerError(_("it is {size} MB; a ledger extract may be at most {limit} MB: export the project's "
                                "rows only (its cost centre or project code)").format(
                size=api.megabytes(size), limit=api.megabytes(MAX_LEDGER_BYTES)))
        head = stream.read(4096)
        stream.seek(0)
        fmt = fmt or ("sie" if path.suffix.lower() in (".se", ".si", ".sie") or head.lstrip().startswith(b"#FLAGGA") else "csv")
        extract = read_sie(stream) if fmt == "sie" else read_csv(stream, delimiter=delimiter, columns=columns)
    except BaseException:
        stream.close()
        raise
    extract.rows = _closing(extract.rows, stream)
    return extract


def _closing(rows: Iterable[Row], stream: BinaryIO) -> Iterator[Row]:
    with stream:
        yield from rows


def plan(section: BudgetSection, extract: Extract, source: str, *, control_total: int | None = None) -> Preview:
    """What importing ``extract`` would add; raises ``LedgerError`` on a control-total mismatch.

    The rows are read once, as they come: what is kept is only the new transactions (at most
    ``MAX_NEW_ROWS``), the sums and the ids of identical rows already seen."""
    known = {t.id for t in section.transactions}
    preview = Preview()
    ids = RowIds()
    per_line: Counter[str] = Counter()
    unmapped: dict[str, int] = defaultdict(int)
    total = 0
    for row in extract.rows:
        _no_identity_number(row)
        rule = next((r for r in section.mapping if r.matches(row.account, row.cost_centre, row.project, row.text)), None)
        if rule is None and row.account.startswith(BALANCE_CLASSES):
            preview.skipped_balance += 1
            continue
        if rule is not None and rule.ignore:
            continue
        ident = ids(row)
        total += row.amount
        if ident in known:
            preview.duplicates += 1
            continue
        if len(preview.new) == MAX_NEW_ROWS:
            raise LedgerError(
                _("more than {n} new rows: the project file could not hold them. Export the project's rows only "
                  "(its cost centre or project code), or add rules that ignore the others. Nothing was imported").format(
                    n=MAX_NEW_ROWS),
                row.line,
            )
        line = rule.line if rule is not None else None
        if line is None:
            unmapped[row.account] += row.amount
        else:
            per_line[line] += row.amount
        preview.new.append(
            Transaction(
                id=ident, date=row.date, account=row.account, amount=row.amount, text=row.text,
                cost_centre=row.cost_centre, project=row.project, voucher=row.voucher, line=line, source=source,
            )
        )
        known.add(ident)
    preview.control_total = control_total if control_total is not None else extract.control_total
    preview.extract_total = total
    preview.per_line = dict(per_line)
    preview.unmapped = dict(unmapped)
    if preview.control_total is not None and preview.control_total != total:
        raise LedgerError(_("the extract's control total {control} does not match its rows' sum {total}; "
                            "nothing was imported").format(control=kronor_and_ore(preview.control_total),
                                                           total=kronor_and_ore(total)))
    return preview


def _no_identity_number(row) -> None:
    """A ledger text naming a person (``Ersättning 121212-1212``) must not reach the project file."""
    for value in (row.text, row.cost_centre, row.project, row.voucher):
        found = api.find_identity_numbers(value or "")
        if found:
            raise LedgerError(
                _("a Swedish personal identity number ({number}) is in this row: participants may only be "
                  "named by pseudonymous ids; remove it from the extract. Nothing was imported").format(
                    number=api.mask(found[0])),
                row.line,
            )


def apply(section: BudgetSection, preview: Preview) -> None:
    section.transactions.extend(preview.new)
    section.transactions.sort(key=lambda t: (t.date, t.voucher or "", t.id))


def remap(section: BudgetSection) -> int:
    """Map stored transactions again after the rules changed; returns how many moved."""
    moved = 0
    for t in section.transactions:
        rule = next((r for r in section.mapping if r.matches(t.account, t.cost_centre, t.project, t.text)), None)
        line = None if rule is None or rule.ignore else rule.line
        if line != t.line:
            t.line = line
            moved += 1
    return moved


__all__ = ["LedgerError", "Preview", "apply", "plan", "read_extract", "remap"]
