"""Choosing a document's format and where to write it (the final report, a status report,
the portfolio's yearly compilation)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select

from lilla_ratten.i18n import N_, _
from lilla_ratten.tui.text import plain

# what a funder or a committee asks for first; Markdown for the project's own git history
CHOICES = (("pdf", "PDF"), ("docx", "Word (.docx)"), ("odt", "OpenDocument (.odt)"), ("md", "Markdown (.md)"))


class FormatChoice(RadioSet):
    """The formats: an arrow moves to a format and picks it (a radio group's way, WAI-ARIA's
    too: Textual's RadioSet only moves a highlight, which a vt100 terminal does not show, so
    Enter would export a format the screen does not name); Enter exports in it."""

    BINDINGS = [Binding("enter", "choose", N_("Export"), show=False)]

    def action_next_button(self) -> None:
        super().action_next_button()
        self._pick()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self._pick()

    def _pick(self) -> None:
        if self._selected is not None and self._selected != self.pressed_index:
            self.action_toggle_button()

    class Chosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def action_choose(self) -> None:
        index = self._selected if self._selected is not None else self.pressed_index
        if index >= 0:
            self.post_message(self.Chosen(index))


class ExportDialog(ModalScreen[tuple[str, Path] | tuple[str, Path, str] | None]):
    """Answers ``(format, target)`` — ``(format, target, form)`` when ``forms`` are offered
    (the final report's forms, ``[(name, title)]``, ``form`` chosen first) — or ``None``
    when the user leaves it."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, what: str, target_for: callable, forms: list[tuple[str, str]] | None = None,
                 form: str | None = None) -> None:
        super().__init__()
        self.what = what
        self.target_for = target_for  # format → the default path beside the project file
        self.fmt = CHOICES[0][0]
        self.forms = forms
        self.form = form

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export-dialog"):
            yield Label(plain(_("Export {what}").format(what=self.what)), classes="question")  # a report's id
            # the choice in words too: without colour (NO_COLOR, vt100) the radio marks look alike
            yield Label(plain(self._chosen_text()), id="export-chosen")
            with FormatChoice(id="export-format", compact=True):  # compact: the buttons stay on a 24-row screen
                for i, (fmt, title) in enumerate(CHOICES):
                    yield RadioButton(title, value=i == 0, id=f"format-{fmt}")
            if self.forms:
                yield Label(_("Form"))
                # one line however many forms are registered, so the buttons stay on a 24-row screen;
                # a plugin's form title is its text: plain
                yield Select([(plain(title), name) for name, title in self.forms], value=self.form,
                             allow_blank=False, compact=True, id="export-form")
            yield Label(_("File"))
            # compact (a line each): Export and Cancel stay on a 60x20 screen too
            yield Input(str(self.target_for(self.fmt)), id="export-target", compact=True)
            with Horizontal(classes="buttons"):
                yield Button(_("Export"), variant="primary", id="export", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-format", FormatChoice).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.form = event.value

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self._choose(event.pressed.id.removeprefix("format-"))

    def on_format_choice_chosen(self, event: FormatChoice.Chosen) -> None:
        self._choose(CHOICES[event.index][0])
        self._done()

    def _choose(self, fmt: str) -> None:
        target = self.query_one("#export-target", Input)
        suggested = str(self.target_for(self.fmt))
        self.fmt = fmt
        self.query_one("#export-chosen", Label).update(plain(self._chosen_text()))
        if target.value == suggested:  # follow the format unless the user chose a path of their own
            target.value = str(self.target_for(self.fmt))

    def _chosen_text(self) -> str:
        return _("Format: {format}").format(format=dict(CHOICES)[self.fmt])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._done()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self._done()
        else:
            self.dismiss(None)

    def _done(self) -> None:
        text = self.query_one("#export-target", Input).value.strip()
        if text:
            target = Path(text).expanduser()
            self.dismiss((self.fmt, target) if self.forms is None else (self.fmt, target, self.form))

    def action_cancel(self) -> None:
        self.dismiss(None)
