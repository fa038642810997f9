"""A chart's numbers as a table: what Markdown, text and JSON readers get, and what the
documents print beneath the figure."""

from __future__ import annotations

from lilla_ratten.formatting import money
from lilla_ratten.model.document import Cell, Chart, Number, Table


def value_text(chart: Chart, value: Number | None) -> Cell:
    """A value as the table shows it: money as "658 944 kr", other numbers as they are."""
    if value is None:
        return None
    if chart.money:
        return money(int(round(value)))
    return value


def chart_table(chart: Chart) -> Table:
    headers = [chart.category_label, *(s.name for s in chart.series)]
    rows = [[category, *(value_text(chart, s.values[i]) for s in chart.series)] for i, category in enumerate(chart.categories)]
    return Table(headers, rows, numeric=list(range(1, len(headers))), caption=chart.caption)
