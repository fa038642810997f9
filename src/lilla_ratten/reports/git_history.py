"""A project's history through git, in project terms: the commit message for sharing,
the commits with what each changed, what changed since the last steering-group meeting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import islice
from pathlib import Path

from attrs import define, evolve, field

from lilla_ratten.i18n import N_, _
from lilla_ratten.model import Project
from lilla_ratten.model.privacy import mask_identity_numbers
from lilla_ratten.reports.history import changes, facts
from lilla_ratten.storage import parse_project
from lilla_ratten.storage.git import Blobs, Commit, GitError, run, show, top_and_name, walk

SUBJECT_WIDTH = 120  # the first line: what a history list shows of a commit


@define
class Entry:
    commit: Commit
    lines: list[str] = field(factory=list)  # its own changes, against its first parent
    error: str | None = None  # a version that could not be read
    merge: bool = False
    brought_by: list[str] = field(factory=list)  # a merge: the authors of what it brought in
    chosen: list[str] = field(factory=list)  # a merge: where the two sides clashed, what was kept
    unshared: bool = False  # on no remote branch yet


def parse_version(text: str | None, name: str) -> tuple[Project | None, str | None]:
    """A version's text as a project, or why it could not be read (``None, None``: no such version)."""
    if text is None:
        return None, None
    parsed = parse_project(text, name)
    if parsed.project is None:
        return None, str(parsed.problems[0]) if parsed.problems else _("could not be read")
    return parsed.project, None


def committed(path: Path) -> Project | None:
    """The project as the last commit has it (``None``: not in git, or not committed yet)."""
    try:
        text = show(path, "HEAD")
    except GitError:
        return None
    return parse_version(text, str(path))[0]


def commit_message(path: Path, project: Project) -> str:
    """"status report SR4 added, overall (!) yellow; M3 planned date moved …", then every change on its own line."""
    before = committed(path)
    lines = changes(before, project) if before is not None else [_("{name} added").format(name=project.project.name)]
    if not lines:
        return _("no changes")
    subject = ""
    for n, line in enumerate(lines):
        candidate = f"{subject}; {line}" if subject else line
        if subject and len(candidate) > SUBJECT_WIDTH:
            subject += _(" (and {n} more)").format(n=len(lines) - n)
            break
        subject = candidate
    message = subject if len(lines) == 1 else subject + "\n\n" + "\n".join(f"- {line}" for line in lines)
    return mask_identity_numbers(message)  # a commit message is in every clone, for ever


def _authors(names: list[str]) -> str:
    names = list(dict.fromkeys(n for n in names if n))
    return ", ".join(names[:4]) + (" …" if len(names) > 4 else "")


class _Versions:
    """Versions of the file read once each (by blob id) and parsed once each."""

    def __init__(self, blobs: Blobs) -> None:
        self.blobs = blobs
        self.parsed: dict[str, tuple[Project | None, str | None]] = {}

    def at(self, rev: str, name: str) -> tuple[bool, Project | None, str | None]:
        """(there, project, error) of ``name`` at ``rev``."""
        found = self.blobs.get(rev, name)
        if found is None:
            return False, None, None
        blob, text = found
        if blob not in self.parsed:
            if len(self.parsed) > 64:
                self.parsed.pop(next(iter(self.parsed)))
            self.parsed[blob] = parse_version(text, name)
        return (True, *self.parsed[blob])

    def text(self, rev: str, name: str) -> str | None:
        found = self.blobs.get(rev, name)
        return None if found is None else found[1]


def unshared(path: Path) -> set[str]:
    """Commits here that no remote branch has (empty when there is no remote at all)."""
    try:
        if not run(path, "for-each-ref", "--count=1", "refs/remotes").strip():
            return set()
        return set(run(path, "rev-list", "HEAD", "--not", "--remotes").split())
    except GitError:
        return set()


