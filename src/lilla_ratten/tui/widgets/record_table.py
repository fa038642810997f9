"""One list of the project (milestones, activities, …) as a table you can add to, edit and delete from."""

from __future__ import annotations

import bisect
import collections
import itertools
import operator
import re
from datetime import date

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.actions import SkipAction
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from lilla_ratten.i18n import N_, _
from lilla_ratten.tui import collector
from lilla_ratten.tui.collections import COLLECTIONS, Collection
from lilla_ratten.tui.messages import DeleteRecord, EditRecord
from lilla_ratten.tui.widgets.list_bar import ListBar
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


def _widths(values: list[str]) -> collections.Counter:
    """How many values have each width in cells (the length, unless a value may hold a wide character)."""
    if _NARROW.search("".join(values)) is None:
        return collections.Counter(map(len, values))
    return collections.Counter(map(cell_len, values))


def _computed(items: list, cells: list) -> list[tuple[str, ...]]:
    """The rows of ``items``, column by column: no call per cell (the first show of 50 000 activities).

    A tuple of strings: the garbage collector stops tracking it (50 000 lists made each of
    its full passes walk them again, a second and more at a time)."""
    if not items:
        return []
    return list(zip(*[cell.column(items) for cell in cells]))


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
        self._items: list | None = None  # the items of the last show(), when every column is the item's own
        self._known: dict[int, tuple[str, ...]] = {}  # a row by the identity of its item, one of _items
        self._widths: list[collections.Counter] = []  # by column: how many rows have each width
        self._folded: list[str] | None = None  # each row's cells in one casefolded line, for the filter
        self._fold_token: object | None = None  # the rows being folded ahead (_fold_ahead)
        self._orders: dict[int, list[int]] = {}  # by column: every row, in that column's order
        self._sort_keys: dict[int, list[str]] = {}  # by column: each row's value, casefolded, as sorted
        self._matches: dict[tuple[str, ...], list[int]] = {}  # by filter words: the rows matching, in file order

    def compose(self) -> ComposeResult:
        yield ListBar(_(self.collection.title), classes="table-title")  # a plugin's list names itself
        if self.filterable:
            yield Input(placeholder=_("Filter: type part of a title, owner, milestone or status"), classes="filter")
        yield RowList()

    def on_mount(self) -> None:
        from lilla_ratten.tui.views import mark_current

        self.fit_height(self.app.size.height)
        self.show(self.app.session.project, self.app.as_of)
        mark_current(self)

    # the header, the tab bar, the footer, this list's title, filter and margin
    AROUND = 9

    def fit_height(self, screen_height: int) -> None:
        """At most 20 lines of rows, fewer when the window is lower: so a long list fits under its
        title and filter in the tab. At 80×24 a list of 20 lines made the tab scroll to its rows,
        the title line (where the delete question is asked) out of sight. A whole number of
        lines: a height relative to the window (``55vh``) laid the screen out twice a change."""
        self.table.styles.max_height = max(3, min(20, screen_height - self.AROUND))

    @property
    def table(self) -> RowList:
        return self.query_one(RowList)

    def show(self, project, as_of: date) -> None:
        """Fill the table from ``project``, keeping the cursor on its record (or where it was).

        When every column is the item's own (not the project's or the date's), only the
        items that are not the ones shown before (by identity: a change replaces the
        records it changes) are computed, and the column widths are kept as counts of
        each width: deleting one of 50 000 activities computes one row's widths."""
        items = self.collection.items(project)
        cells = [cell for _h, cell in self.collection.columns]
        reuse = all(getattr(cell, "item_only", False) and hasattr(cell, "column") for cell in cells)
        cursor = self.table.cursor_key
        if reuse and self._items is not None:
            rows, start, gone, new, keep = self._changed_rows(items, cells, cursor)
            uncounted = gone
        else:
            rows = _computed(items, cells) if reuse else [tuple([cell(project, item, as_of) for cell in cells]) for item in items]
            start, gone, new, keep = 0, self._rows, rows, None
            self._known = {id(item): row for item, row in zip(items, rows)} if reuse else {}
            self._widths = [collections.Counter() for _c in cells]  # counted again below
            uncounted = []
            collector.built(self, len(rows))  # set aside after its frame: no full collector pass on a later key
        spliced = reuse and self._items is not None  # else all rows are new
        if not spliced:  # else brought up to date in place (_changed_rows)
            self._items = list(items) if reuse else None
        changed = bool(gone or new) and (len(gone) != len(new) or any(a is not b for a, b in zip(gone, new)))
        before = len(rows) - len(new) + len(gone)  # rows before the change
        if changed and spliced and self._folded is not None and len(self._folded) == before:
            self._folded[start:start + len(gone)] = ["\t".join(row).casefold() for row in new]
        elif changed:
            self._folded = None
        self._rows = rows
        if self._folded is None and len(rows) >= collector.LARGE:
            self._fold_token = token = object()
            self.call_after_refresh(self._fold_ahead, token, [], 0)
        if changed and spliced:
            self._splice_orders(start, len(gone), new)
        elif changed:
            self._orders, self._matches, self._sort_keys = {}, {}, {}
        for counts, i in zip(self._widths, range(len(cells))):
            counts.subtract(_widths([row[i] for row in uncounted]))
            counts.update(_widths([row[i] for row in new]))
        self._natural = [max([cell_len(h)] + [w for w, n in counts.items() if n > 0])
                         for h, counts in zip(self._headers(), self._widths)]
        self._layout(keep)

    def _changed_rows(self, items, cells, cursor: int | None):
        """The rows of ``items`` from those shown before: the unchanged start and end of the list
        kept, the middle looked up by identity or computed. Also: where the middle starts, its
        rows before and after, and where the record under ``cursor`` is now (None: gone).

        The kept rows and items are not copied: the changed middle is put in place in the lists
        of the last show() (a delete at 50 000 rows copied both lists, and built two more to
        find where they differ)."""
        old, rows = self._items, self._rows
        shorter = min(len(old), len(items))
        try:  # the first item that is not the one before (C loops that stop there)
            start = operator.indexOf(map(operator.is_, old, items), False)
        except ValueError:
            start = shorter
        room = shorter - start
        try:  # the unchanged items at the end
            end = operator.indexOf(itertools.islice(map(operator.is_, reversed(old), reversed(items)), room), False)
        except ValueError:
            end = room
        old_mid, new_mid = old[start:len(old) - end], items[start:len(items) - end]
        known = self._known
        mid = [known.get(id(item)) for item in new_mid]
        missing = [i for i, row in enumerate(mid) if row is None]
        for i, row in zip(missing, _computed([new_mid[i] for i in missing], cells)):
            mid[i] = row
        staying = {id(item) for item in new_mid}
        for item in old_mid:
            if id(item) not in staying:
                known.pop(id(item), None)
        for item, row in zip(new_mid, mid):
            known[id(item)] = row
        gone = rows[start:len(rows) - end]
        if cursor is None or cursor < start:
            keep = cursor
        elif cursor >= len(old) - end:
            keep = cursor + len(items) - len(old)
        else:
            keep = next((start + i for i, item in enumerate(new_mid) if item is old[cursor]), None)
        rows[start:len(rows) - end] = mid  # in place: the row list shows these rows (set_rows follows)
        old[start:len(old) - end] = new_mid
        return rows, start, gone, mid, keep

    FOLD_STEP = 2_000  # rows folded in one go while idle (about 1 ms)

    def _fold_ahead(self, token: object, folded: list[str], at: int) -> None:
        """Fold the rows for the filter a step at a time after the frame, so the first key
        typed in the filter does not fold 50 000 rows (20 ms of its frame). Given up when
        the rows change meanwhile (``show`` starts again) or a key needed them first."""
        if token is not self._fold_token or self._folded is not None:
            return
        rows = self._rows
        folded.extend("\t".join(row).casefold() for row in rows[at:at + self.FOLD_STEP])
        if len(folded) >= len(rows):
            self._folded = folded
        else:
            self.call_later(self._fold_ahead, token, folded, at + self.FOLD_STEP)

    def _splice_orders(self, start: int, removed: int, new: list[tuple]) -> None:
        """The shown filter's rows and the sort order brought up to date after rows
        ``start``..``start + removed`` became ``new``: those gone dropped, the rest renumbered,
        the new ones put in their place (sorting and filtering 50 000 rows again took half of
        a delete's or an undo's key on a sorted, filtered list). The others are dropped."""
        end, delta = start + removed, len(new) - removed
        words = tuple(self._filter.casefold().split())
        matches = self._matches.get(words)
        self._matches = {}
        if matches is not None and self._folded is not None:
            first, last = bisect.bisect_left(matches, start), bisect.bisect_left(matches, end)
            folded = self._folded
            found = [k for k in range(start, start + len(new)) if all(w in folded[k] for w in words)]
            self._matches[words] = [*matches[:first], *found, *(k + delta for k in matches[last:])]
        order, keys = self._orders.get(self._sort), self._sort_keys.get(self._sort)
        self._orders, self._sort_keys = {}, {}
        if order is None or keys is None:
            return
        keys[start:end] = [row[self._sort].casefold() for row in new]
        order = [k if k < start else k + delta for k in order if not start <= k < end]
        for k in range(start, start + len(new)):  # in sorted()'s order: by value, then by place
            order.insert(bisect.bisect_left(order, (keys[k], k), key=lambda i: (keys[i], i)), k)
        self._orders[self._sort], self._sort_keys[self._sort] = order, keys

    def _headers(self) -> list[str]:
        return [_(h) for h, _cell in self.collection.columns]

    def _layout(self, keep: int | None) -> None:
        """Columns as wide as their values, as far as the width allows."""
        room = (self.size.width or self.app.size.width) - 1  # the vertical scrollbar
        self.table.set_columns(self._headers(), fit_widths(self._natural, room))
        self._fill(keep)

    def on_resize(self) -> None:
        if self._natural:
            self.table.set_columns(self._headers(), fit_widths(self._natural, (self.size.width or self.app.size.width) - 1))

    def _order(self) -> "range | list[int]":
        """Every row, in the chosen order (each column's order is sorted once per show())."""
        if self._sort is None:
            return range(len(self._rows))
        order = self._orders.get(self._sort)
        if order is None:
            column = self._sort_keys[self._sort] = [row[self._sort].casefold() for row in self._rows]
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

    def _fill(self, keep: int | None = None) -> None:
        """The rows that pass the filter, in the chosen order: the cursor stays on its
        record (row ``keep``) if it is still shown, else where it was. Only the lines on
        screen are drawn."""
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
            shown = order  # a range in the file's order: not 50 000 numbers in a list at every key
        row = None
        if keep is not None:
            try:
                row = shown.index(keep)
            except ValueError:  # filtered out: the cursor stays where it was
                pass
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
        self._fill(self.table.cursor_key)

    def _show_title(self, shown: int) -> None:
        title = _(self.collection.title)
        if self._sort is not None:
            title += " – " + _("sorted by {column}").format(column=_(self.collection.columns[self._sort][0]))
        if self._filter.strip():
            title += " – " + _("{shown} of {total} shown").format(shown=shown, total=len(self._rows))
        self.query_one(ListBar).title = title

    def ask(self, question: str, answer) -> None:
        """A yes/no question about this list (delete this row?) on its title line; ``answer(yes)``.

        The rows keep the focus (moving it repaints the whole screen, list_bar.py); until the
        question is answered every key they get stops here, so no other key acts on it.
        Priority keys (Ctrl+Q, Ctrl+P) still reach the app, as they did over a dialog."""
        bar = self.query_one(ListBar)
        bar.ask(question, answer)
        bar.scroll_visible(animate=False)  # a tab scrolled down to its rows had the question out of sight

    def on_key(self, event: events.Key) -> None:
        bar = self.query_one(ListBar)
        if bar.asking:
            event.stop()
            event.prevent_default()
            bar.key(event.key)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # the rows left (a click elsewhere, the tab hidden): not a yes. The terminal's window
        # losing the focus is not leaving: the rows get it back with the question still open.
        bar = self.query_one(ListBar)
        if bar.asking and self.app.app_focus:
            bar.answer(False)

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
        self._fill(self.table.cursor_key)

    def _current_index(self) -> int | None:
        return self.table.cursor_key

    def action_add(self) -> None:
        if not (self.read_only or self.collection.single):
            getattr(self.app, "hold_keys", lambda: None)()  # what is typed on goes into the form (app_guards)
            self.post_message(EditRecord(self.collection.attr, None))

    def action_edit(self) -> None:
        index = self._current_index()
        if index is not None:
            getattr(self.app, "hold_keys", lambda: None)()
            self.post_message(EditRecord(self.collection.attr, index))

    def on_row_list_row_selected(self, event: RowList.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        index = self._current_index()
        if index is not None and not (self.read_only or self.collection.single):
            getattr(self.app, "hold_keys", lambda: None)()  # a y typed right after d answers the question
            self.post_message(DeleteRecord(self.collection.attr, index))
