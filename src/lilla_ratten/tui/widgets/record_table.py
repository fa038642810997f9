"""One list of the project (milestones, activities, …) as a table you can add to, edit and delete from."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.actions import SkipAction
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label

from lilla_ratten.i18n import _
from lilla_ratten.tui.collections import COLLECTIONS, Collection
from lilla_ratten.tui.text import plain
from lilla_ratten.tui.messages import DeleteRecord, EditRecord


FIRST_ROWS = 50  # more than a table shows (max-height 20 in app.tcss), however tall the terminal
NARROWEST = 12  # a long column (a title) is cut with "…" to fit the width, but never below this


def fit_widths(natural: list[int], room: int) -> list[int]:
    """Column widths that fit ``room`` cells (each column also takes 2 of padding).

    The widest columns give way first, down to NARROWEST, so at 80 columns a long
    activity title is cut rather than pushing owner, date and status off the screen.
    """
    widths = natural[:]
    excess = sum(widths) + 2 * len(widths) - room
    while excess > 0:
        widest = max(widths)
        if widest <= NARROWEST:
            break
        second = sorted(widths)[-2] if len(widths) > 1 else 0
        i = widths.index(widest)
        cut = min(excess, widest - max(NARROWEST, second)) or 1  # as wide as the next: in turn
        widths[i] -= cut
        excess -= cut
    return widths


class Cell:
    """A table cell: plain text (never markup: a title may hold "[" and "]").

    It has no ``__rich_measure__`` on purpose: the columns get fixed widths from the
    whole list, so the DataTable does not measure every row again each time the filter
    changes (2 000 rows: ~200 ms a key before).
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return str(other) == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __rich_console__(self, console, options):
        yield Text(self.text, no_wrap=True, overflow="ellipsis", end="")