def iter_entries(path: Path) -> Iterator[Entry]:
    """The file's commits, newest first, merges too, each with its own changes against its
    first parent and its author; a merge also says whose work it brought and, where the two
    sides clashed, what was chosen. Streamed: the first entries come at once however long
    the history (``GitError`` outside git)."""
    path = Path(path)
    local = unshared(path)
    commits = walk(path)
    with Blobs(path) as blobs:
        versions = _Versions(blobs)
        for commit in commits:
            there, new, new_err = versions.at(commit.hash, commit.path)
            before, old, old_err = (versions.at(commit.parents[0], commit.parent_path) if commit.parents else (False, None, None))
            entry = Entry(commit, unshared=commit.hash in local, merge=len(commit.parents) > 1)
            if new_err or old_err:
                entry.error = new_err or old_err
            elif not before:
                entry.lines = [_("file created")]
            elif not there:
                entry.lines = [_("file removed")]
            else:
                entry.lines = changes(old, new)
            if entry.merge:
                _explain_merge(path, commit, versions, new, entry)
            yield entry


def _explain_merge(path: Path, commit: Commit, versions: _Versions, result: Project | None, entry: Entry) -> None:
    """Whose work the merge brought (the other side's commits of the file) and, where the two
    sides clashed, which value the merge kept."""
    first, other = commit.parents[0], commit.parents[1]
    try:
        entry.brought_by = run(path, "log", "--format=%an", f"{first}..{other}", "--", commit.path).split("\n")
        entry.brought_by = list(dict.fromkeys(a for a in entry.brought_by if a))
        base = run(path, "merge-base", first, other).strip()
    except GitError:
        return
    texts = [versions.text(base, commit.path), versions.text(first, commit.parent_path), versions.text(other, commit.path)]
    if texts[1] is None or texts[2] is None or result is None:
        return
    from lilla_ratten.storage.converter import converter
    from lilla_ratten.storage.merge import MISSING, NotAProjectFile, _get, merge_texts
    from lilla_ratten.storage.writer import to_document

    try:
        clashes = merge_texts(texts[0], texts[1], texts[2], commit.path).conflicts
    except NotAProjectFile:
        return
    kept = to_document(result, converter)
    for c in clashes:
        value = _get(kept, c.path)
        value = None if value is MISSING else value
        side = _("this line's") if value == c.mine else _("the merged-in side's") if value == c.theirs else _("a new")
        entry.chosen.append(mask_identity_numbers(_("{where}: {side} value kept: {value}").format(where=place(c.path), side=side, value=_short(value))))


def _short(value) -> str:
    if value is None:
        return _("(nothing)")
    text = " ".join(str(value).split())
    return text if len(text) <= 80 else text[:79] + "…"


def heading(entry) -> str:
    """``hash date author: subject``, marked when not on the remote yet."""
    commit = entry.commit
    mark = " " + _("(not sent yet)") if entry.unshared else ""
    return f"{commit.hash[:8]} {commit.date} {commit.author}: {commit.subject}{mark}"


def entry_lines(entry) -> list[str]:
    """What an entry says under its heading: its own changes; for a merge, whose work it
    brought and what was kept where the sides clashed."""
    if entry.error:
        return [_("(not readable in this version: {error})").format(error=entry.error)]
    out = []
    if entry.merge:
        out.append(_("merge: brought in the work of {authors}").format(authors=", ".join(entry.brought_by) or "?"))
    out += entry.lines
    out += entry.chosen
    return out


def entries(path: Path, n: int | None = None) -> list[Entry]:
    """The first ``n`` (all) of ``iter_entries``."""
    return list(islice(iter_entries(path), n))


def last_meeting(project: Project, today: date) -> date | None:
    """The last steering-group meeting: the latest decision point held or status report sent."""
    dates = [p.date for p in project.decision_points if p.date is not None]
    dates += [r.sent for r in project.status_reports if r.sent is not None]
    return max((d for d in dates if d <= today), default=None)


def _meeting_records(project: Project, when: date) -> set[tuple[str, str]]:
    """The records that are the meeting's own decision: the decision point held and the
    status reports sent that day (``(list, id)``, as ``facts`` keys begin)."""
    held = {("decision_points", p.id) for p in project.decision_points if p.date == when}
    return held | {("status_reports", r.id) for r in project.status_reports if r.sent == when}


