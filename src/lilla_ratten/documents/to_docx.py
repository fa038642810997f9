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
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from lilla_ratten.documents.page import RunningHead, cell_text, clean, one_line, shortened
from lilla_ratten.model.document import Bullets, Chart, Document, Facts, Paragraph, Section, Table

MAX_LEVEL = 9  # Word has Heading 1 … Heading 9


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
    header = section.header.paragraphs[0]
    header.style = word.styles["Header"]
    # the name at the left margin, the date at the right one (Header's own stops suit Letter)
    stops = header.paragraph_format.tab_stops
    stops.add_tab_stop(section.page_width - section.left_margin - section.right_margin, WD_TAB_ALIGNMENT.RIGHT)
    header.text = f"{shortened(head.project)}\t{head.date}"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{head.page} ")
    _field(footer, "PAGE")


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _table(word, table: Table) -> None:
    cols = max([len(table.headers), *(len(r) for r in table.rows)])
    out = word.add_table(rows=1 + len(table.rows), cols=cols)
    out.style = word.styles["Table Grid"]
    out.alignment = WD_TABLE_ALIGNMENT.LEFT
    for i, text in enumerate(table.headers):
        cell = out.rows[0].cells[i]
        cell.text = ""
        cell.paragraphs[0].add_run(one_line(text)).bold = True
    _repeat_header(out.rows[0])
    for r, row in enumerate(table.rows, start=1):
        cells = out.rows[r].cells
        for i, value in enumerate(row):
            cells[i].text = cell_text(value)
            if i in table.numeric:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if table.caption:
        word.add_paragraph(one_line(table.caption), style="Caption")
    else:
        word.add_paragraph()  # Word runs two adjacent tables together


def _facts(word, items: list[tuple[str, str]]) -> None:
    for label, value in items:
        p = word.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        # a hanging indent: a long value wraps under itself, not under the label
        p.paragraph_format.left_indent = Cm(6)
        p.paragraph_format.first_line_indent = Cm(-6)
        p.paragraph_format.tab_stops.add_tab_stop(Cm(6), WD_TAB_ALIGNMENT.LEFT)
        if label:
            p.add_run(f"{one_line(label)}:").bold = True
        p.add_run(f"\t{clean(value)}")
    word.add_paragraph()


def _block(word, block) -> None:
    if isinstance(block, Paragraph):
        word.add_paragraph(clean(block.text))
    elif isinstance(block, Bullets):
        for item in block.items:
            word.add_paragraph(clean(item), style="List Bullet")
    elif isinstance(block, Facts):
        _facts(word, block.items)
    elif isinstance(block, Table):
        _table(word, block)
    elif isinstance(block, Chart):  # the figure as a picture, then the table of its numbers
        from lilla_ratten.documents.chart_png import render as png
        from lilla_ratten.reports.charts import chart_table

        from lilla_ratten.documents.page import chart_summary

        picture = word.add_picture(io.BytesIO(png(block)), width=Cm(16))
        picture._inline.docPr.set("title", one_line(block.title))
        picture._inline.docPr.set("descr", chart_summary(block))  # Word's alternative text
        word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _table(word, chart_table(block))
    else:
        raise TypeError(f"unknown block {block!r}")


def _section(word, sec: Section, level: int) -> None:
    word.add_heading(one_line(sec.title), level=min(level, MAX_LEVEL))
    for block in sec.blocks:
        _block(word, block)
    for sub in sec.sections:
        _section(word, sub, level + 1)


def render(doc: Document, head: RunningHead) -> bytes:
    word = WordDocument()
    word.core_properties.title = one_line(doc.title)
    word.core_properties.subject = one_line(head.project)
    style = word.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    _page_frame(word, head)
    word.add_heading(one_line(doc.title), level=0)
    if doc.facts:
        _facts(word, doc.facts)
    for sec in doc.sections:
        _section(word, sec, 1)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
