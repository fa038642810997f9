"""The ``[ext.equality]`` section: dimensions, per-person attributes or aggregate counts, staff.

Per-person attributes are keyed by the same pseudonymous ids as the steps plugin's
participants.  Special categories of personal data (health, ethnic origin: GDPR art. 9)
are accepted per person only when the project states its legal basis; otherwise enter
aggregate counts.
"""

from __future__ import annotations

from datetime import date

from attrs import define, field

GENDERS = ("woman", "man", "other")
DEFAULT_THRESHOLD = 5


@define(kw_only=True)
class Dimension:
    id: str
    label: str
    categories: list[str]
    special: bool = False  # a special category (art. 9): per-person values need a legal basis


@define(kw_only=True)
class Person:
    id: str  # the steps plugin's participant id
    gender: str | None = None
    attributes: dict[str, str] = field(factory=dict)


@define(kw_only=True)
class Count:
    """An aggregate cell: how many people have these values (gender and/or dimensions)."""

    values: dict[str, str]
    count: int


@define(kw_only=True)
class StaffCount:
    """R1 representation among staff: a group of the project organisation by gender."""

    group: str  # steering_group, project_group, reference_group …
    women: int = 0
    men: int = 0
    other: int = 0


@define(kw_only=True)
class Action:
    """R4: what will change, who does it, by when."""

    what: str
    who: str | None = None
    by: date | None = None


@define(kw_only=True)
class EqualitySection:
    version: int = 1
    threshold: int = DEFAULT_THRESHOLD
    legal_basis: str | None = None
    dimensions: list[Dimension] = field(factory=list)
    people: list[Person] = field(factory=list)
    counts: list[Count] = field(factory=list)
    total: int | None = None  # the number of people the aggregate counts cover
    staff: list[StaffCount] = field(factory=list)
    realia: str | None = None  # R3: why it looks like this, in the project's words
    actions: list[Action] = field(factory=list)
