"""Documents as PDF with reportlab: A4, DejaVu Sans embedded (å, ä, ö and the no-break
space of "658 944 kr"), headings as the PDF's outline (bookmarks), tables that flow over
pages with their header row repeated, the project's name and the date in the page header
and the page number in the footer.

Why reportlab: on a 10-page test document it rendered in 57 ms against fpdf2's 460 ms
and typst's 254 ms (typst's wheel is 81 MB against 9 MB), needs no system program, and
its platypus layout gives flowing tables and outlines without hand-placed coordinates.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable
from reportlab.platypus import TableStyle

from lilla_ratten.documents.page import BOLD, REGULAR, RunningHead, clean, column_widths, one_line, table_texts
from lilla_ratten.model.document import Bullets, Chart, Document, Facts, Paragraph, Section, Table

FONT, FONT_BOLD = "LR-DejaVuSans", "LR-DejaVuSans-Bold"
MARGIN = 2.2 * cm
WIDTH = A4[0] - 2 * MARGIN


def _fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(REGULAR)))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(BOLD)))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5, spaceAfter=6)
    styles = {
        "body": body,
        "cell": ParagraphStyle("cell", body, fontSize=9, leading=11.5, spaceAfter=0),
        "bullet": ParagraphStyle("bullet", body, leftIndent=14, bulletIndent=4, spaceAfter=2, bulletFontName=FONT),
        "caption": ParagraphStyle("caption", body, fontSize=9, textColor=colors.HexColor("#444444")),
        "title": ParagraphStyle("title", body, fontName=FONT_BOLD, fontSize=18, leading=22, spaceAfter=12),
    }
    styles["number"] = ParagraphStyle("number", styles["cell"], alignment=TA_RIGHT)
    styles["head"] = ParagraphStyle("head", styles["cell"], fontName=FONT_BOLD)
    for level, size in enumerate((15, 13, 11.5, 10.5, 10, 10), start=1):
        styles[f"h{level}"] = ParagraphStyle(
            f"h{level}", body, fontName=FONT_BOLD, fontSize=size, leading=size * 1.25, spaceBefore=10, spaceAfter=5,
            keepWithNext=1,  # a heading is never left alone at the foot of a page
        )
    return styles


class _Heading(PdfParagraph):
    """A heading that becomes an entry of the PDF's outline where it lands."""

    def __init__(self, text: str, style, level: int, key: str):
        super().__init__(escape(text), style)
        self.outline = (text, level, key)


class _Template(BaseDocTemplate):
    def __init__(self, out, head: RunningHead, title: str):
        super().__init__(
            out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=2.4 * cm, bottomMargin=2 * cm,
            title=title, subject=one_line(head.project), author="Lilla Ratten", initialFontName=FONT,
        )
        self.head = head
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._frame)])

    def _frame(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8.5)
        top = A4[1] - 1.5 * cm
        date = self.head.date
        room = WIDTH - pdfmetrics.stringWidth(date, FONT, 8.5) - 0.8 * cm
        name = one_line(self.head.project)
        while name and pdfmetrics.stringWidth(name, FONT, 8.5) > room:  # a long name is cut, not run into the date
            name = name[:-2] + "…"
        canvas.drawString(MARGIN, top, name)
        canvas.drawRightString(A4[0] - MARGIN, top, date)
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.line(MARGIN, top - 4, A4[0] - MARGIN, top - 4)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, f"{self.head.page} {doc.page}")
        canvas.restoreState()

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, _Heading):
            text, level, key = flowable.outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=level > 1)


def _para(text: str, style) -> PdfParagraph:
    return PdfParagraph(escape(clean(text)).replace("\n", "<br/>"), style)


def _measure(text: str, bold: bool) -> float:
    return pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, 9)


def _table(table: Table, st) -> list:
    texts = table_texts(table)
    data = [[_para(t, st["head"]) for t in texts[0]]]
    data += [[_para(t, st["number"] if i in table.numeric else st["cell"]) for i, t in enumerate(row)] for row in texts[1:]]
    widths = column_widths(texts, set(table.numeric), WIDTH, _measure, pad=14)  # pad: 6 points each side, and air
    out = PdfTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    out.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # the cells are paragraphs; this keeps Helvetica out of the file
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    flow = [out]
    if table.caption:
        flow.append(_para(table.caption, st["caption"]))
    return [*flow, Spacer(1, 8)]


def _facts(items: list[tuple[str, str]], st) -> list:
    rows = [[_para(f"{one_line(k)}:" if k else "", st["head"]), _para(v, st["cell"])] for k, v in items]
    out = PdfTable(rows, colWidths=[5.2 * cm, WIDTH - 5.2 * cm], hAlign="LEFT")
    out.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0)]))
    return [out, Spacer(1, 8)]


def _block(block, st) -> list:
    if isinstance(block, Paragraph):
        return [_para(block.text, st["body"])]
    if isinstance(block, Bullets):
        return [PdfParagraph(escape(clean(item)), st["bullet"], bulletText="•") for item in block.items] + [Spacer(1, 4)]
    if isinstance(block, Facts):
        return _facts(block.items, st)
    if isinstance(block, Table):
        return _table(block, st)
    if isinstance(block, Chart):  # the figure, then the table of its numbers
        from lilla_ratten.documents.chart_pdf import drawing
        from lilla_ratten.reports.charts import chart_table

        return [Spacer(1, 4), drawing(block, WIDTH, (FONT, FONT_BOLD)), Spacer(1, 6), *_table(chart_table(block), st)]
    raise TypeError(f"unknown block {block!r}")


def _section(sec: Section, level: int, st, keys: list[int]) -> list:
    keys[0] += 1
    heading = _Heading(one_line(sec.title), st[f"h{min(level, 6)}"], level, f"s{keys[0]}")
    flow = [heading, *(b for block in sec.blocks for b in _block(block, st))]
    for sub in sec.sections:
        flow += _section(sub, level + 1, st, keys)
    return flow


def render(doc: Document, head: RunningHead) -> bytes:
    _fonts()
    st = _styles()
    out = io.BytesIO()
    template = _Template(out, head, one_line(doc.title))
    flow: list = [_Heading(one_line(doc.title), st["title"], 0, "title")]
    if doc.facts:
        flow += _facts(doc.facts, st)
    keys = [0]
    for sec in doc.sections:
        flow += _section(sec, 1, st, keys)
    template.build(flow)
    return out.getvalue()
