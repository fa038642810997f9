"""Keep the comments people write in project files across a rewrite.

The standard TOML parser drops comments; the canonical writer would then drop
them too.  Here each full-line comment is anchored to the key or table header
that follows it, and a trailing ``# ...`` to its own line.  Items of a list of
tables are anchored by their ``id`` rather than position, so a comment stays
with its milestone when another milestone is deleted above it.  An element of a
list of plain values written one a line (``references = [ "x",  # källa``) is
anchored by its value (``("value", text, n)``: the n-th element equal to it), so
it stays with its element when others are added or removed before it.  Items of
a list of tables without an id keep their position here; a merge moves their
comments by content (``merge.py``).
"""

from __future__ import annotations

import json
from typing import Any

from attrs import define, field

from lilla_ratten.storage.locate import scan

Anchor = tuple[Any, ...]
END: Anchor = ("<end>",)


@define
class Notes:
    before: list[str] = field(factory=list)
    trailing: str | None = None


def _trailing_comment(line: str) -> str | None:
    """The ``# ...`` at the end of a key or header line, ignoring ``#`` inside strings."""
    quote = None
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[i:].rstrip()
        i += 1
    return None


def anchor_for(path: tuple, data: Any) -> Anchor:
    """Replace list positions by the item's id where it has one."""
    out: list[Any] = []
    node = data
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            ident = node.get("id") if isinstance(node, dict) else None
            out.append(("id", ident) if isinstance(ident, str) else part)
        else:
            node = node.get(part) if isinstance(node, dict) else None
            out.append(part)
    return tuple(out)


def value_part(values: list, i: int) -> tuple:
    """The anchor part of element ``i`` of a list of plain values: its value and which
    occurrence of that value it is."""
    key = json.dumps(values[i], sort_keys=True, default=str)
    return ("value", key, sum(1 for v in values[:i] if json.dumps(v, sort_keys=True, default=str) == key))


def _is_plain_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and not any(isinstance(v, (list, dict)) for v in value)


def _values_on(line: str) -> int:
    """How many list elements start on this line of a list written over lines."""
    body = line[: len(line) - len(_trailing_comment(line) or "")].strip()
    if body.endswith("]"):
        body = body[:-1]
    segments, quote, current = [], None, ""
    for i, ch in enumerate(body):
        if quote:
            if ch == quote and body[i - 1] != "\\":
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == ",":
            segments.append(current)
            current = ""
            continue
        current += ch
    segments.append(current)
    return sum(1 for seg in segments if seg.strip())


class _Elements:
    """Follows the lines of a list of plain values written over lines, anchoring each
    element's comments to it."""

    def __init__(self, anchor: Anchor, values: list) -> None:
        self.anchor, self.values, self.seen = anchor, values, 0
        self.pending: list[str] = []

    def line(self, line: str, notes: dict[Anchor, Notes]) -> None:
        if line.strip().startswith("#"):
            self.pending.append(line.strip())
            return
        starting = _values_on(line)
        if starting and self.seen < len(self.values):
            trailing = _trailing_comment(line)
            if self.pending or trailing:
                entry = notes.setdefault((*self.anchor, value_part(self.values, self.seen)), Notes())
                entry.before.extend(self.pending)
                entry.trailing = trailing
            self.pending = []
        self.seen += starting

    def close(self, notes: dict[Anchor, Notes]) -> None:
        """Comments after the last element (before ``]``) go with the last element."""
        if self.pending and self.values:
            notes.setdefault((*self.anchor, value_part(self.values, len(self.values) - 1)), Notes()).before.extend(self.pending)


def _value_at(path: tuple, data: Any) -> Any:
    node = data
    for part in path:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node


def with_element_notes(text: str, anchor: Anchor, values: list, notes: dict[Anchor, Notes]) -> str:
    """A key's lines (``k = [`` / one element a line / ``]``) with its elements' comments put back."""
    lines = text.split("\n")
    parts = [value_part(values, i) for i in range(len(values))]
    if len(lines) != len(values) + 2:  # not one element a line: keep the comments above the key
        above = [line for p in parts if (n := notes.get((*anchor, p))) for line in [*n.before, *([n.trailing] if n.trailing else [])]]
        return "\n".join([*above, *lines])
    out = [lines[0]]
    for part, line in zip(parts, lines[1:-1], strict=True):
        note = notes.get((*anchor, part))
        if note:
            out.extend(f"    {c}" for c in note.before)
            if note.trailing:
                line = f"{line}  {note.trailing}"
        out.append(line)
    out.append(lines[-1])
    return "\n".join(out)


def _after_closing(line: str) -> str | None:
    """The comment after the last line of a value that spans lines (``\"\"\"  # källa``, ``]  # resor``)."""
    if "#" not in line:
        return None
    for quote in ('"""', "'''"):
        if quote in line:  # the text before the closing quotes may hold a # of its own
            return _trailing_comment(line[line.rindex(quote) + 3:])
    return _trailing_comment(line)


def extract(text: str, data: dict[str, Any]) -> dict[Anchor, Notes]:
    if "#" not in text:
        return {}  # the common case, and a large file's: nothing to keep
    notes: dict[Anchor, Notes] = {}
    pending: list[str] = []
    spanning: tuple[Anchor, str] | None = None  # the key whose value goes on, and its last line so far

    elements: _Elements | None = None  # the list of plain values being read, one element a line

    def close_span() -> None:
        if elements is not None:
            elements.close(notes)
        if spanning is not None:
            trailing = _after_closing(spanning[1])
            if trailing is not None:
                notes.setdefault(spanning[0], Notes()).trailing = trailing

    for kind, path, line in scan(text):
        if kind == "continued":
            if spanning is not None:
                spanning = (spanning[0], line)
                if elements is not None:
                    elements.line(line, notes)
            continue
        close_span()
        spanning, elements = None, None
        if kind == "comment":
            pending.append(line.strip())
        elif kind in ("key", "header"):
            anchor = anchor_for(path, data)
            if kind == "key":
                spanning = (anchor, "")
                values = _value_at(path, data)
                if _is_plain_list(values) and not any(isinstance(v, str) and "\n" in v for v in values):
                    elements = _Elements(anchor, values)
            trailing = _trailing_comment(line.split("=", 1)[1] if kind == "key" else line) if "#" in line else None
            if not pending and trailing is None:
                continue
            entry = notes.setdefault(anchor, Notes())
            entry.before.extend(pending)
            pending = []
            entry.trailing = trailing
    close_span()
    if pending:
        notes.setdefault(END, Notes()).before.extend(pending)
    return notes

