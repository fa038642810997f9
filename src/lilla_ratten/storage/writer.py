"""The canonical TOML form of a project file.

One form, so that saving an unchanged project gives the same bytes and changing
one field changes one line:

* keys in the model's field order; unset (``None``) and default values left out;
* every list of tables as ``[[name]]`` blocks — tomli-w would write a list of
  short tables inline and flip the whole list's layout when one entry grows;
* text with line breaks as a multi-line string, so prose diffs by line;
* one blank line before each table header, none elsewhere;
* comments kept where they were written (see ``comments.py``);
* ``[ext.*]`` sections: their data kept exactly (nothing pruned, lists in their
  order), in the same layout as the rest, keys in one order that does not depend on
  which plugins are installed: ``version``, then ``id``, then the others by name.
  So the same data has one form, whoever wrote it and with whatever plugins.

tomli-w formats each single value; this module only decides the layout.
"""

from __future__ import annotations

import copy
import functools
import itertools
import os
import threading
from collections.abc import Iterator
from typing import Any

import attrs
import tomli_w

from lilla_ratten.model.project import Project
from lilla_ratten.storage.comments import END, Anchor, Notes, with_element_notes


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


@functools.lru_cache(maxsize=4096)
def _key(key: str) -> str:
    line = tomli_w.dumps({key: 0})
    return line[: line.rindex(" = ")]


class _Writer:
    def __init__(self, notes: dict[Anchor, Notes]) -> None:
        self.notes = notes
        self.out: list[str] = []
        # keys whose list elements carry comments (``comments.value_part``)
        self.listed = {a[:-1] for a in notes if a and isinstance(a[-1], tuple) and a[-1][0] == "value"}

    def line(self, anchor: Anchor, text: str) -> None:
        note = self.notes.get(anchor)
        if note:
            self.out.extend(note.before)
            if note.trailing:  # after the closing quotes or bracket of a value that spans lines
                text = f"{text}  {note.trailing}"
        self.out.append(text)

    def table(self, path: tuple[str, ...], anchor: Anchor, table: dict[str, Any], item: bool) -> None:
        plain = [(k, v) for k, v in table.items() if not _is_nested(v)]
        nested = [(k, v) for k, v in table.items() if _is_nested(v)]
        if path and (item or plain or not nested or anchor in self.notes):
            if self.out:
                self.out.append("")
            name = ".".join(_key(k) for k in path)
            self.line(anchor, f"[[{name}]]" if item else f"[{name}]")
        for k, v in plain:
            # A carriage return would not survive a multi-line string (parsers normalise
            # line ends there), so such text is written escaped on one line.
            multiline = not _holds_carriage_return(v)
            text = tomli_w.dumps({k: v}, multiline_strings=multiline).rstrip("\n")
            if (*anchor, k) in self.listed:
                text = with_element_notes(text, (*anchor, k), v, self.notes)
            self.line((*anchor, k), text)
        for k, v in nested:
            if isinstance(v, _Records):
                v.renderer.write(self, k, v)
                continue
            if isinstance(v, dict):
                self.table((*path, k), (*anchor, k), v, item=False)
                continue
            for i, entry in enumerate(v):
                ident = entry.get("id")
                self.table((*path, k), (*anchor, k, ("id", ident) if isinstance(ident, str) else i), entry, True)

    def text(self) -> str:
        end = self.notes.get(END)
        if end:
            self.out.extend(["", *end.before] if self.out else end.before)
        return "\n".join(self.out) + "\n"


def _is_nested(value: Any) -> bool:
    return isinstance(value, (dict, _Records)) or _is_table_list(value)


class _Records(list):
    """A list of the project's records in the document, in its place: written by ``Renderer``."""

    def __init__(self, records: list[Any], renderer: Renderer, fresh: dict) -> None:
        super().__init__(records)
        self.renderer = renderer
        self.fresh = fresh  # the texts this render made or used, for the next


def _holds_carriage_return(value: Any) -> bool:
    """Also in a list of texts (``estimated = ["\r\n"]``), which tomli-w writes multi-line too."""
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, list):
        return any(_holds_carriage_return(v) for v in value)
    if isinstance(value, dict):
        return any(_holds_carriage_return(v) for v in value.values())
    return False


def dumps_table(data: dict[str, Any], notes: dict[Anchor, Notes] | None = None) -> str:
    """Any TOML document as text in the canonical layout."""
    writer = _Writer(notes or {})
    writer.table((), (), data, item=False)
    return writer.text()


