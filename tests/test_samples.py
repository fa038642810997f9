"""The sample projects reproduce the seeds' own figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from lilla_ratten.storage import read_project, render
from tests.conftest import SAMPLES

FILES = sorted(SAMPLES.glob("*.toml"))


def cli(*args):
    env = {**os.environ, "LILLA_RATTEN_LANG": "sv"}
    return subprocess.run([sys.executable, "-m", "lilla_ratten", *args], capture_output=True, text=True, env=env, timeout=60)


def final_json(name: str) -> dict:
    r = cli("report", "final", str(SAMPLES / name), "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def section(doc: dict, ident: str) -> dict:
    stack = list(doc["sections"])
    while stack:
        s = stack.pop()
        if s["id"] == ident:
            return s
        stack.extend(s["sections"])
    raise KeyError(ident)


def test_there_are_the_three_seed_samples():
    assert [f.name for f in FILES] == [
        "barnperspektivet-ekonomiskt-bistand.toml",
        "ingen-ska-lamnas-utanfor-2.toml",
        "systematisk-uppfoljning-ensamkommande.toml",
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_sample_is_valid_and_canonical(path):
    r = cli("validate", str(path))
    assert (r.returncode, r.stdout) == (0, f"{path}: inga problem\n")
    loaded = read_project(path)
    assert render(loaded.project, loaded.notes) == path.read_text(encoding="utf-8")


def test_seed_000():
    project = read_project(SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml").project
    assert [(m.id, m.planned) for m in project.milestones] == [
        ("M1", date(2008, 11, 1)), ("M2", date(2009, 2, 15)), ("M3", date(2009, 2, 15)), ("M4", date(2009, 3, 1)),
        ("M5", date(2009, 4, 15)), ("M6", date(2009, 5, 1)), ("M7", date(2009, 5, 15)),
    ]
    assert all(m.done is None for m in project.milestones)  # the seed gives no done dates
    assert len(project.project_goals) == 5 and len(project.exclusions) == 2
    assert project.effect_goals[0].measure_dates == [date(2010, 2, 1), date(2010, 5, 1), date(2010, 8, 1)]
    doc = final_json("barnperspektivet-ekonomiskt-bistand.toml")
    assert doc["data"]["budget"] == {"total": 432800, "outcome": 394450, "variance": 38350}
    fin = section(doc, "financial_statement")["data"]
    assert (fin["budget_total"], fin["outcome_total"], fin["underspend"]) == (432800, 394450, 38350)
    assert fin["repayment"] is None  # the seed states no grant terms
    text = cli("report", "final", str(SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml"), "--format", "text").stdout
    assert "Skillnad: 38\u00a0350 kr under budget" in text
    for heading in ("INLEDNING", "RESULTAT", "ARBETSSÄTT", "ÖVRIGA ERFARENHETER", "Ändringsönskemål och restlista", "Tidsplan", "Projektbudget"):
        assert heading in text


def test_seed_001_financial_statement():
    fin = section(final_json("ingen-ska-lamnas-utanfor-2.toml"), "financial_statement")["data"]
    assert fin["income"] == {"grant": 400000, "own": 258944, "other": 0}
    assert (fin["income_total"], fin["outcome_total"], fin["balance"], fin["repayment"]) == (658944, 658944, 0, 0)
    assert [(line["id"], line["outcome"]) for line in fin["lines"]] == [("staff", 658944), ("admin", 0), ("training", 0), ("other", 0)]


def test_seed_002_lines_and_the_two_stated_outcomes():
    fin = section(final_json("systematisk-uppfoljning-ensamkommande.toml"), "financial_statement")["data"]
    assert fin["budget_total"] == 720000
    budgets = {line["id"]: (line["budget"], line["outcome"]) for line in fin["lines"]}
    assert budgets == {
        "salaries": (515000, None), "external": (25000, None), "premises": (70000, None),
        "travel": (30000, 1771), "activities": (60000, None), "materials": (20000, 0),
    }
    assert fin["outcome_total"] is None  # not reported is not zero
