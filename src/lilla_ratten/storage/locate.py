"""Find the line a value was written on, so messages can say ``file:line``.

The standard library's TOML parser keeps no positions.  This scanner follows
table headers, array-of-tables counters and ``key =`` lines, which is all a
finding needs; a path it cannot place falls back to its nearest parent.  The
comment keeper (``comments.py``) walks the same events.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator

from lilla_ratten.model.findings import Path

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")
_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")


def _split(dotted: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in _PART.findall(dotted))


def _resolve(names: tuple[str, ...], counters: dict[tuple[str, ...], int]) -> Path:
    # [a.b] after [[a]] means a table inside the last item of the array a.
    out: list[str | int] = []
    for i, name in enumerate(names):
        out.append(name)
        prefix = names[: i + 1]
        if i < len(names) - 1 and prefix in counters:
            out.append(counters[prefix])
    return tuple(out)


def scan(text: str) -> Iterator[tuple[str, Path, str]]:
    """Yield ``(kind, path, line)`` for each header, key and full-line comment.

    ``kind`` is ``"header"``, ``"key"`` or ``"comment"``; lines inside
    multi-line strings and arrays belong to the key that opened them.
    """
    # a byte-order mark (Notepad) may open the file; it is not part of its first line
    return _walk(text.removeprefix("\ufeff").splitlines())


def _walk(lines: list[str], start: int = 0, table: Path | None = None, only: set[Path] | None = None) -> Iterator[tuple]:
    """``scan`` of ``lines``; given ``table``, only the table whose header is ``lines[start]``
    (``start`` 0 and ``()``: the keys before the first header), up to the next header.

    Given ``only``, the tables whose keys are wanted: ``(kind, path, index of the line)`` for
    each header and each key in those tables, and nothing else (placing a few findings in a
    large file: a key elsewhere is neither split nor yielded, 0.97 -> 0.4 s at 9 MB)."""
    section = table is not None
    counters: dict[tuple[str, ...], int] = {}
    if table is None:
        table = ()
    keys = only is None or table in only
    in_multiline: str | None = None
    depth = 0
    for number in range(start, len(lines)):
        line = lines[number]
        if in_multiline:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            if only is None:
                yield "continued", table, line
            continue
        if depth > 0:
            depth += line.split("#")[0].count("[") - line.split("#")[0].count("]")
            if only is None:
                yield "continued", table, line
            continue
        if not keys and "[" not in line and '"""' not in line and "'''" not in line:
            continue  # no header, and nothing that runs on over lines: only a key not wanted could be here
        stripped = line.strip()
        if stripped.startswith("#"):
            if only is None:
                yield "comment", table, line
            continue
        header = _HEADER.match(line)
        if header and "=" not in line.split("#")[0]:
            if section:
                if number > start or table == ():
                    return  # the next table's header
                yield "header", table, line if only is None else number  # the header the section was found by
                continue
            names = _split(header.group(2))
            if header.group(1) == "[[":
                counters[names] = counters.get(names, -1) + 1
                # a new item restarts the numbering of arrays nested inside it
                for key in [k for k in counters if len(k) > len(names) and k[: len(names)] == names]:
                    del counters[key]
            table = _resolve(names, counters)
            if header.group(1) == "[[":
                table = (*table, counters[names])
            keys = only is None or table in only
            yield "header", table, line if only is None else number
            continue
        key = _KEY.match(line)
        if key:
            if keys:
                yield "key", (*table, *_split(key.group(1))), line if only is None else number
            rest = line[key.end():]
            for quote in ('"""', "'''"):
                if rest.count(quote) == 1:
                    in_multiline = quote
            if not in_multiline:
                value = rest.split("#")[0].strip()
                if value.startswith("[") and not value.endswith("]"):
                    depth = max(value.count("[") - value.count("]"), 0)
        elif only is None:
            yield "other", table, line


class LineIndex:
    """Maps value paths such as ``("milestones", 2, "planned")`` to 1-based line numbers."""

    keep_map = True  # class defaults: entries pickled by the cache before these attributes still read
    _tables: dict[Path, int] | None = None
    _items: dict[Path, array[int]] | None = None

    def __init__(self, text: str, *, keep_map: bool = True) -> None:
        self.text = text  # the file as read; the comments are found in it again when it is written
        self._lines: dict[Path, int] | None = None  # built on first use: most files have no problem to place
        if not keep_map:
            # a large file: the first batch of findings is placed by a walk that keeps only the lines
            # asked for, and where each table starts; the whole map held 75 MiB at 45 000
            # activities, more than the project
            self.keep_map = False

    def line_of(self, path: Path) -> int | None:
        return self.lines_of([path])[0]

    def lines_of(self, paths: list[Path]) -> list[int | None]:
        """The line of each path (or of its nearest parent written in the file), in one walk."""
        if not paths:
            return []
        lines = self._lines
        if lines is None:
            wanted = None if self.keep_map else _prefixes(paths)
            if wanted is not None and self._tables is not None:
                lines = self._in_tables(paths, wanted)
            else:
                lines = self._walk_all(wanted)
            if self.keep_map:
                self._lines = lines
        return [_nearest(lines, path) for path in paths]

    def _walk_all(self, wanted: set[Path] | None) -> dict[Path, int]:
        lines: dict[Path, int] = {}
        # the line of each table's header, so that later findings (a plugin's, validate's dated
        # ones) walk only their tables: a second walk over 9 MB took a second
        tables: dict[Path, int] = {}
        items: dict[Path, array[int]] = {}  # of an array of tables: its items' header lines, 4 bytes each
        if wanted is None:
            events = ((kind, where, number) for number, (kind, where, _line) in enumerate(scan(self.text), start=1))
        else:
            events = ((kind, where, index + 1) for kind, where, index in
                      _walk(self.text.removeprefix("\ufeff").splitlines(), only=wanted))
        for kind, where, number in events:
            if kind == "header" and wanted is not None:
                numbered = items.setdefault(where[:-1], array("i")) if isinstance(where[-1], int) else None
                if numbered is not None and len(numbered) == where[-1]:
                    numbered.append(number)
                else:
                    tables[where] = number
            if kind in ("header", "key") and (wanted is None or where in wanted):
                lines.setdefault(where, number)
        if wanted is not None:
            self._tables, self._items = tables, items
        return lines

    def _in_tables(self, paths: list[Path], wanted: set[Path]) -> dict[Path, int]:
        """The lines of ``wanted`` found by walking only the tables the paths are in (and the
        keys before the first table): a key is written in its deepest table that has a header."""
        text = self.text.removeprefix("\ufeff").splitlines()
        sections = dict(self._table_of(path) for path in paths)
        lines: dict[Path, int] = {}
        for start, table in sections.items():
            for kind, where, index in _walk(text, start, table, only=wanted):
                if kind in ("header", "key") and where in wanted:
                    lines.setdefault(where, index + 1)
        return lines

    def _table_of(self, path: Path) -> tuple[int, Path]:
        """The index of the header line of the deepest table holding ``path``, and the table."""
        assert self._tables is not None and self._items is not None
        for end in range(len(path), 0, -1):
            table = path[:end]
            if table in self._tables:
                return self._tables[table] - 1, table
            numbered = self._items.get(table[:-1]) if isinstance(table[-1], int) else None
            if numbered is not None and 0 <= table[-1] < len(numbered):
                return numbered[table[-1]] - 1, table
        return 0, ()


def _prefixes(paths: list[Path]) -> set[Path]:
    return {p[:i] for p in paths for i in range(len(p) + 1)}


def _nearest(lines: dict[Path, int], path: Path) -> int | None:
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]
