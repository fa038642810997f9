"""Properties of the three-way merge (storage/merge.py), on the sample project, without git."""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lilla_ratten.model import Activity, Milestone
from lilla_ratten.storage import parse_project, render
from lilla_ratten.storage.merge import MINE, THEIRS, merge_texts, resolve
from tests.conftest import SAMPLES

BASE_TEXT = (SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml").read_text(encoding="utf-8")
BASE = parse_project(BASE_TEXT, "base.toml").project
MILESTONES = [m.id for m in BASE.milestones]
ACTIVITIES = [a.id for a in BASE.activities]
words = st.sampled_from(["Kartläggning", "Seminarium", "Uppföljning", "Rapport klar", "Intervjuer"])

set_edit = st.one_of(
    st.tuples(st.just("set"), st.just("milestones"), st.sampled_from(MILESTONES), st.sampled_from(["title", "comment"]), words),
    st.tuples(st.just("set"), st.just("milestones"), st.sampled_from(MILESTONES), st.just("planned"), st.dates(dt.date(2008, 1, 1), dt.date(2010, 12, 31))),
    st.tuples(st.just("set"), st.just("activities"), st.sampled_from(ACTIVITIES), st.sampled_from(["title", "comment", "owner"]), words),
    st.tuples(st.just("set"), st.just("activities"), st.sampled_from(ACTIVITIES), st.sampled_from(["comment", "owner"]), st.none()),
)
delete_edit = st.tuples(st.just("delete"), st.just("activities"), st.sampled_from(ACTIVITIES), st.none(), st.none())
add_edit = st.tuples(st.just("add"), st.sampled_from(["milestones", "activities"]), st.none(), st.none(), words)
edits = st.lists(st.one_of(set_edit, delete_edit, add_edit), max_size=6)


def apply(project, changes, prefix: str):
    project = copy.deepcopy(project)
    for n, (kind, part, ident, field, value) in enumerate(changes):
        items = getattr(project, part)
        if kind == "add":
            new = f"{prefix}{n}"
            items.append(Milestone(id=new, title=value, planned=dt.date(2009, 9, 1)) if part == "milestones" else Activity(id=new, title=value))
            continue
        at = next((i for i, r in enumerate(items) if r.id == ident), None)
        if at is None:
            continue
        if kind == "delete":
            del items[at]
        else:
            setattr(items[at], field, value)
    return project


def touched(changes) -> tuple[dict, set]:
    sets = {(p, i, f): v for kind, p, i, f, v in changes if kind == "set"}
    deleted = {(p, i) for kind, p, i, _f, _v in changes if kind == "delete"}
    return sets, deleted


def clash(ours, theirs) -> bool:
    (os_, od), (ts, td) = touched(ours), touched(theirs)
    if any(k in ts and ts[k] != v for k, v in os_.items()):
        return True
    return any((p, i) in td for p, i, _f in os_) or any((p, i) in od for p, i, _f in ts)


def text(project) -> str:
    return render(project)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits, edits)
def test_merging_edits_that_do_not_clash_is_applying_both(ours_edits, theirs_edits):
    assume(not clash(ours_edits, theirs_edits))
    ours, theirs = apply(BASE, ours_edits, "X"), apply(BASE, theirs_edits, "Y")
    merged = merge_texts(BASE_TEXT, text(ours), text(theirs))
    assert merged.conflicts == []
    # theirs came in first (shared), ours' additions follow
    assert merged.text == text(apply(apply(BASE, theirs_edits, "Y"), ours_edits, "X"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits, edits, st.booleans())
def test_merging_never_loses_a_record_either_side_kept(ours_edits, theirs_edits, same_ids):
    ours = apply(BASE, ours_edits, "N")
    theirs = apply(BASE, theirs_edits, "N" if same_ids else "Y")  # same new ids: renumbered, both kept
    merged = merge_texts(BASE_TEXT, text(ours), text(theirs))
    for part in ("milestones", "activities"):
        old = {r.id: r for r in getattr(BASE, part)}
        mine, others = ({r.id: r for r in getattr(side, part)} for side in (ours, theirs))
        # kept: on both sides, or added or changed on one (untouched on one side and deleted on the other is deleted)
        kept = (mine.keys() & others.keys()) | {
            i for side in (mine, others) for i, r in side.items() if i not in old or r != old[i]
        }
        result = [r.id for r in getattr(merged.project, part)]
        assert kept <= set(result)
        assert len(result) == len(set(result))  # and no id twice
        added = len([r for r in getattr(ours, part) if r.id.startswith("N")]) + len(
            [r for r in getattr(theirs, part) if r.id[0] in "NY"]
        )
        assert len(result) >= added
    # and the result is a project whose every conflict can be chosen away
    project = merged.project
    while project.conflicts:
        project = resolve(project, 0, THEIRS if len(project.conflicts) % 2 else MINE)
    assert parse_project(render(project), "x.toml").project == project
