"""The file changed on disk (another program, git pull): reload, keep mine, or decide later."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from lilla_ratten.i18n import _

RELOAD, KEEP_MINE, LATER = "reload", "keep", "later"


class ChangedOnDisk(ModalScreen[str]):
    BINDINGS = [Binding("escape", "later", _("Decide later"))]

    def __init__(self, path: str, dirty: bool) -> None:
        super().__init__()
        self.path = path
        self.dirty = dirty

    def compose(self) -> ComposeResult:
        if self.dirty:
            text = _(
                "{file} has been changed by someone else since you opened it, and you have unsaved changes.\n\n"
                "Reload: read their version; your unsaved changes are lost.\n"
                "Keep mine: save your version over theirs; their change is lost (git still has it if it was committed)."
            )
        else:
            text = _("{file} has been changed by someone else since you opened it. Reload to see their version?")
        with Vertical(classes="dialog"):
            yield Label(text.format(file=self.path), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(_("Reload"), variant="primary", id=RELOAD)
                if self.dirty:
                    yield Button(_("Keep mine"), variant="error", id=KEEP_MINE)
                yield Button(_("Decide later"), id=LATER)

    def on_mount(self) -> None:
        if self.dirty:  # Enter must not throw unsaved changes away
            self.query_one(f"#{LATER}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_later(self) -> None:
        self.dismiss(LATER)
