"""One list of the project (milestones, activities, …) as a table you can add to, edit and delete from."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label

from lilla_ratten.i18n import _
from lilla_ratten.tui.collections import COLLECTIONS
from lilla_ratten.tui.messages import DeleteRecord, EditRecord


class RecordTable(Vertical):
    """A titled DataTable over ``project.<collection>``; rows keep the item's index as key."""

    DEFAULT_CLASSES = "record-table"

    BINDINGS = [
        Binding("a", "add", _("Add")),
        Binding("enter", "edit", _("Edit"), show=True),
        Binding("delete,d", "delete", _("Delete")),
        Binding("o", "sort", _("Sort")),
    ]

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # read-only: no add or delete key in the footer; Enter still opens the record to read
        return not (self.read_only and action in ("add", "delete"))

    def __init__(self, collection: str, *, filterable: bool = False, read_only: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.collection = COLLECTIONS[collection]
        self.filterable = filterable
        self.read_only = read_only
        self._filter = ""
        self._sort: int | None = None  # column the rows are ordered by; None: file order

    def compose(self) -> ComposeResult:
        yield Label(_(self.collection.title), classes="table-title")
        if self.filterable:
            yield Input(placeholder=_("Filter: type part of a title, owner, milestone or status"), classes="filter")
        table = DataTable(cursor_type="row", zebra_stripes=True)
        for header, _cell in self.collection.columns:
            table.add_column(_(header))
        yield table

    def on_mount(self) -> None:
        self.show(self.app.session.project, self.app.as_of)

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    def show(self, project, as_of: date) -> None:
        """Fill the table from ``project``, keeping the cursor where it was."""
        table = self.table
        row = table.cursor_row
        table.clear()
        needle = self._filter.casefold()
        rows = []
        for index, item in enumerate(getattr(project, self.collection.attr)):
            cells = [cell(project, item, as_of) for _h, cell in self.collection.columns]
            if needle and not any(needle in c.casefold() for c in cells):
                continue
            rows.append((cells, index))
        if self._sort is not None:
            rows.sort(key=lambda r: r[0][self._sort].casefold())
        for cells, index in rows:
            table.add_row(*cells, key=str(index))
        if rows:
            table.move_cursor(row=min(row, len(rows) - 1))

    def select_index(self, index: int) -> None:
        """Put the cursor on the item at ``index`` of the project's list (if it is shown)."""
        table = self.table
        try:
            table.move_cursor(row=table.get_row_index(str(index)))
        except Exception:  # noqa: BLE001 - filtered out: leave the cursor
            pass

    def action_sort(self) -> None:
        """Order by the next column; after the last, back to the file's order."""
        n = len(self.collection.columns)
        self._sort = 0 if self._sort is None else (self._sort + 1 if self._sort + 1 < n else None)
        title = _(self.collection.title)
        if self._sort is not None:
            title += " – " + _("sorted by {column}").format(column=_(self.collection.columns[self._sort][0]))
        self.query_one(".table-title", Label).update(title)
        self.show(self.app.session.project, self.app.as_of)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._filter = event.value
        event.stop()
        self.show(self.app.session.project, self.app.as_of)

    def _current_index(self) -> int | None:
        table = self.table
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value)

    def action_add(self) -> None:
        if not self.read_only:
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
        if index is not None and not self.read_only:
            self.post_message(DeleteRecord(self.collection.attr, index))
