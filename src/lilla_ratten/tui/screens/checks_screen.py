"""Kontroller: what ``lilla-ratten validate`` says about the project, in the app (Ctrl+P
"Check the project", or ``v``): errors, then warnings, then notes, each in validate's words with
the record named as the app names it. Enter on one opens its record's form; Esc closes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from lilla_ratten.i18n import N_, _
from lilla_ratten.tui.project_checks import heading
from lilla_ratten.tui.text import plain


class ChecksScreen(ModalScreen[tuple[str, int] | None]):
    """``rows``: (severity, text, (list, index) or None) as ``project_checks.checks_rows`` gives
    them; dismissed with the chosen finding's (list, index), or None."""

    CSS_PATH = "checks_screen.tcss"
    BINDINGS = [Binding("escape,q", "close", N_("Close"))]

    def __init__(self, rows: list) -> None:
        super().__init__()
        self.rows = rows
        self.places: dict[str, tuple[str, int] | None] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="checks"):
            yield Label(_("Checks"), classes="checks-title")
            if not self.rows:
                yield Static(plain(_("No errors or warnings.")), id="checks-none")
                return
            options: list[Option] = []
            shown = None
            for i, (severity, text, place) in enumerate(self.rows):
                if severity != shown:
                    shown = severity
                    options.append(Option(plain(heading(severity)), id=f"h{i}", disabled=True))
                options.append(Option(plain(text), id=f"f{i}"))
                self.places[f"f{i}"] = place
            yield OptionList(*options, id="checks-list")
            yield Static(plain(_("Enter opens the record's form; Esc closes.")), classes="checks-note")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        place = self.places.get(event.option.id or "")
        if place is not None:
            self.dismiss(place)

    def findings_text(self) -> list[str]:
        return [text for _severity, text, _place in self.rows]

    def action_close(self) -> None:
        self.dismiss(None)
