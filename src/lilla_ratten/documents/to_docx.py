"""Documents as Word files (.docx) with python-docx.

Headings use Word's built-in "Heading N" styles, so the navigation pane and a table of
contents find them; tables are real tables with a repeated header row; the page header
holds the project's name and the date, the footer the page number (a PAGE field).
"""

from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.document import _Body
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from lilla_ratten.documents.page import (
    RunningHead,
    cell_text,
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

EMU_PER_POINT = 12700
MAX_LEVEL = 9  # Word has Heading 1 … Heading 9


class _Writer:
    """Where the document is written: python-docx, with two of its costs avoided.

    python-docx finds a style by name, and the default style to compare, by walking all
    styles for every paragraph; and it places each new paragraph by searching the body's
    children for the section properties at its end. A 1 000-project compilation took 26 s.
    So the styles are looked up once and set by id, and each top-level section is written
    into a body of its own, whose few children are searched, then moved into the document.
    """

    def __init__(self, word) -> None:
        self.word = word
        styles = word.styles
        self.heading = [styles["Title"].style_id, *(styles[f"Heading {n}"].style_id for n in range(1, MAX_LEVEL + 1))]
        self.bullet = styles["List Bullet"].style_id
        self.caption = styles["Caption"].style_id
        self.grid = styles["Table Grid"]
        self.plain = styles["Normal Table"]
        section = word.sections[0]
        self.width = section.page_width - section.left_margin - section.right_margin
        self._new_chunk()

    def _new_chunk(self) -> None:
        self.body = _Body(OxmlElement("w:body"), self.word)

    def flush(self) -> None:
        """Move what was written into the document, before its section properties."""
        end = self.word.element.body.sectPr
        for child in list(self.body._body):
            end.addprevious(child)
        self._new_chunk()

    def add_paragraph(self, text: str = ""):
        return self.body.add_paragraph(text)

    def paragraph(self, text: str, style_id: str):
        paragraph = self.body.add_paragraph(text)
        paragraph._p.style = style_id
        return paragraph

    def add_table(self, rows: int, cols: int):
        return self.body.add_table(rows, cols, self.width)


def _field(paragraph, instruction: str) -> None:
    """A field Word computes when it lays out the page (PAGE: this page's number)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_frame(word, head: RunningHead) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, as the city prints
    section.left_margin = section.right_margin = Cm(2.2)
    width = section.page_width - section.left_margin - section.right_margin
    # the template's Header and Footer stops are for Letter (centre 8.25 cm, right 16.5 cm):
    # a long name passed the centre stop and its tab jumped to the date ("…bistånd2026-12-04").
    # The stops are the A4 text width's: the date at the right margin, the page number centred.
    for name, stop, align in (("Header", width, WD_TAB_ALIGNMENT.RIGHT), ("Footer", width // 2, WD_TAB_ALIGNMENT.CENTER)):
        style = word.styles[name]
        style.paragraph_format.tab_stops.clear_all()
        style.paragraph_format.tab_stops.add_tab_stop(stop, align)
        style.font.size = Pt(8.5)  # as the PDF's and the ODT's
    header = section.header.paragraphs[0]
    header.style = word.styles["Header"]
    header.add_run(shortened(head.project))
    if head.date:  # a report without a date of its own shows none, not the day it is printed
        header.add_run().add_tab()
        header.add_run(head.date)
    _rule_below(header)
    footer = section.footer.paragraphs[0]
    footer.style = word.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{head.page} ")
    _field(footer, "PAGE")


# the PDF's typeface and its heading sizes (report.typ): title, then levels 1, 2, 3 …
FONT = "DejaVu Sans"
BODY_PT = 10
TITLE_PT = 18
HEADING_PT = (15, 13, 11.5, 10.5, 10, 10)
CAPTION_PT = 9
CAPTION_GREY = RGBColor(0x45, 0x45, 0x45)  # the PDF's luma(27%)


def _typeface(style, size: float | None = None) -> None:
    """``style`` in the PDF's typeface; the template's theme fonts (Cambria, Calibri) would
    win over a named font, so they go."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for key in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(key), None)
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), FONT)
    if size is not None:
        style.font.size = Pt(size)


