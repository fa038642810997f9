"""The file changed on disk (another program, git pull): reload, keep mine, or decide later."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from lilla_ratten.i18n import N_, _
from lilla_ratten.tui.text import plain

RELOAD, KEEP_MINE, LATER, MERGE = "reload", "keep", "later", "merge"


class ChangedOnDisk(ModalScreen[str]):
    BINDINGS = [Binding("escape", "later", N_("Decide later"))]

    def __init__(self, path: str, dirty: bool) -> None:
        super().__init__()
        self.path = path
        self.dirty = dirty

    def compose(self) -> ComposeResult:
        if self.dirty:
            text = _(
                "{file} has been changed by someone else since you opened it, and you have unsaved changes.\n\n"
                "Merge: keep your changes and theirs; where you both changed the same thing, you choose.\n"
                "Reload: read their version; your unsaved changes are lost.\n"
                "Keep mine: save your version over theirs; their change is lost (git still has it if it was committed)."
            )
        else:
            text = _("{file} has been changed by someone else since you opened it. Reload to see their version?")
        with Vertical(classes="dialog"):
            yield Label(plain(text.format(file=self.path)), classes="question")
            with Horizontal(classes="buttons many" if self.dirty else "buttons"):
                if self.dirty:
                    yield Button(_("Merge"), variant="primary", id=MERGE)
                yield Button(_("Reload"), variant="default" if self.dirty else "primary", id=RELOAD)
                if self.dirty:
                    yield Button(_("Keep mine"), variant="error", id=KEEP_MINE)
                yield Button(_("Decide later"), id=LATER)

    def on_mount(self) -> None:
        if self.dirty:  # Enter keeps both: nothing of anyone's is thrown away
            self.query_one(f"#{MERGE}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_later(self) -> None:
        self.dismiss(LATER)
