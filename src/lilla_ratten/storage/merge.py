"""Three-way merge of project files by meaning: records by id, values by field.

git merges lines, so two people who each add a milestone at the end of the same list
"conflict" although nothing clashes. Here each version is read into the model and back
into its canonical document (defaults left out), then merged:

* a value changed on one side only takes that side's value; changed alike on both, once;
* records (tables of a list) are matched by ``id`` (tables without one: by their
  whole content); one added on either side is kept; one deleted on one side and
  untouched on the other is deleted;
* both sides added a *different* record under the same new id: one is renumbered
  (``M5`` → ``M6``) and that side's references to it (``milestone = "M5"``) follow. A
  record others have already seen never changes id: the one renumbered is the one that
  was never shared (``shared``: the versions on the remote, which the merge driver reads
  from git), and never a sent status report; when neither side is shared, the side
  ``renumber`` names (the driver: theirs, the commit or stash being brought onto HEAD's
  line; a pull's merge finds theirs on the remote). Both shared or both sent: a conflict;
* one side holding two records under one id (a pasted block that kept ``id = "M3"``):
  the record that was there stays, the other becomes a conflict — never a silent
  replacement;
* ``[ext.*]`` sections are merged the same way, as plain tables by key, whether or
  not the plugin is installed.

What cannot be settled — the same value changed two ways, a record edited on one side
and deleted on the other, a sent status report changed at all, a record deleted that
the other side refers to — becomes a ``[[conflicts]]`` entry (model/conflicts.py) and
the file keeps "mine" there until a person chooses. No I/O: texts in, text out.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import attrs
from attrs import define

from lilla_ratten.model.conflicts import BOTH_CHANGED, DELETED, DUPLICATE, ORDER, REFERENCED, SAME_ID, SENT, Conflict
from lilla_ratten.model.project import Project
from lilla_ratten.model.rules import REFERENCES  # references follow a renumbering

# a chapter's ``after`` names a heading of its form or another chapter: it follows a renumbered
# chapter, but it is no reference the merge keeps a deleted record for
FOLLOWS = (*REFERENCES, ("chapters", "after", "chapters"))
from lilla_ratten.storage.converter import converter, structure
from lilla_ratten.storage.files import comments_of, parse_project, render
from lilla_ratten.storage.comments import END, Notes, value_part
from lilla_ratten.storage.writer import to_document

MISSING: Any = object()  # a side has no value here
MINE, THEIRS, BASE, BOTH = "mine", "theirs", "base", "both"  # what a person chooses for a conflict



@define
class Merged:
    text: str
    project: Project
    conflicts: list[Conflict]


class NotAProjectFile(Exception):
    """One of the three versions is not a readable project file: a line merge must do."""


def document(text: str | None, name: str) -> dict[str, Any]:
    """A version's canonical document; an empty or absent base (added on both sides) is ``{}``."""
    if text is None or not text.strip():
        return {}
    parsed = parse_project(text, name)
    if parsed.project is None:
        raise NotAProjectFile(str(parsed.problems[0]) if parsed.problems else name)
    return to_document(parsed.project, converter)


OURS_SIDE, THEIRS_SIDE = "ours", "theirs"


def merge_texts(
    base: str | None, ours: str, theirs: str, name: str = "project.toml", *,
    shared: list[str] | None = None, renumber: str = OURS_SIDE,
) -> Merged:
    """Merge three versions of a project file; ``NotAProjectFile`` if one cannot be read as one.

    ``shared``: texts of the file as others already have it (the remote's branches); a
    record found there keeps its id. ``renumber``: the side whose new record gives way when
    neither is shared."""
    b, o, t = document(base, name), document(ours, name), document(theirs, name)
    if not o or not t:
        raise NotAProjectFile(name)
    seen = []
    for text in shared or []:
        try:
            seen.append(document(text, name))
        except NotAProjectFile:
            continue  # a version others have that is not readable says nothing about ids
    renamed: dict[tuple[str, str], str] = {}
    renamed_theirs: dict[tuple[str, str], str] = {}
    # comments by content: an item without an id is found by what it holds, not where it was
    old = {_by_content(a, b): n for a, n in comments_of(base).items()} if b else {}
    mine = {_by_content(a, o): n for a, n in comments_of(ours).items()}
    others = {_by_content(a, t): n for a, n in comments_of(theirs).items()}
    doc = merge_documents(
        b, o, t, renamed, shared=seen, renumber=renumber, renamed_theirs=renamed_theirs,
        commented=(_commented(mine, old), _commented(others, old)),
    )
    project, findings = structure(doc, Project, fast=True)
    if project is None:  # should not happen: every value came from a valid version
        raise NotAProjectFile(f"{name}: {findings[0].text() if findings else ''}")
    merged = _merge_notes(old, mine, others, renamed, renamed_theirs)
    notes = _placed(merged, to_document(project, converter, _any_default(merged)))
    return Merged(render(project, notes), project, project.conflicts)


