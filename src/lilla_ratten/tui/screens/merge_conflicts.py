"""The clashes a merge left in the file (``[[conflicts]]``): one at a time, mine, theirs or the base."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from lilla_ratten.i18n import N_, _
from lilla_ratten.model import Project
from lilla_ratten.model.conflicts import REASONS
from lilla_ratten.storage.merge import can_keep_both
from lilla_ratten.tui.text import plain

MINE, THEIRS, BASE, BOTH = "mine", "theirs", "base", "both"


def shown(value: Any) -> str:
    """A side's value as a person reads it."""
    if value is None:
        return _("(nothing: deleted or not set)")
    if isinstance(value, dict):
        return "\n".join(f"{k} = {shown(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(shown(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


class MergeConflicts(ModalScreen[bool]):
    """Dismissed with ``True`` once the last conflict is chosen, ``False`` to decide later."""

    CSS_PATH = "merge_conflicts.tcss"
    BINDINGS = [
        Binding("m", "choose('mine')", N_("Keep mine")),
        Binding("t", "choose('theirs')", N_("Take theirs")),
        Binding("b", "choose('base')", N_("Take the base")),
        Binding("k", "choose('both')", N_("Keep both")),
        Binding("escape", "later", N_("Decide later")),
    ]

    def __init__(self, project: Callable[[], Project], choose: Callable[[int, str], None], theirs: str = "") -> None:
        """``choose(index, side)`` raises ``ValueError`` for a choice the project cannot take;
        ``theirs``: whose the other side is (the author of what was merged in), if known."""
        super().__init__()
        self.project = project
        self.choose = choose
        self.theirs = theirs
        self.total = len(project().conflicts)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="conflicts"):
            yield Label("", id="conflict-count")
            yield Static("", id="conflict-where", markup=False)
            with Horizontal(id="conflict-sides"):
                theirs = _("Theirs ({name})").format(name=self.theirs) if self.theirs else _("Theirs")
                for side, title in ((MINE, _("Mine")), (THEIRS, theirs), (BASE, _("Before both"))):
                    with VerticalScroll(classes="conflict-side"):
                        yield Label(plain(title), classes="side-title")
                        yield Static("", id=f"conflict-{side}", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(_("Mine (m)"), variant="primary", id=MINE)
                yield Button(_("Theirs (t)"), id=THEIRS)
                yield Button(_("Both (k)"), id=BOTH)
                yield Button(_("Before (b)"), id=BASE)

    def on_mount(self) -> None:
        self.show_first()

    def show_first(self) -> None:
        conflicts = self.project().conflicts
        if not conflicts:
            self.dismiss(True)
            return
        conflict = conflicts[0]
        done = self.total - len(conflicts)
        self.query_one("#conflict-count", Label).update(
            plain(_("Conflict {n} of {total} from merging the others' changes").format(n=done + 1, total=self.total))
        )
        reason = _(REASONS[conflict.reason]) if conflict.reason in REASONS else conflict.reason
        from lilla_ratten.reports.git_history import place

        self.query_one("#conflict-where", Static).update(plain(f"{place(conflict.path)}: {reason}"))
        for side in (MINE, THEIRS, BASE):
            self.query_one(f"#conflict-{side}", Static).update(plain(shown(getattr(conflict, side))))
        self.query_one(f"#{BOTH}", Button).display = can_keep_both(conflict)
        self.query_one(f"#{BASE}", Button).display = conflict.base is not None

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id)

    def action_choose(self, side: str) -> None:
        conflicts = self.project().conflicts
        if not conflicts:
            return
        if side == BOTH and not can_keep_both(conflicts[0]):
            self.notify(_("Both can be kept only for two texts or two whole records."), severity="warning", markup=False)
            return
        if side == BASE and conflicts[0].base is None:
            self.notify(_("There was nothing here before both changes: choose mine or theirs."), severity="warning", markup=False)
            return
        try:
            self.choose(0, side)
        except ValueError as exc:
            self.notify(_("That choice would leave the project incomplete ({error}): choose another.").format(error=exc),
                        severity="warning", markup=False)
            return
        self.show_first()

    def action_later(self) -> None:
        self.dismiss(False)
