"""A chart's geometry for the PDF: where each bar, grid line and label goes, in points.

The Typst template (``report.typ``) only places what this computes, so the PDF's chart is
vectors and text in the embedded font, sharp at any zoom, its labels found by a search;
every label is 8 points or more.
"""

from __future__ import annotations

import math

from lilla_ratten.documents.page import PALETTE, axis_top, chart_summary, number_text, one_line, text_measure
from lilla_ratten.model.document import Chart

LABEL = 8  # points: the smallest text in a chart
LEFT = 50  # room for the value axis's labels


def geometry(chart: Chart, width: float) -> dict:
    measure = text_measure(LABEL)
    plot_width = width - LEFT - 8
    plot_height = round(0.3 * width, 1)
    n_cat, n_ser = max(len(chart.categories), 1), max(len(chart.series), 1)
    group = plot_width / n_cat
    bar = group * 0.8 / n_ser
    values = [v for s in chart.series for v in s.values if v is not None]
    top, step = axis_top(max(values, default=0) * 1.08)  # room above the tallest bar for its label
    ticks = []
    for k in range(int(round(top / step)) + 1):
        value = k * step
        ticks.append({"y": plot_height - plot_height * value / top, "label": number_text(value)})
    bars = []
    for s, series in enumerate(chart.series):
        colour = PALETTE[s % len(PALETTE)]
        for c, value in enumerate(series.values):
            if value is None:  # not reported or suppressed: no bar at all, not a bar of zero
                continue
            height = plot_height * value / top
            label = number_text(value)
            bars.append({
                "x": LEFT + c * group + group * 0.1 + s * bar,
                "y": plot_height - height,
                "w": max(bar - 1, 0.5),
                "h": height,
                "color": colour,
                # a label wider than its bar and the gaps beside it would run into the next one
                "label": label if measure(label, False) <= bar + 0.1 * group else None,
            })
    names = [one_line(c) for c in chart.categories]
    rows = max((math.ceil(measure(n, False) / max(group - 4, 1)) for n in names), default=1)
    return {
        "t": "chart",
        "title": one_line(chart.title),
        "alt": chart_summary(chart),
        "width": width,
        "left": LEFT,
        "plot_width": plot_width,
        "plot_height": plot_height,
        "label_height": 11 * min(max(rows, 1), 4),
        "group": group,
        "unit": "kr" if chart.money else one_line(chart.unit),
        "ticks": ticks,
        "bars": bars,
        "categories": names,
        "series": [{"name": one_line(s.name), "color": PALETTE[i % len(PALETTE)]} for i, s in enumerate(chart.series)],
    }
