"""Documents as PDF with Typst: tagged PDF/UA-1 and PDF/A-2a, A4, DejaVu Sans embedded.

The document model is flattened here into JSON and laid out by ``report.typ``: headings are
tagged H1–H6 and make the PDF's outline, tables have tagged header cells and repeat their
header row when they flow over pages, a chart is a figure with its figures as alternative
text, the page header and footer are artifacts. The file declares its language (sv-SE, or
en with ``--lang en``), its title (the report and the project, shown as the window's title)
and PDF/A-2a and PDF/UA-1 in its XMP, with an sRGB output intent.

Why Typst (docs/documents.md): reportlab, used before, cannot tag a PDF at all; Typst writes
PDF/UA-1 together with PDF/A-2a from one call with no system program, and refuses to
write a PDF/UA file that would break the standard (an image without alternative text).
Project text never becomes Typst markup: it arrives as data and is shown as text.
"""

from __future__ import annotations

import json

from lilla_ratten.documents.page import (
    FONTS,
    RunningHead,
    column_widths,
    fits_a_page,
    leads_in,
    one_line,
    shortened,
    table_texts,
    text_measure,
)
from lilla_ratten.model.document import Bullets, Chart, Document, Facts, Paragraph, Section, Table

TEMPLATE = FONTS.parent / "report.typ"
WIDTH = (210 - 2 * 22) * 72 / 25.4  # A4 less 22 mm margins, in points
CELL = 9  # points: the text of a table
MAX_LEVEL = 6  # PDF/UA-1 tags headings H1 … H6
STANDARDS = ["a-2a", "ua-1"]


def _table(table: Table) -> dict:
    texts = table_texts(table)
    widths = column_widths(texts, set(table.numeric), WIDTH, text_measure(CELL), pad=12)  # 5 points each side, and air
    return {
        "t": "table",
        "rows": texts,
        "numeric": sorted(i for i in set(table.numeric) if i < len(texts[0])),
        "widths": [round(w, 2) for w in widths],
        "caption": one_line(table.caption) if table.caption else None,
        # a table that fits on a page is kept whole on one, with its caption
        "keep": fits_a_page(texts, widths, text_measure(CELL), pad=12, leading=11.5, padding=2),
    }


def _blocks(block, following=None) -> list[dict]:
    from lilla_ratten.documents.page import clean, drawn

    if isinstance(block, Paragraph):
        text = " ".join(clean(block.text).split())
        return [{"t": "p", "text": text, "sticky": leads_in(text, following)}]
    if isinstance(block, Bullets):
        return [{"t": "ul", "items": [" ".join(clean(item).split()) for item in block.items]}]
    if isinstance(block, Facts):
        return [_facts_block(block.items)]
    if isinstance(block, Table):
        return [_table(block)]
    if isinstance(block, Chart):  # the figure, then the table of its numbers
        from lilla_ratten.documents.chart_pdf import geometry
        from lilla_ratten.reports.charts import chart_table

        figure = [geometry(block, WIDTH)] if drawn(block) else []
        return [*figure, _table(chart_table(block))]
    raise TypeError(f"unknown block {block!r}")


FACT_LABEL = 52 * 72 / 25.4  # the label column of a label–value block, 52 mm, wider for a long word


def _facts(items: list[tuple[str, str]]) -> list[list[str]]:
    from lilla_ratten.documents.page import clean

    return [[f"{one_line(k)}:" if k else "", clean(v)] for k, v in items]


def _facts_block(items: list[tuple[str, str]]) -> dict:
    from lilla_ratten.documents.page import label_width

    rows = _facts(items)
    label = label_width([row[0] for row in rows], FACT_LABEL, text_measure(10), pad=2, most=WIDTH * 0.45)
    widths = [label, WIDTH - label - 11]
    return {"t": "facts", "items": rows, "label": round(label, 2),
            "keep": fits_a_page(rows, widths, text_measure(10), pad=0, leading=13, padding=5.5)}


def _section(sec: Section, level: int, out: list[dict]) -> None:
    out.append({"t": "h", "level": min(level, MAX_LEVEL), "text": one_line(sec.title)})
    for block, following in zip(sec.blocks, [*sec.blocks[1:], None]):
        out += _blocks(block, following)
    for sub in sec.sections:
        _section(sub, level + 1, out)


def data(doc: Document, head: RunningHead) -> dict:
    """The document as the template reads it."""
    lang = head.language()
    blocks: list[dict] = []
    for sec in doc.sections:
        _section(sec, 1, blocks)
    return {
        "meta": {
            "title": head.file_title(doc.title),
            "heading": one_line(doc.title),
            "author": one_line(head.author) if head.author else one_line(head.project),
            "keywords": [one_line(head.project)],
            "lang": lang,
            "region": "SE" if lang == "sv" else None,
        },
        "head": {"project": shortened(head.project), "date": head.date, "page": head.page},
        "facts": _facts_block(doc.facts),
        "blocks": blocks,
    }


def render(doc: Document, head: RunningHead) -> bytes:
    import typst

    return typst.compile(
        TEMPLATE.read_bytes(),
        font_paths=[str(FONTS)],
        ignore_system_fonts=True,  # the same glyphs on every computer, and nothing else in the file
        sys_inputs={"doc": json.dumps(data(doc, head), ensure_ascii=False)},
        pdf_standards=STANDARDS,
    )
