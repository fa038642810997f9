"""A report as data: sections of paragraphs, lists, facts and tables.

Reports and plugins build these; renderers turn them into Markdown, plain text
or JSON.  Nothing here knows about output formats.
"""

from __future__ import annotations

from typing import Any

from attrs import define, field

Cell = str | int | float | None


@define
class Paragraph:
    text: str


@define
class Bullets:
    items: list[str]


@define
class Facts:
    """Label–value pairs, such as a report's header fields."""

    items: list[tuple[str, str]]


@define
class Table:
    headers: list[str]
    rows: list[list[Cell]]
    # columns holding numbers are right-aligned in text and Markdown
    numeric: list[int] = field(factory=list)
    caption: str | None = None


Block = Paragraph | Bullets | Facts | Table


@define
class Section:
    id: str
    title: str
    blocks: list[Block] = field(factory=list)
    sections: list[Section] = field(factory=list)
    # figures for scripts, in JSON output; never shown as prose
    data: dict[str, Any] = field(factory=dict)
    source: str = "core"

    def is_empty(self) -> bool:
        return not self.blocks and all(s.is_empty() for s in self.sections)


@define
class Document:
    kind: str
    title: str
    facts: list[tuple[str, str]] = field(factory=list)
    sections: list[Section] = field(factory=list)
    data: dict[str, Any] = field(factory=dict)


def section(id: str, title: str, *blocks: Block | None, sections: list[Section] | None = None, **data: Any) -> Section:
    """A section with the given blocks, leaving out ``None`` and empty sub-sections."""
    return Section(
        id,
        title,
        [b for b in blocks if b is not None],
        [s for s in (sections or []) if not s.is_empty()],
        data,
    )


def prose(text: str | None) -> list[Block]:
    """Prose from the file as blocks: paragraphs at blank lines, ``- `` lines as a list."""
    if not text:
        return []
    blocks: list[Block] = []
    for chunk in text.strip().split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith(("- ", "* ", "• ")) for line in lines):
            blocks.append(Bullets([line[2:].strip() for line in lines]))
        else:
            blocks.append(Paragraph(" ".join(" ".join(lines).split())))
    return blocks
