"""Keep the comments people write in project files across a rewrite.

The standard TOML parser drops comments; the canonical writer would then drop
them too.  Here each full-line comment is anchored to the key or table header
that follows it, and a trailing ``# ...`` to its own line.  Items of a list of
tables are anchored by their ``id`` rather than position, so a comment stays
with its milestone when another milestone is deleted above it.
"""

from __future__ import annotations

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

    def close_span() -> None:
        if spanning is not None:
            trailing = _after_closing(spanning[1])
            if trailing is not None:
                notes.setdefault(spanning[0], Notes()).trailing = trailing

    for kind, path, line in scan(text):
        if kind == "continued":
            if spanning is not None:
                spanning = (spanning[0], line)
            continue
        close_span()
        spanning = None
        if kind == "comment":
            pending.append(line.strip())
        elif kind in ("key", "header"):
            anchor = anchor_for(path, data)
            if kind == "key":
                spanning = (anchor, "")
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

