"""Comments and order through a three-way merge (issue 30 item 5): a comment stays with its
item, id or not; both sides' comments are kept; a comment on a record the other side deleted
keeps the record as a conflict; two reorders keep one order and record the other."""

from __future__ import annotations

from lilla_ratten.storage.merge import MINE, THEIRS, merge_texts, resolve
from tests.conftest import MINIMAL

VALUES = MINIMAL + '''
[[effect_goals]]
id = "G1"
text = "Fler barn får stöd"

[[indicators]]
id = "I1"
goal = "G1"
name = "Andel barn"

[[indicator_values]]
indicator = "I1"
date = 2023-06-01
value = 10.0

[[indicator_values]]
indicator = "I1"
date = 2023-07-01
value = 20.0

[final]
references = [
    "Rapport A",
    "Rapport B",
]
'''

JULY = '[[indicator_values]]\nindicator = "I1"\ndate = 2023-07-01'
MAY = '[[indicator_values]]\nindicator = "I1"\ndate = 2023-05-01\nvalue = 5.0\n\n'
JUNE = '[[indicator_values]]\nindicator = "I1"\ndate = 2023-06-01\nvalue = 10.0\n\n'


def block_of(text: str, start: str) -> str:
    """From the comment lines right above ``start`` to ``start``."""
    at = text.index(start)
    lines = text[:at].splitlines()
    above = []
    while lines and lines[-1].startswith("#"):
        above.insert(0, lines.pop())
    return "\n".join(above)


def test_a_comment_on_an_item_without_id_stays_with_it_when_the_other_side_inserts_before_it():
    ours = VALUES.replace(JULY, "# Annas anmärkning: juli räknades om\n" + JULY)
    theirs = VALUES.replace(JUNE, MAY + JUNE)
    text = merge_texts(VALUES, ours, theirs).text
    assert "date = 2023-05-01" in text
    assert block_of(text, JULY) == "# Annas anmärkning: juli räknades om"
    assert block_of(text, JUNE) == "" and block_of(text, MAY.strip()) == ""


def test_a_comment_on_an_item_without_id_stays_with_it_when_the_other_side_removes_one_before_it():
    ours = VALUES.replace(JULY, "# Annas anmärkning\n" + JULY)
    theirs = VALUES.replace(JUNE, "")
    text = merge_texts(VALUES, ours, theirs).text
    assert "date = 2023-06-01" not in text
    assert block_of(text, JULY) == "# Annas anmärkning"


def test_a_comment_on_a_list_element_stays_with_its_element():
    ours = VALUES.replace('    "Rapport B",', '    "Rapport B",  # Annas källa')
    theirs = VALUES.replace('    "Rapport A",', '    "Rapport 0",\n    "Rapport A",')
    text = merge_texts(VALUES, ours, theirs).text
    assert 'references = [\n    "Rapport 0",\n    "Rapport A",\n    "Rapport B",  # Annas källa\n]' in text


def test_a_comment_on_a_list_element_is_kept_when_saved():
    from lilla_ratten.storage.files import comments_of, parse_project, render

    text = VALUES.replace('    "Rapport A",', '    # först\n    "Rapport A",  # äldst')
    parsed = parse_project(text, "p.toml")
    assert '[final]\nreferences = [\n    # först\n    "Rapport A",  # äldst\n    "Rapport B",\n]' in render(parsed.project, comments_of(text))


def test_comments_at_one_place_on_both_sides_are_both_kept_on_items_without_id_too():
    ours = VALUES.replace(JULY, "# Anna\n" + JULY).replace('    "Rapport B",', '    "Rapport B",  # Anna')
    theirs = VALUES.replace(JULY, "# Bo\n" + JULY).replace('    "Rapport B",', '    "Rapport B",  # Bo')
    text = merge_texts(VALUES, ours, theirs).text
    assert block_of(text, JULY) == "# Anna\n# Bo"
    assert '    # Bo\n    "Rapport B",  # Anna' in text


def test_a_comment_on_a_record_the_other_side_deleted_keeps_the_record_as_a_conflict():
    m2 = '[[milestones]]\nid = "M2"'
    ours = MINIMAL.replace(m2, "# Anna: M2 flyttas, inte stryks\n" + m2)
    theirs = MINIMAL[: MINIMAL.index(m2)].rstrip() + "\n"
    merged = merge_texts(MINIMAL, ours, theirs)
    assert [(c.reason, c.path) for c in merged.conflicts] == [("deleted", ["milestones", "M2"])]
    assert merged.project.milestone("M2") is not None
    assert block_of(merged.text, m2) == "# Anna: M2 flyttas, inte stryks"
    assert resolve(merged.project, 0, THEIRS).milestone("M2") is None  # a person may still delete it
    # the other way round: theirs commented, ours deleted
    merged = merge_texts(MINIMAL, theirs, ours)
    assert [(c.reason, c.path) for c in merged.conflicts] == [("deleted", ["milestones", "M2"])]
    assert block_of(merged.text, m2) == "# Anna: M2 flyttas, inte stryks"


