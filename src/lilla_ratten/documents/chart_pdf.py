"""A chart drawn natively in the PDF with reportlab's graphics: vectors and text, sharp at
any zoom, its labels selectable and found by a search, in the embedded font."""

from __future__ import annotations

import textwrap

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from lilla_ratten.documents.page import PALETTE, axis_top, clean, number_text
from lilla_ratten.model.document import Chart


def drawing(chart: Chart, width: float, fonts: tuple[str, str]) -> Drawing:
    regular, bold = fonts
    names = [clean(s.name) for s in chart.series]
    swatch = 10 + 6 + 24  # the colour box, its gap and the gap to the next entry
    across = sum(stringWidth(n, regular, 8) + swatch for n in names) <= width - 50
    legend_h = 14 if across else 12 * len(names) + 2
    group = (width - 60) / max(len(chart.categories), 1)
    chars = max(int(group / 4.2), 4)  # 7.5-point labels wrap to the width of their group
    wrapped = ["\n".join(textwrap.wrap(clean(c), chars, break_long_words=False)[:3]) for c in chart.categories]
    label_h = 10 * max((w.count("\n") + 1 for w in wrapped), default=1)
    plot_h = 0.3 * width
    height = 20 + legend_h + 14 + plot_h + label_h + 8
    out = Drawing(width, height, initialFontName=regular)  # not reportlab's Helvetica, which would be listed unembedded
    out.add(String(0, height - 12, clean(chart.title), fontName=bold, fontSize=10.5))
    bars = VerticalBarChart()
    bars.x, bars.y = 50, label_h + 8
    bars.width, bars.height = width - 60, plot_h
    # reportlab leaves a None out: no bar, as for a value not measured or suppressed
    bars.data = [list(s.values) for s in chart.series] or [[]]
    bars.categoryAxis.categoryNames = wrapped
    bars.categoryAxis.labels.fontName = regular
    bars.categoryAxis.labels.fontSize = 7.5
    bars.categoryAxis.labels.boxAnchor = "n"
    values = [v for s in chart.series for v in s.values if v is not None]
    top, step = axis_top(max(values, default=0) * 1.08)
    bars.valueAxis.valueMin, bars.valueAxis.valueMax, bars.valueAxis.valueStep = 0, top, step
    bars.valueAxis.labels.fontName = regular
    bars.valueAxis.labels.fontSize = 7.5
    bars.valueAxis.labelTextFormat = number_text
    bars.valueAxis.visibleGrid = True
    bars.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    bars.barLabels.fontName = regular
    bars.barLabels.fontSize = 7
    bars.barLabels.nudge = 6
    bars.barLabelFormat = number_text
    bars.groupSpacing = 8
    for i in range(len(chart.series)):
        bars.bars[i].fillColor = colors.HexColor(PALETTE[i % len(PALETTE)])
        bars.bars[i].strokeColor = None
    out.add(bars)
    if chart.unit or chart.money:
        out.add(String(0, bars.y + plot_h + 6, "kr" if chart.money else clean(chart.unit), fontName=regular, fontSize=7.5))
    legend = Legend()
    legend.x, legend.y = 50, height - 26
    legend.fontName, legend.fontSize = regular, 8
    legend.alignment = "right"
    legend.dx, legend.dy, legend.dxTextSpace = 10, 8, 6
    legend.columnMaximum = 1 if across else len(names)
    legend.autoXPadding = 24
    legend.deltay = 12
    legend.colorNamePairs = [(colors.HexColor(PALETTE[i % len(PALETTE)]), n) for i, n in enumerate(names)]
    out.add(legend)
    return out
