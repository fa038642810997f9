"""A mapping field whose keys and values a plugin declares, as one picker per key.

"kön: kvinna" is picked, not typed as ``gender = woman``: each key is a row (its label, a
picker of its values by label, "–" for "not this key"), and ``value`` is what the file
keeps, the keys and values themselves. A key or value the record holds that is not declared
(a dimension since removed) gets a row or a choice of its own, shown as it is: kept, visible.
"""

from __future__ import annotations

import contextlib
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Select

from lilla_ratten.i18n import _
from lilla_ratten.plugins.specs import MappingKey
from lilla_ratten.tui.text import plain


class MappingPicker(Vertical):
    DEFAULT_CLASSES = "mapping-picker"

    def __init__(self, keys: tuple[MappingKey, ...], value: dict | None, *, id: str, disabled: bool = False) -> None:
        super().__init__(id=id)
        self.original = dict(value or {})
        declared = {k.key for k in keys}
        self.keys = [*keys, *(MappingKey(k, k) for k in self.original if k not in declared)]
        self.read_only = disabled

    def compose(self) -> ComposeResult:
        if not self.keys:
            yield Label(_("nothing to choose from yet"), classes="hint")
        for i, key in enumerate(self.keys):
            current = self.original.get(key.key)
            options = [(plain(shown), value) for value, shown in key.values]
            if current is not None and current not in dict(key.values):  # the file's own: kept, marked
                options.append((plain(_("{value} (not in the list)").format(value=current)), current))
            with Horizontal(classes="pick-row"):
                yield Label(plain(key.label), classes="pick-label")
                yield Select(options, value=Select.NULL if current is None else current, allow_blank=True, prompt="–",
                             id=f"{self.id}-{i}", compact=True, disabled=self.read_only)

    def _selects(self) -> list[Select]:
        return [self.query_one(f"#{self.id}-{i}", Select) for i in range(len(self.keys))]

    @property
    def value(self) -> dict[str, str]:
        """Key → value picked (the file writes a plugin's keys in its own order: by name)."""
        return {key.key: select.value for key, select in zip(self.keys, self._selects()) if select.value is not Select.NULL}

    @value.setter
    def value(self, value: dict) -> None:
        from textual.widgets._select import InvalidSelectValueError

        for key, select in zip(self.keys, self._selects()):
            with contextlib.suppress(InvalidSelectValueError):  # a choice no longer offered: left as it was
                select.value = value.get(key.key, Select.NULL)

    def focus(self, scroll_visible: bool = True) -> MappingPicker:
        selects = self._selects()
        if selects:
            selects[0].focus(scroll_visible)
        return self
