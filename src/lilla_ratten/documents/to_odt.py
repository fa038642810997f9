"""Documents as OpenDocument text (.odt) with odfdo.

Headings are ``text:h`` with an outline level (LibreOffice's navigator and a table of
contents find them); tables are ``table:table`` with a repeated header row; the master
page's header holds the project's name and the date, its footer the page number.
"""

from __future__ import annotations

import io

from odfdo import Cell, Column, Document as OdfDocument, Frame, Header, List, Paragraph as OdfParagraph, Row, Span, Style, Table as OdfTable
from odfdo.element import Element
from odfdo.header_rows import HeaderRows
from odfdo.variable import VarPageNumber

from lilla_ratten.documents.page import (
    RunningHead,
    clean,
    column_widths,
    drawn,
    fits_a_page,
    leads_in,
    one_line,
    shortened,
    table_texts,
    text_measure,
)
from lilla_ratten.model.document import Bullets, Chart, Document, Facts, Paragraph, Section, Table

MAX_LEVEL = 10  # LibreOffice's outline has ten levels
# the PDF's typeface (LibreOffice installs DejaVu Sans on every system it runs on) at the
# PDF's sizes, its margins, its page header and its page number in the middle of the footer
FONT = "DejaVu Sans"
MARGIN_CM = 2.2
TEXT_WIDTH_CM = 21.0 - 2 * MARGIN_CM
POINTS_PER_CM = 72 / 2.54
# the PDF's sizes (report.typ): the title, then heading levels 1, 2, 3 … (the template's
# level 3 is as large as its level 2, and the title 28 pt)
TITLE_PT = 18
HEADING_PT = (15, 13, 11.5, 10.5, 10, 10)

def _title_style() -> Style:
    style = Style("paragraph", "Title", display_name="Title", parent_style="Heading")
    style.set_properties(area="text", **{"fo:font-size": f"{TITLE_PT}pt", "fo:font-weight": "bold", "fo:color": "#000000"})
    return style


def _number_style() -> Style:
    style = Style("paragraph", "LR_Number", parent_style="LR_Cell")
    style.set_properties(area="paragraph", **{"fo:text-align": "end"})
    return style


def _cell_style() -> Style:
    style = Style("paragraph", "LR_Cell", parent_style="Standard")
    style.set_properties(area="text", **{"fo:font-size": "9pt"})
    return style


def _lead_in_style() -> Style:
    style = Style("paragraph", "LR_LeadIn", parent_style="Text_20_body")
    style.set_properties(area="paragraph", **{"fo:keep-with-next": "always"})
    return style


def _header_style() -> Style:
    """The page header: the name at the left margin, the date at a right tab stop at the right one, a rule below."""
    style = Style("paragraph", "LR_Header", parent_style="Standard")
    style.set_properties(area="paragraph", **{"fo:border-bottom": "0.5pt solid #999999", "fo:padding-bottom": "0.05cm"})
    style.set_properties(area="text", **{"fo:font-size": "8.5pt"})
    stops = Element.from_tag(f'<style:tab-stops><style:tab-stop style:position="{TEXT_WIDTH_CM}cm" style:type="right"/></style:tab-stops>')
    style.get_element("style:paragraph-properties").append(stops)
    return style


def _footer_style() -> Style:
    style = Style("paragraph", "LR_Footer", parent_style="Standard")
    style.set_properties(area="paragraph", **{"fo:text-align": "center"})
    style.set_properties(area="text", **{"fo:font-size": "8.5pt"})
    return style


STYLES = (
    _title_style(),
    _cell_style(),
    _number_style(),
    _lead_in_style(),
    _header_style(),
    _footer_style(),
    Style("text", "LR_Strong", bold=True),
    Style("table-cell", "LR_Cell", border="0.5pt solid #000000", padding="0.1cm"),
    Style("table-cell", "LR_Plain", padding="0.05cm"),
    Style("paragraph", "LR_Fact", parent_style="Standard"),
)
FACT_LABEL_CM = 5.2  # as the PDF's and Word's


# styles the master page (in styles.xml) or LibreOffice's style list must see; the rest are automatic
COMMON = ("Title", "LR_Cell", "LR_Header", "LR_Footer")


