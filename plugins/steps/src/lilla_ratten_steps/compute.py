"""Distributions, movement, transitions and reach, from the measurements as they are.

A participant not measured in a round is *missing* there, never dropped or carried
forward.  Movement into a round compares each participant's measurement with their own
previous actual measurement: the earlier round, or — for someone who joined later — the
measurement at entry, and says which.
"""

from __future__ import annotations

from collections import Counter
from math import comb

from attrs import define, field

from lilla_ratten_steps.section import Measurement, Round, StepsSection


@define(frozen=True)
class Distribution:
    round: str
    counts: dict[int, int]  # level → participants
    n: int
    missing: list[str]  # active participants without a measurement in this round

    def share(self, level: int) -> float | None:
        return 100 * self.counts.get(level, 0) / self.n if self.n else None


@define
class Movement:
    """How participants measured in ``to`` moved since their previous measurement."""

    frm: str
    to: str
    reached_top: list[str] = field(factory=list)  # moved forward and arrived at the top level
    forward: list[str] = field(factory=list)  # moved forward, not to the top
    back: list[str] = field(factory=list)
    same: list[str] = field(factory=list)
    maintained_top: list[str] = field(factory=list)  # at the top before and now: cannot move up
    from_entry: list[str] = field(factory=list)  # compared with their entry measurement
    entered: list[str] = field(factory=list)  # measured first time in ``to`` (no earlier value)
    exited: list[str] = field(factory=list)  # measured in ``frm``, not in ``to``

    @property
    def compared(self) -> int:
        return len(self.reached_top) + len(self.forward) + len(self.back) + len(self.same) + len(self.maintained_top)

    @property
    def moved_forward(self) -> int:
        return len(self.reached_top) + len(self.forward)

    def sign_test(self) -> float | None:
        """Exact two-sided sign test on those who changed (forward vs back); ``None`` if nobody did."""
        up, down = self.moved_forward, len(self.back)
        n = up + down
        if n == 0:
            return None
        k = min(up, down)
        p = sum(comb(n, i) for i in range(k + 1)) / 2**n
        return min(1.0, 2 * p)


