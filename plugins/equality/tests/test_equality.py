"""The equality plugin: seed 001's figures, small-cell protection that holds, its checks."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from lilla_ratten_equality.protect import Protected, protect

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "sample_projects" / "ingen-ska-lamnas-utanfor-2.toml"


def recoverable(p: Protected) -> list[tuple[int, int]]:
    """Hidden cells whose value is the same in every table consistent with what is shown
    (the totals, every shown cell, and the grand total stated as N)."""
    hidden = sorted(p.hidden)
    if not hidden:
        return []
    bounds = [range(min(p.row_totals[i], p.col_totals[j]) + 1) for i, j in hidden]
    solutions = []
    for values in itertools.product(*bounds):
        t = [row[:] for row in p.cells]
        for (i, j), v in zip(hidden, values, strict=True):
            t[i][j] = v
        if sum(map(sum, t)) != p.total:
            continue
        if any(sum(t[i]) != p.row_totals[i] for i in range(len(p.rows)) if i not in p.hidden_rows):
            continue
        if any(sum(r[j] for r in t) != p.col_totals[j] for j in range(len(p.cols)) if j not in p.hidden_cols):
            continue
        solutions.append(values)
    return [c for k, c in enumerate(hidden) if len({s[k] for s in solutions}) == 1]


def test_naive_suppression_would_reveal_and_ours_does_not():
    # women reached 5 / not 19; men reached 1 / not 7: hiding only the 1 would let anyone
    # compute it from the men's total 8 minus the 7 shown.
    p = protect(["women", "men"], ["reached", "not"], [[5, 19], [1, 7]], 5)
    naive = Protected(p.rows, p.cols, p.cells, hidden={(1, 0)})
    assert recoverable(naive) == [(1, 0)]
    assert p.primary == 1 and p.secondary == 3
    assert recoverable(p) == []


@pytest.mark.parametrize(
    "cells",
    [
        [[3, 10, 12], [8, 2, 9], [10, 11, 6]],
        [[16, 0], [8, 8]],
        [[1, 6, 7], [6, 6, 6]],
        [[2, 2], [9, 9], [9, 9]],
        [[0, 4, 9], [7, 0, 8], [6, 5, 0]],
        [[1, 1, 1], [1, 1, 20]],
    ],
)
def test_no_hidden_cell_can_be_computed(cells):
    p = protect([f"r{i}" for i in range(len(cells))], [f"c{j}" for j in range(len(cells[0]))], cells, 5)
    assert all(cells[i][j] >= 5 or cells[i][j] == 0 or (i, j) in p.hidden for i in range(len(cells)) for j in range(len(cells[0])))
    assert recoverable(p) == []


def test_a_small_total_hides_its_whole_line_and_another(final_section):
    p = protect(["women", "men", "other"], ["yes", "no"], [[10, 12], [9, 8], [1, 2]], 5)
    assert 2 in p.hidden_rows and len(p.hidden_rows) == 2  # the margin could not be recomputed from N either
    assert recoverable(p) == []


@pytest.fixture
def cli(lr_cli):
    """``lilla-ratten ARGS`` in-process with the installed plugins (steps publishes participants), through the test kit."""
    return lambda *args: lr_cli(*args, entry_points=True)


@pytest.fixture
def final_section(cli):
    def section(*options: str) -> dict:
        r = cli(*options, "report", "final", str(SAMPLE), "--format", "json")
        assert r.returncode == 0, r.stderr
        return next(s for s in json.loads(r.stdout)["sections"] if s["id"] == "equality_analysis")

    return section


def test_seed_001_figures(final_section):
    data = final_section()["data"]
    assert data["gender"] == {"woman": 24, "man": 8} and data["participants"] == 32
    assert data["families"] == {"single": 16, "couple": 8, "total": 24}
    assert data["single_women"] == {"count": 16, "of_families": 24, "of_parents": 32}
    tab = data["crosstabs"]["household_type"]
    assert tab["cells"] == [[16, 0], [8, 8]] and tab["row_totals"] == [16, 16]
    assert tab["disclosures"] == ["single|woman|16"]  # "16 single parents, all women"


def test_steps_outcomes_arrive_through_the_participants_hook(final_section):
    outcomes = final_section()["data"]["outcomes"]
    assert sorted(outcomes) == ["moved_forward", "moved_forward × household_type", "reached_top", "reached_top × household_type"]
    top = outcomes["reached_top"]
    assert top["col_totals"] == [6, 26] and top["row_totals"] == [24, 8] and top["total"] == 32
    assert top["cells"] == [[None, None], [None, None]]  # 1 man or fewer than 5 somewhere: all four hidden
    forward = outcomes["moved_forward × household_type"]
    assert forward["cells"][0] == [9, 7] and forward["col_totals"] == [19, 13]


def test_equality_works_without_the_steps_plugin(final_section):
    data = final_section("--disable", "steps")["data"]
    assert data["gender"] == {"woman": 24, "man": 8} and data["participants"] == 32
    assert "outcomes" not in data and "families" not in data


def test_exported_outcome_tables_reveal_no_suppressed_value(final_section):
    data = final_section()["data"]
    for name, tab in data["outcomes"].items():
        hidden = [(i, j) for i, row in enumerate(tab["cells"]) for j, v in enumerate(row) if v is None]
        assert tab["suppressed"] == len(hidden), name
        for i, row in enumerate(tab["cells"]):
            shown = [v for v in row if v is not None]
            if tab["row_totals"][i] is not None and len(shown) == len(row) - 1:
                pytest.fail(f"{name}: row {i} has one hidden cell next to its total")
        for j in range(len(tab["cols"])):
            col = [row[j] for row in tab["cells"]]
            if tab["col_totals"][j] is not None and sum(v is None for v in col) == 1:
                pytest.fail(f"{name}: column {j} has one hidden cell next to its total")


BAD = """
[ext.equality]
version = 1
threshold = 2
total = 32

