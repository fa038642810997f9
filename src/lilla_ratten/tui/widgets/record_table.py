"""One list of the project (milestones, activities, …) as a table you can add to, edit and delete from."""

from __future__ import annotations

import re
from datetime import date

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.actions import SkipAction
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from lilla_ratten.i18n import N_, _
from lilla_ratten.tui.collections import COLLECTIONS, Collection
from lilla_ratten.tui.text import plain
from lilla_ratten.tui.messages import DeleteRecord, EditRecord
from lilla_ratten.tui.widgets.row_list import RowList


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


# Characters outside these blocks may take two cells (CJK, emoji); in them, one cell each.
_NARROW = re.compile("[^\u0000-\u10ff\u1e00-\u2fff]")


def _widest(values: list[str]) -> int:
    """The widest value's width in cells (the length, unless a value may hold a wide character)."""
    if not values:
        return 0
    if _NARROW.search("".join(values)) is None:
        return max(map(len, values))
    return max(map(cell_len, values))


class RecordTable(Vertical):
    """A titled list over ``project.<collection>`` (a ``RowList``); rows keep the item's index as key."""

    DEFAULT_CLASSES = "record-table"

    BINDINGS = [
        Binding("a", "add", N_("Add")),
        Binding("enter", "edit", N_("Edit"), show=True),
        Binding("delete,d", "delete", N_("Delete")),
        Binding("o", "sort", N_("Sort")),
        Binding("slash", "focus_filter", N_("Filter")),
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
        self._rows: list[tuple[str, ...]] = []  # every item's cells, as of the last show()
        self._natural: list[int] = []  # the widest value (or header) of each column
        # what show() computed, for the next show(): an item's cells by the item's identity
        # (a change replaces the records it changes, so an unchanged record is the same object)
        self._known: dict[int, tuple[object, tuple[str, ...]]] = {}
        self._folded: list[str] | None = None  # each row's cells in one casefolded line, for the filter
        self._orders: dict[int, list[int]] = {}  # by column: every row, in that column's order
        self._matches: dict[tuple[str, ...], list[int]] = {}  # by filter words: the rows matching, in file order

    def compose(self) -> ComposeResult:
        yield Label(plain(_(self.collection.title)), classes="table-title")  # a plugin's list names itself
        if self.filterable:
            yield Input(placeholder=_("Filter: type part of a title, owner, milestone or status"), classes="filter")
        yield RowList()

    def on_mount(self) -> None:
        self.show(self.app.session.project, self.app.as_of)

    @property
    def table(self) -> RowList:
        return self.query_one(RowList)

    def show(self, project, as_of: date) -> None:
        """Fill the table from ``project``, keeping the cursor on its record (or where it was).

        An item seen before, unchanged, is not computed again when every column is the
        item's own (not the project's or the date's): deleting one of 50 000 activities
        computes no cell."""
        items = self.collection.items(project)
        cells = [cell for _h, cell in self.collection.columns]
        reuse = all(getattr(cell, "item_only", False) and hasattr(cell, "column") for cell in cells)
        known, fresh = self._known, {}
        if reuse:
            rows = [None] * len(items)
            missing = []
            for i, item in enumerate(items):
                hit = known.get(id(item))
                if hit is not None and hit[0] is item:
                    rows[i] = hit[1]
                else:
                    missing.append(i)
            if missing:  # column by column: no call per cell (the first show of 50 000 activities)
                new = [items[i] for i in missing]
                # a tuple of strings: the garbage collector stops tracking it (50 000 lists made
                # each of its full passes walk them again, a second and more at a time)
                for i, row in zip(missing, zip(*[cell.column(new) for cell in cells]), strict=True):
                    rows[i] = row
            for item, row in zip(items, rows, strict=True):
                fresh[id(item)] = (item, row)
        else:
            rows = [tuple([cell(project, item, as_of) for cell in cells]) for item in items]
        key = self.table.cursor_key
        cursor = self._rows[key] if key is not None and key < len(self._rows) else None
        changed = len(rows) != len(self._rows) or any(a is not b for a, b in zip(rows, self._rows))
        self._known = fresh
        self._rows = rows
        if changed:
            self._folded, self._orders, self._matches = None, {}, {}
        self._natural = [max(cell_len(h), _widest([row[i] for row in rows])) for i, h in enumerate(self._headers())]
        self._layout(keep=cursor)

    def _headers(self) -> list[str]:
        return [_(h) for h, _cell in self.collection.columns]

    def _layout(self, keep: tuple[str, ...] | None = None) -> None:
        """Columns as wide as their values, as far as the width allows."""
        room = (self.size.width or self.app.size.width) - 1  # the vertical scrollbar
        self.table.set_columns(self._headers(), fit_widths(self._natural, room))
        self._fill(keep)

    def on_resize(self) -> None:
        if self._natural:
            self.table.set_columns(self._headers(), fit_widths(self._natural, (self.size.width or self.app.size.width) - 1))

    def _order(self) -> list[int]:
        """Every row, in the chosen order (each column's order is sorted once per show())."""
        if self._sort is None:
            return range(len(self._rows))
        order = self._orders.get(self._sort)
        if order is None:
            column = [row[self._sort].casefold() for row in self._rows]
            order = self._orders[self._sort] = sorted(range(len(column)), key=column.__getitem__)
        return order

    def _matching(self, words: tuple[str, ...]) -> list[int]:
        """The rows (in file order) whose cells hold every word.

        Typing narrows: the rows are looked for among those of an earlier filter each of
        whose words is part of one of these (``ab`` → ``abc``, ``ab`` → ``ab c``), and a
        filter rubbed out back to an earlier one finds it kept."""
        if words in self._matches:
            return self._matches[words]
        if self._folded is None:
            self._folded = ["\t".join(row).casefold() for row in self._rows]
        folded = self._folded
        within = min(
            (rows for old, rows in self._matches.items() if all(any(o in w for w in words) for o in old)),
            key=len,
            default=range(len(folded)),
        )
        for word in words:
            within = [k for k in within if word in folded[k]]
        if len(self._matches) > 64:
            self._matches.clear()
        self._matches[words] = within = list(within)
        return within

    def _fill(self, keep: tuple[str, ...] | None = None) -> None:
        """The rows that pass the filter, in the chosen order: the cursor stays on its
        record if it is still shown, else where it was. Only the lines on screen are drawn."""
        table = self.table
        words = tuple(self._filter.casefold().split())
        order = self._order()
        if words:
            matching = self._matching(words)
            if self._sort is None:
                shown = matching
            else:
                wanted = set(matching)
                shown = [k for k in order if k in wanted]
        else:
            shown = list(order)
        if keep is None and table.cursor_key is not None:
            keep = self._rows[table.cursor_key] if table.cursor_key < len(self._rows) else None
        row = None
        if keep is not None:
            key = next((k for k, cells in enumerate(self._rows) if cells is keep), None)
            if key is not None and (not words or key in set(shown)):
                row = shown.index(key)
        table.set_rows(self._rows, shown, row)
        self._show_title(len(shown))

    def complete(self) -> None:
        """Kept for callers that looked rows up before the next frame: every row is in at once."""

    def select_index(self, index: int) -> None:
        """Put the cursor on the item at ``index`` of the project's list (if it is shown)."""
        row = self.table.row_of(index)
        if row is not None:
            self.table.move_cursor(row=row)

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
        return self.table.cursor_key

    def action_add(self) -> None:
        if not (self.read_only or self.collection.single):
            self.post_message(EditRecord(self.collection.attr, None))

    def action_edit(self) -> None:
        index = self._current_index()
        if index is not None:
            self.post_message(EditRecord(self.collection.attr, index))

    def on_row_list_row_selected(self, event: RowList.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        index = self._current_index()
        if index is not None and not (self.read_only or self.collection.single):
            self.post_message(DeleteRecord(self.collection.attr, index))
