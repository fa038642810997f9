"""What a plugin is handed: its own copy of the project, each list copied when first read.

A plugin must not be able to change the app's project (or the next plugin's), so each
implementation gets a copy. A deep copy of the whole project for each plugin call took
1.7 s of the overview at 50 000 activities, and the plugins read a few of its lists. Here
the project object and its small tables are copied at once; each list is a ``CopiedList``
that holds the app's records untouched and puts deep copies of them in itself the first
time anything reads it, so a plugin pays for the lists it reads and never sees the app's
records themselves.
"""

from __future__ import annotations

import copy
import pickle
from typing import Any


def deep(value: Any) -> Any:
    """A deep copy: pickled and unpickled (a third of ``copy.deepcopy``'s time), deepcopy for
    what does not pickle (e.g. a class defined inside a function)."""
    try:
        blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001
        return copy.deepcopy(value)
    return pickle.loads(blob)  # noqa: S301 - our own bytes, made just above


class CopiedList(list):
    """A list of copies of ``source``'s items, made when the list is first used.

    Until then it holds nothing itself (the C code that reads a list's storage directly
    finds it empty rather than the app's records); every method, comparison and ``len``
    behaves as the list of copies."""

    __slots__ = ("_source",)

    def __init__(self, source: list[Any]) -> None:
        super().__init__()
        self._source: list[Any] | None = list(source)  # as it is now: the app may go on changing its own

    def _fill(self) -> None:
        source = self._source
        if source is not None:
            self._source = None
            list.extend(self, deep(source))

    def __len__(self) -> int:
        return len(self._source) if self._source is not None else list.__len__(self)

    def __reduce_ex__(self, protocol: Any) -> Any:  # pickled, copied: as a plain list of copies
        self._fill()
        return (list, (list(list.__iter__(self)),))

    def __reduce__(self) -> Any:
        return self.__reduce_ex__(2)

    def __radd__(self, other: Any) -> Any:
        self._fill()
        if not isinstance(other, list):
            return NotImplemented
        return list(other) + list(list.__iter__(self))


def _filling(name: str) -> Any:
    method = getattr(list, name)

    def filled(self: CopiedList, *args: Any, **kwargs: Any) -> Any:
        self._fill()
        for arg in args:  # another one, read by list's own code as it is stored: filled too
            if isinstance(arg, CopiedList):
                arg._fill()
        return method(self, *args, **kwargs)

    filled.__name__ = name
    return filled


for _name in (
    "__getitem__", "__setitem__", "__delitem__", "__iter__", "__reversed__", "__contains__",
    "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__add__", "__iadd__",
    "__mul__", "__rmul__", "__imul__", "__repr__", "__sizeof__",
    "append", "extend", "insert", "pop", "remove", "index", "count", "sort", "reverse", "copy", "clear",
):
    setattr(CopiedList, _name, _filling(_name))
CopiedList.__hash__ = None  # type: ignore[assignment]


def copy_project(project: Any) -> Any:
    """``project``'s copy for one plugin call: its lists ``CopiedList``, the rest deep-copied now."""
    import attrs

    out = copy.copy(project)
    small = {}
    for a in attrs.fields(type(project)):
        value = getattr(project, a.name)
        if type(value) is list:
            object.__setattr__(out, a.name, CopiedList(value))
        else:
            small[a.name] = value
    for name, value in deep(small).items():  # one pickle: what they share stays shared
        object.__setattr__(out, name, value)
    return out


def copier(value: Any) -> Any:
    """A function giving a fresh copy of ``value`` per call (one per plugin implementation):
    a project's lists copied as read, anything else pickled once and unpickled for each."""
    from lilla_ratten.model import Project

    if isinstance(value, Project):
        return lambda: copy_project(value)
    try:
        blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - e.g. a class defined inside a function
        return lambda: copy.deepcopy(value)
    return lambda: pickle.loads(blob)  # noqa: S301 - our own bytes, made just above