[[ext.equality.dimensions]]
id = "health"
label = "Hälsa"
categories = ["sjukskriven", "ej sjukskriven"]
special = true

[[ext.equality.people]]
id = "X9"
gender = "kvinna"

[ext.equality.people.attributes]
health = "sjukskriven"
age = "30-39"

[[ext.equality.counts]]
values = { gender = "woman" }
count = 20

[[ext.equality.counts]]
values = { gender = "man" }
count = 8
"""


def test_validation_messages(tmp_path, cli):
    text = SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "p.toml"
    # the sample's [ext.equality] (before [ext.steps]: plugin sections come by name) replaced by BAD
    without = text[: text.index("# Kön per pseudonym")] + text[text.index("\n[ext.steps]\n") + 1:]
    path.write_text(without + BAD, encoding="utf-8")
    out = cli("validate", str(path)).stdout
    assert "warning: ext.equality.threshold: a threshold below 3 protects almost nobody" in out
    assert "ext.equality.people[X9].id: X9 is not a participant of the steps section [equality]" in out
    assert 'ext.equality.people[X9].gender: "kvinna" is not allowed here; choose one of: woman, man, other gender (other) [equality]' in out
    assert "ext.equality.people[X9].attributes.health: health is a special category of personal data (GDPR art. 9)" in out
    assert ("ext.equality.people[X9].attributes.age: dimension age is not among the dimensions on the Equality tab; "
            "choose one of: Hälsa (health) [equality]") in out
    assert "ext.equality.counts: the counts by gender add up to 28, not the total 32 [equality]" in out


def test_validation_names_what_is_allowed_in_swedish(tmp_path, lr_cli):
    """What a count or a person may hold is named by the words the user reads, with what the file
    holds beside them: a dimension by its label, gender in Swedish."""
    text = SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "p.toml"
    without = text[: text.index("# Kön per pseudonym")] + text[text.index("\n[ext.steps]\n") + 1:]
    path.write_text(without + BAD.replace('values = { gender = "man" }', 'values = { age = "18-29", health = "frisk" }'), encoding="utf-8")
    out = lr_cli("validate", str(path), entry_points=True, lang="sv").stdout
    assert '"kvinna" är inte tillåtet här; välj ett av: kvinna (woman), man, annat kön (other)' in out
    assert ("dimensionen age finns inte bland dimensionerna på fliken Jämställdhet; "
            "välj en av: kön (gender), Hälsa (health)") in out  # a count may be by gender too
    assert '"frisk" är ingen kategori i Hälsa (health): sjukskriven, ej sjukskriven' in out
    assert "antalen efter kön summerar till 20, inte till totalen 32" in out
    assert "antalen efter age, Hälsa summerar till 8, inte till totalen 32" in out  # a dimension by its label
    assert "health är en känslig personuppgift (GDPR art. 9): per person krävs en rättslig grund, angiven under Inställningar på fliken Jämställdhet" in out
    assert "[[" not in out and "legal_basis" not in out  # the file's syntax is not the user's word
    without_dimensions = BAD[: BAD.index("[[ext.equality.dimensions]]")] + BAD[BAD.index("[[ext.equality.people]]"):]
    path.write_text(without + without_dimensions, encoding="utf-8")
    out = lr_cli("validate", str(path), entry_points=True, lang="sv").stdout
    assert "dimensionen age finns inte bland dimensionerna: projektet har inga ännu (lägg till dem under Dimensioner på fliken Jämställdhet)" in out
    assert "[[" not in out  # the file's syntax is not the user's word


def test_a_chart_shows_only_what_the_protected_table_shows():
    """The outcome-by-gender figure: every bar is a cell the table shows; a hidden cell is no
    bar (None), so a figure in a document reveals nothing the suppression hides."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from lilla_ratten_equality.breakdown import Crosstab
    from lilla_ratten_equality.plugin import _chart

    @settings(max_examples=200, deadline=None)
    @given(st.integers(2, 3).flatmap(lambda r: st.lists(st.lists(st.integers(0, 12), min_size=2, max_size=2), min_size=r, max_size=r)))
    def check(cells):
        rows, cols = [f"r{i}" for i in range(len(cells))], ["yes", "no"]
        p = protect(rows, cols, cells, 5)
        chart = _chart(Crosstab("t", "r", p, 5), "T")
        assert len(chart.series) == 2 and chart.categories == rows
        for j, series in enumerate(chart.series):
            for i, value in enumerate(series.values):
                assert value == p.shown(i, j)
                assert (value is None) == ((i, j) in p.hidden)

    check()