def _styles(odt, head: RunningHead) -> None:
    for style in STYLES:
        odt.insert_style(style.clone, automatic=style.family != "paragraph" or style.name not in COMMON)
    # the template speaks French in Liberation Serif 12 pt: the report's language, the PDF's sans
    lang, country = head.tag()
    for props in odt.styles.get_elements("//style:default-style/style:text-properties"):
        props.set_attribute("fo:language", lang)
        props.set_attribute("fo:country", country)
        props.set_attribute("style:font-name", FONT)
        props.set_attribute("fo:font-size", "10pt")
    for props in odt.styles.get_elements("//style:style[@style:name='Heading']/style:text-properties"):
        props.set_attribute("style:font-name", FONT)
        props.del_attribute("fo:font-family")
    # a table's caption as the PDF's: 9 pt, grey, upright (the template's is 12 pt italic, larger than the text)
    for props in odt.styles.get_elements("//style:style[@style:name='Caption']/style:text-properties"):
        for key in ("fo:font-size", "style:font-size-asian", "style:font-size-complex"):
            props.set_attribute(key, "9pt")
        for key in ("fo:font-style", "style:font-style-asian", "style:font-style-complex"):
            props.set_attribute(key, "normal")
        props.set_attribute("fo:color", "#454545")
    for level in range(1, MAX_LEVEL + 1):
        size = f"{HEADING_PT[min(level, len(HEADING_PT)) - 1]}pt"
        for props in odt.styles.get_elements(f"//style:style[@style:name='Heading_20_{level}']/style:text-properties"):
            # black, bold and upright at the PDF's size, as in the PDF and Word
            for key, value in (("fo:font-size", size), ("fo:font-weight", "bold"), ("fo:font-style", "normal"), ("fo:color", "#000000")):
                props.set_attribute(key, value)
            for key in ("style:font-size-asian", "style:font-size-complex"):
                props.set_attribute(key, size)
            for key in ("style:font-style-asian", "style:font-style-complex"):
                props.set_attribute(key, "normal")
    # the template's bullets have no room after them ("•Barnfamiljer"): a hanging indent, as in Word
    for props in odt.styles.get_elements("//text:list-style[@style:name='List_20_1']//style:list-level-properties"):
        props.set_attribute("text:list-level-position-and-space-mode", "label-alignment")
        props.append(Element.from_tag(
            '<style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.6cm" '
            'fo:text-indent="-0.4cm" fo:margin-left="0.6cm"/>'
        ))
    for props in odt.styles.get_elements("//style:page-layout-properties"):
        for side in ("left", "right"):
            props.set_attribute(f"fo:margin-{side}", f"{MARGIN_CM}cm")
    # odfdo's template numbers the headings ("2.1.Projektbeskrivning"); the reports' headings are words
    for level in odt.styles.get_elements("//text:outline-level-style"):
        level.set_attribute("style:num-format", "")
        level.del_attribute_list(["style:num-suffix", "loext:num-list-format"])


def _page_frame(odt, head: RunningHead) -> None:
    master = odt.get_style("master-page", "Standard")
    # a report without a date of its own shows none, not the day it is printed
    top = OdfParagraph(f"{shortened(head.project)}\t{head.date}" if head.date else shortened(head.project), style="LR_Header")
    master.set_page_header(top)
    bottom = OdfParagraph(f"{head.page} ", style="LR_Footer")
    bottom.append(VarPageNumber(select_page="current"))
    master.set_page_footer(bottom)


def _cell(text: str, style: str | None = None, strong: bool = False, bordered: bool = True) -> Cell:
    cell = Cell(style="LR_Cell" if bordered else "LR_Plain")
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
        self.facts = 0


def _column_styles(odt, name: str, texts: list[list[str]], numeric: set[int], caption: bool) -> list[str]:
    """A style per column with its width: LibreOffice keeps the equal widths otherwise, and
    breaks words (and amounts) to fit them. A table that fits on a page is kept on one, with its caption."""
    widths = column_widths(texts, numeric, TEXT_WIDTH_CM * POINTS_PER_CM, text_measure(10), pad=12)  # the cells' text is 9 points
    table = Style("table", name, width=f"{TEXT_WIDTH_CM}cm", align="left")
    if fits_a_page(texts, widths, text_measure(9), pad=6, leading=11, padding=6):  # 9-point text, 0.1 cm padding
        table.set_properties(area="table", **{"style:may-break-between-rows": "false"})
        if caption:
            table.set_properties(area="table", **{"fo:keep-with-next": "always"})
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
    for style in _column_styles(counter.odt, name, texts, set(table.numeric), bool(table.caption)):
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


