"""Problems located in a file: what every command prints as ``file:line: field: message``."""

from __future__ import annotations

from typing import Any

from attrs import define, field

from lilla_ratten.i18n import _
from lilla_ratten.model.findings import Finding, Severity
from lilla_ratten.model.privacy import mask_identity_numbers


@define(frozen=True)
class Problem:
    file: str
    line: int | None
    path: str
    message: str
    severity: Severity = Severity.ERROR
    source: str = "core"

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = f"{self.path}: " if self.path else ""
        warn = {Severity.WARNING: _("warning") + ": ", Severity.NOTICE: _("note") + ": "}.get(self.severity, "")
        via = f" [{self.source}]" if self.source != "core" else ""
        # the file's name, a key in the path, a quoted value: none repeats an identity number
        return mask_identity_numbers(f"{where}: {warn}{what}{self.message}{via}")

    @classmethod
    def from_finding(cls, finding: Finding, file: str, line: int | None, data: Any = None) -> Problem:
        where = mask_identity_numbers(display_path(finding.path, data))
        return cls(file, line, where, finding.text(), finding.severity, finding.source)


def display_path(path: tuple, data: Any = None) -> str:
    """``milestones[M2].planned``: list entries named by their id, else by their number from 1.

    ``data`` is the file's TOML data or the project object built from it."""
    out = ""
    node = data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
            out += f"[{ident}]" if isinstance(ident, str) and ident else f"[#{part + 1}]"
            node = item
        else:
            out += ("." if out else "") + str(part)
            node = node.get(part) if isinstance(node, dict) else getattr(node, part, None)
    return out


@define
class ProjectFileError(Exception):
    """The file cannot be used as a project; ``problems`` says why, each with its place."""

    problems: list[Problem] = field(factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


@define
class ConflictError(Exception):
    """The file changed on disk since it was read; saving now would overwrite someone's work."""

    file: str

    def __str__(self) -> str:
        return _(
            "{file} has changed on disk since it was opened (another program, or git pull). "
            "Nothing was saved. Reload it to see the other change, or save with --force to overwrite it."
        ).format(file=self.file)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
