"""What every document format shares: the page header's text, cells as text, the fonts."""

from __future__ import annotations

import functools
from pathlib import Path

from attrs import frozen

from lilla_ratten.model.document import Cell, Chart
from lilla_ratten.model.text_safety import neutralise

FONTS = Path(__file__).with_name("fonts")
# DejaVu Sans (Bitstream Vera licence, fonts/LICENSE-DejaVu.txt): å, ä, ö, –, − and the
# no-break space of "658 944 kr" are all in it, and the PDF embeds the glyphs it uses.
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"


@frozen
class RunningHead:
    """What every page and the file's properties say: the project's name on the left of the
    page header, the report's own date on the right (empty: it has none, and the header
    shows no date rather than the day it is printed); the file's language and author."""

    project: str
    date: str
    # the word before the page number in the footer, already translated ("Sida")
    page: str = "Page"
    # who wrote the report (the project leader, else the organisation); empty: the project
    author: str = ""
    # "sv" or "en"; empty: the language the reports are written in now
    lang: str = ""

    def language(self) -> str:
        from lilla_ratten.i18n import get_language

        return self.lang or get_language()

    def tag(self) -> tuple[str, str]:
        """The language and country a Word or OpenDocument file declares: sv-SE, en-GB."""
        return ("sv", "SE") if self.language() == "sv" else ("en", "GB")

    def file_title(self, title: str) -> str:
        """The file's title: the report and the project, as a reader's window and a search show it."""
        title, project = one_line(title), one_line(self.project)
        return title if not project or project in title else f"{title} — {project}"


def clean(text: object) -> str:
    """Text as every format may hold it: controls (which XML refuses and which would act on a
    terminal) shown as inert pictures, as the other renderers show them."""
    return neutralise(str(text))


def cell_text(value: Cell) -> str:
    """A table cell as the documents show it: the JSON value, ``None`` as an empty cell."""
    return "" if value is None else clean(value)


def shortened(text: str, limit: int = 60) -> str:
    """A page header's project name: a long name is cut at a word, so the date stays on the line."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit - 1) if " " in text[: limit - 1] else limit - 1].rstrip(" –-,") + "…"


def one_line(text: object) -> str:
    """A heading or label on one line, as the Markdown renderer has it."""
    return " ".join(clean(text).split())


# Okabe–Ito: told apart by readers with any common colour-vision deficiency, and in grey print
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def number_text(value: float) -> str:
    """An axis or bar label: thousands grouped the Swedish way (no-break space), decimal comma."""
    from lilla_ratten.i18n import get_language

    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    if get_language() == "sv":
        return text.replace(",", "\u00a0").replace(".", ",").replace("-", "−")
    return text


def axis_top(largest: float) -> tuple[float, float]:
    """A round top for the value axis and its step (1, 2 or 5 times a power of ten), five steps or fewer."""
    import math

    if largest <= 0:
        return 1.0, 1.0
    raw = largest / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return math.ceil(largest / step) * step, step


def chart_summary(chart: Chart) -> str:
    """A chart in words, the picture's alternative text: a screen reader reads the figures."""
    parts = [one_line(chart.title)]
    for series in chart.series:
        values = ", ".join(
            f"{one_line(c)} {'–' if v is None else number_text(v)}" for c, v in zip(chart.categories, series.values, strict=True)
        )
        parts.append(f"{one_line(series.name)}: {values}")
    return ". ".join(parts) + "."


# how tall a table (or a label–value block) may be and still be kept whole on one page, in
# points: A4's text height (about 717) less room for a heading above it and a caption below
PAGE_ROOM = 650.0


def fits_a_page(rows: list[list[str]], widths: list[float], measure, pad: float, leading: float, padding: float) -> bool:
    """Whether a table is short enough to keep whole on one page, its caption with it: the
    rows' height from each cell's text wrapped word by word at its column's width (the room
    left on the page is generous: a table kept whole that is taller than the page would be
    cut). A longer one flows over pages with its header repeated."""
    height = 0.0
    for row in rows:
        lines = max([1, *(wrapped_lines(text, width - pad, measure) for text, width in zip(row, widths))])
        height += lines * leading + padding
        if height > PAGE_ROOM:
            return False
    return True


