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


def _filling(cls: type, name: str) -> Any:
    """``name`` of ``cls``'s base (list or dict), after the copy is filled in."""
    method = getattr(cls.__bases__[0], name)

    def filled(self: Any, *args: Any, **kwargs: Any) -> Any:
        self._fill()
        for arg in args:  # another one, read by the base's own code as it is stored: filled too
            if isinstance(arg, cls):
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
    setattr(CopiedList, _name, _filling(CopiedList, _name))
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
        elif type(value) is dict:  # ``ext``: each plugin's section as the file has it, copied when read
            object.__setattr__(out, a.name, CopiedDict(value, {}))
        else:
            small[a.name] = value
    for name, value in deep(small).items():  # one pickle: what they share stays shared
        object.__setattr__(out, name, value)
    return out


_NOT_COPIED = type("NotCopied", (), {"__repr__": lambda self: "<not copied yet>"})()


class CopiedDict(dict):
    """A dict whose values are copied when first read: the plugins' sections (``{name:
    section}``) and the project's ``ext`` (each plugin's section as the file has it).

    A plugin reads its own section and seldom another's; copying them all for each
    implementation (the steps section holds every participant's measurements) was most of
    what a hook call cost in a portfolio of rich files. A value read is a deep copy made
    from bytes pickled once per call and shared by the implementations of that call. Until
    then the dict holds its key with a placeholder (so its size and order are right for C
    code such as ``json.dumps``, which reads them directly), never the app's value. Anything
    but a read of one key (iterating, changing, comparing, ``items()``) copies them all
    first, and the dict then behaves as a plain dict."""

    __slots__ = ("_source", "_blobs", "_pending")

    def __init__(self, source: dict[str, Any], blobs: dict[str, Any]) -> None:
        super().__init__(dict.fromkeys(source, _NOT_COPIED))
        self._source = source
        self._blobs = blobs  # key → pickled value, made when first read by any copy
        self._pending = set(source)  # keys whose value is not copied yet

    def _copy(self, name: str) -> Any:
        blob = self._blobs.get(name)
        if blob is None:
            try:
                blob = self._blobs[name] = pickle.dumps(self._source[name], pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - e.g. a class defined inside a function
                return copy.deepcopy(self._source[name])
        return pickle.loads(blob)  # noqa: S301 - our own bytes

    def _take(self, name: Any) -> None:
        if self._pending and name in self._pending:
            self._pending.discard(name)
            dict.__setitem__(self, name, self._copy(name))

    def _fill(self) -> None:
        for name in list(self._pending):
            self._take(name)

    def __getitem__(self, name: Any) -> Any:
        self._take(name)
        return dict.__getitem__(self, name)

    def get(self, name: Any, default: Any = None) -> Any:
        self._take(name)
        return dict.get(self, name, default)

    def __reduce_ex__(self, protocol: Any) -> Any:  # pickled, copied: as a plain dict of copies
        self._fill()
        return (dict, (dict(dict.items(self)),))

    def __reduce__(self) -> Any:
        return self.__reduce_ex__(2)


for _name in (
    # __iter__ too: dict(d) and {**d} would read the placeholders otherwise (dict's own fast merge)
    "__iter__", "__reversed__", "__eq__", "__ne__", "__or__", "__ror__", "__ior__", "__repr__", "__sizeof__",
    "__setitem__", "__delitem__", "keys", "values", "items", "pop", "popitem", "setdefault", "update", "copy", "clear",
):
    setattr(CopiedDict, _name, _filling(CopiedDict, _name))
CopiedDict.__hash__ = None  # type: ignore[assignment]


def copier(value: Any) -> Any:
    """A function giving a fresh copy of ``value`` per call (one per plugin implementation):
    a project's lists copied as read, the plugins' sections each as read (a plain dict is
    only ever the sections), anything else pickled once and unpickled for each."""
    from lilla_ratten.model import Project

    if isinstance(value, Project):
        return lambda: copy_project(value)
    if type(value) is dict:
        blobs: dict[str, Any] = {}
        return lambda: CopiedDict(value, blobs)
    try:
        blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - e.g. a class defined inside a function
        return lambda: copy.deepcopy(value)
    return lambda: pickle.loads(blob)  # noqa: S301 - our own bytes, made just above
