"""Find the line a value was written on, so messages can say ``file:line``.

The standard library's TOML parser does not keep positions.  This scanner
follows table headers, array-of-tables counters and ``key =`` lines, which is
all a finding needs; a path it cannot place falls back to its nearest parent.
"""

from __future__ import annotations

import re

from lilla_ratten.model.findings import Path

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")
_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")


def _split(dotted: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in _PART.findall(dotted))


class LineIndex:
    """Maps value paths such as ``("milestones", 2, "planned")`` to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        counters: dict[tuple[str, ...], int] = {}
        table: Path = ()
        in_multiline: str | None = None
        bracket_depth = 0
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            if bracket_depth > 0:
                bracket_depth += line.count("[") - line.count("]")
                continue
            header = _HEADER.match(line)
            if header and "=" not in line.split("#")[0]:
                names = _split(header.group(2))
                if header.group(1) == "[[":
                    counters[names] = counters.get(names, -1) + 1
                table = self._resolve(names, counters)
                if header.group(1) == "[[":
                    table = (*table, counters[names])
                self._lines.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if key:
                path = (*table, *_split(key.group(1)))
                self._lines.setdefault(path, number)
                rest = line[key.end():]
                for quote in ('"""', "'''"):
                    if rest.count(quote) == 1:
                        in_multiline = quote
                if not in_multiline:
                    value = rest.split("#")[0]
                    bracket_depth = max(value.count("[") - value.count("]"), 0)

    @staticmethod
    def _resolve(names: tuple[str, ...], counters: dict[tuple[str, ...], int]) -> Path:
        # [a.b] after [[a]] means the last table of the array a.
        out: list[str | int] = []
        for i, name in enumerate(names):
            out.append(name)
            prefix = names[: i + 1]
            if i < len(names) - 1 and prefix in counters:
                out.append(counters[prefix])
        return tuple(out)

    def line_of(self, path: Path) -> int | None:
        while True:
            if path in self._lines:
                return self._lines[path]
            if not path:
                return None
            path = path[:-1]
