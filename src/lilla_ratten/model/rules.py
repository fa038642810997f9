"""The rules a structurally valid project must also keep: ids, references, dates, lights."""

from __future__ import annotations

import unicodedata
from datetime import date
from collections.abc import Iterable, Iterator

from lilla_ratten.i18n import N_
from lilla_ratten.model.derived import decisions_missing
from lilla_ratten.model.findings import Finding, Severity, Word
from lilla_ratten.model.outlines import FORM_WORDS, FORMS, REPORT_WORDS, REPORTS, form_of, known_ids
from lilla_ratten.model.privacy import IDENTITY_NUMBER_TYPED, find_identity_numbers, mask
from lilla_ratten.model.project import LIGHT_ASPECTS, Project
from lilla_ratten.model.text_safety import describe, finding_for, unsafe_characters

DECISION_POINT_IDS = ("B0", "B1", "B2", "B3", "B4")
DUPLICATE_ID = N_("duplicate id {id}: entry {first} in the same list already uses it")
INVISIBLE_IN_ID = N_("the id {id} holds an invisible character, {char}: it is not the id it looks like; remove the character")
DECOMPOSED_ID = N_(
    "the id {id} has a letter written as two characters (a letter and a combining accent): it looks like the "
    "same id written with one character but is not; type the id again"
)
LOOKS_THE_SAME_ID = N_("the id {id} looks the same as entry {first}'s ({other}) but differs in invisible characters or in how a letter is written")
LOOKS_LIKE_REFERENCE = N_(
    "{ref} does not exist, but {known} does: they look the same and differ in an invisible character or in how a letter is written"
)
PERIOD_ENDED_UNDECIDED = N_("the project period ended {end} but no decision is recorded at {points}: "
                           "the phase stays where the decisions put it until the steering group decides")

# (list, field holding a reference, list it must point into); the merge driver renumbers along them too
REFERENCES = (
    ("activities", "milestone", "milestones"),
    ("status_reports", "milestone", "milestones"),
    ("indicators", "goal", "effect_goals"),
    ("indicator_values", "indicator", "indicators"),
    ("changes", "decision", "decisions"),
    ("decisions", "decision_point", "decision_points"),
)

ID_LISTS = (
    "members",
    "decision_points",
    "effect_goals",
    "indicators",
    "project_goals",
    "exclusions",
    "milestones",
    "activities",
    "status_reports",
    "decisions",
    "changes",
    "lessons",
    "grants",
    "funder_reports",
    "outcomes",
    "chapters",
)


def check(project: Project) -> list[Finding]:
    """Every rule broken by ``project``, in file order."""
    return [
        *_ids(project),
        *_references(project),
        *_dates(project),
        *_status_reports(project),
        *_organisation(project),
        *_money(project),
        *_funding(project),
        *_chapters(project),
        *_conflicts(project),
    ]


def dated_findings(project: Project, as_of: date) -> list[Finding]:
    """What cannot have happened yet as of ``as_of`` (a done date or a sent date after it),
    and what should have happened by then: a period that has ended with decisions missing.

    Apart from :func:`check` because it depends on the day it is asked (the app's as-of date,
    ``validate --as-of``): ``check`` answers the same for a file whatever the day. A warning,
    not an error: a date typed a day early (a meeting tomorrow) should not block a save."""
    found = []
    for name in ("milestones", "activities"):
        for i, record in enumerate(getattr(project, name)):
            found += done_later(name, i, record, as_of)
    for i, rep in enumerate(project.status_reports):
        found += sent_later(i, rep, as_of)
    found += period_ended_undecided(project, as_of)
    return found


def done_later(name: str, i: int, record, as_of: date) -> list[Finding]:
    if record.done is not None and record.done > as_of:
        return [Finding((name, i, "done"), N_("done {done}, a date still to come (today is {today})"),
                        {"done": record.done, "today": as_of}, Severity.WARNING)]
    return []


def sent_later(i: int, rep, as_of: date) -> list[Finding]:
    if rep.sent is not None and rep.sent > as_of:
        return [Finding(("status_reports", i, "sent"), N_("sent {sent}, a date still to come (today is {today})"),
                        {"sent": rep.sent, "today": as_of}, Severity.WARNING)]
    return []


def period_ended_undecided(project: Project, as_of: date) -> list[Finding]:
    missing = decisions_missing(project, as_of)
    if missing:  # on the end date: the field that, typed into the past, makes it so
        return [Finding(("project", "end"), PERIOD_ENDED_UNDECIDED,
                        {"end": project.project.end, "points": ", ".join(p.id for p in missing)}, Severity.WARNING)]
    return []


def text_findings(text: str) -> list[Finding]:
    """What a typed text must not hold: an identity number, terminal controls, bidi overrides."""
    found = [Finding((), IDENTITY_NUMBER_TYPED, {"number": mask(n)}) for n in find_identity_numbers(text)]
    chars = unsafe_characters(text)
    if chars:
        found.append(finding_for((), chars))
    return found


