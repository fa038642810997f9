"""The merge's rules one by one (storage/merge.py), on small files, without git."""

from __future__ import annotations

from lilla_ratten.storage import parse_project, render
from lilla_ratten.storage.merge import BASE, MINE, THEIRS, merge_texts, resolve
from tests.conftest import MINIMAL

ACTIVITY = """
[[activities]]
id = "A1"
title = "Intervjuer"
milestone = "M2"
"""
SENT = """
[[status_reports]]
id = "SR1"
date = 2023-06-06
summary = "Klart."
sent = 2023-06-07
"""


def test_a_record_deleted_on_one_side_that_the_other_refers_to_is_kept_as_a_conflict():
    ours = MINIMAL.replace('[[milestones]]\nid = "M2"\ntitle = "Uppföljning"\nplanned = 2023-10-01\n', "")
    assert 'id = "M2"' not in ours
    merged = merge_texts(MINIMAL, ours, MINIMAL + ACTIVITY)
    assert [(c.path, c.reason, c.mine) for c in merged.conflicts] == [(["milestones", "M2"], "referenced", None)]
    assert [m.id for m in merged.project.milestones] == ["M1", "M2"]  # kept until chosen: no dangling reference
    # choosing "mine" (deleted) is possible; the reference then dangles and validate says so
    settled = resolve(merged.project, 0, MINE)
    assert [m.id for m in settled.milestones] == ["M1"] and settled.conflicts == []


def test_a_report_marked_sent_on_one_side_and_edited_on_the_other_is_a_conflict():
    base = MINIMAL + SENT.replace("sent = 2023-06-07\n", "")
    ours = base.replace('summary = "Klart."', 'summary = "Klart."\nsent = 2023-06-07')
    theirs = base.replace('summary = "Klart."', 'summary = "Klart, men sent."')
    merged = merge_texts(base, ours, theirs)
    assert [(c.path, c.reason, c.mine, c.theirs) for c in merged.conflicts] == [
        (["status_reports", "SR1", "summary"], "sent", "Klart.", "Klart, men sent.")
    ]
    assert merged.project.status_reports[0].sent is not None  # the sending itself is not in question
    # both sides marking it sent the same day is no conflict
    assert merge_texts(base, ours, ours).conflicts == []


def test_a_sent_report_deleted_on_one_side_is_a_conflict_and_choosing_theirs_deletes_it():
    base = MINIMAL + SENT
    merged = merge_texts(base, base, MINIMAL)
    assert [(c.path, c.reason) for c in merged.conflicts] == [(["status_reports", "SR1"], "sent")]
    assert resolve(merged.project, 0, THEIRS).status_reports == []
    assert resolve(merged.project, 0, BASE).status_reports[0].summary == "Klart."


def test_a_file_added_on_both_sides_merges_against_an_empty_base():
    # with no base every record is new on both sides: the same one is kept once, a different
    # one under the same id is mine renumbered, as for any two additions
    ours = MINIMAL.replace('title = "Uppföljning"', 'title = "Uppföljning klar"')
    theirs = MINIMAL + ACTIVITY
    merged = merge_texts("", ours, theirs)
    assert merged.conflicts == []
    assert [(m.id, m.title) for m in merged.project.milestones] == [
        ("M1", "Kartläggning klar"), ("M2", "Uppföljning"), ("M3", "Uppföljning klar")
    ]
    assert merged.project.activities[0].id == "A1"


def test_comments_of_both_sides_are_kept_and_the_result_is_canonical():
    ours = MINIMAL.replace('title = "Uppföljning"', 'title = "Uppföljning"  # mitt')
    theirs = MINIMAL.replace('planned = 2023-06-01', 'planned = 2023-06-01  # deras').replace(
        "planned = 2023-10-01", "planned = 2023-11-01"
    )
    merged = merge_texts(MINIMAL, ours, theirs)
    assert "# mitt" in merged.text and "# deras" in merged.text and "planned = 2023-11-01" in merged.text
    parsed = parse_project(merged.text, "m.toml")
    assert render(parsed.project, parsed.notes) == merged.text


def test_a_conflict_table_is_written_and_read_back_as_documented():
    ours = MINIMAL.replace('title = "Uppföljning"', 'title = "Bos"')
    theirs = MINIMAL.replace('title = "Uppföljning"', 'title = "Annas"')
    merged = merge_texts(MINIMAL, ours, theirs)
    assert merged.text.endswith(
        '[[conflicts]]\npath = [\n    "milestones",\n    "M2",\n    "title",\n]\nreason = "changed"\n'
        'base = "Uppföljning"\nmine = "Bos"\ntheirs = "Annas"\n'
    )
    parsed = parse_project(merged.text, "m.toml")
    assert [p.message for p in parsed.problems] == ["unresolved merge conflict at milestones M2 title: open the file in the app and choose"]
    assert resolve(parsed.project, 0, THEIRS).milestones[1].title == "Annas"


def test_a_renumbered_record_keeps_its_own_comments():
    mine = MINIMAL + '\n# Bos egen milstolpe\n[[milestones]]\nid = "M3"\ntitle = "Bos"  # viktig\nplanned = 2023-12-01\n'
    theirs = MINIMAL + '\n[[milestones]]\nid = "M3"\ntitle = "Annas"\nplanned = 2023-11-01\n'
    merged = merge_texts(MINIMAL, mine, theirs)
    assert merged.conflicts == []
    assert [(m.id, m.title) for m in merged.project.milestones][2:] == [("M3", "Annas"), ("M4", "Bos")]
    assert merged.text.endswith(
        '[[milestones]]\nid = "M3"\ntitle = "Annas"\nplanned = 2023-11-01\n\n'
        '# Bos egen milstolpe\n[[milestones]]\nid = "M4"\ntitle = "Bos"  # viktig\nplanned = 2023-12-01\n'
    )
