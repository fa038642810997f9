"""Findings: what a check found wrong in a project, as data to be located and shown."""

from __future__ import annotations

from enum import Enum
from typing import Any

from attrs import define, field

from lilla_ratten.i18n import _, dgettext
from lilla_ratten.model.privacy import mask_identity_numbers

Path = tuple[str | int, ...]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"  # worth knowing, nothing wrong


@define(frozen=True)
class Finding:
    """One problem at a place in the file.

    ``message`` is an English msgid with ``{name}`` fields; it is translated
    when shown, so a finding made before the language is chosen still reads
    right.  A plugin names its own catalogue in ``domain`` (the one it gave
    ``api.add_domain``): the message is then looked up there, not in the app's.
    """

    path: Path
    message: str
    params: dict[str, Any] = field(factory=dict, eq=False)
    severity: Severity = Severity.ERROR
    source: str = "core"
    domain: str | None = None  # the gettext domain the message is translated from (a plugin's own)

    def text(self) -> str:
        """The message in the language chosen; an identity number a value, key or id quoted in
        it holds is masked here, so no message can repeat one (issue 33)."""
        message = dgettext(self.domain, self.message) if self.domain else _(self.message)
        return mask_identity_numbers(message.format(**{k: _text(v) for k, v in self.params.items()}))

    def dotted_path(self) -> str:
        return mask_identity_numbers(format_path(self.path))


class Word(str):
    """A word of the app's own put into a message (``expected {expected}``): an English msgid,
    translated when the message is shown, so a Swedish message says "väntade ett heltal"."""


def _text(value: Any) -> str:
    if isinstance(value, Word):
        return _(value)
    return str(value.value) if isinstance(value, Enum) else str(value)


def format_path(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out