def looks(text: str) -> str:
    """What an id looks like on screen: NFC, format characters (word joiner, zero-width space,
    soft hyphen) dropped. Two ids that look the same but differ are flagged (issue 33)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", "".join(c for c in text if unicodedata.category(c) != "Cf"))


def _id_looks(path, ident: str) -> Iterator[Finding]:
    if ident.isascii():
        return
    flagged = set(unsafe_characters(ident))  # terminal controls and bidi: said by the text check
    invisible = [c for c in ident if unicodedata.category(c) == "Cf" and c not in flagged]
    if invisible:
        yield Finding(path, INVISIBLE_IN_ID, {"id": looks(ident), "char": describe(invisible[0])})
    elif not unicodedata.is_normalized("NFC", ident):
        yield Finding(path, DECOMPOSED_ID, {"id": looks(ident)})


class IdsBefore:
    """The ids of a list up to a place, as the id rule has seen them: the first of each id (and
    of each look of one) that was not itself flagged. Kept whole by ``check``; by a form, up to
    the record it edits, so that a key checks its id without a pass over the list."""

    def __init__(self, items) -> None:
        self.items = items
        self.seen: dict[str, int] = {}
        self.looks: dict[str, int] = {}

    def findings(self, name: str, i: int, ident: str) -> Iterator[Finding]:
        """What is wrong with ``ident`` at place ``i`` of list ``name``, given the ids before it."""
        path = (name, i, "id")
        yield from _id_looks(path, ident)
        if not ident.strip():
            yield Finding(path, N_("the id is empty"))
        elif ident in self.seen:
            yield Finding(path, DUPLICATE_ID, {"id": ident, "first": self.seen[ident] + 1})
        elif looks(ident) in self.looks:
            first = self.looks[looks(ident)]
            yield Finding(path, LOOKS_THE_SAME_ID, {"id": looks(ident), "first": first + 1, "other": looks(self.items[first].id)})

    def add(self, i: int, ident: str) -> None:
        """The id at ``i`` seen (after asking about it): the first of its kind is what a later one repeats."""
        if ident.strip() and ident not in self.seen and looks(ident) not in self.looks:
            self.seen[ident] = i
            self.looks[looks(ident)] = i


def _ids(project: Project) -> Iterator[Finding]:
    for name in ID_LISTS:
        items = getattr(project, name)
        before = IdsBefore(items)
        for i, item in enumerate(items):
            yield from before.findings(name, i, item.id)
            before.add(i, item.id)
    for i, point in enumerate(project.decision_points):
        yield from decision_point_id(i, point)
    seen_values: set[tuple[str, object]] = set()
    for i, value in enumerate(project.indicator_values):
        yield from indicator_value_taken(i, value, seen_values)
        seen_values.add((value.indicator, value.date))


def decision_point_id(i: int, point) -> Iterator[Finding]:
    if point.id not in DECISION_POINT_IDS:
        yield Finding(
            ("decision_points", i, "id"),
            N_("decision point {id} is not one of the model's: {allowed}"),
            {"id": point.id, "allowed": ", ".join(DECISION_POINT_IDS)},
        )


def indicator_value_taken(i: int, value, seen_values: set) -> Iterator[Finding]:
    """A second value of an indicator for one date (``seen_values``: those of the values before it)."""
    if (value.indicator, value.date) in seen_values:
        yield Finding(
            ("indicator_values", i, "date"),
            N_("indicator {indicator} already has a value for {date}"),
            {"indicator": value.indicator, "date": value.date},
        )


def _references(project: Project) -> Iterator[Finding]:
    for source, attr, target in REFERENCES:
        known = {item.id for item in getattr(project, target)}
        for i, item in enumerate(getattr(project, source)):
            yield from reference(source, i, attr, getattr(item, attr), known, target)


def reference(source: str, i: int, attr: str, ref, known: set, target: str) -> Iterator[Finding]:
    """A reference that names nothing in ``known`` (the ids of the list ``target``)."""
    if ref is not None and ref not in known:
        alike = next((k for k in known if looks(k) == looks(ref)), None)
        if alike is not None:
            yield Finding((source, i, attr), LOOKS_LIKE_REFERENCE, {"ref": looks(ref), "known": alike})
            return
        yield Finding(
            (source, i, attr),
            N_("{ref} does not exist: no entry in {target} has that id"),
            {"ref": ref, "target": target},
        )


def _before(start, end) -> bool:
    return start is not None and end is not None and end < start


def _dates(project: Project) -> Iterator[Finding]:
    info = project.project
    yield from period(info)
    for i, act in enumerate(project.activities):
        yield from activity_end(i, act)
    for i, act in enumerate(project.activities):
        yield from activity_done(i, act)
    for i, ind in enumerate(project.indicators):
        yield from indicator_dates(i, ind)
    for i, m in enumerate(project.milestones):
        yield from milestone_dates(i, m, info)
    yield from repayment(project.final)
    for i, rep in enumerate(project.status_reports):
        yield from status_report_dates(i, rep)


# One record's part of each rule, apart so that a form can ask about the record it edits
# alone (model/record_rules.py); ``check`` asks them in this order for every record.

def period(info) -> Iterator[Finding]:
    if _before(info.start, info.end):
        yield Finding(
            ("project", "end"),
            N_("the end {end} is before the start {start}"),
            {"end": info.end, "start": info.start},
        )


def activity_end(i: int, act) -> Iterator[Finding]:
    if _before(act.start, act.end):
        yield Finding(
            ("activities", i, "end"),
            N_("the end {end} is before the start {start}"),
            {"end": act.end, "start": act.start},
        )


def activity_done(i: int, act) -> Iterator[Finding]:
    if _before(act.start, act.done):
        yield Finding(
            ("activities", i, "done"),
            N_("done {done}, before it starts {start}"),
            {"done": act.done, "start": act.start},
        )


def indicator_dates(i: int, ind) -> Iterator[Finding]:
    if _before(ind.baseline_date, ind.target_date):
        yield Finding(
            ("indicators", i, "target_date"),
            N_("the target date {target} is before the baseline date {baseline}"),
            {"target": ind.target_date, "baseline": ind.baseline_date},
        )


def milestone_dates(i: int, m, info) -> Iterator[Finding]:
    # (a period that ends before it starts is the error already said, not one per milestone)
    if None not in (info.start, info.end, m.planned) and info.start <= info.end and not info.start <= m.planned <= info.end:
        yield Finding(
            ("milestones", i, "planned"),
            N_("planned {planned}, outside the project period {start} – {end}"),
            {"planned": m.planned, "start": info.start, "end": info.end},
            Severity.WARNING,
        )
    if m.passed is False and m.done is not None:
        yield Finding(
            ("milestones", i, "passed"),
            N_("passed = false, but done {done} says it was passed"),
            {"done": m.done},
        )


def repayment(final) -> Iterator[Finding]:
    if final.repayment is not None and final.repayment < 0:
        yield Finding(
            ("final", "repayment"),
            N_("a repayment cannot be negative: {amount}"),
            {"amount": final.repayment},
        )


def status_report_dates(i: int, rep) -> Iterator[Finding]:
    if _before(rep.period_start, rep.period_end):
        yield Finding(
            ("status_reports", i, "period_end"),
            N_("the period ends {end}, before it starts {start}"),
            {"end": rep.period_end, "start": rep.period_start},
        )
    if rep.sent is not None and rep.sent < rep.date:
        yield Finding(
            ("status_reports", i, "sent"),
            N_("sent {sent}, before the report's own date {date}"),
            {"sent": rep.sent, "date": rep.date},
        )


def _status_reports(project: Project) -> Iterator[Finding]:
    for i, rep in enumerate(project.status_reports):
        yield from overall_light(i, rep)


def overall_light(i: int, rep) -> Iterator[Finding]:
    worst = rep.worst_light()
    if rep.overall is not None and worst is not None and rep.overall != worst and not rep.overall_reason:
        yield Finding(
            ("status_reports", i, "overall"),
            N_(
                "overall is {overall} but the worst light ({aspects}) is {worst}: "
                "give overall_reason, or remove overall"
            ),
            {
                "overall": rep.overall,
                "worst": worst,
                "aspects": ", ".join(a for a in LIGHT_ASPECTS if getattr(rep, a) == worst),
            },
        )


def _organisation(project: Project) -> Iterator[Finding]:
    for i, member in enumerate(project.members):
        yield from member_named(i, member)
    chairs = [i for i, m in enumerate(project.members) if m.chair]
    for i in chairs[1:]:
        yield second_chair(i)


def member_named(i: int, member) -> Iterator[Finding]:
    if not (member.name or member.title):
        yield Finding(("members", i), N_("give a name or a title (role) for {id}"), {"id": member.id})
    if member.count < 1:
        yield Finding(("members", i, "count"), N_("count must be 1 or more, not {count}"), {"count": member.count})


def second_chair(i: int) -> Finding:
    return Finding(("members", i, "chair"), N_("the steering group already has a chair"), severity=Severity.WARNING)


def _money(project: Project) -> Iterable[Finding]:
    amounts = (
        (("project", "granted"), project.project.granted),
        (("budget", "total"), project.budget.total),
        (("budget", "outcome"), project.budget.outcome),
    )
    for path, amount in amounts:
        if amount is not None and amount < 0:
            yield Finding(path, N_("an amount in kronor cannot be negative: {amount}"), {"amount": amount})


def _funding(project: Project) -> Iterator[Finding]:
    """Grants that add up to the granted total, yearly reports that name their year, counts within their whole."""
    for i, grant in enumerate(project.grants):
        if grant.amount < 0:
            yield Finding(("grants", i, "amount"), N_("an amount in kronor cannot be negative: {amount}"), {"amount": grant.amount})
    granted = project.project.granted
    if project.grants and granted is not None:
        summed = sum(g.amount for g in project.grants)
        if summed != granted:
            yield Finding(
                ("project", "granted"),
                N_("granted is {granted} kr but the grants add up to {sum} kr: correct one, or leave granted out"),
                {"granted": granted, "sum": summed},
            )
    seen: dict[int, int] = {}
    for i, report in enumerate(project.funder_reports):
        if report.year is None and not report.final:
            yield Finding(("funder_reports", i, "year"), N_("a yearly report needs the year it reports on, or final = true"))
        elif report.year is not None and not report.final:
            if report.year in seen:
                yield Finding(("funder_reports", i, "year"), N_("{year} already has a yearly report: {first}"),
                              {"year": report.year, "first": project.funder_reports[seen[report.year]].id})
            seen.setdefault(report.year, i)
    for i, outcome in enumerate(project.outcomes):
        if outcome.count < 0:
            yield Finding(("outcomes", i, "count"), N_("count cannot be negative: {count}"), {"count": outcome.count})
        if outcome.of is not None and not 0 < outcome.of:
            yield Finding(("outcomes", i, "of"), N_("of must be 1 or more, not {of}"), {"of": outcome.of})
        elif outcome.of is not None and outcome.count > outcome.of:
            yield Finding(("outcomes", i, "count"), N_("{count} is more than the {of} it is counted out of"),
                          {"count": outcome.count, "of": outcome.of})


def _chapters(project: Project) -> Iterator[Finding]:
    """A chapter must belong to a report, follow something in it and not follow itself."""
    chapters = project.chapters
    by_id = {c.id: c for c in chapters}
    for i, chapter in enumerate(chapters):
        if chapter.report not in REPORTS:
            yield Finding(("chapters", i, "report"), N_("unknown report {report}: a chapter belongs to {allowed}"),
                          {"report": chapter.report, "allowed": ", ".join(REPORTS)})
            continue
        if not chapter.title.strip():
            yield Finding(("chapters", i, "title"), N_("a chapter needs a title"))
        if chapter.level is not None and not 1 <= chapter.level <= 3:
            yield Finding(("chapters", i, "level"), N_("level must be 1, 2 or 3, not {level}"), {"level": chapter.level})
        after = chapter.after
        if not after:
            continue
        if after == chapter.id:
            yield Finding(("chapters", i, "after"), N_("a chapter cannot come after itself ({id})"), {"id": after})
        elif after in by_id and by_id[after].report == chapter.report:
            if _chapter_cycle(by_id, chapter):
                yield Finding(("chapters", i, "after"),
                              N_("the chapters after {after} come after each other in a circle; they are placed at the end"),
                              {"after": after}, Severity.WARNING)
        else:
            yield from _after_names_nothing(project, i, chapter)


def _after_names_nothing(project: Project, i: int, chapter) -> Iterator[Finding]:
    """A chapter's ``after`` that is no heading of the form its report is written in: that of
    the project's type for the final report (any built-in form's when a plugin's type chooses)."""
    form = form_of(chapter.report, project.project.type)
    if chapter.report == "final" and form is not None:
        if chapter.after not in {h.id for h in FORMS[form]}:
            yield Finding(("chapters", i, "after"),
                          N_("after = {after} names no heading of the project's final report form ({form}) and no "
                             "chapter of the final report; the chapter is placed at the end"),
                          {"after": chapter.after, "form": Word(FORM_WORDS[form])}, Severity.WARNING)
    elif chapter.after not in known_ids(chapter.report):
        yield Finding(("chapters", i, "after"),
                      N_("after = {after} names no heading of {report} and no chapter of it; the chapter is placed at the end"),
                      {"after": chapter.after, "report": Word(REPORT_WORDS[chapter.report])}, Severity.WARNING)


def _chapter_cycle(by_id: dict, chapter) -> bool:
    seen = {chapter.id}
    current = by_id.get(chapter.after)
    while current is not None and current.report == chapter.report:
        if current.id in seen:
            return True
        seen.add(current.id)
        current = by_id.get(current.after) if current.after else None
    return False


def _conflicts(project: Project) -> Iterator[Finding]:
    for i, conflict in enumerate(project.conflicts):
        yield Finding(
            ("conflicts", i),
            N_("unresolved merge conflict at {where}: open the file in the app and choose"),
            {"where": conflict.where()},
        )
