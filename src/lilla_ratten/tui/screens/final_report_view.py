"""The final report as it would be printed, to read in the app (also in the read-only review)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header

from lilla_ratten.i18n import N_, _
from lilla_ratten.model.document import Document
from lilla_ratten.tui.widgets.document_view import DocumentView
from lilla_ratten.tui.widgets.footer import Footer


class FinalReportView(Screen):
    BINDINGS = [Binding("escape,q", "app.pop_screen", N_("Back")), Binding("x", "export", N_("Export")),
                Binding("f", "next_form", N_("Form"))]

    def __init__(self, doc: Document, layout: str | None = None) -> None:
        super().__init__()
        self.doc = doc
        self.form = layout  # the form shown (a layout's name); None: the project type's

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="final-report-scroll"):
            yield DocumentView(id="final-report")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#final-report", DocumentView).show(self.doc)
        self.query_one("#final-report-scroll").focus()

    def action_next_form(self) -> None:
        """The next registered form (slutrapport, lum, lansstyrelsen, a plugin's…), as ``--layout``."""
        from lilla_ratten.reports import layouts

        app = self.app
        names = list(layouts.registered(app.host))
        shown = layouts.layout_for(app.session.project, app.host, self.form)[0]
        self.form = names[(names.index(shown) + 1) % len(names)] if shown in names else names[0]
        self.doc = layouts.build(app.session.project, app.as_of, app.host, self.form)
        self.query_one("#final-report", DocumentView).show(self.doc)
        app.notify(_("Form: {form}").format(form=layouts.registered(app.host)[self.form][1].title), markup=False)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action == "export" and self.app.read_only)  # the review writes no files

    def action_export(self) -> None:
        from lilla_ratten.tui.export import export_final

        export_final(self.app, self.form)  # in the form shown
