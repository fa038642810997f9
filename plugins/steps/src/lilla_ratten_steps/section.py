"""The ``[ext.steps]`` section: the scale, households, pseudonymous participants, rounds, measurements.

Participants are pseudonymous ids only (``F07-1``); names and identity numbers never
belong here, and the core refuses a file with a personnummer anywhere.
"""

from __future__ import annotations

from datetime import date

from attrs import define, field


@define(kw_only=True)
class Level:
    value: int
    label: str
    definition: str | None = None


# Seed 001's scale (Skarpnäck, "Ingen ska lämnas utanför del 2").
DEFAULT_LEVELS = (
    Level(value=0, label="Ingen planering", definition="Ingen planering/oklar planering mot självförsörjning."),
    Level(value=1, label="Upprättad planering", definition="Upprättad planering via jobbtorg, Arbetsförmedlingen, sjukvården, stadsdelsförvaltningen genom samordningsförbundet FINSAM, samordnad rehabilitering genom Försäkringskassan etc."),
    Level(value=2, label="Deltar i insats", definition="Deltar i insats/aktivitet via jobbtorg, Arbetsförmedlingen, sjukvården, stadsdelsförvaltningen genom samordningsförbundet FINSAM, samordnad rehabilitering genom Försäkringskassan etc."),
    Level(value=3, label="Minskat behov av försörjningsstöd", definition="Minskat behov av försörjningsstöd genom arbete med otillräcklig lön, studier med studiestartsstöd, ersättningar från Försäkringskassan, A-kassa/ALFA-kassan etc."),
    Level(value=4, label="Självförsörjning", definition="Självförsörjning genom arbete, studier, ersättningar från Försäkringskassan, andra ersättningar etc."),
)


@define(kw_only=True)
class Scale:
    """An instrument: levels with anchor texts, optionally over several domains.

    The default is seed 001's 0–4 scale; a project that holds a licence for another
    instrument (e.g. a self-sufficiency matrix) defines its levels and domains here.
    """

    name: str = "Stegförflyttning mot självförsörjning 0–4"
    levels: list[Level] = field(factory=list)  # empty: DEFAULT_LEVELS
    domains: list[str] = field(factory=list)  # empty: one domain

    def all_levels(self) -> tuple[Level, ...]:
        return tuple(self.levels) or DEFAULT_LEVELS

    def values(self) -> list[int]:
        return sorted(level.value for level in self.all_levels())

    @property
    def top(self) -> int:
        return self.values()[-1]


@define(kw_only=True)
class Household:
    id: str
    composition: str | None = None  # "single" or "couple"
    minor_children: int = 0
    adult_children: int = 0  # adult children living at home
    grade: str | None = None  # selection grade: green / yellow / red
    joined: date | None = None
    left: date | None = None
    left_reason: str | None = None


@define(kw_only=True)
class Participant:
    id: str
    household: str
    role: str = "parent"


@define(kw_only=True)
class Round:
    id: str
    date: date
    label: str
    # baseline: the start; follow_up: everyone active is measured; entry: the first
    # measurement of participants who joined later
    kind: str = "follow_up"


@define(kw_only=True)
class Measurement:
    participant: str
    round: str
    level: int
    route: str | None = None  # work, studies, wage subsidy, benefits …
    note: str | None = None
    rater: str | None = None  # professional / self
    domain: str | None = None


@define(kw_only=True)
class Excluded:
    """Who was not selected, and why (counts only)."""

    reason: str
    households: int | None = None


@define(kw_only=True)
class StepsSection:
    version: int = 1
    scale: Scale = field(factory=Scale)
    households: list[Household] = field(factory=list)
    participants: list[Participant] = field(factory=list)
    rounds: list[Round] = field(factory=list)
    measurements: list[Measurement] = field(factory=list)
    excluded: list[Excluded] = field(factory=list)
