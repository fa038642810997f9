"""Documents as Markdown, for mailing to the steering group or committing beside the project.

The project's text is data, never markup: every character Markdown would read as markup
(emphasis, links, HTML, code, a heading or list at the start of a line) is escaped, so a
Markdown reader shows a title "*x* [/] #set" as written (issue 29).
"""

from __future__ import annotations

import re

from lilla_ratten.model.document import Bullets, Chart, Document, Facts, Paragraph, Section, Table

# What a Markdown reader (CommonMark, GitHub's strikethrough and math) would read as markup, and
# only that, so the file stays plain to read: a "*" or "_" that could open emphasis (followed by
# a non-space, "_" not inside a word), a "[" opening a link ("[…](" or "[…]["), "<" opening a tag, a backtick,
# "~" and "$" before a non-space, "\\" before punctuation, "&" opening an entity.
_INLINE_MARKUP = re.compile(
    r"(?:(?<!\*)\*+(?=[^\s*])|(?<![0-9A-Za-zÀ-ÿ_])_+(?=[^\s_]))|\[(?=[^\]]*\][(\[])|<(?=[A-Za-z/!?])|`|[~$](?=\S)"
    r"|\\(?=[!-/:-@\[-`{-~])|&(?=#?\w+;)"
)
# what starts a block at the beginning of a line: a heading, quote, list, rule, or a link's definition
_BLOCK_START = re.compile(r"(#{1,6}(?=\s|$)|>|\[|[-+*](?=\s|$)|[-_*](?=(?:\s*[-_*]){2,}\s*$)|\d{1,9}(?=[.)](?:\s|$)))")


def _escaped(value: object, emphasis: bool = False) -> str:
    """Text on one line (a newline would start a heading or a list of its own), markup escaped;
    ``emphasis``: it is set inside "**…**" or "*…*", where any "*" or "_" could close it."""
    text = _INLINE_MARKUP.sub(lambda m: "".join("\\" + c for c in m.group()), " ".join(str(value).splitlines()))
    return re.sub(r"(?<!\\)([*_])", r"\\\1", text) if emphasis else text


def _inline(value: object) -> str:
    """Text at the start of a line, as text: what would open a block is escaped too."""
    text = _escaped(value)
    start = _BLOCK_START.match(text)
    if start and not text.startswith("\\"):
        if start.group(1)[0].isdigit():
            end = start.end()
            return text[:end] + "\\" + text[end:]
        return "\\" + text
    return text


def _cell(value: object) -> str:
    return "" if value is None else _escaped(value).replace("|", "\\|")


def _table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in table.headers) + " |"]
    lines.append("|" + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.headers))) + "|")
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows)
    if table.caption:
        lines += ["", f"*{_escaped(table.caption, emphasis=True)}*"]
    return lines


def _block(block) -> list[str]:
    if isinstance(block, Paragraph):
        return [_inline(block.text)]
    if isinstance(block, Bullets):
        return [f"- {_inline(item)}" for item in block.items]
    if isinstance(block, Facts):
        return [f"**{_escaped(k, emphasis=True)}:** {_escaped(v)}  " if k else f"{_inline(v)}  " for k, v in block.items]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):  # the figure's numbers; documents draw the figure itself
        from lilla_ratten.reports.charts import chart_table

        return [f"**{_escaped(block.title, emphasis=True)}**", "", *_table(chart_table(block))]
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
