"""A question with more than yes and no (put back / share anyway / go back), answered with
the keyboard: the first choice has the focus, so Enter takes it; Escape is "go back"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from lilla_ratten.i18n import N_
from lilla_ratten.tui.text import plain


class Choice(ModalScreen[str | None]):
    """``choices``: (id, label, variant); dismissed with the chosen id, or ``None`` on Escape."""

    BINDINGS = [Binding("escape", "back", N_("Go back"))]

    def __init__(self, question: str, choices: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.question), classes="question")
            with Horizontal(classes="buttons"):
                for ident, label, variant in self.choices:
                    yield Button(plain(label), variant=variant, id=ident)

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_back(self) -> None:
        self.dismiss(None)
