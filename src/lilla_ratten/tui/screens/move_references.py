"""Deleting a record others name: move what names it to another record of the same kind, then delete.

The question lists what names the record; a picker holds the other records of its list (the
first is chosen); "Move and delete" does both as one change that can be undone. A target the
move would make wrong (the file's checks, the plugins' included, find an error it brings) is
said under the picker, and the button does nothing until another is picked."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static

from lilla_ratten.i18n import N_, _
from lilla_ratten.tui.text import plain


class MoveReferences(ModalScreen[str | None]):
    """Dismissed with the id chosen to take the references over, or ``None`` (nothing done)."""

    BINDINGS = [Binding("escape", "back", N_("Go back"))]

    def __init__(self, question: str, options: list[tuple[str, str]],
                 refused: Callable[[str], str | None] | None = None) -> None:
        """``options``: (id, shown) of the records that can take the references over;
        ``refused(id)``: why moving them to ``id`` is not done (the errors it would bring), or None."""
        super().__init__()
        self.question = question
        self.options = options
        self.refused = refused or (lambda _target: None)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.question), classes="question")
            yield Select([(plain(shown), ident) for ident, shown in self.options], value=self.options[0][0],
                         allow_blank=False, id="target", compact=True)
            yield Static("", id="refused", classes="refused")
            with Horizontal(classes="buttons"):
                yield Button(_("Move and delete"), variant="error", id="move")
                yield Button(_("Go back"), variant="primary", id="back")

    def on_mount(self) -> None:
        self._check()
        self.query_one("#target", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._check()

    def _check(self) -> str | None:
        target = str(self.query_one("#target", Select).value)
        reason = self.refused(target)
        shown = self.query_one("#refused", Static)
        text = _("Not to {id}: it would bring an error.").format(id=target) + "\n" + reason if reason else ""
        shown.update(plain(text))  # the reason names the user's records
        shown.display = bool(reason)
        self.query_one("#move", Button).disabled = bool(reason)
        return reason

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "move":
            if self._check() is None:
                self.dismiss(str(self.query_one("#target", Select).value))
        else:
            self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)
