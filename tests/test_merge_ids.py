"""Ids in a merge (issue 30): a record others already have never changes id; a pasted
duplicate and a sent report that would be renumbered become conflicts, never a silent
replacement. The rules on small files without git; tests/test_git_team.py runs them
through real git (pull --rebase, stash pop, cherry-pick, merging a branch)."""

from __future__ import annotations

from lilla_ratten.storage.merge import BOTH, MINE, THEIRS, THEIRS_SIDE, can_keep_both, merge_texts, resolve
from tests.conftest import MINIMAL


def milestone(ident: str, title: str, planned: str = "2023-11-01") -> str:
    return f'\n[[milestones]]\nid = "{ident}"\ntitle = "{title}"\nplanned = {planned}\n'


def activity(ident: str, title: str, of: str) -> str:
    return f'\n[[activities]]\nid = "{ident}"\ntitle = "{title}"\nmilestone = "{of}"\n'


OURS = MINIMAL + milestone("M3", "Annas delrapport")
THEIRS_TEXT = MINIMAL + milestone("M3", "Bos seminarium") + activity("A1", "Förbereda", "M3")


def ids(merged) -> dict[str, str]:
    return {m.id: m.title for m in merged.project.milestones}


def test_by_default_ours_gives_way_as_before():
    merged = merge_texts(MINIMAL, OURS, THEIRS_TEXT)
    assert ids(merged)["M3"] == "Bos seminarium" and ids(merged)["M4"] == "Annas delrapport"
    assert merged.conflicts == []


def test_the_side_already_shared_keeps_its_id_and_the_other_is_renumbered_with_its_references():
    """A rebase: git's "ours" is the upstream; A's M3 was pushed, B's was not."""
    merged = merge_texts(MINIMAL, OURS, THEIRS_TEXT, shared=[OURS])
    assert ids(merged)["M3"] == "Annas delrapport" and ids(merged)["M4"] == "Bos seminarium"
    assert merged.project.activities[0].milestone == "M4"  # B's activity follows B's milestone
    assert merged.conflicts == []


def test_neither_shared_the_side_named_gives_way():
    merged = merge_texts(MINIMAL, OURS, THEIRS_TEXT, renumber=THEIRS_SIDE)
    assert ids(merged)["M3"] == "Annas delrapport" and ids(merged)["M4"] == "Bos seminarium"


def test_shared_theirs_wins_over_the_named_side():
    merged = merge_texts(MINIMAL, OURS, THEIRS_TEXT, shared=[THEIRS_TEXT], renumber=THEIRS_SIDE)
    assert ids(merged)["M3"] == "Bos seminarium" and ids(merged)["M4"] == "Annas delrapport"


def test_both_shared_is_a_conflict_and_keeping_both_gives_theirs_a_new_id():
    merged = merge_texts(MINIMAL, OURS, THEIRS_TEXT, shared=[OURS, THEIRS_TEXT])
    [c] = merged.conflicts
    assert (c.path, c.reason, c.mine["title"], c.theirs["title"]) == (["milestones", "M3"], "same-id", "Annas delrapport", "Bos seminarium")
    assert ids(merged) == {"M1": "Kartläggning klar", "M2": "Uppföljning", "M3": "Annas delrapport"}
    assert can_keep_both(c)
    settled = resolve(merged.project, 0, BOTH)
    assert {m.id: m.title for m in settled.milestones} == {
        "M1": "Kartläggning klar", "M2": "Uppföljning", "M3": "Annas delrapport", "M4": "Bos seminarium"}
    assert settled.conflicts == []
    assert {m.title for m in resolve(merged.project, 0, THEIRS).milestones} >= {"Bos seminarium"}


SR = '\n[[status_reports]]\nid = "SR1"\ndate = 2023-06-06\nsummary = "{summary}"\n'