class Steps:
    """Answers about one project's step data."""

    def __init__(self, section: StepsSection) -> None:
        self.section = section
        self.rounds = sorted(section.rounds, key=lambda r: (r.date, r.id))
        self.round_by_id = {r.id: r for r in section.rounds}
        self.top = section.scale.top
        self._by_round: dict[str, dict[str, Measurement]] = {}
        for m in section.measurements:
            if m.domain is None:
                self._by_round.setdefault(m.round, {})[m.participant] = m
        # round → participant → level, built once: movement asks for it per participant and round
        self._levels = {r: {p: m.level for p, m in by.items()} for r, by in self._by_round.items()}
        self.household_of = {p.id: p.household for p in section.participants}
        self.households = {h.id: h for h in section.households}

    def measured(self, round_id: str) -> dict[str, int]:
        return dict(self._levels.get(round_id, {}))

    def main_rounds(self) -> list[Round]:
        """Baseline and follow-up rounds, in date order (entry measurements are not a round of everyone)."""
        return [r for r in self.rounds if r.kind != "entry"]

    def active(self, rnd: Round) -> list[str]:
        """Participants whose household was in the project on the round's date."""
        out = []
        for p in self.section.participants:
            h = self.households.get(p.household)
            if h is None:
                continue
            if (h.joined is None or h.joined <= rnd.date) and (h.left is None or h.left >= rnd.date):
                out.append(p.id)
        return out

    def distribution(self, round_id: str) -> Distribution:
        rnd = self.round_by_id[round_id]
        levels = self.measured(round_id)
        counts = Counter(levels.values())
        missing = sorted(p for p in self.active(rnd) if p not in levels) if rnd.kind != "entry" else []
        return Distribution(round_id, {v: counts.get(v, 0) for v in self.section.scale.values()}, len(levels), missing)

    def last_levels(self) -> dict[str, int]:
        """Each participant's last measurement (those who left keep the value they left with)."""
        out: dict[str, int] = {}
        for rnd in self.rounds:
            out.update(self.measured(rnd.id))
        return out

    def first_levels(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for rnd in reversed(self.rounds):
            out.update(self.measured(rnd.id))
        return out

    def _previous(self, participant: str, before: Round) -> tuple[int, bool] | None:
        """(level, was it an entry measurement) of the participant's latest measurement before ``before``."""
        found = None
        for rnd in self.rounds:
            if rnd.date >= before.date or rnd.id == before.id:
                break
            level = self._levels.get(rnd.id, {}).get(participant)
            if level is not None:
                found = (level, rnd.kind == "entry")
        return found

    def movement(self, frm: str, to: str) -> Movement:
        move = Movement(frm, to)
        target = self.round_by_id[to]
        now = self.measured(to)
        before = self.measured(frm)
        for p, level in sorted(now.items()):
            prev = self._previous(p, target)
            if prev is None:
                move.entered.append(p)
                continue
            old, was_entry = prev
            if was_entry and p not in before:
                move.from_entry.append(p)
            self._classify(move, p, old, level)
        move.exited = sorted(p for p in before if p not in now)
        return move

    def movement_first_last(self) -> Movement:
        first, last = self.first_levels(), self.last_levels()
        move = Movement("first", "last")
        for p in sorted(last):
            self._classify(move, p, first[p], last[p])
        return move

    def _classify(self, move: Movement, p: str, old: int, new: int) -> None:
        if new > old:
            (move.reached_top if new == self.top else move.forward).append(p)
        elif new < old:
            move.back.append(p)
        elif new == self.top:
            move.maintained_top.append(p)
        else:
            move.same.append(p)

    def household_movement(self) -> Movement:
        """First → last per household, by the household's highest level: parents in one
        family are not independent, so movement is also counted once per family."""
        first, last = self.first_levels(), self.last_levels()
        by_household: dict[str, list[str]] = {}
        for p in last:
            if p in self.household_of:
                by_household.setdefault(self.household_of[p], []).append(p)
        move = Movement("first", "last")
        for h, people in sorted(by_household.items()):
            self._classify(move, h, max(first[p] for p in people), max(last[p] for p in people))
        return move

    def grade_outcome(self) -> dict[str, dict[str, int]]:
        """Selection grade × household movement first → last (did "red" selections progress?)."""
        move = self.household_movement()
        outcome = {h: "forward" for h in move.reached_top + move.forward}
        outcome.update({h: "back" for h in move.back})
        outcome.update({h: "same" for h in move.same + move.maintained_top})
        table: dict[str, dict[str, int]] = {}
        for h in self.section.households:
            if h.grade is None or h.id not in outcome:
                continue
            row = table.setdefault(h.grade, {"forward": 0, "same": 0, "back": 0})
            row[outcome[h.id]] += 1
        return table

    def transitions(self, frm: str, to: str) -> dict[int, dict[int, int]]:
        """Level in ``frm`` × level in ``to``, for those measured in both."""
        a, b = self.measured(frm), self.measured(to)
        values = self.section.scale.values()
        matrix = {x: {y: 0 for y in values} for x in values}
        for p in a.keys() & b.keys():
            matrix[a[p]][b[p]] += 1
        return matrix

    def reached_top_households(self) -> list[str]:
        """Households in which a parent's last measurement is the top level."""
        last = self.last_levels()
        return sorted({self.household_of[p] for p, level in last.items() if level == self.top and p in self.household_of})

    def children_affected(self) -> tuple[int, int]:
        """(minor children, adult children at home) in the households that reached the top level."""
        hh = [self.households[h] for h in self.reached_top_households() if h in self.households]
        return sum(h.minor_children for h in hh), sum(h.adult_children for h in hh)

    def flow(self) -> list[tuple[str, int, int, int, int]]:
        """Per main round: (round, active, measured, missing, entered since the previous round)."""
        out = []
        seen: set[str] = set()
        for rnd in self.main_rounds():
            d = self.distribution(rnd.id)
            active = self.active(rnd)
            entered = len([p for p in active if p not in seen]) if seen else len(active)
            seen.update(active)
            out.append((rnd.id, len(active), d.n, len(d.missing), entered))
        return out
