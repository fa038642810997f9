"""A chart as a PNG picture for Word and OpenDocument, drawn with Pillow.

Neither python-docx nor odfdo can make a native chart object, and a picture shows the same
in every program that opens the file; the table with the same numbers follows it in the
document. Pillow is already installed for reportlab, so this costs no new dependency.
"""

from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

from lilla_ratten.documents.page import BOLD, PALETTE, REGULAR, axis_top, clean, number_text
from lilla_ratten.model.document import Chart

WIDTH, HEIGHT = 1600, 820  # 16 × 8.2 cm at 254 dpi
LEFT, RIGHT, TOP, BOTTOM = 150, 40, 150, 130


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size)


def render(chart: Chart) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    small, label, title = _font(24), _font(26), _font(32, bold=True)
    draw.text((LEFT, 20), clean(chart.title), font=title, fill="black")

    # legend: one swatch per series
    x = LEFT
    for i, series in enumerate(chart.series):
        draw.rectangle((x, 72, x + 26, 98), fill=PALETTE[i % len(PALETTE)])
        name = clean(series.name)
        draw.text((x + 34, 70), name, font=label, fill="black")
        x += 34 + int(draw.textlength(name, font=label)) + 40

    values = [v for s in chart.series for v in s.values if v is not None]
    top, step = axis_top(max(values, default=0) * 1.08)  # room for the tallest bar's label
    plot_h = HEIGHT - TOP - BOTTOM
    plot_w = WIDTH - LEFT - RIGHT
    base = TOP + plot_h

    def y(value: float) -> float:
        return base - plot_h * value / top

    tick = 0.0
    while tick <= top + step / 2:
        draw.line((LEFT, y(tick), WIDTH - RIGHT, y(tick)), fill="#dddddd", width=2)
        text = number_text(tick)
        draw.text((LEFT - 12 - draw.textlength(text, font=small), y(tick) - 14), text, font=small, fill="black")
        tick += step
    if chart.unit or chart.money:
        draw.text((20, TOP - 44), "kr" if chart.money else clean(chart.unit), font=small, fill="#444444")

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
            if bar >= 40:
                text = number_text(value)
                width = draw.textlength(text, font=small)
                draw.text((x0 + (bar - 4 - width) / 2, y(value) - 30), text, font=small, fill="black")
        chars = max(int(group / 14), 4)
        for n, line in enumerate(textwrap.wrap(clean(category), chars, break_long_words=False)[:4]):
            width = draw.textlength(line, font=small)
            draw.text((LEFT + c * group + (group - width) / 2, base + 10 + n * 30), line, font=small, fill="black")
    draw.line((LEFT, base, WIDTH - RIGHT, base), fill="black", width=2)
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(254, 254), compress_level=1)  # as small as level 6 for flat charts, faster
    return out.getvalue()