def test_a_sent_report_is_never_renumbered_the_unsent_one_gives_way():
    ours = MINIMAL + SR.format(summary="Annas, skickad") + "sent = 2023-06-07\n"
    theirs = MINIMAL + SR.format(summary="Bos utkast")
    merged = merge_texts(MINIMAL, ours, theirs)  # by default ours would give way: not a sent one
    reports = {r.id: r.summary for r in merged.project.status_reports}
    assert reports == {"SR1": "Annas, skickad", "SR2": "Bos utkast"} and merged.conflicts == []


def test_two_sent_reports_under_one_id_are_a_conflict():
    ours = MINIMAL + SR.format(summary="Annas") + "sent = 2023-06-07\n"
    theirs = MINIMAL + SR.format(summary="Bos") + "sent = 2023-06-08\n"
    merged = merge_texts(MINIMAL, ours, theirs)
    [c] = merged.conflicts
    assert c.reason == "same-id" and c.path == ["status_reports", "SR1"]
    assert [r.summary for r in merged.project.status_reports] == ["Annas"]


PASTED = milestone("M2", "Inklistrad kopia", "2024-01-15")


def test_a_pasted_duplicate_id_never_replaces_the_record_and_is_a_conflict():
    """The issue: a pasted block reusing id = "M2": the original and its date were gone, exit 0."""
    ours = MINIMAL + PASTED
    theirs = MINIMAL.replace('title = "Kartläggning klar"', 'title = "Kartläggning färdig"')
    merged = merge_texts(MINIMAL, ours, theirs)
    m2 = [m for m in merged.project.milestones if m.id == "M2"]
    assert [(m.title, m.planned.isoformat()) for m in m2] == [("Uppföljning", "2023-10-01")]
    assert merged.project.milestones[0].title == "Kartläggning färdig"  # the rest merged as usual
    [c] = merged.conflicts
    assert (c.path, c.reason, c.mine["title"], c.theirs["title"]) == (["milestones", "M2"], "duplicate", "Inklistrad kopia", "Uppföljning")
    settled = resolve(merged.project, 0, BOTH)  # keep both: the original keeps M2
    assert {m.id: m.title for m in settled.milestones} == {"M1": "Kartläggning färdig", "M2": "Uppföljning", "M3": "Inklistrad kopia"}
    assert {m.id: m.title for m in resolve(merged.project, 0, MINE).milestones}["M2"] == "Inklistrad kopia"
    assert {m.id: m.title for m in resolve(merged.project, 0, THEIRS).milestones}["M2"] == "Uppföljning"


def test_a_duplicate_on_their_side_too():
    theirs = MINIMAL + PASTED
    merged = merge_texts(MINIMAL, MINIMAL, theirs)
    [c] = merged.conflicts
    assert c.reason == "duplicate" and c.theirs["title"] == "Inklistrad kopia" and c.mine["title"] == "Uppföljning"
    assert [m.title for m in merged.project.milestones if m.id == "M2"] == ["Uppföljning"]


def test_keeping_both_texts_puts_one_after_the_other():
    ours = MINIMAL.replace('title = "Uppföljning"', 'title = "Annas"')
    theirs = MINIMAL.replace('title = "Uppföljning"', 'title = "Bos"')
    merged = merge_texts(MINIMAL, ours, theirs)
    assert can_keep_both(merged.conflicts[0])
    assert resolve(merged.project, 0, BOTH).milestone("M2").title == "Annas\n\nBos"


def test_comments_written_at_one_place_on_both_sides_are_both_kept_and_theirs_changes_come_in():
    base = MINIMAL.replace('[[milestones]]\nid = "M2"', '# gemensam\n[[milestones]]\nid = "M2"')
    ours = base.replace('[[milestones]]\nid = "M1"', '# Annas kommentar\n[[milestones]]\nid = "M1"')
    theirs = base.replace('[[milestones]]\nid = "M1"', '# Bos kommentar\n[[milestones]]\nid = "M1"').replace(
        "# gemensam", "# gemensam, ändrad av Bo")
    text = merge_texts(base, ours, theirs).text
    assert "# Annas kommentar" in text and "# Bos kommentar" in text
    assert "# gemensam, ändrad av Bo" in text
