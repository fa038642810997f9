"""Comments and order through real ``git`` merges in real clones, the merge driver installed
(issue 30 item 5): a comment stays with its item, id or not; comments written at one place on
both sides are both kept; a comment on a record the other side deleted keeps the record as a
conflict; two reorders keep one order and the other is a choice in the app."""

from __future__ import annotations

import shutil

import pytest

from lilla_ratten.storage import parse_project, read_project
from lilla_ratten.tui.screens.merge_conflicts import MergeConflicts
from tests.test_git_team import on_server, share
from tests.test_merge_comments import block_of
from tests.test_merge_driver import git, shared  # noqa: F401 - shared is a fixture
from tests.test_tui_git import make_app

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed on this machine")

VALUES = '''
[[indicators]]
id = "I1"
goal = "EM1"
name = "Andel barn med stöd"

[[indicator_values]]
indicator = "I1"
date = 2008-09-01
value = 10.0

[[indicator_values]]
indicator = "I1"
date = 2008-10-01
value = 20.0
'''
OCTOBER = '[[indicator_values]]\nindicator = "I1"\ndate = 2008-10-01'
SEPTEMBER = '[[indicator_values]]\nindicator = "I1"\ndate = 2008-09-01'
AUGUST = '[[indicator_values]]\nindicator = "I1"\ndate = 2008-08-01\nvalue = 5.0\n\n'
M4 = '[[milestones]]\nid = "M4"'


def text_of(repo) -> str:
    return (repo / "projekt.toml").read_text(encoding="utf-8")


def write(repo, text: str, message: str, push: bool = True) -> None:
    (repo / "projekt.toml").write_text(text, encoding="utf-8")
    git(repo, "commit", "-qam", message)
    if push:
        git(repo, "push", "-q", "origin", "HEAD")


def with_values(repo) -> None:
    """Indicator values (a list without ids) saved through the app's writer and shared."""
    loaded = read_project(repo / "projekt.toml")
    goal = loaded.project.effect_goals[0].id
    text = loaded.index.text.rstrip("\n") + "\n" + VALUES.replace('"EM1"', f'"{goal}"')
    parsed = parse_project(text, "projekt.toml")
    assert parsed.project is not None, parsed.problems
    from lilla_ratten.storage.files import render

    write(repo, render(parsed.project, {}), "Indikatorvärden")


def test_a_comment_on_an_item_without_id_stays_with_it_through_git_pull(shared):
    anna, bo = shared("anna"), shared("bo")
    with_values(anna)
    git(bo, "pull", "-q", "--no-edit")
    write(bo, text_of(bo).replace(SEPTEMBER, AUGUST + SEPTEMBER).replace(
        '"project.start",', '"project.period",\n    "project.start",'), "Bo: augusti först")
    write(anna, text_of(anna).replace(OCTOBER, "# Anna: oktober räknades om\n" + OCTOBER).replace(
        '    "project.end",', '    "project.end",  # Anna: gissat'), "Anna: kommentarer", push=False)
    pulled = git(anna, "pull", "--no-edit", check=False)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    git(anna, "push", "-q", "origin", "HEAD")
    for text in (text_of(anna), on_server(anna.parent)):
        assert "date = 2008-08-01" in text
        assert block_of(text, OCTOBER) == "# Anna: oktober räknades om"
        assert block_of(text, SEPTEMBER) == "" and block_of(text, AUGUST.strip()) == ""
        assert '    "project.period",\n    "project.start",\n    "project.end",  # Anna: gissat\n]' in text


def test_comments_written_at_one_place_on_both_sides_are_both_kept_through_pull_rebase(shared):
    anna, bo = shared("anna"), shared("bo")
    write(anna, text_of(anna).replace(M4, "# Anna: flyttas till hösten\n" + M4), "Anna: kommentar")
    write(bo, text_of(bo).replace(M4, "# Bo: vänta på nämnden\n" + M4), "Bo: kommentar", push=False)
    rebased = git(bo, "pull", "--rebase", check=False)
    assert rebased.returncode == 0, rebased.stdout + rebased.stderr
    git(bo, "push", "-q", "origin", "HEAD")
    kept = block_of(on_server(bo.parent), M4)
    assert set(kept.splitlines()) == {"# Anna: flyttas till hösten", "# Bo: vänta på nämnden"}


def without_m4(text: str) -> str:
    start = text.index(M4)
    end = text.index("\n[[", start + 1)
    return text[:start] + text[end + 1:]


def test_a_comment_on_a_record_the_other_side_deleted_keeps_it_as_a_conflict_through_git_pull(shared):
    anna, bo = shared("anna"), shared("bo")
    write(bo, without_m4(text_of(bo)), "Bo: M4 stryks")
    write(anna, text_of(anna).replace(M4, "# Anna: M4 behövs för nämnden\n" + M4), "Anna: kommentar", push=False)
    pulled = git(anna, "pull", "--no-edit", check=False)
    assert pulled.returncode != 0 and "[[conflicts]]" in pulled.stderr  # never a silent exit 0
    project = read_project(anna / "projekt.toml").project
    assert [(c.reason, c.path) for c in project.conflicts] == [("deleted", ["milestones", "M4"])]
    assert project.milestone("M4") is not None
    assert block_of(text_of(anna), M4) == "# Anna: M4 behövs för nämnden"


def reordered(text: str, ids: list[str]) -> str:
    """The milestones in the order ``ids`` (their blocks moved whole)."""
    start = text.index("[[milestones]]")
    end = text.index("\n[[", text.rindex("[[milestones]]") + 1) + 1
    blocks = {b.split('"')[1]: "[[milestones]]" + b for b in text[start:end].split("[[milestones]]")[1:]}
    return text[:start] + "".join(blocks[i].rstrip("\n") + "\n\n" for i in ids) + text[end:]


def milestone_order(text: str) -> list[str]:
    return [m.id for m in parse_project(text, "projekt.toml").project.milestones]


async def test_both_reordering_keeps_mine_and_theirs_is_a_choice_in_the_app(shared, tmp_path):
    anna, bo = shared("anna"), shared("bo")
    ids = milestone_order(text_of(anna))
    annas, bos = [ids[-1], *ids[:-1]], [*ids[1:], ids[0]]
    write(bo, reordered(text_of(bo), bos), "Bo: M1 sist")
    write(anna, reordered(text_of(anna), annas), "Anna: sista först", push=False)
    pulled = git(anna, "pull", "--no-edit", check=False)
    assert pulled.returncode != 0 and "[[conflicts]]" in pulled.stderr
    assert milestone_order(text_of(anna)) == annas  # mine, deterministically
    [conflict] = read_project(anna / "projekt.toml").project.conflicts
    assert (conflict.reason, conflict.mine, conflict.theirs) == ("order", annas, bos)
    app = make_app(anna / "projekt.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MergeConflicts)
        shown = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert ", ".join(bos) in shown and "different order" in shown
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("y")  # finish the merge
        await pilot.pause()
        await share(app, pilot)
    assert milestone_order(on_server(tmp_path)) == bos
