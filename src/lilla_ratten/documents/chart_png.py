"""A chart as a PNG picture for Word and OpenDocument, drawn with Pillow.

Neither python-docx nor odfdo can make a native chart object, and a picture shows the same
in every program that opens the file; the table with the same numbers follows it in the
document. Pillow also measures text for the column widths (page.text_measure).
"""

from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

from lilla_ratten.documents.page import BOLD, PALETTE, REGULAR, axis_top, clean, number_text
from lilla_ratten.model.document import Chart

WIDTH, HEIGHT = 1600, 880  # 16 × 8.8 cm at 254 dpi: 100 pixels a centimetre, 3.53 a point
LEFT, RIGHT, BOTTOM = 170, 40, 160
# every text at 8.5 points or more where the picture is 16 cm wide (6 points were hard to read)
SMALL, LABEL, TITLE = 30, 32, 38


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size)


def render(chart: Chart) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    small, label, title = _font(SMALL), _font(LABEL), _font(TITLE, bold=True)
    draw.text((20, 16), clean(chart.title), font=title, fill="black")

    # legend: one swatch per series, on as many lines as the names need
    x, line = 20, 70
    for i, series in enumerate(chart.series):
        name = clean(series.name)
        step = 40 + int(draw.textlength(name, font=label)) + 44
        if x > 20 and x + step - 44 > WIDTH - RIGHT:
            x, line = 20, line + 44
        draw.rectangle((x, line + 3, x + 30, line + 33), fill=PALETTE[i % len(PALETTE)])
        draw.text((x + 40, line), name, font=label, fill="black")
        x += step
    top_edge = line + 44 + 56  # room for the unit and the tallest bar's label

    values = [v for s in chart.series for v in s.values if v is not None]
    top, step = axis_top(max(values, default=0) * 1.08)  # room for the tallest bar's label
    plot_h = HEIGHT - top_edge - BOTTOM
    plot_w = WIDTH - LEFT - RIGHT
    base = top_edge + plot_h

    def y(value: float) -> float:
        return base - plot_h * value / top

    tick = 0.0
    while tick <= top + step / 2:
        draw.line((LEFT, y(tick), WIDTH - RIGHT, y(tick)), fill="#dddddd", width=2)
        text = number_text(tick)
        draw.text((LEFT - 14 - draw.textlength(text, font=small), y(tick) - 17), text, font=small, fill="black")
        tick += step
    if chart.unit or chart.money:
        draw.text((20, top_edge - 50), "kr" if chart.money else clean(chart.unit), font=small, fill="#444444")

    n_cat, n_ser = max(len(chart.categories), 1), max(len(chart.series), 1)
    group = plot_w / n_cat
    bar = group * 0.8 / n_ser
    for c, category in enumerate(chart.categories):
        left = LEFT + c * group + group * 0.1
        for s, series in enumerate(chart.series):
            value = series.values[c]
            if value is None:  # not shown: no bar at all, not a bar of zero
                continue
            x0 = left + s * bar
            draw.rectangle((x0, y(value), x0 + bar - 4, base), fill=PALETTE[s % len(PALETTE)])
            text = number_text(value)
            width = draw.textlength(text, font=small)
            if width <= bar + group * 0.1:  # a wider label would run into the next bar's
                draw.text((x0 + (bar - 4 - width) / 2, y(value) - 38), text, font=small, fill="black")
        chars = max(int(group / 17), 4)
        for n, text in enumerate(textwrap.wrap(clean(category), chars, break_long_words=False)[:4]):
            width = draw.textlength(text, font=small)
            draw.text((LEFT + c * group + (group - width) / 2, base + 10 + n * 36), text, font=small, fill="black")
    draw.line((LEFT, base, WIDTH - RIGHT, base), fill="black", width=2)
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(254, 254), compress_level=1)  # as small as level 6 for flat charts, faster
    return out.getvalue()