def _holds_meeting(project: Project | None, when: date) -> bool:
    """The version has the meeting's own decision (a decision point held, a report sent, that day)."""
    if project is None:
        return False
    return any(p.date == when for p in project.decision_points) or any(r.sent == when for r in project.status_reports)


@define
class Change:
    line: str  # "M3 planerat datum: 2009-02-15 → 2009-03-01"
    authors: str  # who made it (the last commit that set this value)
    unshared: bool = False  # that commit is not on the remote yet
    uncommitted: bool = False  # only in the file here


@define
class Since:
    meeting: date
    commit: Commit | None  # the version holding the meeting's decision, on the shared line
    changes: list[Change] = field(factory=list)


def since(path: Path, project: Project, when: date) -> Since:
    """What changed after the commit that recorded the meeting's own decision (the decision
    point held, the report sent, that day) to the file as it is now: each value old → new,
    credited to the author of the commit that set it — whichever branch it was made on, as
    it reached the shared line after the meeting; a merge's own choices to the one who
    merged; unshared and uncommitted changes marked. The decision itself is not a change
    since the meeting, and work later that day is."""
    path = Path(path)
    try:
        _top, name = top_and_name(path)
    except GitError:
        return Since(when, None)
    local = unshared(path)
    with Blobs(path) as blobs:
        versions = _Versions(blobs)
        start = _introduced(path, name, versions, when)
        decision: set[tuple[str, str]] = set()
        if start is None:  # not committed yet: the version committed by the end of that day,
            start = _by_date(path, name, when)  # and the decision recorded here is not a change
            decision = _meeting_records(project, when)
            if start is None:
                return Since(when, None)
        base = versions.at(start.hash, name)[1]
        if base is None:
            return Since(when, start)
        old, new = facts(base), facts(project)
        differ = [key for key in [*new, *(k for k in old if k not in new)] if old.get(key) != new.get(key) and key[:2] not in decision]
        who: dict[tuple, tuple[str, bool, bool]] = {}
        try:
            head = versions.at("HEAD", name)[1]
        except GitError:
            head = None
        for key in _changed_keys(head, project) if head is not None else []:
            who[key] = (_("you"), False, True)
        merged = _credit(path, name, versions, start, {k for k in differ if k not in who}, who, local)
    out = Since(when, start)
    for key in differ:
        author, local_only, uncommitted = who.get(key) or merged.get(key) or ("?", False, False)
        out.changes.append(Change(_describe(key, old.get(key), new.get(key)), author, local_only, uncommitted))
    return out


def _credit(path: Path, name: str, versions: _Versions, start: Commit, wanted: set[tuple], who: dict, local: set[str]) -> dict:
    """Credit each of ``wanted`` to the newest commit after ``start`` that set it (into
    ``who``; what only merges set, in the dict returned). Newest first, stopping when every
    change is credited: a value set a week ago costs a week of versions read, not every
    version since a meeting two thousand commits back."""
    merged: dict[tuple, tuple[str, bool, bool]] = {}
    if not wanted:
        return merged
    for c in _log(path, "--full-history", f"{start.hash}..HEAD", "--", name, masked=False):
        now = versions.at(c.hash, name)[1]
        before = versions.at(c.parents[0], name)[1] if c.parents else None
        if now is None or before is None:
            continue
        for key in _changed_keys(before, now):
            if key in wanted:
                (merged if len(c.parents) > 1 else who).setdefault(key, (mask_identity_numbers(c.author), c.hash in local, False))
        if all(k in who for k in wanted):
            break
    return merged


def _log(path: Path, *args: str, masked: bool = True) -> list[Commit]:
    """``masked=False``: authors and subjects as git has them, for a caller that masks the
    few it shows (masking every line was a third of "since the meeting" at 5 000 commits)."""
    out = run(path, "log", "--format=%H%x1f%P%x1f%as%x1f%an%x1f%s", *args)
    commits = [Commit(h, d, a, s, "", tuple(p.split())) for h, p, d, a, s in (ln.split("\x1f", 4) for ln in out.splitlines() if ln)]
    return [_masked(c) for c in commits] if masked else commits


