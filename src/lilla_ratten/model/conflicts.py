"""A clash a merge could not settle, kept in the file until someone chooses.

``lilla-ratten merge-driver`` writes one ``[[conflicts]]`` entry per clash instead of
git's ``<<<<<<<`` lines, so the file stays TOML and the app can show the choice.
``path`` names the value from the file's root, a record by its id
(``["milestones", "M3", "title"]``; a whole record: ``["activities", "A4"]``);
a side's value left out means that side has no value there (deleted or unset).
The record itself holds ``mine`` until the clash is resolved.
"""

from __future__ import annotations

from typing import Any

from attrs import define, field

from lilla_ratten.i18n import N_

# why the merge could not choose
BOTH_CHANGED = "changed"  # the same value changed to two different values
DELETED = "deleted"  # edited on one side, deleted on the other
SENT = "sent"  # a sent status report changed: it is a snapshot
REFERENCED = "referenced"  # deleted on one side, referred to by the other
DUPLICATE = "duplicate"  # one side has two records under one id (a pasted block, say)
SAME_ID = "same-id"  # both sides added a different record under one id, and neither can be renumbered
ORDER = "order"  # both sides reordered a list differently: the list keeps mine; the sides hold the ids in order

REASONS = {
    BOTH_CHANGED: N_("changed on both sides"),
    DELETED: N_("edited on one side, deleted on the other"),
    SENT: N_("a sent status report was changed"),
    REFERENCED: N_("deleted on one side, referred to on the other"),
    DUPLICATE: N_("two records under one id on one side"),
    SAME_ID: N_("two different records under one id, both already shared or sent"),
    ORDER: N_("put in a different order on each side"),
}


@define(kw_only=True)
class Conflict:
    path: list[str] = field(factory=list)
    reason: str  # one of REASONS; always written
    base: Any = None
    mine: Any = None
    theirs: Any = None

    def where(self) -> str:
        """``milestones M3 title``: the place as the app and the messages name it."""
        return " ".join(self.path)
