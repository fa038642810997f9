"""Documents as Markdown, for mailing to the steering group or committing beside the project."""

from __future__ import annotations

from lilla_ratten.model.document import Bullets, Document, Facts, Paragraph, Section, Table


def _cell(value: object) -> str:
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")


def _table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in table.headers) + " |"]
    lines.append("|" + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.headers))) + "|")
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows)
    if table.caption:
        lines += ["", f"*{table.caption}*"]
    return lines


def _block(block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Bullets):
        return [f"- {item}" for item in block.items]
    if isinstance(block, Facts):
        return [f"**{k}:** {v}  " if k else f"{v}  " for k, v in block.items]
    if isinstance(block, Table):
        return _table(block)
    raise TypeError(f"unknown block {block!r}")


def _section(sec: Section, level: int) -> list[str]:
    out = ["#" * min(level, 6) + " " + sec.title, ""]
    for block in sec.blocks:
        out += [*_block(block), ""]
    for sub in sec.sections:
        out += _section(sub, level + 1)
    return out


def render(doc: Document) -> str:
    out = [f"# {doc.title}", ""]
    if doc.facts:
        out += [*_block(Facts(doc.facts)), ""]
    for sec in doc.sections:
        out += _section(sec, 2)
    return "\n".join(out).rstrip() + "\n"