def _masked(c: Commit) -> Commit:
    return evolve(c, author=mask_identity_numbers(c.author), subject=mask_identity_numbers(c.subject))


def _introduced(path: Path, name: str, versions: _Versions, when: date) -> Commit | None:
    """The commit that recorded the meeting's decision: the oldest on the first-parent line
    whose version holds it (it stays once recorded), and when that is a merge, the same
    search down the line it merged in (found in log steps, not by reading every version)."""
    return _introduced_on(path, name, versions, when, ("HEAD",))


def _introduced_on(path: Path, name: str, versions: _Versions, when: date, revs: tuple[str, ...]) -> Commit | None:
    try:
        line = _log(path, "--first-parent", *revs, "--", name, masked=False)
    except GitError:
        return None
    lo, hi = 0, len(line)
    while lo < hi:
        mid = (lo + hi) // 2
        if _holds_meeting(versions.at(line[mid].hash, name)[1], when):
            lo = mid + 1
        else:
            hi = mid
    if lo == 0:
        return None
    found = _masked(line[lo - 1])
    if len(found.parents) < 2:
        return found
    merged_line = (found.parents[1], f"^{found.parents[0]}")
    return _introduced_on(path, name, versions, when, merged_line) or found  # None below: the merge itself recorded it


def _by_date(path: Path, name: str, when: date) -> Commit | None:
    try:
        line = _log(path, "--first-parent", "HEAD", "--", name)
    except GitError:
        return None
    return next((c for c in line if c.date <= when.isoformat()), None)


def _changed_keys(a: Project, b: Project) -> list[tuple]:
    fa, fb = facts(a), facts(b)
    return [k for k in {**fa, **fb} if fa.get(k) != fb.get(k)]


def _label(field_path: str) -> str:
    """``lines[tryck].amount`` → "line tryck, amount" in the user's language."""
    words = []
    for step in field_path.split("."):
        name, _sep, ident = step.partition("[")
        words.append(_word(name) + (f" {ident.rstrip(']')}" if ident else ""))
    return ", ".join(w for w in words if w)


def _word(name: str) -> str:
    from lilla_ratten.reports.history import FIELD_WORDS

    if name in FIELD_WORDS:
        return _(FIELD_WORDS[name])
    from lilla_ratten.model.field_labels import LABELS

    if name in LABELS:
        word = _(LABELS[name])  # a form's label, here inside a sentence
        return word[:1].lower() + word[1:]
    return name.replace("_", " ")


def _shown_value(field_path: str, value: str | None) -> str:
    if value is None:
        return _("(nothing)")
    from lilla_ratten.model import Decision, Light
    from lilla_ratten.reports.labels import label

    last = field_path.split(".")[-1]
    for name, kind in (("decision", Decision), ("overall", Light)):
        if last == name:
            try:
                return label(kind(value))
            except ValueError:
                return value
    return value


def place(path: list[str]) -> str:
    """A conflict's place as a person reads it: ``["milestones", "M3", "title"]`` →
    "milestone M3, title" in the user's language."""
    from lilla_ratten.reports.history import PARTS

    if not path:
        return ""
    part, rest = path[0], path[1:]
    kind = _(PARTS[part]) if part in PARTS else _word(part)
    record = f"{kind} {rest[0]}" if rest else kind
    return f"{record}, {_label('.'.join(rest[1:]))}" if len(rest) > 1 else record


def _describe(key: tuple, old: str | None, new: str | None) -> str:
    from lilla_ratten.reports.history import PARTS

    part, ident, field_path = key
    kind = _(PARTS[part]) if part in PARTS else part
    record = f"{kind} {ident}".strip() if ident else kind
    where = f"{record}, {_label(field_path)}" if field_path else record
    return mask_identity_numbers(f"{where}: {_shown_value(field_path, old)} → {_shown_value(field_path, new)}")
