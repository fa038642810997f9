"""A yes/no question, answered with the keyboard."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from lilla_ratten.i18n import _


class Confirm(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape,n", "answer(False)", _("No")),
        Binding("y,j", "answer(True)", _("Yes")),
    ]

    def __init__(self, question: str, yes: str | None = None, no: str | None = None, *, safe: bool = False) -> None:
        """``safe``: yes loses nothing (finish a merge): Enter means yes and it is not red."""
        super().__init__()
        self.question = question
        self.yes = yes or _("Yes")
        self.no = no or _("No")
        self.safe = safe

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="question")
            with Horizontal(classes="buttons"):
                yield Button(self.yes, variant="primary" if self.safe else "error", id="yes")
                yield Button(self.no, variant="default" if self.safe else "primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.safe else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