def _heading_styles(word) -> None:
    """The title and headings as the PDF's: black (the template's are blue), bold, upright,
    DejaVu Sans at the PDF's sizes; the title without the template's blue rule below it;
    captions small and grey."""
    styles = word.styles
    _typeface(styles["Normal"], BODY_PT)
    sizes = [TITLE_PT, *(HEADING_PT[min(n, len(HEADING_PT)) - 1] for n in range(1, MAX_LEVEL + 1))]
    names = ["Title", *(f"Heading {n}" for n in range(1, MAX_LEVEL + 1))]
    for name, size in zip(names, sizes):
        # the linked character style ("Heading 1 Char") too: Word uses it for part of a paragraph
        linked = [styles[f"{name} Char"]] if f"{name} Char" in styles else []
        for style in (styles[name], *linked):
            _typeface(style, size)
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.font.bold, style.font.italic = True, False
    # a table's caption as the PDF's: small, grey, upright (the template's is blue and bold)
    caption = styles["Caption"]
    _typeface(caption, CAPTION_PT)
    caption.font.color.rgb = CAPTION_GREY
    caption.font.bold = caption.font.italic = False
    title = styles["Title"].element.pPr
    if title is not None and title.find(qn("w:pBdr")) is not None:
        title.remove(title.find(qn("w:pBdr")))


