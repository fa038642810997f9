"""The one way text reaches the screen: project, plugin and git text is text, never markup.

Textual parses a ``str`` given to ``Static``, ``Label``, ``Button``, a ``TabPane`` title, a
``DataTable`` cell, an ``OptionList`` prompt or ``notify`` as content markup. A project name
``[/] AB`` then crashes the screen, ``[@click=app.screenshot(…)]`` runs an action when
clicked, ``[link=…]`` sends a hyperlink to the terminal and ``[kr]`` vanishes. So:

- text that comes from a project file, a plugin or git goes on screen as ``plain(text)``
  (a ``Content``, which Textual shows as it is, controls and bidi overrides removed);
- our own words with styling are ``styled("[b]$name[/b] …", name=value)``: the template is
  ours, every value is put in as plain text (Textual's ``$variable`` substitution);
- ``notify`` and the like are called with ``markup=False``.

Never build markup by formatting a value into a string (``f"[b]{name}[/b]"``).
``tests/test_hostile_text.py`` plants markup in every field and reads every screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from lilla_ratten.model.text_safety import UNSAFE, strip_unsafe


class PlainContent(Content):
    """A ``Content`` of plain text that Rich-based widgets can measure too.

    Textual widgets draw it as the ``Content`` it is. ``DataTable`` (built on Rich) asks
    ``__rich__`` and measures what it gets: a ``Content`` answers with bare segments, which
    Rich measures as nothing, so an auto-width column stayed as narrow as its header. This
    one answers with a Rich ``Text`` of the same characters, which is never read as markup.
    """

    __slots__ = ()

    def __rich__(self) -> Text:
        return Text(self.plain, end="", no_wrap=True, overflow="ellipsis")


def plain(text: object) -> Content:
    """``text`` as it is on screen: no markup parsed, terminal controls removed."""
    if isinstance(text, Content):
        return text
    text = "" if text is None else str(text)
    if UNSAFE.search(text):
        text = strip_unsafe(text)
    return PlainContent(text)


def styled(template: str, **values: object) -> Content:
    """Our own markup ``template`` with each ``$value`` put in as plain text."""
    return Content.from_markup(template, **{name: plain(value) for name, value in values.items()})
