"""Documents as OpenDocument text (.odt) with odfdo.

Headings are ``text:h`` with an outline level (LibreOffice's navigator and a table of
contents find them); tables are ``table:table`` with a repeated header row; the master
page's header holds the project's name and the date, its footer the page number.
"""

from __future__ import annotations

import io

from odfdo import Cell, Column, Document as OdfDocument, Frame, Header, List, Paragraph as OdfParagraph, Row, Span, Style, Table as OdfTable
from odfdo.header_rows import HeaderRows
from odfdo.variable import VarPageNumber

from lilla_ratten.documents.page import RunningHead, clean, column_widths, one_line, shortened, table_texts, text_measure
from lilla_ratten.model.document import Bullets, Chart, Document, Facts, Paragraph, Section, Table

MAX_LEVEL = 10  # LibreOffice's outline has ten levels

def _title_style() -> Style:
    style = Style("paragraph", "Title", display_name="Title", parent_style="Heading")
    style.set_properties(area="text", **{"fo:font-size": "20pt", "fo:font-weight": "bold"})
    return style


def _number_style() -> Style:
    style = Style("paragraph", "LR_Number", parent_style="Standard")
    style.set_properties(area="paragraph", **{"fo:text-align": "end"})
    return style


STYLES = (
    _title_style(),
    _number_style(),
    Style("paragraph", "LR_Cell", parent_style="Standard"),
    Style("text", "LR_Strong", bold=True),
    Style("table-cell", "LR_Cell", border="0.5pt solid #000000", padding="0.1cm"),
)


def _styles(odt) -> None:
    for style in STYLES:
        odt.insert_style(style.clone, automatic=style.family != "paragraph" or style.name != "Title")
    # odfdo's template numbers the headings ("2.1.Projektbeskrivning"); the reports' headings are words
    for level in odt.styles.get_elements("//text:outline-level-style"):
        level.set_attribute("style:num-format", "")
        level.del_attribute_list(["style:num-suffix", "loext:num-list-format"])


def _page_frame(odt, head: RunningHead) -> None:
    master = odt.get_style("master-page", "Standard")
    top = OdfParagraph(f"{shortened(head.project)} — {head.date}", style="Header")
    master.set_page_header(top)
    bottom = OdfParagraph(f"{head.page} ", style="Footer")
    bottom.append(VarPageNumber(select_page="current"))
    master.set_page_footer(bottom)


def _cell(text: str, style: str | None = None, strong: bool = False) -> Cell:
    cell = Cell(style="LR_Cell")
    para = OdfParagraph("" if strong else text, style=style or "LR_Cell")
    if strong:
        para.append(Span(text, style="LR_Strong"))
    cell.append(para)
    return cell


class _Counter:
    """What numbering a document needs as it is written: tables and figures, by count."""

    def __init__(self, odt) -> None:
        self.odt = odt
        self.tables = 0
        self.figures = 0


TEXT_WIDTH_CM = 17.0  # A4 less odfdo's 2 cm margins
POINTS_PER_CM = 72 / 2.54


def _column_styles(odt, name: str, texts: list[list[str]], numeric: set[int]) -> list[str]:
    """A style per column with its width: LibreOffice keeps the equal widths otherwise, and
    breaks words (and amounts) to fit them."""
    widths = column_widths(texts, numeric, TEXT_WIDTH_CM * POINTS_PER_CM, text_measure(12), pad=12)  # LibreOffice's default text: 12 points
    table = Style("table", name, width=f"{TEXT_WIDTH_CM}cm", align="left")
    odt.insert_style(table, automatic=True)
    names = []
    for i, width in enumerate(widths):
        column = Style("table-column", f"{name}.C{i + 1}", width=f"{width / POINTS_PER_CM:.2f}cm")
        odt.insert_style(column, automatic=True)
        names.append(column.name)
    return names


def _table(body, table: Table, counter: _Counter) -> None:
    counter.tables += 1
    texts = table_texts(table)
    name = f"Tabell{counter.tables}"
    out = OdfTable(name, style=name)
    for style in _column_styles(counter.odt, name, texts, set(table.numeric)):
        out.append(Column(style=style))
    head = HeaderRows()
    row = Row()
    for text in texts[0]:
        row.append(_cell(text, strong=True))
    head.append(row)
    out.append(head)
    for values in texts[1:]:
        row = Row()
        for i, text in enumerate(values):
            row.append(_cell(text, "LR_Number" if i in table.numeric else None))
        out.append(row)
    body.append(out)
    # a paragraph after each table, or two tables in a row run together as one
    body.append(OdfParagraph(one_line(table.caption), style="Caption") if table.caption else OdfParagraph())


def _facts(body, items: list[tuple[str, str]]) -> None:
    for label, value in items:
        para = OdfParagraph()
        if label:
            para.append(Span(f"{one_line(label)}: ", style="LR_Strong"))
        para.append(clean(value))
        body.append(para)


def _chart(body, chart: Chart, counter: _Counter) -> None:
    """The figure as a picture in a frame of its own paragraph, then the table of its numbers."""
    from lilla_ratten.documents.chart_png import HEIGHT, WIDTH, render as png
    from lilla_ratten.reports.charts import chart_table

    counter.figures += 1
    uri = counter.odt.add_file(io.BytesIO(png(chart)))
    width = 16.0
    frame = Frame.image_frame(
        uri, name=f"Figur{counter.figures}", size=(f"{width}cm", f"{width * HEIGHT / WIDTH:.2f}cm"), anchor_type="as-char"
    )
    from lilla_ratten.documents.page import chart_summary

    frame.svg_title = one_line(chart.title)
    frame.svg_description = chart_summary(chart)  # the alternative text a screen reader reads
    holder = OdfParagraph(style="Standard")
    holder.append(frame)
    body.append(holder)
    _table(body, chart_table(chart), counter)


def _block(body, block, counter: _Counter) -> None:
    if isinstance(block, Paragraph):
        body.append(OdfParagraph(clean(block.text), style="Text_20_body"))
    elif isinstance(block, Bullets):
        body.append(List([clean(item) for item in block.items], style="List_20_1"))
    elif isinstance(block, Facts):
        _facts(body, block.items)
    elif isinstance(block, Table):
        _table(body, block, counter)
    elif isinstance(block, Chart):
        _chart(body, block, counter)
    else:
        raise TypeError(f"unknown block {block!r}")


def _section(body, sec: Section, level: int, counter: _Counter) -> None:
    body.append(Header(min(level, MAX_LEVEL), one_line(sec.title), style=f"Heading_20_{min(level, MAX_LEVEL)}"))
    for block in sec.blocks:
        _block(body, block, counter)
    for sub in sec.sections:
        _section(body, sub, level + 1, counter)


def render(doc: Document, head: RunningHead) -> bytes:
    odt = OdfDocument("text")
    _styles(odt)
    _page_frame(odt, head)
    odt.meta.title = one_line(doc.title)
    odt.meta.subject = one_line(head.project)
    body = odt.body
    body.clear()
    body.append(OdfParagraph(one_line(doc.title), style="Title"))
    if doc.facts:
        _facts(body, doc.facts)
    counter = _Counter(odt)
    for sec in doc.sections:
        _section(body, sec, 1, counter)
    out = io.BytesIO()
    odt.save(out)
    return out.getvalue()