def _facts(body, items: list[tuple[str, str]], counter: _Counter) -> None:
    """Label and value side by side in a table with no lines, as in Word and the PDF: every
    value starts at the same place however long its label."""
    counter.facts += 1
    name = f"Uppgifter{counter.facts}"
    style = Style("table", name, width=f"{TEXT_WIDTH_CM}cm", align="left")
    texts = [[f"{one_line(label)}:" if label else "", clean(value)] for label, value in items]
    from lilla_ratten.documents.page import label_width

    label_cm = label_width([row[0] for row in texts], FACT_LABEL_CM * POINTS_PER_CM, text_measure(10), pad=12,
                           most=TEXT_WIDTH_CM * POINTS_PER_CM * 0.45) / POINTS_PER_CM
    widths = [label_cm * POINTS_PER_CM, (TEXT_WIDTH_CM - label_cm) * POINTS_PER_CM]
    if fits_a_page(texts, widths, text_measure(10), pad=6, leading=13, padding=3):  # a short block on one page
        style.set_properties(area="table", **{"style:may-break-between-rows": "false"})
    counter.odt.insert_style(style, automatic=True)
    out = OdfTable(name, style=name)
    for i, width in enumerate((label_cm, TEXT_WIDTH_CM - label_cm)):
        column = Style("table-column", f"{name}.C{i + 1}", width=f"{width:.2f}cm")
        counter.odt.insert_style(column, automatic=True)
        out.append(Column(style=column.name))
    for label, value in items:
        row = Row()
        row.append(_cell(f"{one_line(label)}:" if label else "", "LR_Fact", strong=bool(label), bordered=False))
        row.append(_cell(clean(value), "LR_Fact", bordered=False))
        out.append(row)
    body.append(out)
    body.append(OdfParagraph())


def _chart(body, chart: Chart, counter: _Counter) -> None:
    """The figure as a picture in a frame of its own paragraph, then the table of its numbers."""
    from lilla_ratten.documents.chart_png import HEIGHT, WIDTH, render as png
    from lilla_ratten.reports.charts import chart_table

    if not drawn(chart):  # one bar compares nothing: the table alone
        _table(body, chart_table(chart), counter)
        return
    counter.figures += 1
    uri = counter.odt.add_file(io.BytesIO(png(chart)))
    width = 16.0
    frame = Frame.image_frame(
        uri, name=f"Figur{counter.figures}", size=(f"{width}cm", f"{width * HEIGHT / WIDTH:.2f}cm"), anchor_type="as-char"
    )
    from lilla_ratten.documents.page import chart_summary

    frame.svg_title = one_line(chart.title)
    frame.svg_description = chart_summary(chart)  # the alternative text a screen reader reads
    holder = OdfParagraph(style="LR_LeadIn")  # the figure on the page of its table
    holder.append(frame)
    body.append(holder)
    _table(body, chart_table(chart), counter)


def _block(body, block, counter: _Counter, following=None) -> None:
    if isinstance(block, Paragraph):
        body.append(OdfParagraph(clean(block.text), style="LR_LeadIn" if leads_in(block.text, following) else "Text_20_body"))
    elif isinstance(block, Bullets):
        body.append(List([clean(item) for item in block.items], style="List_20_1"))
    elif isinstance(block, Facts):
        _facts(body, block.items, counter)
    elif isinstance(block, Table):
        _table(body, block, counter)
    elif isinstance(block, Chart):
        _chart(body, block, counter)
    else:
        raise TypeError(f"unknown block {block!r}")


def _section(body, sec: Section, level: int, counter: _Counter) -> None:
    body.append(Header(min(level, MAX_LEVEL), one_line(sec.title), style=f"Heading_20_{min(level, MAX_LEVEL)}"))
    for block, following in zip(sec.blocks, [*sec.blocks[1:], None]):
        _block(body, block, counter, following)
    for sub in sec.sections:
        _section(body, sub, level + 1, counter)


def _properties(odt, doc: Document, head: RunningHead) -> None:
    """The file's own properties: its title, author, language and dates (the template's are odfdo's)."""
    from datetime import datetime

    meta = odt.meta
    now = datetime.now().replace(microsecond=0)
    author = one_line(head.author) if head.author else one_line(head.project)
    meta.set_title(head.file_title(doc.title))
    meta.set_subject(one_line(head.project))
    meta.set_language("-".join(head.tag()))
    meta.set_initial_creator(author)
    meta.set_creator(author)
    meta.set_creation_date(now)
    meta.set_modification_date(now)
    meta.set_keywords(one_line(head.project))


def render(doc: Document, head: RunningHead) -> bytes:
    odt = OdfDocument("text")
    _styles(odt, head)
    _page_frame(odt, head)
    _properties(odt, doc, head)
    body = odt.body
    body.clear()
    body.append(OdfParagraph(one_line(doc.title), style="Title"))
    counter = _Counter(odt)
    if doc.facts:
        _facts(body, doc.facts, counter)
    for sec in doc.sections:
        _section(body, sec, 1, counter)
    out = io.BytesIO()
    odt.save(out)
    return out.getvalue()