def _prune(value: Any) -> Any:
    """Drop unset values and the empty tables and lists the model filled in by default."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items() if v is not None}
        return {k: v for k, v in pruned.items() if v != {} and v != []}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _drop_defaults(obj: Any, data: Any, anchor: Anchor = (), commented: frozenset | set = frozenset()) -> Any:
    """Leave out scalar fields that hold their default, so a new optional field adds no line;
    but not one someone wrote a comment on (``count = 1  # två tjänster?``): it would take the
    comment with it."""
    if attrs.has(type(obj)):
        out = {}
        for a in attrs.fields(type(obj)):
            if a.name not in data:
                continue
            value = getattr(obj, a.name)
            default = a.default.factory() if isinstance(a.default, attrs.Factory) else a.default  # type: ignore[union-attr]
            # a format version is always written, even at its default
            if (
                a.name not in ("schema", "version")
                and value == default
                and not isinstance(value, (list, dict))
                and (*anchor, a.name) not in commented
            ):
                continue
            out[a.name] = _drop_defaults(value, data[a.name], (*anchor, a.name), commented)
        return out
    if isinstance(obj, list):
        return [
            _drop_defaults(o, d, (*anchor, ("id", o.id) if isinstance(getattr(o, "id", None), str) else i), commented)
            for i, (o, d) in enumerate(zip(obj, data, strict=True))
        ]
    return data


def plain(obj: Any, converter: Any) -> Any:
    """An attrs object as TOML data with unset and default values left out."""
    return _prune(_drop_defaults(obj, converter.unstructure(obj)))


def to_document(project: Project, converter: Any, commented: frozenset | set = frozenset()) -> dict[str, Any]:
    """The project as a plain TOML document (dicts, lists, scalars) in canonical order;
    ``commented``: the anchors of keys that carry a comment, written even at their default."""
    data = converter.unstructure(project)
    ext = data.pop("ext", {})
    doc = _prune(_drop_defaults(project, data, (), commented))
    if ext:
        doc["ext"] = _ext_order(ext)  # never pruned: a value is the plugin's to judge, even at a default
    return doc


EXT_FIRST = ("version", "id")  # then every other key by name


def _ext_order(value: Any) -> Any:
    """Plugin data in its one canonical key order (the storage cannot know the plugins' field order)."""
    if isinstance(value, dict):
        keys = [k for k in EXT_FIRST if k in value] + sorted(k for k in value if k not in EXT_FIRST)
        return {k: _ext_order(value[k]) for k in keys}
    if isinstance(value, list):
        return [_ext_order(v) for v in value]
    return value


def dumps(project: Project, converter: Any, notes: dict[Anchor, Notes] | None = None) -> str:
    return dumps_table(to_document(project, converter, set(notes or ())), notes)


# Set by the test suite (LILLA_RATTEN_CHECK_RENDER=1): every render is compared with a full one,
# so any path that edits a record in place, breaking the rule the kept texts rely on, fails a test.
CHECK_RENDER = "LILLA_RATTEN_CHECK_RENDER"


def _first_difference(got: str, want: str) -> str:
    for n, (a, b) in enumerate(zip(got.splitlines(), want.splitlines(), strict=False), 1):
        if a != b:
            return f"line {n}: kept {a!r}, full {b!r}"
    return "lengths differ"


def _placed(name: str, i: int, record: Any) -> tuple[str | int, Anchor]:
    """A record's key among the kept texts (its id, or its place if it has none) and its anchor."""
    ident = getattr(record, "id", None)
    return (ident, (name, ("id", ident))) if isinstance(ident, str) else (i, (name, i))


class Renderer:
    """``dumps`` for a project rendered again and again (each change's unsaved copy, each save):
    the text of a record rendered before is used again while it is the same record object.

    A change replaces the records it changes and never edits one in place (docs/architecture.md),
    so a record object's text cannot go stale. The text is the same as ``dumps`` gives, byte for
    byte (tests/test_writer_incremental.py): a record is rendered afresh when it, its list, its
    anchor or a comment on it differs. At 50 000 activities a render took 2.3 s, most of it
    turning each record into a table and each value into TOML. Two threads take turns (the
    unsaved copy's and a save), so the second uses the texts of the first; ``warm`` renders a
    project's records ahead, a few at a time, in idle time."""

    def __init__(self, converter: Any) -> None:
        self.converter = converter
        # by id(record): its list's name, its id (or place in the list, if it has none) and its
        # text. Flat tuples of text, which the collector stops tracking at its first look:
        # holding the record in them made each full collection walk 50 000 tuples (40 ms in the
        # frame of some later key). The records are held alive by ``_held``, so no other
        # object takes an id while a text is kept under it.
        self._blocks: dict[int, tuple[str, str | int, str]] = {}
        self._held: list[list[Any]] = []
        self._renders = 0  # renders so far: a warm-up stops at the next, which made every text
        self._lock = threading.Lock()

    @property
    def rendered(self) -> bool:
        """A whole project was rendered (since then only new records are rendered at a time)."""
        return self._renders > 0

    def dumps(self, project: Project, notes: dict[Anchor, Notes] | None = None) -> str:
        with self._lock:
            text = self._dumps(project, notes or {})
        if os.environ.get(CHECK_RENDER):
            full = dumps(project, self.converter, notes)
            if text != full:  # a record was edited in place: its kept text went stale
                raise AssertionError("Renderer: a kept record text differs from a full render:\n"
                                     + _first_difference(text, full))
        return text

    @staticmethod
    def _record_lists(project: Project) -> dict[str, list[Any]]:
        """The project's lists of records (``activities``, ``milestones``, …), by name."""
        lists = {}
        for a in attrs.fields(Project):
            value = getattr(project, a.name)
            if a.name != "ext" and type(value) is list and value and all(attrs.has(type(v)) for v in value):
                lists[a.name] = value
        return lists

    def _dumps(self, project: Project, notes: dict[Anchor, Notes]) -> str:
        commented = set(notes)
        lists = self._record_lists(project)
        bare = copy.copy(project)
        for name in lists:
            object.__setattr__(bare, name, [])
        small = to_document(bare, self.converter, commented)
        doc = {}
        fresh: dict[int, tuple[str, str | int, str]] = {}
        for a in attrs.fields(Project):  # the document's order: the model's fields, ext last (to_document)
            if a.name in lists:
                doc[a.name] = _Records(lists[a.name], self, fresh)
            elif a.name in small and a.name != "ext":
                doc[a.name] = small[a.name]
        if "ext" in small:
            doc["ext"] = small["ext"]
        text = dumps_table(doc, notes)
        # only the records of this render: the others are gone from the project. Copies of its
        # lists hold them, as a later change may edit a list of the project itself
        self._blocks, self._held = fresh, [list(records) for records in lists.values()]
        self._renders += 1
        return text

    def write(self, writer: _Writer, name: str, records: _Records) -> None:
        """Each record of the list ``name`` as ``_Writer.table`` writes it, from the text kept when it can be."""
        commented = set(writer.notes)
        noted = {a[:2] for a in commented if len(a) >= 2}  # a comment inside a record: rendered each time
        blocks, fresh = self._blocks, records.fresh
        for i, record in enumerate(records):
            key, anchor = _placed(name, i, record)
            hit = blocks.get(id(record))
            if hit is not None and hit[1] == key and hit[0] == name and anchor not in noted and writer.out:
                writer.out.append(hit[2])
                fresh[id(record)] = hit
                continue
            start = len(writer.out)
            self._table(writer, name, anchor, record, commented)
            if start and anchor not in noted:
                fresh[id(record)] = (name, key, "\n".join(writer.out[start:]))

    def _table(self, writer: _Writer, name: str, anchor: Anchor, record: Any, commented: set) -> None:
        entry = _prune(_drop_defaults(record, self.converter.unstructure(record), anchor, commented))
        writer.table((name,), anchor, entry, True)

    def warm(self, project: Project, notes: dict[Anchor, Notes] | None = None, step: int = 50) -> Iterator[int]:
        """Render the records of ``project`` whose text is not kept, ``step`` at a time: each
        ``next()`` renders one step and gives how many are left (a thread's idle-time work, so
        the first change's unsaved copy, and the first save, find the texts made). Stops at
        the next render, which makes every text it needs itself.

        ``project`` must be a copy whose lists no one changes (``tui.session.snapshot``): they
        hold the records whose texts are kept, as ``_held`` does for a render's."""
        notes = notes or {}
        commented = set(notes)
        noted = {a[:2] for a in commented if len(a) >= 2}
        lists = self._record_lists(project)
        with self._lock:
            renders = self._renders
            self._held = [*self._held, *lists.values()]
        # one record at a time, not a list of them all: 50 000 tuples holding records brought on
        # a full collection (33 ms) in the frame of whatever key came next
        records = ((name, i, record) for name, held in lists.items() for i, record in enumerate(held))
        left = sum(len(held) for held in lists.values())
        while left:
            batch = list(itertools.islice(records, step))
            left -= len(batch)
            with self._lock:
                if self._renders != renders:
                    return
                blocks = self._blocks
                for name, i, record in batch:
                    key, anchor = _placed(name, i, record)
                    if anchor in noted or id(record) in blocks:
                        continue
                    writer = _Writer(notes)
                    writer.out.append("")  # a record always follows the project's own table
                    self._table(writer, name, anchor, record, commented)
                    blocks[id(record)] = (name, key, "\n".join(writer.out[1:]))
            yield left
