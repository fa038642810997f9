"""Messages the widgets send up to the app."""

from __future__ import annotations

from textual.message import Message


class EditRecord(Message):
    """Open the form for ``collection``'s item at ``index`` (``None``: a new item)."""

    def __init__(self, collection: str, index: int | None) -> None:
        super().__init__()
        self.collection = collection
        self.index = index


class DeleteRecord(Message):
    def __init__(self, collection: str, index: int) -> None:
        super().__init__()
        self.collection = collection
        self.index = index