class RecordTable(Vertical):
    """A titled DataTable over ``project.<collection>``; rows keep the item's index as key."""

    DEFAULT_CLASSES = "record-table"

    BINDINGS = [
        Binding("a", "add", _("Add")),
        Binding("enter", "edit", _("Edit"), show=True),
        Binding("delete,d", "delete", _("Delete")),
        Binding("o", "sort", _("Sort")),
        Binding("slash", "focus_filter", _("Filter")),
        # from the filter back to the rows (Esc would otherwise leave the project)
        Binding("escape,down", "leave_filter", show=False),
    ]

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "focus_filter":  # not in the footer while typing in it
            return self.filterable and not any(i.has_focus for i in self.query(Input))
        # read-only: no add or delete key in the footer; Enter still opens the record to read
        return not ((self.read_only or self.collection.single) and action in ("add", "delete"))

    def __init__(self, collection: str | Collection, *, filterable: bool = False, read_only: bool = False, **kwargs) -> None:
        """``collection``: the name of one of the project's lists, or a ``Collection`` (a plugin's)."""
        super().__init__(**kwargs)
        self.collection = COLLECTIONS[collection] if isinstance(collection, str) else collection
        self.filterable = filterable
        self.read_only = read_only
        self._filter = ""
        self._sort: int | None = None  # column the rows are ordered by; None: file order
        self._rows: list[list[str]] = []  # every item's cells, as of the last show()
        self._natural: list[int] = []  # the widest value (or header) of each column
        self._pending: list = []  # rows still to add after the first screenful
        self._generation = 0

    def compose(self) -> ComposeResult:
        yield Label(plain(_(self.collection.title)), classes="table-title")  # a plugin's list names itself
        if self.filterable:
            yield Input(placeholder=_("Filter: type part of a title, owner, milestone or status"), classes="filter")
        yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.show(self.app.session.project, self.app.as_of)

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    def show(self, project, as_of: date) -> None:
        """Fill the table from ``project``, keeping the cursor where it was."""
        self._rows = [
            [cell(project, item, as_of) for _h, cell in self.collection.columns]
            for item in self.collection.items(project)
        ]
        headers = self._headers()
        self._natural = [max([cell_len(h)] + [cell_len(r[i]) for r in self._rows]) for i, h in enumerate(headers)]
        self._layout(refill=True)

    def _headers(self) -> list[str]:
        return [_(h) for h, _cell in self.collection.columns]

    def _layout(self, refill: bool) -> None:
        """Columns as wide as their values, as far as the width allows."""
        table = self.table
        room = (self.size.width or self.app.size.width) - 1  # the vertical scrollbar
        widths = fit_widths(self._natural, room)
        row = table.cursor_row
        if [c.width for c in table.ordered_columns] != widths:  # a wider or narrower value than before
            table.clear(columns=True)
            for header, width in zip(self._headers(), widths, strict=True):
                table.add_column(plain(header), width=width)
            refill = True
        if refill:
            self._fill(row)

    def on_resize(self) -> None:
        if self._natural:
            self._layout(refill=False)

    def _fill(self, row: int | None = None) -> None:
        """The rows that pass the filter, in the chosen order (no cell is computed here).

        The first screenful is added at once and the rest after that frame is painted: a
        DataTable pays per row added, so on a long list (2 000 activities) each key in the
        filter would otherwise wait for every matching row before anything moved.
        """
        table = self.table
        row = table.cursor_row if row is None else row
        table.clear()
        words = self._filter.casefold().split()
        rows = []
        for index, cells in enumerate(self._rows):
            if words:
                line = "\t".join(cells).casefold()
                if not all(w in line for w in words):
                    continue
            rows.append((cells, index))
        if self._sort is not None:
            rows.sort(key=lambda r: r[0][self._sort].casefold())
        self._generation += 1
        self._pending = rows[:]  # _add_pending takes from the front
        self._add_pending(FIRST_ROWS if row < FIRST_ROWS else len(rows))
        if self._pending:
            self.call_after_refresh(self._add_rest, self._generation)
        if rows:
            table.move_cursor(row=min(row, len(rows) - 1))
        self._show_title(len(rows))

    def _add_pending(self, n: int) -> None:
        add = self.table.add_row
        for cells, index in self._pending[:n]:
            add(*map(Cell, cells), key=str(index))
        del self._pending[:n]

    def _add_rest(self, generation: int) -> None:
        if generation == self._generation:  # not overtaken by a newer filter
            self.complete()

    def complete(self) -> None:
        """Every row in the table now (for looking rows up before the next frame)."""
        self._add_pending(len(self._pending))

    def select_index(self, index: int) -> None:
        """Put the cursor on the item at ``index`` of the project's list (if it is shown)."""
        self.complete()
        table = self.table
        try:
            table.move_cursor(row=table.get_row_index(str(index)))
        except Exception:  # noqa: BLE001 - filtered out: leave the cursor
            pass

    def action_sort(self) -> None:
        """Order by the next column; after the last, back to the file's order."""
        n = len(self.collection.columns)
        self._sort = 0 if self._sort is None else (self._sort + 1 if self._sort + 1 < n else None)
        self._fill()

    def _show_title(self, shown: int) -> None:
        title = _(self.collection.title)
        if self._sort is not None:
            title += " – " + _("sorted by {column}").format(column=_(self.collection.columns[self._sort][0]))
        if self._filter.strip():
            title += " – " + _("{shown} of {total} shown").format(shown=shown, total=len(self._rows))
        self.query_one(".table-title", Label).update(plain(title))

    def action_focus_filter(self) -> None:
        self.query_one(Input).focus()

    def action_leave_filter(self) -> None:
        if not (self.filterable and self.query_one(Input).has_focus):
            raise SkipAction()  # Esc and down mean what they mean elsewhere
        self.table.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._filter = event.value
        event.stop()
        self._fill()

    def _current_index(self) -> int | None:
        table = self.table
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value)

    def action_add(self) -> None:
        if not (self.read_only or self.collection.single):
            self.post_message(EditRecord(self.collection.attr, None))

    def action_edit(self) -> None:
        index = self._current_index()
        if index is not None:
            self.post_message(EditRecord(self.collection.attr, index))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        index = self._current_index()
        if index is not None and not (self.read_only or self.collection.single):
            self.post_message(DeleteRecord(self.collection.attr, index))
