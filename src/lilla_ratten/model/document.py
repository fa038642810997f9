"""A report as data: sections of paragraphs, lists, facts, tables and charts.

Reports and plugins build these; renderers turn them into Markdown, plain text,
JSON, Word, OpenDocument or PDF.  Nothing here knows about output formats.
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


Number = int | float


@define
class Series:
    """One row of a chart's bars: a name (shown in the legend) and a value per category."""

    name: str
    values: list[Number | None]


@define
class Chart:
    """A bar chart as data: for each category, one bar per series.

    Documents draw it as a figure with its table beneath; Markdown, text and JSON give the
    table (``table()``), so the figure never shows a number the reader cannot look up.
    ``None`` is a value not shown (not measured, or suppressed): no bar and an empty cell.
    """

    title: str
    categories: list[str]
    series: list[Series]
    # the heading of the categories' column in the table, and the values' unit ("kr", "personer")
    category_label: str = ""
    unit: str = ""
    # amounts in kronor: the table shows them as money ("658 944 kr"), the axis in kronor
    money: bool = False
    caption: str | None = None

    def __attrs_post_init__(self) -> None:
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(
                    f"chart {self.title!r}: series {s.name!r} has {len(s.values)} values for {len(self.categories)} categories"
                )


Block = Paragraph | Bullets | Facts | Table | Chart


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


def masked(value: Any) -> Any:
    """``value`` (a document, or any part of one) with every identity number in its texts
    masked: what a written document holds, whatever built it (issue 33). The same object when
    there is nothing to mask."""
    from attrs import evolve, fields, has

    from lilla_ratten.model.privacy import mask_identity_numbers

    if isinstance(value, str):
        return mask_identity_numbers(value)
    if isinstance(value, (list, tuple)):
        items = [masked(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        pairs = [(masked(k), masked(v)) for k, v in value.items()]
        if all(a is k and b is v for (a, b), (k, v) in zip(pairs, value.items(), strict=True)):
            return value
        return dict(pairs)
    if has(type(value)):
        changed = {}
        for f in fields(type(value)):
            if f.init:
                old = getattr(value, f.name)
                new = masked(old)
                if new is not old:
                    changed[f.alias or f.name] = new
        return evolve(value, **changed) if changed else value
    return value
