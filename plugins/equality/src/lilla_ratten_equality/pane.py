"""The equality tab's own view: the protected tables and a chart by gender.

The records themselves — the threshold and the other settings, dimensions, counts, people,
staff, actions — are edited in the lists the app builds above this view from the plugin's
declared ``records()``; this view only shows what they make. Imported only when the TUI
builds the tab.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static
from textual_plotext import PlotextPlot

from lilla_ratten import api

from lilla_ratten_equality.plugin import labels
from lilla_ratten_equality.section import EqualitySection
from lilla_ratten_equality.text import _

NAME = "equality"


class EqualityPane(Vertical):
    DEFAULT_CSS = """
    EqualityPane { height: auto; }
    EqualityPane DataTable { height: auto; margin-bottom: 1; }
    EqualityPane PlotextPlot { height: 12; }
    EqualityPane .title { text-style: bold; padding: 0 1; }
    """

    def __init__(self, context, build) -> None:
        super().__init__()
        self.context = context
        self.build = build  # (project, sections, participants) -> the report section, as the final report has it

    def compose(self) -> ComposeResult:
        yield Static(id="threshold")
        yield PlotextPlot(id="chart")
        yield Vertical(id="body")

    def on_mount(self) -> None:
        self.context.on_change(self.redraw)
        self.redraw()

    def _section(self) -> EqualitySection:
        return self.context.section(NAME) or EqualitySection()

    def redraw(self) -> None:
        section = self._section()
        plain = self.context.plain  # the file's text is text, never markup
        where = "" if self.context.read_only else " " + _("(changed under Settings above)")
        self.query_one("#threshold", Static).update(plain(
            _("Smallest group shown (threshold): {n}").format(n=section.threshold) + where))
        project = self.context.project
        sections = {n: self.context.section(n) for n in (NAME, "steps", "budget")}
        built = self.build(project, sections, self.context.participants())
        body = self.query_one("#body", Vertical)
        body.remove_children()
        widgets = []
        for sub in built.sections if built else []:
            widgets.append(Label(plain(sub.title), classes="title"))
            for block in sub.blocks:
                if isinstance(block, api.Table):
                    table = DataTable(cursor_type="none", zebra_stripes=True)
                    table.add_columns(*map(plain, block.headers))
                    for row in block.rows:
                        table.add_row(*(plain("" if c is None else str(c)) for c in row))
                    widgets.append(table)
                elif isinstance(block, api.Paragraph):
                    widgets.append(Static(plain(block.text)))
        body.mount_all(widgets)
        plt = self.query_one("#chart", PlotextPlot).plt
        plt.clear_data()
        plt.clear_figure()
        gender = (built.data.get("gender") if built else None) or {}
        shown = {g: n for g, n in gender.items() if n is not None}
        if shown:
            plt.bar([labels().get(g, g) for g in shown], list(shown.values()))
            plt.title(_("Participants by gender (cells below the threshold are not drawn)"))
        self.query_one("#chart", PlotextPlot).refresh()