def test_a_record_deleted_with_the_comment_it_already_had_is_a_plain_delete():
    m2 = '[[milestones]]\nid = "M2"'
    base = MINIMAL.replace(m2, "# gammal kommentar\n" + m2)
    theirs = base[: base.index("# gammal")].rstrip() + "\n"
    merged = merge_texts(base, base.replace('planned = 2023-06-01', 'planned = 2023-06-02'), theirs)
    assert merged.conflicts == [] and merged.project.milestone("M2") is None
    assert "# gammal kommentar" not in merged.text


def test_a_comment_whose_value_the_other_side_removed_moves_up_never_lost():
    ours = VALUES.replace('    "Rapport B",', '    "Rapport B",  # Annas källa')
    theirs = VALUES.replace('    "Rapport B",\n', "")
    text = merge_texts(VALUES, ours, theirs).text
    assert '# Annas källa\nreferences = [\n    "Rapport A",\n]' in text


THREE = MINIMAL + '\n[[milestones]]\nid = "M3"\ntitle = "Tre"\nplanned = 2023-11-01\n'


def order(text: str) -> list[str]:
    return [line.split('"')[1] for line in text.splitlines() if line.startswith('id = "M')]


def reordered(text: str, ids: list[str]) -> str:
    head, *blocks = text.split("\n[[milestones]]\n")
    by_id = {b.split('"')[1]: b for b in blocks}
    return head + "".join("\n[[milestones]]\n" + by_id[i].rstrip("\n") + "\n" for i in ids)


def test_one_sides_reorder_is_kept_when_the_other_edits_a_record():
    theirs = reordered(THREE, ["M3", "M1", "M2"])
    ours = THREE.replace('title = "Tre"', 'title = "Tre, ändrad"')
    merged = merge_texts(THREE, ours, theirs)
    assert order(merged.text) == ["M3", "M1", "M2"] and merged.project.milestone("M3").title == "Tre, ändrad"
    assert merged.conflicts == []


def test_both_reordering_keeps_mine_and_records_theirs_which_can_be_taken():
    ours = reordered(THREE, ["M2", "M1", "M3"]).replace('title = "Tre"', 'title = "Tre, ändrad"')
    theirs = reordered(THREE, ["M3", "M2", "M1"])
    merged = merge_texts(THREE, ours, theirs)
    assert order(merged.text) == ["M2", "M1", "M3"] and merged.project.milestone("M3").title == "Tre, ändrad"
    [conflict] = merged.conflicts
    assert (conflict.reason, conflict.path, conflict.base, conflict.mine, conflict.theirs) == (
        "order", ["milestones"], ["M1", "M2", "M3"], ["M2", "M1", "M3"], ["M3", "M2", "M1"])
    assert [m.id for m in resolve(merged.project, 0, THEIRS).milestones] == ["M3", "M2", "M1"]
    assert [m.id for m in resolve(merged.project, 0, MINE).milestones] == ["M2", "M1", "M3"]
    assert [m.id for m in resolve(merged.project, 0, "base").milestones] == ["M1", "M2", "M3"]
    assert resolve(merged.project, 0, THEIRS).milestone("M3").title == "Tre, ändrad"


def test_records_added_during_two_reorders_are_all_kept_after_the_record_they_follow():
    m4 = '\n[[milestones]]\nid = "M4"\ntitle = "Fyra"\nplanned = 2023-12-01\n'
    m5 = '\n[[milestones]]\nid = "M5"\ntitle = "Fem"\nplanned = 2023-12-02\n'
    ours = reordered(THREE + m5, ["M2", "M1", "M5", "M3"])
    theirs = reordered(THREE + m4, ["M3", "M4", "M2", "M1"])
    merged = merge_texts(THREE, ours, theirs)
    assert order(merged.text) == ["M2", "M1", "M5", "M3", "M4"]
    assert merged.conflicts[0].theirs == ["M3", "M4", "M2", "M1"]


def test_the_same_reorder_on_both_sides_is_no_conflict():
    both = reordered(THREE, ["M3", "M1", "M2"])
    merged = merge_texts(THREE, both, both.replace('title = "Tre"', 'title = "3"'))
    assert order(merged.text) == ["M3", "M1", "M2"] and merged.conflicts == []
