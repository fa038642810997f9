"""A report document shown as text in the terminal, with traffic lights coloured (and still worded)."""

from __future__ import annotations

import re

from rich.text import Text
from textual.widgets import Static

from lilla_ratten.model.document import Document
from lilla_ratten.reports.render_text import render

_LIGHTS = re.compile(r"\(\+\) \S+|\(!\) \S+|\(x\) \S+")
_STYLE = {"(+)": "bold green", "(!)": "bold yellow", "(x)": "bold red"}


class DocumentView(Static):
    """Renders a ``Document`` at the widget's width; the words carry the meaning, colour only helps."""

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self._doc: Document | None = None

    def show(self, doc: Document) -> None:
        self._doc = doc
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if self._doc is None:
            return
        width = max((self.size.width or 80) - 2, 30)
        text = Text(render(self._doc, width))
        for m in _LIGHTS.finditer(text.plain):
            text.stylize(_STYLE[m.group(0)[:3]], m.start(), m.end())
        self.update(text)
