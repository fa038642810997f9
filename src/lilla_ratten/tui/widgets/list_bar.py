"""A list's title line, which also asks the list's yes/no question (delete this row?) in place.

The delete question was a modal screen. Closing a modal screen makes Textual draw the
whole screen again — every widget under it, whatever changed — and that was two thirds
of the key that answers it (``y``: 60 ms at 50 000 activities, 33 ms even at 500;
issue 34). Moving the focus does the same (Textual repaints the screen when its focused
widget changes), so the question does not take the focus either: the rows keep it, and
their list (``RecordTable``) takes the keys while the question is open. Answering redraws
this line and the rows that moved, nothing else.

One line, always: the title and the question are cut with "…" to fit, the answer keys
never are, so asking and answering never lay the screen out again. Project text in the
question (a record's id and title) is shown as it is (``plain``), never read as markup.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.widget import Widget

from lilla_ratten.i18n import _
from lilla_ratten.tui.text import plain

YES = ("y", "j")
NO = ("n", "escape", "enter")


class ListBar(Widget):
    """The title of a list; ``ask`` puts a yes/no question on the same line."""

    DEFAULT_CSS = """
    ListBar {
        height: 1;
        width: 1fr;
        padding: 0 1;
        text-style: bold;
    }
    ListBar.-asking {
        background: $warning-muted;
        color: $foreground;
    }
    """

    def __init__(self, title: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self._title = plain(title)
        self._question: Content | None = None
        self._answer: Callable[[bool], None] | None = None

    @property
    def asking(self) -> bool:
        return self._answer is not None

    @property
    def title(self) -> str:
        return self._title.plain

    @title.setter
    def title(self, title: str) -> None:
        title = plain(title)
        if title.plain != self._title.plain:
            self._title = title
            if not self.asking:
                self.refresh()

    @property
    def question(self) -> str | None:
        return self._question.plain if self._question is not None else None

    def render(self) -> Content:
        width = self.content_region.width or self.size.width
        if self._question is None:
            return self._title.truncate(width, ellipsis=True)
        hint = Content(_("y yes · n or Esc no"))
        room = max(0, width - hint.cell_length - 3)
        return Content.assemble(self._question.truncate(room, ellipsis=True), "   ", hint)

    def ask(self, question: str, answer: Callable[[bool], None]) -> None:
        """Put ``question`` on this line until ``key`` is given an answer: then ``answer(True)``
        for yes, ``answer(False)`` for no. A question still open is answered no first."""
        if self.asking:
            self.answer(False)
        self._question = plain(question)
        self._answer = answer
        self.add_class("-asking")
        self.refresh()

    def key(self, key: str) -> None:
        """A key typed while asking: y or j is yes; n, Esc or Enter no (as the dialog's focused
        No was); any other key does nothing."""
        if key in YES:
            self.answer(True)
        elif key in NO:
            self.answer(False)

    def answer(self, yes: bool) -> None:
        answer = self._answer
        self._question = self._answer = None
        self.remove_class("-asking")
        self.refresh()
        if answer is not None:
            answer(yes)
