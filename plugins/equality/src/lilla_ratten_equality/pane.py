"""The equality tab: the protected tables, a chart by gender, and the threshold.

Imported only when the TUI builds the tab.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, DataTable, Input, Label, Static
from textual_plotext import PlotextPlot

from lilla_ratten import api

from lilla_ratten_equality.plugin import labels
from lilla_ratten_equality.section import Dimension, EqualitySection
from lilla_ratten_equality.text import _

NAME = "equality"


class EqualityPane(Vertical):
    DEFAULT_CSS = """
    EqualityPane { height: auto; }
    EqualityPane DataTable { height: auto; margin-bottom: 1; }
    EqualityPane PlotextPlot { height: 12; }
    EqualityPane .title { text-style: bold; padding: 0 1; }
    EqualityPane #threshold-row { height: auto; }
    EqualityPane #threshold { width: 12; }
    EqualityPane #dimension-form { height: auto; }
    EqualityPane #dimension-form Input { width: 1fr; }
    """

    def __init__(self, context, build) -> None:
        super().__init__()
        self.context = context
        self.build = build  # (project, sections, participants) -> the report section, as the final report has it

    def compose(self) -> ComposeResult:
        read_only = self.context.read_only  # the review: no entry fields, no key named that does nothing
        with Horizontal(id="threshold-row"):
            yield Label(_("Smallest group shown (threshold): "))
            yield Input(id="threshold", type="integer", compact=True, disabled=read_only)
        yield PlotextPlot(id="chart")
        yield Label(_("Dimensions") if read_only else _("Dimensions (delete removes the selected one)"), classes="title")
        yield DataTable(id="dimensions", cursor_type="row")
        if not read_only:
            with Horizontal(id="dimension-form"):
                yield Input(placeholder=_("id, e.g. age"), id="dim-id", compact=True)
                yield Input(placeholder=_("label"), id="dim-label", compact=True)
                yield Input(placeholder=_("categories, comma-separated"), id="dim-categories", compact=True)
                yield Checkbox(_("special (GDPR art. 9)"), id="dim-special", compact=True)
                yield Button(_("Add"), id="dim-add", compact=True)
        yield Vertical(id="body")

    def on_mount(self) -> None:
        self.context.on_change(self.redraw)
        self.redraw()

    def _section(self) -> EqualitySection:
        return self.context.section(NAME) or EqualitySection()

    def redraw(self) -> None:
        section = self._section()
        self.query_one("#threshold", Input).value = str(section.threshold)
        dims = self.query_one("#dimensions", DataTable)
        if not dims.columns:
            dims.add_columns(_("Id"), _("Label"), _("Categories"), _("Special"))
        dims.clear()
        plain = self.context.plain  # the file's text is text, never markup
        for d in section.dimensions:
            dims.add_row(*map(plain, (d.id, d.label, ", ".join(d.categories), _("yes") if d.special else "")), key=d.id)
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

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "dim-add":
            event.stop()
            self.add_dimension()

    def add_dimension(self) -> None:
        if self.context.read_only:
            self.context.notify(_("The file is open read-only."), warning=True)
            return
        ident = self.query_one("#dim-id", Input).value.strip()
        label = self.query_one("#dim-label", Input).value.strip() or ident
        categories = [c.strip() for c in self.query_one("#dim-categories", Input).value.split(",") if c.strip()]
        section = self._section()
        if not ident or len(categories) < 2:
            self.context.notify(_("A dimension needs an id and at least two categories."), warning=True)
            return
        if ident == "gender" or any(d.id == ident for d in section.dimensions):
            self.context.notify(_("There is already a dimension {id}.").format(id=ident), warning=True)
            return
        special = self.query_one("#dim-special", Checkbox).value
        section.dimensions.append(Dimension(id=ident, label=label, categories=categories, special=special))
        for widget in ("#dim-id", "#dim-label", "#dim-categories"):
            self.query_one(widget, Input).value = ""
        self.context.store(NAME, section, _("dimension {id}").format(id=ident))

    def on_key(self, event) -> None:
        dims = self.query_one("#dimensions", DataTable)
        if event.key != "delete" or not dims.has_focus or not dims.row_count or self.context.read_only:
            return
        event.stop()
        ident = str(dims.coordinate_to_cell_key(dims.cursor_coordinate).row_key.value)
        section = self._section()
        section.dimensions = [d for d in section.dimensions if d.id != ident]
        self.context.store(NAME, section, _("remove dimension {id}").format(id=ident))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id and event.input.id.startswith("dim-"):
            event.stop()
            self.add_dimension()
            return
        if self.context.read_only:
            return
        try:
            value = int(event.value)
        except ValueError:
            return
        if value < 1:
            self.context.notify(_("The threshold must be 1 or more."), warning=True)
            return
        section = self._section()
        section.threshold = value
        self.context.store(NAME, section, _("threshold {n}").format(n=value))