def counts_only(tmp_path, counts: list[dict], dimensions: list[dict] = ()) -> Path:
    """A copy of the sample whose people are replaced by aggregate counts (no per-person values)."""
    import tomllib

    import tomli_w

    data = tomllib.loads(SAMPLE.read_text(encoding="utf-8"))
    eq = data["ext"]["equality"]
    del eq["people"]
    eq["counts"] = counts
    if dimensions:
        eq["dimensions"] = list(dimensions)
    path = tmp_path / "counts.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


WOMEN_MEN = [{"values": {"gender": "woman"}, "count": 24}, {"values": {"gender": "man"}, "count": 8}]
AGE = {"id": "age", "label": "Ålder", "categories": ["18-29", "30-49", "50+"]}


def test_aggregate_counts_are_reported_as_people_are(tmp_path, lr_cli):
    """Counts of women and men only: the final report says the figures, as per-person data does
    (it said "2 entries covering ? people")."""
    path = counts_only(tmp_path, WOMEN_MEN)
    out = lr_cli("report", "final", str(path), "--format", "text", entry_points=True, lang="sv").stdout
    assert "Deltagare: 24 kvinnor (75\xa0%), 8 män (25\xa0%); bas: 32 personer." in out
    assert "?" not in out[out.index("R1 Representation"):out.index("R2 Resurser")]
    r = lr_cli("report", "final", str(path), "--format", "json", entry_points=True)
    data = next(s for s in json.loads(r.stdout)["sections"] if s["id"] == "equality_analysis")["data"]
    assert data["gender"] == {"woman": 24, "man": 8} and data["participants"] == 32
    from lilla_ratten_equality.plugin import lr_summary
    from lilla_ratten_equality.section import Count, EqualitySection

    section = EqualitySection(counts=[Count(values={"gender": "woman"}, count=24), Count(values={"gender": "man"}, count=8)])
    line = lr_summary({"equality": section})[0].blocks[0].text  # the overview's line, in the language last set
    assert line in ("kvinnor 24, män 8 (bas: 32)", "women 24, men 8 (base: 32)")


def test_counts_by_gender_and_a_dimension_make_a_protected_crosstab(tmp_path, lr_cli):
    """A {gender, age} key set gives the dimension × gender table, a cell under the threshold
    hidden (with what gives it away); a key set without gender a table by category."""
    cells = {("18-29", "woman"): 10, ("18-29", "man"): 2, ("30-49", "woman"): 9, ("30-49", "man"): 6,
             ("50+", "woman"): 5, ("50+", "man"): 0}
    counts = WOMEN_MEN + [{"values": {"gender": g, "age": a}, "count": n} for (a, g), n in cells.items()]
    counts += [{"values": {"age": a}, "count": n} for a, n in (("18-29", 12), ("30-49", 15), ("50+", 5))]
    path = counts_only(tmp_path, counts, [AGE])
    r = lr_cli("report", "final", str(path), "--format", "json", entry_points=True)
    assert r.returncode == 0, r.stderr
    data = next(s for s in json.loads(r.stdout)["sections"] if s["id"] == "equality_analysis")["data"]
    assert data["gender"] == {"woman": 24, "man": 8}
    tab = data["crosstabs"]["age"]
    assert tab["rows"] == ["18-29", "30-49", "50+"] and tab["cols"] == ["woman", "man"]
    assert tab["cells"][0][1] is None  # 2 men aged 18-29: below 5
    same = protect(["18-29", "30-49", "50+"], ["woman", "man"], [[10, 2], [9, 6], [5, 0]], 5)  # as for people
    assert tab["cells"] == [[same.shown(i, j) for j in range(2)] for i in range(3)] and tab["total"] == 32
    assert tab["suppressed"] >= 2 and recoverable(same) == []  # and more, so the 2 cannot be worked out
    assert data["by_category"]["age"]["cells"] == [[12], [15], [5]]
    out = lr_cli("report", "final", str(path), "--format", "text", entry_points=True, lang="sv").stdout
    r1 = out[out.index("R1 Representation"):out.index("R2 Resurser")]
    assert "Ålder" in r1 and "–" in r1 and "celler visas inte" in r1
