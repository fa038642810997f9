"""The final report as it would be printed, to read in the app (also in the read-only review)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header

from lilla_ratten.i18n import _
from lilla_ratten.model.document import Document
from lilla_ratten.tui.widgets.document_view import DocumentView


class FinalReportView(Screen):
    BINDINGS = [Binding("escape,q", "app.pop_screen", _("Back")), Binding("x", "export", _("Export"))]

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="final-report-scroll"):
            yield DocumentView(id="final-report")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#final-report", DocumentView).show(self.doc)
        self.query_one("#final-report-scroll").focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action == "export" and self.app.read_only)  # the review writes no files

    def action_export(self) -> None:
        from lilla_ratten.tui.export import export_final

        export_final(self.app)
