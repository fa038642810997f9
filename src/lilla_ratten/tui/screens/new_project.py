"""Create a project in the app: the file asked for does not exist yet (or Ctrl+P "New project…")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from lilla_ratten.i18n import N_, _
from lilla_ratten.storage.new_project import default_end
from lilla_ratten.tui.text import plain, styled


class NewProject(ModalScreen["NewProjectAnswer | None"]):
    """Asks for the project's name (required) and period; dismisses with the answer, or ``None`` (Esc, No)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, path: Path | None, today: date) -> None:
        """``path`` None: the file's name is asked for too (relative to the current folder)."""
        super().__init__()
        self.path = path
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="new-project"):
            if self.path is not None:
                yield Label(styled(_("[b]$file[/b] does not exist. Create a new project there?"), file=str(self.path)),
                            classes="question")
            else:
                yield Label(plain(_("A new project file")), classes="question")
                yield from self.field(_("File (e.g. my-project.toml)"), Input(id="file"))
            yield from self.field(_("The project's name (required)"), Input(id="name"))
            yield from self.field(_("Start (YYYY-MM-DD)"), Input(self.today.isoformat(), id="start"))
            yield from self.field(_("End (YYYY-MM-DD)"), Input(default_end(self.today).isoformat(), id="end"))
            yield Label("", id="new-problem")
            with Horizontal(classes="buttons"):
                yield Button(plain(_("Create")), variant="primary", id="create")
                yield Button(plain(_("Cancel")), id="cancel")

    @staticmethod
    def field(label: str, widget: Input) -> ComposeResult:
        with Horizontal(classes="new-field"):
            yield Label(plain(label), classes="field-label")
            yield widget

    def on_mount(self) -> None:
        self.query_one("#file" if self.path is None else "#name", Input).focus()
        getattr(self.app, "release_keys_into", lambda _screen: None)(self)  # what was typed as it opened (app_guards)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.create()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.create()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def create(self) -> None:
        answer, problem = self.read()
        shown = self.query_one("#new-problem", Label)
        shown.update(plain(problem or ""))
        shown.display = bool(problem)
        if answer is not None:
            self.dismiss(answer)

    def read(self) -> tuple[NewProjectAnswer | None, str | None]:
        path = self.path
        if path is None:
            text = self.query_one("#file", Input).value.strip()
            if not text:
                return None, _("Give the file a name.")
            path = Path(text if text.endswith(".toml") else text + ".toml")
            if path.exists():
                return None, _("{file} already exists; choose another name.").format(file=path)
            if not path.parent.is_dir():
                return None, _("The folder {folder} does not exist.").format(folder=path.parent)
        name = self.query_one("#name", Input).value.strip()
        if not name:
            return None, _("The project needs a name.")
        dates = []
        for field in ("start", "end"):
            text = self.query_one(f"#{field}", Input).value.strip()
            try:
                dates.append(date.fromisoformat(text))
            except ValueError:
                return None, _("not a date like 2024-02-28: {text}").format(text=text)
        if dates[1] < dates[0]:
            return None, _("The end is before the start.")
        return NewProjectAnswer(path, name, dates[0], dates[1]), None


class NewProjectAnswer:
    __slots__ = ("path", "name", "start", "end")

    def __init__(self, path: Path, name: str, start: date, end: date) -> None:
        self.path, self.name, self.start, self.end = path, name, start, end
