"""The project screen's header: Textual's, whose title is drawn again without laying out the screen.

Textual's header title asks for a layout of the whole screen at every new title (``Static.update``),
though its line keeps its size (the full width, one line). The first change to a project puts
"● unsaved changes" in the title, so the first delete after opening laid out and drew every widget
again: the one-off in the first delete's figure (benchmarks/tui_scale.py).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Header
from textual.widgets._header import HeaderClock, HeaderClockSpace, HeaderIcon, HeaderTitle


class _Title(HeaderTitle):
    def update(self, content="", *, layout: bool = False) -> None:
        super().update(content, layout=False)  # the full width of one line, whatever it says


class ProjectHeader(Header):
    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield _Title()
        yield HeaderClock().data_bind(Header.time_format) if self._show_clock else HeaderClockSpace()