def _any_default(notes: dict) -> set:
    """Every anchor as it may be placed: a value commented on is written even at its default."""
    return {a for a in notes if all(not isinstance(p, tuple) or p[0] == "id" for p in a)}


def _by_content(anchor: tuple, doc: Any) -> tuple:
    """``anchor`` with each position of an item without an id replaced by ``("item", key,
    n)``: the n-th item holding exactly that (``_key``)."""
    out: list[Any] = []
    node = doc
    for part in anchor:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            item = node[part]
            k = _key(item) if isinstance(item, dict) else json.dumps(item, sort_keys=True, default=str)
            out.append(("item", k, sum(1 for r in node[:part] if isinstance(r, dict) and _key(r) == k)))
            node = item
        elif isinstance(part, tuple) and part[:1] == ("id",) and isinstance(node, list):
            node = next((r for r in node if isinstance(r, dict) and r.get("id") == part[1]), None)
            out.append(part)
        else:
            node = node.get(part) if isinstance(node, dict) else None
            out.append(part)
    return tuple(out)


def _placed(notes: dict, doc: dict) -> dict:
    """Comments at their places in the merged document (the writer's anchors); a comment
    whose place is gone (its value deleted by the other side) moves up to the nearest
    place that is still there, never dropped."""
    out: dict = {}
    moved: list[tuple[tuple, Notes]] = []
    for anchor, note in notes.items():
        place = _place_of(anchor, doc)
        if place is not None:
            out[place] = note
            continue
        while place is None and anchor:
            anchor = anchor[:-1]
            place = _place_of(anchor, doc) if anchor else None
        moved.append((END if not place else place, note))
    for place, note in moved:  # above whatever is written at its new place
        kept = out.get(place, Notes())
        lines = [*note.before, *([note.trailing] if note.trailing else [])]
        out[place] = Notes(before=[*kept.before, *(c for c in lines if c not in kept.before)], trailing=kept.trailing)
    return out


def _place_of(anchor: tuple, doc: Any) -> tuple | None:
    """The writer's anchor for a content anchor, ``None`` when the merged document has no such place."""
    if anchor == END:
        return END
    out: list[Any] = []
    node = doc
    for part in anchor:
        if isinstance(part, tuple) and part[0] == "item" and isinstance(node, list):
            at = [i for i, r in enumerate(node) if isinstance(r, dict) and _key(r) == part[1]]
            if len(at) <= part[2]:
                return None
            out.append(at[part[2]])
            node = node[at[part[2]]]
        elif isinstance(part, tuple) and part[0] == "id" and isinstance(node, list):
            node = next((r for r in node if isinstance(r, dict) and r.get("id") == part[1]), None)
            if node is None:
                return None
            out.append(part)
        elif isinstance(part, tuple) and part[0] == "value" and isinstance(node, list):
            if part not in [value_part(node, i) for i in range(len(node))]:
                return None
            out.append(part)
            node = None
        elif isinstance(node, dict) and part in node:
            node = node[part]
            out.append(part)
        else:
            return None
    return tuple(out)


def _commented(side: dict, old: dict) -> set[tuple]:
    """``(list path, record key)`` of each record whose comments this side wrote or changed:
    such a record deleted by the other side is a conflict, not a silent delete."""
    out = set()
    for anchor, note in side.items():
        if old.get(anchor) == note:
            continue
        for i, part in enumerate(anchor):
            if isinstance(part, tuple) and part[0] in ("id", "item"):
                out.add((tuple(str(p) if not isinstance(p, tuple) else p[1] for p in anchor[:i]), part[1]))
    return out


