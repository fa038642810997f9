"""Changes that were never saved were kept when the app last ended: bring them back?"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from lilla_ratten.i18n import N_, _
from lilla_ratten.tui.text import plain

RESTORE, DISCARD, LATER = "restore", "discard", "later"


class UnsavedFound(ModalScreen[str]):
    BINDINGS = [Binding("escape", "later", N_("Decide later"))]

    def __init__(self, path: str, kept: str, older: bool = False) -> None:
        super().__init__()
        self.path = path
        self.kept = kept
        self.older = older  # the file has changed on disk since those changes were made

    def compose(self) -> ComposeResult:
        text = _(
            "Changes to {file} that were never saved were kept on {kept}: the app ended without saving "
            "them (the terminal or the connection closed, or the app was stopped).\n\n"
            "Bring them back: they appear as unsaved changes; save with Ctrl+S, or undo with Ctrl+Z.\n"
            "Discard them: the file stays as it is on disk."
        )
        text = text.format(file=self.path, kept=self.kept)
        if self.older:
            text += "\n\n" + _(
                "The file has changed since then (another program, git pull). Brought back, the changes "
                "are not saved over that version without asking you."
            )
        with Vertical(classes="dialog"):
            yield Label(plain(text), classes="question")  # a path is text, not markup
            with Horizontal(classes="buttons"):
                yield Button(_("Bring them back"), variant="primary", id=RESTORE)
                yield Button(_("Discard them"), variant="error", id=DISCARD)
                yield Button(_("Decide later"), id=LATER)

    def on_mount(self) -> None:
        self.query_one(f"#{LATER if self.older else RESTORE}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_later(self) -> None:
        self.dismiss(LATER)
