"""Find the line a value was written on, so messages can say ``file:line``.

The standard library's TOML parser keeps no positions.  This scanner follows
table headers, array-of-tables counters and ``key =`` lines, which is all a
finding needs; a path it cannot place falls back to its nearest parent.  The
comment keeper (``comments.py``) walks the same events.
"""

from __future__ import annotations

import re
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
    counters: dict[tuple[str, ...], int] = {}
    table: Path = ()
    in_multiline: str | None = None
    depth = 0
    # a byte-order mark (Notepad) may open the file; it is not part of its first line
    for line in text.removeprefix("\ufeff").splitlines():
        if in_multiline:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            yield "continued", table, line
            continue
        if depth > 0:
            depth += line.split("#")[0].count("[") - line.split("#")[0].count("]")
            yield "continued", table, line
            continue
        stripped = line.strip()
        if stripped.startswith("#"):
            yield "comment", table, line
            continue
        header = _HEADER.match(line)
        if header and "=" not in line.split("#")[0]:
            names = _split(header.group(2))
            if header.group(1) == "[[":
                counters[names] = counters.get(names, -1) + 1
                # a new item restarts the numbering of arrays nested inside it
                for key in [k for k in counters if len(k) > len(names) and k[: len(names)] == names]:
                    del counters[key]
            table = _resolve(names, counters)
            if header.group(1) == "[[":
                table = (*table, counters[names])
            yield "header", table, line
            continue
        key = _KEY.match(line)
        if key:
            yield "key", (*table, *_split(key.group(1))), line
            rest = line[key.end():]
            for quote in ('"""', "'''"):
                if rest.count(quote) == 1:
                    in_multiline = quote
            if not in_multiline:
                value = rest.split("#")[0].strip()
                if value.startswith("[") and not value.endswith("]"):
                    depth = max(value.count("[") - value.count("]"), 0)
        else:
            yield "other", table, line


class LineIndex:
    """Maps value paths such as ``("milestones", 2, "planned")`` to 1-based line numbers."""

    keep_map = True  # a class default: entries pickled by the cache before this attribute still read

    def __init__(self, text: str, *, keep_map: bool = True) -> None:
        self.text = text  # the file as read; the comments are found in it again when it is written
        self._lines: dict[Path, int] | None = None  # built on first use: most files have no problem to place
        if not keep_map:
            # a large file: each batch of findings is placed by a walk that keeps only the lines
            # asked for; the whole map held 75 MiB at 45 000 activities, more than the project
            self.keep_map = False

    def line_of(self, path: Path) -> int | None:
        return self.lines_of([path])[0]

    def lines_of(self, paths: list[Path]) -> list[int | None]:
        """The line of each path (or of its nearest parent written in the file), in one walk."""
        if not paths:
            return []
        lines = self._lines
        if lines is None:
            wanted = None if self.keep_map else {p[:i] for p in paths for i in range(len(p) + 1)}
            lines = {}
            for number, (kind, where, _line) in enumerate(scan(self.text), start=1):
                if kind in ("header", "key") and (wanted is None or where in wanted):
                    lines.setdefault(where, number)
            if self.keep_map:
                self._lines = lines
        return [_nearest(lines, path) for path in paths]


def _nearest(lines: dict[Path, int], path: Path) -> int | None:
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]
