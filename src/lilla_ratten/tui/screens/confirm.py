"""A yes/no question, answered with the keyboard."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from lilla_ratten.i18n import N_, _
from lilla_ratten.tui.text import plain


ALSO = "also"


class Confirm(ModalScreen[bool | str]):
    BINDINGS = [
        Binding("escape,n", "answer(False)", N_("No")),
        Binding("y,j", "answer(True)", N_("Yes")),
    ]

    def __init__(self, question: str, yes: str | None = None, no: str | None = None, *, safe: bool = False,
                 also: str | None = None) -> None:
        """``safe``: yes loses nothing (finish a merge): Enter means yes and it is not red.
        ``also``: a third answer, first and focused (e.g. "Save and quit"): dismisses with ``ALSO``."""
        super().__init__()
        self.question = question
        self.yes = yes or _("Yes")
        self.no = no or _("No")
        self.safe = safe
        self.also = also

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # the question names a record, a file: project text, shown as written
            yield Label(plain(self.question), classes="question")
            with Horizontal(classes="buttons"):
                if self.also:
                    yield Button(plain(self.also), variant="primary", id="also")
                yield Button(plain(self.yes), variant="primary" if self.safe else "error", id="yes")
                yield Button(plain(self.no), variant="default" if self.safe else "primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#also" if self.also else "#yes" if self.safe else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(ALSO if event.button.id == "also" else event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