def _rule_below(paragraph) -> None:
    """A thin grey line under the page header, as in the PDF."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "999999")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _language(word, head: RunningHead) -> None:
    """The language every run is spelled and read in (the template says en-US)."""
    lang, country = head.tag()
    tag = f"{lang}-{country}"
    default = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    element = default.find(qn("w:lang"))
    if element is None:
        element = OxmlElement("w:lang")
        default.append(element)
    element.set(qn("w:val"), tag)
    element.set(qn("w:eastAsia"), tag)
    theme = word.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), tag)


def _properties(word, doc: Document, head: RunningHead) -> None:
    """The file's own properties (the template's say "python-docx" and 23 December 2013)."""
    from datetime import datetime, timezone

    props = word.core_properties
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    props.title = head.file_title(doc.title)
    props.subject = one_line(head.project)
    props.author = props.last_modified_by = one_line(head.author) if head.author else one_line(head.project)
    props.comments = ""
    props.keywords = one_line(head.project)
    props.language = "-".join(head.tag())
    props.created = props.modified = now
    props.revision = 1


def _no_split(row) -> None:
    """A row is never split over two pages."""
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _table(w: _Writer, table: Table) -> None:
    texts = table_texts(table)
    out = w.add_table(len(texts), len(texts[0]))
    out.style = w.grid
    out.alignment = WD_TABLE_ALIGNMENT.LEFT
    # Word and LibreOffice keep the equal widths python-docx gives, and break words to fit them
    widths = column_widths(texts, set(table.numeric), w.width / EMU_PER_POINT, text_measure(11), pad=14)  # wider than the body's 10 pt: room to spare
    out.autofit = False
    for column, width in zip(out.columns, widths):
        column.width = Emu(int(width * EMU_PER_POINT))
        for cell in column.cells:  # Word reads each cell's width, LibreOffice the grid's
            cell.width = column.width
    for i, text in enumerate(table.headers):
        cell = out.rows[0].cells[i]
        cell.text = ""
        cell.paragraphs[0].add_run(one_line(text)).bold = True
    _repeat_header(out.rows[0])
    for out_row, row in zip(list(out.rows)[1:], table.rows, strict=True):  # rows[n] lists them all each time
        cells = out_row.cells
        for i, value in enumerate(row):
            cells[i].text = cell_text(value)
            if i in table.numeric:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    rows = list(out.rows)
    for row in rows:
        _no_split(row)
    # a table that fits on a page is kept on one, its caption with it: each row keeps with the next
    if fits_a_page(texts, widths, text_measure(11), pad=14, leading=13.5, padding=1):
        for row in rows[:-1] if not table.caption else rows:
            for c in row.cells:
                for paragraph in c.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
    if table.caption:
        w.paragraph(one_line(table.caption), w.caption)
    else:
        w.add_paragraph()  # Word runs two adjacent tables together


FACT_LABEL = Cm(5.2)  # as the PDF's


def _facts(w: _Writer, items: list[tuple[str, str]]) -> None:
    """Label and value side by side in a table with no lines: a long label wraps in its
    column and every value starts at the same place (a tab after a label past the stop
    jumped to the next default stop)."""
    table = w.add_table(len(items), 2)
    table.style = w.plain
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    from lilla_ratten.documents.page import label_width

    label = Emu(int(EMU_PER_POINT * label_width([f"{one_line(k)}:" for k, _v in items], FACT_LABEL / EMU_PER_POINT,
                                                  text_measure(11), pad=14, most=w.width / EMU_PER_POINT * 0.45)))
    widths = (label, w.width - label)
    for column, width in zip(table.columns, widths):
        column.width = width
    texts = [[f"{one_line(label)}:" if label else "", clean(value)] for label, value in items]
    keep = fits_a_page(texts, [width / EMU_PER_POINT for width in widths], text_measure(11), pad=10, leading=14, padding=3)
    for n, (row, (label, value)) in enumerate(zip(table.rows, items), start=1):
        label_cell, value_cell = row.cells
        label_cell.width, value_cell.width = widths
        if label:
            label_cell.paragraphs[0].add_run(f"{one_line(label)}:").bold = True
        value_cell.paragraphs[0].add_run(clean(value))
        _no_split(row)
        for cell in (label_cell, value_cell):
            cell.paragraphs[0].paragraph_format.space_after = Pt(2)
            # a short block on one page: each row keeps with the next
            cell.paragraphs[0].paragraph_format.keep_with_next = keep and n < len(items)
    w.add_paragraph()


def _block(w: _Writer, block, following=None) -> None:
    if isinstance(block, Paragraph):
        paragraph = w.add_paragraph(clean(block.text))
        if leads_in(block.text, following):  # "Gått framåt, första → sista mätningen:" stays with its table
            paragraph.paragraph_format.keep_with_next = True
    elif isinstance(block, Bullets):
        for item in block.items:
            w.paragraph(clean(item), w.bullet)
    elif isinstance(block, Facts):
        _facts(w, block.items)
    elif isinstance(block, Table):
        _table(w, block)
    elif isinstance(block, Chart):  # the figure as a picture, then the table of its numbers
        from lilla_ratten.documents.chart_png import render as png
        from lilla_ratten.documents.page import chart_summary
        from lilla_ratten.reports.charts import chart_table

        if drawn(block):
            holder = w.add_paragraph()
            holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
            holder.paragraph_format.keep_with_next = True  # the figure and its table's first rows together
            picture = holder.add_run().add_picture(io.BytesIO(png(block)), width=Cm(16))
            picture._inline.docPr.set("title", one_line(block.title))
            picture._inline.docPr.set("descr", chart_summary(block))  # Word's alternative text
        _table(w, chart_table(block))
    else:
        raise TypeError(f"unknown block {block!r}")


def _section(w: _Writer, sec: Section, level: int) -> None:
    w.paragraph(one_line(sec.title), w.heading[min(level, MAX_LEVEL)])
    for block, following in zip(sec.blocks, [*sec.blocks[1:], None]):
        _block(w, block, following)
    for sub in sec.sections:
        _section(w, sub, level + 1)
        if level == 1:
            w.flush()


def render(doc: Document, head: RunningHead) -> bytes:
    word = WordDocument()
    _properties(word, doc, head)
    _language(word, head)
    _heading_styles(word)
    _page_frame(word, head)
    w = _Writer(word)
    w.paragraph(one_line(doc.title), w.heading[0])
    if doc.facts:
        _facts(w, doc.facts)
    for sec in doc.sections:
        _section(w, sec, 1)
        w.flush()
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
