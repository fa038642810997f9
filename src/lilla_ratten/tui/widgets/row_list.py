"""The rows of a list drawn line by line: only the lines on screen are ever drawn.

Textual's DataTable keeps a row object for every row and pays for each one added, so a
list of 50 000 activities took seconds to show, and as long again for each key in its
filter. This widget holds the cells as plain strings and which rows show in what order
(a list of indices); a key that changes them swaps that list and redraws the lines on
screen, whatever the length of the list.

Cells are plain text drawn as segments, never markup (a title may hold "[").
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


def fit(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells: padded, or cut with "…"."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…" if width > 0 else ""


class RowList(ScrollView, can_focus=True):
    """Rows of plain-text cells under a fixed header, with a row cursor."""

    COMPONENT_CLASSES = {"row-list--header", "row-list--cursor", "row-list--even-row"}

    DEFAULT_CSS = """
    RowList {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .row-list--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .row-list--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .row-list--even-row {
            background: $surface-darken-1 40%;
        }
        & > .row-list--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .row-list--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .row-list--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .row-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    BINDINGS = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "to(0)", show=False),
        Binding("end", "to(-1)", show=False),
    ]

    class RowHighlighted(Message):
        """The cursor is on another row; ``key`` is the row's key (None: no row)."""

        def __init__(self, row_list: RowList, key: int | None) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    class RowSelected(RowHighlighted):
        """Enter, or a click on the cursor's row."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._headers: list[str] = []
        self._widths: list[int] = []
        self._cells: list = []  # every row's cells, by key
        self._shown: Sequence[int] = []  # the keys of the rows shown, in order (a range: all, in file order)
        self._cursor = 0

    # ---- what is shown ------------------------------------------------------------------

    def set_columns(self, headers: list[str], widths: list[int]) -> None:
        self._headers, self._widths = headers, widths
        self._resize()

    def set_rows(self, cells: list, shown: Sequence[int], cursor: int | None = None) -> None:
        """Show ``cells[k]`` for each ``k`` in ``shown``; the cursor on row ``cursor`` (or where it was)."""
        before = self.cursor_key
        self._cells, self._shown = cells, shown
        self._resize()
        self._cursor = max(0, min(self._cursor if cursor is None else cursor, len(shown) - 1))
        self._scroll_to_cursor()
        if self.cursor_key != before:
            self.post_message(self.RowHighlighted(self, self.cursor_key))

    def _resize(self) -> None:
        width = sum(self._widths) + 2 * len(self._widths)
        self.virtual_size = Size(width, len(self._shown) + 1)  # the header is line 0
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._shown)

    def get_row_at(self, row: int) -> list[str]:
        return list(self._cells[self._shown[row]])

    def key_at(self, row: int) -> int:
        return self._shown[row]

    def row_of(self, key: int) -> int | None:
        """Where the row with ``key`` is shown (None: filtered out)."""
        try:
            return self._shown.index(key)
        except ValueError:
            return None

    # ---- the cursor ---------------------------------------------------------------------

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def cursor_key(self) -> int | None:
        return self._shown[self._cursor] if self._cursor < len(self._shown) else None

    def move_cursor(self, *, row: int, announce: bool = True) -> None:
        before = (self._cursor, self.cursor_key)
        self._cursor = max(0, min(row, len(self._shown) - 1))
        self._scroll_to_cursor()
        if (self._cursor, self.cursor_key) != before:
            self.refresh()
            announce = True
        if announce:
            self.post_message(self.RowHighlighted(self, self.cursor_key))

    def _scroll_to_cursor(self) -> None:
        rows = max(1, self.scrollable_content_region.height - 1)  # lines under the header
        top = round(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True)
        elif self._cursor >= top + rows:
            self.scroll_to(y=self._cursor - rows + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self._scroll_to_cursor()

    def action_cursor(self, step: int) -> None:
        self.move_cursor(row=self._cursor + step, announce=False)

    def action_page(self, step: int) -> None:
        rows = max(1, self.scrollable_content_region.height - 1)
        self.move_cursor(row=self._cursor + step * rows, announce=False)

    def action_to(self, row: int) -> None:
        self.move_cursor(row=row if row >= 0 else len(self._shown) - 1, announce=False)

    def action_select_cursor(self) -> None:
        if self._shown:
            self.post_message(self.RowSelected(self, self.cursor_key))

    async def _on_click(self, event: events.Click) -> None:
        row = round(self.scroll_y) + event.y - 1
        if event.y < 1 or row >= len(self._shown):
            return
        if row == self._cursor:
            self.action_select_cursor()
        else:
            self.move_cursor(row=row, announce=False)

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()  # the cursor's colour says whether the list has the keys

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # ---- drawing ------------------------------------------------------------------------

    def _line(self, cells: list[str], style) -> Strip:
        text = "".join(f" {fit(c, w)} " for c, w in zip(cells, self._widths))
        return Strip([Segment(text, style)], cell_len(text))

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            strip = self._line(self._headers, base + self.get_component_rich_style("row-list--header"))
        else:
            row = scroll_y + y - 1
            if row >= len(self._shown):
                return Strip.blank(width, base)
            if row == self._cursor:
                style = base + self.get_component_rich_style("row-list--cursor")
            elif row % 2:
                style = base + self.get_component_rich_style("row-list--even-row")
            else:
                style = base
            strip = self._line(self._cells[self._shown[row]], style)
        return strip.crop_extend(scroll_x, scroll_x + width, base)
