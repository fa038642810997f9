"""Set up git for sharing from the app: who you are (name, e-mail, as each version is signed)
and, the first time, where the shared repository is. Dismissed with the answers or ``None``."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from lilla_ratten.i18n import N_, _
from lilla_ratten.tui.text import plain


class GitSetup(ModalScreen[dict | None]):
    """``ask``: which of "name", "email", "remote" to ask for; each answer must not be empty.
    With only the remote to ask, "keep versions here only" is an answer too (``{"local": …}``)."""

    BINDINGS = [Binding("escape", "back", N_("Go back"))]
    QUESTIONS = {
        "name": (lambda: _("Your name, as the others will see it on what you share")),
        "email": (lambda: _("Your e-mail address")),
        "remote": (lambda: _("The shared repository's address (from whoever set it up), e.g. a folder path or ssh://…")),
    }

    def __init__(self, ask: list[str]) -> None:
        super().__init__()
        self.ask = ask

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(_("Before sharing, git needs to know:")), classes="question")
            for key in self.ask:
                yield Label(plain(self.QUESTIONS[key]()))
                yield Input(id=f"git-{key}")
            yield Label("", id="git-setup-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Save and share"), variant="primary", id="save")
                if self.ask == ["remote"]:
                    yield Button(_("Keep versions here only"), id="local")
                yield Button(_("Go back"), id="back")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        getattr(self.app, "release_keys_into", lambda _screen: None)(self)  # what was typed as it opened (app_guards)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        at = inputs.index(event.input)
        if at + 1 < len(inputs):
            inputs[at + 1].focus()
        else:
            self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        elif event.button.id == "local":
            self.dismiss({"local": "yes"})
        else:
            self.dismiss(None)

    def _save(self) -> None:
        answers = {key: self.query_one(f"#git-{key}", Input).value.strip() for key in self.ask}
        missing = [key for key, value in answers.items() if not value]
        if missing:
            self.query_one("#git-setup-error", Label).update(plain(_("Fill in every field.")))
            self.query_one(f"#git-{missing[0]}", Input).focus()
            return
        self.dismiss(answers)

    def action_back(self) -> None:
        self.dismiss(None)
