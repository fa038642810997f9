"""What plugins hand to the app: plain attrs records, no Textual, no pluggy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import attrs
from attrs import define, field

from lilla_ratten.model.document import Block, Section, section


PARTICIPANTS = "participants"  # a reference to the participants the plugins publish (``lr_participants``)


@define(frozen=True)
class MappingKey:
    """One key a mapping field (``dict[str, str]``) may hold and the values it may take.

    The form shows one picker per key, labelled ``label``, offering ``values`` (each a value
    or ``(value, label)``) and "–" for "not this key"; the file keeps ``key`` and the value
    as they are, whatever language the labels are in."""

    key: str
    label: str
    values: tuple = ()


@define(frozen=True)
class RecordList:
    """Records of a plugin's section that the app edits for it, as it edits its own lists.

    ``path`` is the attribute inside the section type, dotted for a nested one
    (``"lines"``, ``"scale.levels"``); ``""`` is the section itself.  It holds a list of
    ``type`` (an attrs class), or one ``type`` (``single=True``: edited, never added or
    deleted).  The app gives it a table, add/edit/delete forms checked as you type (the
    type, then every plugin's ``lr_validate`` on the section as it would be), undo, the
    unsaved-changes copy and, through ``id``, duplicate ids flagged, references renamed
    with the id and deletes refused while something points to the record.

    - ``title``: the table's title, already translated.
    - ``columns``: the fields shown as columns (empty: the first five).
    - ``id``: the field holding each record's id, unique in the list; ``None`` for records
      without one (e.g. measurements keyed by participant and round).
    - ``prefix``: a new record's id is ``prefix`` and the next free number, as wide as ids
      written with leading zeros (``F01`` → ``F02``).
    - ``references``: field → the ``path`` of another list of this section (or a core
      list: ``"milestones"``, ``"activities"``…) whose ids it names; the form offers them
      to pick from; ``PARTICIPANTS`` names the participants the plugins publish
      (``lr_participants``, e.g. the steps plugin's): offered with their household, those
      another record of the list already names left out; typed when nobody publishes any.
    - ``choices``: field → the values allowed (a picker), each a value or ``(value, label)``.
    - ``labels``: field → its label in the form and the column's header, translated.
    - ``fields``: the fields the form shows (empty: all of them); the others are kept.
    - ``mappings``: field (a ``dict[str, str]``) → the keys it may hold, as ``MappingKey``s, or a
      function of the section (structured, a copy) returning them, for keys the project
      declares itself; the form shows a picker per key and the table the labels. A mapping
      field without one is typed, ``key = value`` a line.
    - ``describe``: for records without an id, how the app names one in a question or a
      message, translated, with fields in braces (``"{participant} at {round}"``); empty:
      its first columns as the table shows them.
    """

    path: str
    type: type
    title: str
    columns: tuple[str, ...] = ()
    id: str | None = "id"
    prefix: str = ""
    references: dict[str, str] = field(factory=dict)
    choices: dict[str, tuple] = field(factory=dict)
    labels: dict[str, str] = field(factory=dict)
    fields: tuple[str, ...] = ()
    single: bool = False
    mappings: dict[str, Any] = field(factory=dict)
    describe: str = ""


@define(frozen=True)
class SectionSpec:
    """A plugin's own part of the project file, ``[ext.NAME]``.

    ``type`` is an attrs class, structured and unstructured with the app's cattrs
    converter (strict types, unknown keys refused).  ``version`` is the section's
    own format version, written as ``version = N`` inside the section when the
    type has a ``version`` field; raise it when the section's format changes.
    ``records`` declares the lists the app edits for the plugin (``RecordList``); they
    appear in the tab of the plugin's pane whose id is ``name``, else in a tab of their
    own titled ``title`` (the section's name when empty).
    """

    name: str
    type: type
    version: int = 1
    records: tuple[RecordList, ...] = ()
    title: str = ""


@define(frozen=True)
class Pane:
    """A tab in the TUI.  ``factory(context)`` returns a Textual widget; it is called
    only by the TUI, so the plugin imports Textual inside the factory, not at import."""

    id: str
    title: str
    factory: Callable[[Any], Any]


@define(frozen=True)
class Column:
    """A column in the portfolio roll-up: ``value(project, sections)`` → str, int or None."""

    id: str
    title: str
    value: Callable[[Any, dict[str, Any]], Any]
    total: bool = False  # sum the column in totals and subtotals
    kind: str = "number"  # "number", "money" (whole kronor) or "text": how reports show it


@define(frozen=True)
class BudgetLines:
    """What ``lr_budget_figures`` answers: the budget and what was spent by a plugin's budget
    lines, in whole kronor; ``spent=None`` when it is not known as of the date asked. Shown
    in place of the file's ``[budget]`` wherever a budget and outcome are shown."""

    budget: int
    spent: int | None = None


class _CellFailed:
    """The cell of a portfolio column that raised or hung: not a value, and a total over it is incomplete."""

    def __repr__(self) -> str:
        return "CELL_FAILED"


CELL_FAILED = _CellFailed()


@define(frozen=True)
class ProjectType:
    """A template for ``lilla-ratten new --type NAME``: ``build(project)`` returns the
    skeleton with the type's presets (funding, report due date, plugin sections…)."""

    name: str
    title: str
    build: Callable[[Any], Any]
    description: str = ""
    # the final-report form (a FinalReportLayout's name) `report final` uses for this type's projects
    layout: str | None = None


@define(frozen=True)
class FinalReportLayout:
    """A final-report form for ``report final --layout NAME`` (and a ``ProjectType``'s ``layout``):
    ``build(context)`` gets a ``LayoutContext`` and returns a ``Document``, which every format
    renders (Markdown, text, JSON, Word, OpenDocument, PDF) with no code of the plugin's."""

    name: str
    title: str
    build: Callable[[Any], Any]
    description: str = ""


BUDGET_STATEMENT = "financial_statement"  # the id of the budget plugin's section: the statement and the repayment


@define(frozen=True)
class LayoutContext:
    """What a ``FinalReportLayout.build`` gets: what the built-in forms are made of.

    ``project`` is a copy; ``sections`` the plugins' structured ``[ext.*]`` sections (a copy),
    as hooks get them; ``report_sections`` every plugin's ``lr_final_report_sections``, in the
    order plugins were loaded, each with ``source`` set to its plugin; ``budget`` the budget
    statement among them (``None`` without one) and ``repayment`` the kronor to pay back (the
    file's ``[final] repayment``, else the statement's, else ``None``); ``budget_totals`` the
    budget figures as blocks (the budget lines' when a plugin carries them, else the
    file's ``[budget]``: ``reports/budget_figures.py``).
    """

    layout: str
    project: Any
    as_of: date
    sections: dict[str, Any] = field(factory=dict)
    report_sections: list[Section] = field(factory=list)
    budget: Section | None = None
    repayment: int | None = None
    budget_totals: list[Block] = field(factory=list)

    @property
    def other_sections(self) -> list[Section]:
        """``report_sections`` without the budget statement (which ``economy`` places)."""
        return [s for s in self.report_sections if s.id != BUDGET_STATEMENT]

    def economy(self, title: str, *before: Block, charts: bool = True) -> Section:
        """The budget statement under the form's own heading, ``before`` first; without a
        statement, the file's budget figures (section id ``economy``).  ``charts=False`` for a
        form with no figure: a chart would repeat its table's amounts."""
        if self.budget is None:
            return section("economy", title, *before, *self.budget_totals)
        blocks = [b for b in self.budget.blocks if charts or type(b).__name__ != "Chart"]
        return attrs.evolve(self.budget, title=title, blocks=[*before, *blocks])


@define(frozen=True)
class Command:
    """An extra ``lilla-ratten NAME`` subcommand.  ``configure(parser)`` adds its
    arguments; ``run(args, host)`` does the work and returns the exit status."""

    name: str
    help: str
    configure: Callable[[Any], None]
    run: Callable[[Any, Any], int]


@define
class Failure:
    """A plugin that was switched off for this run, and why."""

    plugin: str
    hook: str
    error: str
    distribution: str | None = None
    # it checked files (or might have: it never loaded), so files checked after this are not fully checked
    checks: bool = False
    shown: bool = False  # already said in the command's own words; not repeated at exit
    hooks: list[str] = field(factory=list)  # the hooks the plugin had when it was switched off


@define
class PluginInfo:
    name: str
    version: str | None
    distribution: str | None
    hooks: list[str] = field(factory=list)
    sections: list[str] = field(factory=list)
    builtin: bool = False


@define(frozen=True)
class Outcome:
    """One outcome a plugin publishes about participants, e.g. ``reached_top``."""

    id: str
    label: str  # already translated


@define(frozen=True)
class ParticipantRecord:
    """One participant as a plugin publishes them: pseudonymous id, household, outcomes."""

    id: str
    household: str | None = None
    household_type: str | None = None  # e.g. "single", "couple"
    outcomes: dict[str, bool] = field(factory=dict)  # outcome id → achieved


@define(frozen=True)
class Participation:
    """What ``lr_participants`` returns; the app merges every plugin's into one."""

    participants: list[ParticipantRecord] = field(factory=list)
    outcomes: list[Outcome] = field(factory=list)

    def merged(self, other: Participation) -> Participation:
        by_id = {p.id: p for p in self.participants}
        for p in other.participants:
            old = by_id.get(p.id)
            if old is None:
                by_id[p.id] = p
            else:
                by_id[p.id] = ParticipantRecord(
                    p.id, old.household or p.household, old.household_type or p.household_type, {**old.outcomes, **p.outcomes}
                )
        seen = {o.id for o in self.outcomes}
        return Participation(list(by_id.values()), [*self.outcomes, *(o for o in other.outcomes if o.id not in seen)])
