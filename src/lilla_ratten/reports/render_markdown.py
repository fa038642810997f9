"""Documents as Markdown, for mailing to the steering group or committing beside the project."""

from __future__ import annotations

from lilla_ratten.model.document import Bullets, Chart, Document, Facts, Paragraph, Section, Table


def _inline(value: object) -> str:
    """Text on one line: a newline in a name or title would start a heading or a list of its own."""
    return " ".join(str(value).splitlines())


def _cell(value: object) -> str:
    return "" if value is None else _inline(value).replace("|", "\\|")


def _table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in table.headers) + " |"]
    lines.append("|" + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.headers))) + "|")
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows)
    if table.caption:
        lines += ["", f"*{_inline(table.caption)}*"]
    return lines


def _block(block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Bullets):
        return [f"- {_inline(item)}" for item in block.items]
    if isinstance(block, Facts):
        return [f"**{_inline(k)}:** {_inline(v)}  " if k else f"{_inline(v)}  " for k, v in block.items]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):  # the figure's numbers; documents draw the figure itself
        from lilla_ratten.reports.charts import chart_table

        return [f"**{_inline(block.title)}**", "", *_table(chart_table(block))]
    raise TypeError(f"unknown block {block!r}")


def _section(sec: Section, level: int) -> list[str]:
    out = ["#" * min(level, 6) + " " + _inline(sec.title), ""]
    for block in sec.blocks:
        out += [*_block(block), ""]
    for sub in sec.sections:
        out += _section(sub, level + 1)
    return out


def render(doc: Document) -> str:
    out = [f"# {_inline(doc.title)}", ""]
    if doc.facts:
        out += [*_block(Facts(doc.facts)), ""]
    for sec in doc.sections:
        out += _section(sec, 2)
    return "\n".join(out).rstrip() + "\n"
