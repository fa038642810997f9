"""Documents as plain terminal text: no colour, no markup, wrapped to the width given."""

from __future__ import annotations

import textwrap
import unicodedata

from lilla_ratten.model.document import Bullets, Chart, Document, Facts, Paragraph, Section, Table


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False) or [first]


def _facts(items: list[tuple[str, str]], width: int) -> list[str]:
    key_w = min(max((_width(k) for k, _ in items), default=0) + 2, width // 3)
    out = []
    for key, value in items:
        if key and _width(key) + 2 > key_w and _width(key) + 2 + _width(value) > width:
            # A label too long for the column gets its own line(s) unless the value fits
            # beside it: squeezed there, addresses and names would break mid-word.
            out += _wrap(key + ":", width)
            out += _wrap(value, width, " " * key_w, " " * key_w)
            continue
        head = (key + ":").ljust(key_w) if key else " " * key_w
        if key and _width(key) + 2 > key_w:
            head = key + ": "
        out += _wrap(value, width, head, " " * key_w)
    return out


def _table(table: Table, width: int) -> list[str]:
    cols = max([len(table.headers)] + [len(r) for r in table.rows])
    headers = list(table.headers) + [""] * (cols - len(table.headers))
    rows = [[("" if c is None else str(c)) for c in row] + [""] * (cols - len(row)) for row in table.rows]
    widths = [max([_width(headers[i])] + [_width(r[i]) for r in rows]) for i in range(cols)]
    gap = 2
    # Shrink the widest column until the table fits; its cells then wrap.
    while sum(widths) + gap * (cols - 1) > width and max(widths) > 12:
        widest = widths.index(max(widths))
        widths[widest] -= 1

    def line(cells: list[str]) -> list[str]:
        wrapped = [textwrap.wrap(c, widths[i], break_on_hyphens=False) or [""] for i, c in enumerate(cells)]
        height = max(len(w) for w in wrapped)
        out = []
        for n in range(height):
            parts = []
            for i, w in enumerate(wrapped):
                text = w[n] if n < len(w) else ""
                pad = widths[i] - _width(text)
                parts.append(" " * pad + text if i in table.numeric else text + " " * pad)
            out.append((" " * gap).join(parts).rstrip())
        return out

    out = line(headers)
    out.append((" " * gap).join("-" * w for w in widths))
    for row in rows:
        out += line(row)
    if table.caption:
        out += _wrap(table.caption, width)
    return out


def _block(block, width: int) -> list[str]:
    if isinstance(block, Paragraph):
        return _wrap(block.text, width)
    if isinstance(block, Bullets):
        return [line for item in block.items for line in _wrap(item, width, "• ", "  ")]
    if isinstance(block, Facts):
        return _facts(block.items, width)
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, Chart):  # the figure's numbers; documents draw the figure itself
        from lilla_ratten.reports.charts import chart_table

        return [*_wrap(block.title, width), *_table(chart_table(block), width)]
    raise TypeError(f"unknown block {block!r}")


def _section(sec: Section, level: int, width: int) -> list[str]:
    title = sec.title.upper() if level == 1 else sec.title
    out = [title, ("=" if level == 1 else "-") * min(_width(title), width)] if level <= 2 else [title]
    for block in sec.blocks:
        out += [*_block(block, width), ""]
    if not sec.blocks:
        out.append("")
    for sub in sec.sections:
        out += _section(sub, level + 1, width)
    return out


def render(doc: Document, width: int = 80) -> str:
    width = max(width, 30)
    out = [*_wrap(doc.title, width), "=" * min(_width(doc.title), width), ""]
    if doc.facts:
        out += [*_facts(doc.facts, width), ""]
    for sec in doc.sections:
        out += _section(sec, 1, width)
    return "\n".join(line.rstrip() for line in out).rstrip() + "\n"