def _merge_notes(old: dict, mine: dict, others: dict, renamed: dict, renamed_theirs: dict | None = None) -> dict:
    """Comments merged by where they are (our renumbered records' under their new ids): a
    comment changed on one side only takes that side's; written at one place on both sides,
    both are kept."""
    mine = {_renamed(a, renamed): n for a, n in mine.items()}
    others = {_renamed(a, renamed_theirs or {}): n for a, n in others.items()}
    out = {}
    for anchor in [*mine, *(a for a in others if a not in mine)]:
        b, m, t = old.get(anchor), mine.get(anchor), others.get(anchor)
        if m == t or t == b:
            kept = m
        elif m == b:
            kept = t  # theirs added or changed it, mine did not touch it
        elif m is None or t is None:
            kept = m or t  # changed on one side, gone on the other: the comment is kept
        else:  # both wrote a comment here: both are kept, mine first (a comment is never lost)
            before = [*m.before, *(line for line in t.before if line not in m.before)]
            if t.trailing and m.trailing and t.trailing != m.trailing:
                before.append(t.trailing)
            kept = type(m)(before=before, trailing=m.trailing or t.trailing)
        if kept is not None:
            out[anchor] = kept
    return out


def _renamed(anchor: tuple, renamed: dict) -> tuple:
    if len(anchor) > 1 and isinstance(anchor[1], tuple) and (anchor[0], anchor[1][1]) in renamed:
        return (anchor[0], ("id", renamed[(anchor[0], anchor[1][1])]), *anchor[2:])
    return anchor


def merge_documents(
    base: dict, ours: dict, theirs: dict, renamed: dict | None = None, *,
    shared: list[dict] | None = None, renumber: str = OURS_SIDE, renamed_theirs: dict | None = None,
    commented: tuple[set, set] = (set(), set()),
) -> dict:
    """The merged document, the conflicts listed in it under ``conflicts``; ``renamed``
    (``renamed_theirs``) receives ``{(list, old id): new id}`` for each of our (their)
    records renumbered. ``commented``: ``(list path, record key)`` of the records each side
    wrote a comment on (``_commented``): deleted by the other side, they are conflicts."""
    found = _Found(commented)
    ours, theirs = _without_duplicates(base, ours, found, MINE), _without_duplicates(base, theirs, found, THEIRS)
    ours, theirs = _renumber_clashes(
        base, ours, theirs, shared or [], renumber, {} if renamed is None else renamed,
        {} if renamed_theirs is None else renamed_theirs, found,
    )
    doc = _merge_table((), base, ours, theirs, found)
    for c in found:  # a duplicate: the other value is the record that stayed, as merged
        if "fill" in c:
            c[c.pop("fill")] = _get(doc, c["path"])
    _keep_referenced(doc, base, ours, theirs, found)
    for c in found:  # a side with no value there is left out (docs/file-format.md)
        for side in ("base", "mine", "theirs"):
            if c[side] is MISSING:
                del c[side]
    if found:
        doc["conflicts"] = [*doc.get("conflicts", []), *found]
    return doc


# ---- values and tables ---------------------------------------------------------------


class _Found(list):
    """The conflicts found so far, and the records each side commented on (mine, theirs)."""

    def __init__(self, commented: tuple[set, set] = (set(), set())) -> None:
        super().__init__()
        self.commented = commented