def label_width(labels: list[str], least: float, measure, pad: float, most: float) -> float:
    """The label column of a label–value block: ``least`` (5.2 cm), wider when a label's
    longest word needs it ("Stadsdelsförvaltningens" was broken inside in Word), at most ``most``."""
    words = [measure(word, True) + pad for label in labels for word in label.split()]
    return min(max([least, *words]), most)


def wrapped_lines(text: str, room: float, measure) -> int:
    """How many lines ``text`` takes wrapped word by word in ``room`` (a no-break space keeps
    "658 944 kr" one word, as the writers do)."""
    space = measure(" ", False)
    count = 0
    for part in text.split("\n"):
        count += 1
        line = 0.0
        for word in part.split(" "):
            width = measure(word, False)
            if line and line + space + width > room + 1:  # a point of slack: parts measured apart add up a little wider
                count += 1
                line = width
            else:
                line += (space if line else 0.0) + width
    return count


def leads_in(text: str, following: object = None) -> bool:
    """Whether a paragraph is kept on the page of what follows it: it introduces it ("Gått
    framåt, första → sista mätningen:"), or it is a short one (three lines or so) that a
    table or chart follows, which it presents. A long paragraph may end a page: held to a
    table that must stay whole, it would push both on and leave the page half empty."""
    from lilla_ratten.model.document import Chart, Table

    return text.rstrip().endswith(":") or (isinstance(following, (Table, Chart)) and len(text) <= LEAD_IN_CHARS)


LEAD_IN_CHARS = 300  # about three lines


def drawn(chart: Chart) -> bool:
    """Whether a chart is drawn at all: one bar compares nothing (its table says the same)."""
    return sum(v is not None for s in chart.series for v in s.values) >= 2


def table_texts(table) -> list[list[str]]:
    """A table's cells as the writers show them, header row first, every row as long as the longest."""
    cols = max([len(table.headers), *(len(r) for r in table.rows)])
    texts = [[one_line(h) for h in table.headers] + [""] * (cols - len(table.headers))]
    return texts + [[cell_text(c) for c in row] + [""] * (cols - len(row)) for row in table.rows]


def column_widths(rows: list[list[str]], numeric: set[int] | frozenset[int], total: float, measure, pad: float) -> list[float]:
    """The widths of a table's columns (``rows[0]`` the headers), in the unit of ``total``.

    Each column is at least as wide as its longest word, and the room left is shared by
    how much more each would need to hold its longest line on one line. A column of
    amounts holds each amount on one line when the page has room for all of them: "658 944"
    over "kr" is not how a sum is read, nor "Personalkostn" over "ader" a word.
    ``measure(text, bold)`` is the width of one line of text.
    """
    cols = len(rows[0])

    def line(text: str, bold: bool = False) -> float:
        return max((measure(part, bold) for part in text.split("\n")), default=0) + pad

    def word(text: str, bold: bool = False) -> float:
        return max((measure(w, bold) for w in text.split()), default=0) + pad

    words = [max([word(rows[0][i], True)] + [word(r[i]) for r in rows[1:]]) for i in range(cols)]
    want = [max([line(rows[0][i], True)] + [line(r[i]) for r in rows[1:]]) for i in range(cols)]
    # an amount whole, but not its column's header (it may wrap), and only when all of them fit
    whole = [max([words[i]] + [line(r[i]) for r in rows[1:]]) if i in numeric else words[i] for i in range(cols)]
    least = whole if sum(whole) < total else words
    if sum(least) >= total:  # words too long for the page: shrink all alike, the cells wrap mid-word
        return [total * w / sum(least) for w in least]
    extra = [max(w - m, 0) for w, m in zip(want, least)]
    room = total - sum(least)
    if sum(extra) <= room:
        return [m + e for m, e in zip(least, extra)]
    return [m + room * e / sum(extra) for m, e in zip(least, extra)]


@functools.cache  # one per size and process: the fonts are read when a table first needs them
def text_measure(size: float):
    """``measure(text, bold)`` in points for DejaVu Sans at ``size`` points (Pillow), for the
    writers whose program lays out the page itself (Word, LibreOffice): DejaVu is wider
    than Calibri or Liberation Sans, so what fits here fits there."""
    from PIL import ImageFont

    fonts = {bold: ImageFont.truetype(str(BOLD if bold else REGULAR), 100) for bold in (False, True)}
    return lambda text, bold: fonts[bold].getlength(text) * size / 100