def _is_records(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def _conflict(found: list[dict], path: tuple, reason: str, b: Any, o: Any, t: Any) -> Any:
    found.append({"path": [str(p) for p in path], "reason": reason, "base": b, "mine": o, "theirs": t})
    return o if o is not MISSING else t  # the record keeps mine (or, mine deleted, theirs: nothing is lost)


def _merge_value(path: tuple, b: Any, o: Any, t: Any, found: list[dict]) -> Any:
    if path == ("status_reports",) and o != t:
        return _merge_records(path, _list(b), _list(o), _list(t), found) or MISSING  # sent ones: by record
    if o != t and _commented_under(found, path):  # a comment may make a delete a conflict
        sides = [v for v in (b, o, t) if v is not MISSING]
        if sides and all(_is_records(v) for v in sides):
            return _merge_records(path, _list(b), _list(o), _list(t), found) or MISSING
        if isinstance(o, dict) and isinstance(t, dict):
            return _merge_table(path, b if isinstance(b, dict) else {}, o, t, found)
    if o == t:
        return o
    if o == b:
        return t
    if t == b:
        return o
    # both changed, differently: look inside tables and lists of records
    if isinstance(o, dict) and isinstance(t, dict):
        return _merge_table(path, b if isinstance(b, dict) else {}, o, t, found)
    sides = [v for v in (b, o, t) if v is not MISSING]
    if sides and all(_is_records(v) for v in sides) and any(v for v in sides):
        merged = _merge_records(path, _list(b), _list(o), _list(t), found)
        return merged if merged else MISSING
    return _conflict(found, path, BOTH_CHANGED, b, o, t)


def _commented_under(found: list[dict], path: tuple) -> bool:
    mine, theirs = getattr(found, "commented", (set(), set()))
    return any(p[: len(path)] == path for p, _k in (*mine, *theirs))


def _list(value: Any) -> list:
    return [] if value is MISSING else value


def _merge_table(path: tuple, b: dict, o: dict, t: dict, found: list[dict]) -> dict:
    out = {}
    for k in [*o, *(k for k in t if k not in o)]:
        v = _merge_value((*path, k), b.get(k, MISSING), o.get(k, MISSING), t.get(k, MISSING), found)
        if v is not MISSING:
            out[k] = v
    return out


# ---- lists of records ----------------------------------------------------------------


def _key(record: dict) -> str:
    ident = record.get("id")
    if isinstance(ident, str):
        return ident
    return "#" + json.dumps(record, sort_keys=True, default=str)  # no id: the record is its own key


def _is_sent(path: tuple, record: Any) -> bool:
    return path == ("status_reports",) and isinstance(record, dict) and record.get("sent") is not None


def _keys(records: list) -> list[str]:
    """Each record's key, a second record equal to an earlier one (no id) told apart by ``#2``."""
    out, seen = [], {}
    for r in records:
        k = _key(r)
        seen[k] = seen.get(k, 0) + 1
        out.append(k if seen[k] == 1 else f"{k}#{seen[k]}")
    return out


def _merge_records(path: tuple, b: list, o: list, t: list, found: list[dict]) -> list:
    bk, ok, tk = _keys(b), _keys(o), _keys(t)
    bm, om, tm = dict(zip(bk, b, strict=True)), dict(zip(ok, o, strict=True)), dict(zip(tk, t, strict=True))
    mine_commented, theirs_commented = getattr(found, "commented", (set(), set()))
    kept: dict[str, Any] = {}
    for k, r in zip(ok, o, strict=True):
        if k in tm:
            kept[k] = _merge_record(path, k, bm.get(k, {}), r, tm[k], found)
        elif k not in bm:
            kept[k] = r  # ours added it
        elif r != bm[k] or _is_sent(path, r) or (path, k) in mine_commented:
            # theirs deleted what ours changed (or commented on), or a sent report
            kept[k] = _conflict(found, (*path, k), SENT if _is_sent(path, bm[k]) else DELETED, bm[k], r, MISSING)
    for k, r in zip(tk, t, strict=True):
        if k in om:
            continue
        if k in bm:
            if r == bm[k] and not _is_sent(path, r) and (path, k) not in theirs_commented:
                continue  # ours deleted it, theirs did not touch it
            r = _conflict(found, (*path, k), SENT if _is_sent(path, bm[k]) else DELETED, bm[k], MISSING, r)
        kept[k] = r
    return [kept[k] for k in _order(path, bk, ok, tk, found) if k in kept]


def _order(path: tuple, b: list[str], o: list[str], t: list[str], found: list[dict]) -> list[str]:
    """The merged order of a list's keys. A side that reordered the records all three
    have is followed; both did, differently: ours is kept and theirs recorded as an
    ``order`` conflict (a person may take it); each side's new records go right after the
    record they follow on their side."""
    common = set(b) & set(o) & set(t)
    before = [k for k in b if k in common]
    in_o, in_t = [k for k in o if k in common], [k for k in t if k in common]
    lead, other = (t, o) if in_t != before and in_o == before else (o, t)
    if in_o != before and in_t != before and in_o != in_t:
        found.append({"path": [str(p) for p in path], "reason": ORDER, "base": list(b), "mine": list(o), "theirs": list(t)})
    out = list(lead)
    for i, k in enumerate(other):
        if k not in out:
            out.insert(_after(out, other[:i]), k)
    return out


def _after(out: list[str], before: list[str]) -> int:
    """Where a record the other side added goes: right after the record it follows there (so
    two additions at the end read the lead's first)."""
    for prev in reversed(before):
        if prev in out:
            return out.index(prev) + 1
    return 0


def _merge_record(path: tuple, k: str, b: dict, o: dict, t: dict, found: list[dict]) -> dict:
    if path != ("status_reports",) or not (_is_sent(path, b) or _is_sent(path, o) or _is_sent(path, t)):
        return _merge_table((*path, k), b, o, t, found)
    # A sent report is a snapshot: a change by one side to the version the other side (or
    # the base) sent is a conflict, even if the other side did not touch that field.
    sent_b = _is_sent(path, b)
    lock_o, lock_t = sent_b or _is_sent(path, t), sent_b or _is_sent(path, o)
    out = {}
    for f in [*o, *(f for f in t if f not in o), *(f for f in b if f not in o and f not in t)]:
        bv, ov, tv = b.get(f, MISSING), o.get(f, MISSING), t.get(f, MISSING)
        if (ov != bv and lock_o) or (tv != bv and lock_t):
            if ov == tv and not sent_b:
                v = ov
            else:
                v = _conflict(found, (*path, k, f), SENT, bv, ov, tv)
        else:
            v = _merge_value((*path, k, f), bv, ov, tv, found)
        if v is not MISSING:
            out[f] = v
    return out


# ---- one id twice on one side ----------------------------------------------------------


def _without_duplicates(base: dict, side: dict, found: list[dict], who: str) -> dict:
    """``side`` with each second record under one id taken out into a conflict: the record
    that stays is the one the base has (else the first); nothing is silently replaced."""
    out = None
    for part, records in side.items():
        if part == "ext" or not _is_records(records):
            continue
        keys = [_key(r) for r in records if not _key(r).startswith("#")]
        if len(set(keys)) == len(keys):
            continue
        out = out if out is not None else dict(side)
        old = {_key(r): r for r in base.get(part, [])} if _is_records(base.get(part, [])) else {}
        at: dict[str, int] = {}
        result: list[dict] = []
        for r in records:
            k = _key(r)
            if k.startswith("#") or k not in at:
                at.setdefault(k, len(result))
                result.append(r)
                continue
            i = at[k]
            if r == old.get(k) and result[i] != old.get(k):  # the base's own record came second: it stays
                result[i], r = r, result[i]
            # the side that pasted the duplicate offers it; the other value is the record that
            # stays, as the merge leaves it (filled in after the merge)
            found.append({"path": [part, k], "reason": DUPLICATE, "base": old.get(k, MISSING),
                          "mine": r if who == MINE else MISSING, "theirs": r if who == THEIRS else MISSING,
                          "fill": THEIRS if who == MINE else MINE})
        out[part] = result
    return out if out is not None else side


# ---- the same new id on both sides ---------------------------------------------------


def _in(docs: list[dict], part: str, record: dict) -> bool:
    k = _key(record)
    return any(isinstance(d.get(part), list) and any(_key(r) == k and r == record for r in d[part] if isinstance(r, dict)) for d in docs)


def _renumber_clashes(
    base: dict, ours: dict, theirs: dict, shared: list[dict], default: str,
    renamed_ours: dict, renamed_theirs: dict, found: list[dict],
) -> tuple[dict, dict]:
    """Both sides added a different record under one new id: the one never shared (nor
    sent) is renumbered on its side; neither can be: a ``same-id`` conflict."""
    give_theirs: dict[str, set[str]] = {}
    for part, records in ours.items():
        if part == "ext" or not _is_records(records) or not _is_records(theirs.get(part, [])):
            continue
        old = {_key(r) for r in base.get(part, [])} if _is_records(base.get(part, [])) else set()
        other = {_key(r): r for r in theirs.get(part, [])}
        for r in records:
            k = _key(r)
            if k.startswith("#") or k in old or k not in other or other[k] == r:
                continue
            t = other[k]
            fixed_o = _in(shared, part, r) or _is_sent((part,), r)
            fixed_t = _in(shared, part, t) or _is_sent((part,), t)
            if fixed_o and fixed_t:
                # the record holds mine; theirs is in the conflict, not in the list
                found.append({"path": [part, k], "reason": SAME_ID, "base": MISSING, "mine": r, "theirs": t})
                give_theirs.setdefault(part, set()).add(k)
                continue
            if fixed_o or (not fixed_t and default == THEIRS_SIDE):
                theirs = _renumber_one(theirs, ours, base, part, k, renamed_theirs)
            else:
                ours = _renumber_one(ours, theirs, base, part, k, renamed_ours)
    for part, ks in give_theirs.items():
        theirs = {**theirs, part: [r for r in theirs[part] if _key(r) not in ks]}
    return ours, theirs


def _renumber_one(side: dict, other: dict, base: dict, part: str, k: str, renamed: dict) -> dict:
    """``side`` with its record ``k`` of ``part`` under a fresh id, its references following."""
    side = copy.deepcopy(side)
    taken = {_key(r) for d in (base, other, side) for r in (d.get(part) or []) if isinstance(r, dict)}
    taken |= {v for (p, _o), v in renamed.items() if p == part}
    new = _fresh(k, taken)
    renamed[(part, k)] = new
    for r in side[part]:
        if _key(r) == k:
            r["id"] = new
    for source, attr, target in FOLLOWS:
        if target == part:
            for ref in side.get(source, []):
                if ref.get(attr) == k:
                    ref[attr] = new
    return side


def _split(ident: str) -> tuple[str, int | None]:
    m = re.fullmatch(r"(.*?)(\d+)", ident)
    return (m.group(1), int(m.group(2))) if m else (ident, None)


def _fresh(ident: str, taken: set[str]) -> str:
    prefix, number = _split(ident)
    if number is None:
        n = 2
        while f"{ident}-{n}" in taken:
            n += 1
        return f"{ident}-{n}"
    highest = max((n for p, n in map(_split, taken) if p == prefix and n is not None), default=number)
    return f"{prefix}{highest + 1}"


def _renumber(base: dict, kept: dict, renumbered: dict, renamed: dict) -> dict:
    """``renumbered`` with each record that clashes with a different new record of ``kept`` under a new id."""
    renumbered = copy.deepcopy(renumbered)
    for part, records in renumbered.items():
        if part == "ext" or not _is_records(records):
            continue
        old = {_key(r) for r in base.get(part, [])}
        mine = {_key(r): r for r in kept.get(part, [])}
        taken = {*old, *mine, *(_key(r) for r in records)}
        for r in records:
            k = _key(r)
            if k.startswith("#") or k in old or k not in mine or mine[k] == r:
                continue
            new = _fresh(k, taken)
            taken.add(new)
            renamed[(part, k)] = new
            r["id"] = new
            for source, attr, target in FOLLOWS:
                if target == part:
                    for ref in renumbered.get(source, []):
                        if ref.get(attr) == k:
                            ref[attr] = new
    return renumbered


# ---- a deleted record the other side still refers to ---------------------------------


def _keep_referenced(doc: dict, base: dict, ours: dict, theirs: dict, found: list[dict]) -> None:
    for source, attr, target in REFERENCES:
        present = {_key(r) for r in doc.get(target, [])}
        for ref in doc.get(source, []):
            ident = ref.get(attr)
            if ident is None or ident in present:
                continue
            kept = {_key(r): r for r in base.get(target, [])}
            if ident not in kept:
                continue  # not a record deleted by the merge: the versions themselves had it so
            o = next((r for r in ours.get(target, []) if _key(r) == ident), MISSING)
            t = next((r for r in theirs.get(target, []) if _key(r) == ident), MISSING)
            record = _conflict(found, (target, ident), REFERENCED, kept[ident], o, t)
            doc.setdefault(target, []).append(record if record is not MISSING else kept[ident])
            present.add(ident)


# ---- choosing --------------------------------------------------------------------------

def can_keep_both(conflict: Conflict) -> bool:
    """Both sides are texts (kept one after the other) or whole records (theirs under a new id)."""
    m, t = conflict.mine, conflict.theirs
    if isinstance(m, str) and isinstance(t, str):
        return True
    return isinstance(m, dict) and isinstance(t, dict) and len(conflict.path) == 2 and isinstance(m.get("id"), str)


def resolve(project: Project, index: int, choice: str) -> Project:
    """The project with conflict ``index`` settled as ``choice`` (mine, theirs, base, or
    both: two texts one after the other, two records with theirs under a new id);
    ``ValueError`` when the choice would leave the project invalid (the base of a value
    that must be there, when it had none)."""
    conflict = project.conflicts[index]
    doc = to_document(project, converter)
    doc["conflicts"] = doc.get("conflicts", [])
    del doc["conflicts"][index]
    if not doc["conflicts"]:
        del doc["conflicts"]
    if choice == BOTH:
        if not can_keep_both(conflict):
            raise ValueError(conflict.where())
        if isinstance(conflict.mine, str):
            _set(doc, conflict.path, conflict.mine.rstrip() + "\n\n" + conflict.theirs.lstrip())
        else:  # the record the file holds keeps its id (it may be shared); the other gets a new one
            current = _get(doc, conflict.path)
            stays, other = (conflict.theirs, conflict.mine) if current == conflict.theirs else (conflict.mine, conflict.theirs)
            _set(doc, conflict.path, stays)
            records = doc.setdefault(conflict.path[0], [])
            other = copy.deepcopy(other)
            other["id"] = _fresh(other["id"], {_key(r) for r in records})
            records.append(other)
    elif conflict.reason == ORDER:
        _reorder(doc, conflict.path, getattr(conflict, choice) or [])
    else:
        _set(doc, conflict.path, getattr(conflict, choice))
    settled, findings = structure(doc, Project, fast=True)
    if settled is None:
        raise ValueError("; ".join(f.text() for f in findings))
    return settled


def _reorder(doc: dict, path: list[str], order: list[str]) -> None:
    """The list at ``path`` in ``order`` (by key); records the order does not name keep
    their place after the record they follow now."""
    records = _get(doc, path)
    if not isinstance(records, list):
        return
    keys = _keys(records)
    by_key = dict(zip(keys, records, strict=True))
    out = [k for k in order if k in by_key]
    for i, k in enumerate(keys):
        if k not in out:
            out.insert(_after(out, keys[:i]), k)
    records[:] = [by_key[k] for k in out]


def _get(doc: dict, path: list[str]) -> Any:
    here: Any = doc
    for step in path:
        if isinstance(here, list):
            here = next((r for r in here if isinstance(r, dict) and _key(r) == step), MISSING)
        elif isinstance(here, dict):
            here = here.get(step, MISSING)
        else:
            return MISSING
        if here is MISSING:
            return MISSING
    return here


def _set(doc: dict, path: list[str], value: Any) -> None:
    here: Any = doc
    for i, step in enumerate(path):
        last = i == len(path) - 1
        if isinstance(here, list):
            at = next((j for j, r in enumerate(here) if _key(r) == step), None)
            if last:
                if value is None and at is not None:
                    del here[at]
                elif value is not None:
                    if at is None:
                        here.append(value)
                    else:
                        here[at] = value
                return
            if at is None:
                return  # the record is gone: nothing to set in it
            here = here[at]
        else:
            if last:
                if value is None:
                    here.pop(step, None)
                else:
                    here[step] = value
                return
            here = here.setdefault(step, [] if _is_list_part(step) else {})


def _is_list_part(step: str) -> bool:
    return step in _LISTS


_LISTS = {a.name for a in attrs.fields(Project) if a.default is not attrs.NOTHING and getattr(a.default, "factory", None) is list}
