"""Issue 29 item 3: a report states nothing false; an unknown is shown as unknown, never as 0
or as a guess, and the receiver's own block is left blank for them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lilla_ratten.model import Milestone
from lilla_ratten.model.derived import overdue_milestones, slippage_days, unrecorded_milestones
from lilla_ratten.model.rules import check
from lilla_ratten.storage import read_project, render

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_projects"


def _report(name: str, fmt: str = "text", *args: str) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "lilla_ratten", "report", "final", str(SAMPLES / name), "--format", fmt, *args],
        capture_output=True, text=True, env={"LANG": "sv_SE.UTF-8", "PATH": "/usr/bin:/bin", "LILLA_RATTEN_LANG": "sv"},
    )
    assert run.returncode in (0, 3), run.stderr
    return run.stdout


def test_milestones_passed_without_a_date_are_counted_as_passed_and_said_so():
    text = _report("barnperspektivet-ekonomiskt-bistand.toml")
    assert "Avklarade milstolpar: 7/7" in text
    assert "klardatum ej angivet" not in text
    assert text.count("passerad, datum okänt") == 7
    md = _report("barnperspektivet-ekonomiskt-bistand.toml", "md")
    assert "passerad, datum okänt" in md and "7/7" in md


def test_a_passed_milestone_is_neither_late_nor_unrecorded():
    p = read_project(SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml").project
    m = p.milestones[0]
    assert m.passed and m.done is None and m.is_passed
    assert slippage_days(m, date(2030, 1, 1)) == 0
    assert unrecorded_milestones(p, date(2030, 1, 1)) == []
    assert overdue_milestones(p, date(2009, 3, 1)) == []


def test_passed_false_beside_a_done_date_is_refused(tmp_path):
    p = read_project(SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml").project
    p.milestones[0] = Milestone(id="M1", title="x", planned=date(2008, 11, 1), done=date(2008, 11, 2), passed=False)
    found = [f for f in check(p) if f.path == ("milestones", 0, "passed")]
    assert [f.message for f in found] == ["passed = false, but done {done} says it was passed"]


def test_passed_survives_the_canonical_writer(tmp_path):
    p = read_project(SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml").project
    out = tmp_path / "p.toml"
    out.write_text(render(p), encoding="utf-8")
    assert out.read_text(encoding="utf-8").count("passed = true") == 7
    assert read_project(out).project.milestones[3].passed is True


def test_no_author_or_approval_is_guessed():
    text = _report("barnperspektivet-ekonomiskt-bistand.toml")
    assert "Författare" not in text  # the report names no author: the leader's role is no name
    assert "Godkänd av styrgruppen: ej angivet" in text
    assert "inte än" not in text


def test_lansstyrelsen_form_leaves_the_period_and_the_receivers_block_as_the_form_has_them():
    text = _report("systematisk-uppfoljning-ensamkommande.toml")
    assert "Tid:             ej angivet" in text
    assert "2014-01-01 – 2014-12-31" not in text
    assert "Slutrapporten godkänns" not in text
    tail = text[text.index("LÄNSSTYRELSENS NOTERINGAR"):]
    assert "Fylls i av Länsstyrelsen." in tail and "Ort och datum:" in tail and "………" in tail


def test_fulfilment_in_the_reports_own_words():
    text = _report("systematisk-uppfoljning-ensamkommande.toml")
    assert "i stort uppnått" in text.split("MÅL MED INSATSEN")[1].split("ÅTGÄRD")[0]
    assert "delvis uppfyllt" not in text


def test_a_line_under_its_budget_in_incomplete_accounts_is_not_flagged():
    text = _report("systematisk-uppfoljning-ensamkommande.toml")
    assert "28\u00a0229 kr" in text and "(!)" not in text  # 28 229 and 20 000 under budget so far


def test_lum_form_boxes_wording_and_no_repeats():
    text = _report("ingen-ska-lamnas-utanfor-2.toml")
    assert ("☐ Kryss i rutan intygar att projektet har genomförts enligt beslut om\nprojektplan och budget. "
            "(ej angivet i rapporten)") in text
    assert ("Följande summa ska betalas/har betalats tillbaka till Socialförvaltningen: _____ kr.") in " ".join(text.split("\n"))
    assert text.count("Beställare") <= 1
    assert text.upper().count("PLAN FÖR VIDARE ARBETE") == 1
    assert "Vi vill med detta uppfylla projektets intention om att bedrivas i 12 månader." in " ".join(text.split())
    assert "Budget och utfall per rad" not in text  # the form has no figure: no second cost table
    assert text.count("Budget − utfall") == 1


@pytest.mark.parametrize("fmt", ["pdf"])
def test_compilation_pdf_total_says_not_known(tmp_path, fmt):
    out = tmp_path / f"c.{fmt}"
    run = subprocess.run(
        [sys.executable, "-m", "lilla_ratten", "portfolio", str(SAMPLES / "lum-2020"), "--format", fmt, "-o", str(out)],
        capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "LILLA_RATTEN_LANG": "sv"},
    )
    assert run.returncode == 0, run.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    total = next(line for line in text.splitlines() if line.strip().startswith("Totalt"))
    assert "0 kr" not in total and "okänt" in total


def test_lansstyrelsen_form_names_the_projektagare_as_such_and_no_bestallare():
    text = _report("systematisk-uppfoljning-ensamkommande.toml")
    assert "Projektägare:    Skaraborgs kommunalförbund" in text
    assert "Beställare" not in text  # the report names a projektägare, no beställare


def test_portfolio_subtotal_of_groups_stating_no_grant_is_not_known():
    run = subprocess.run(
        [sys.executable, "-m", "lilla_ratten", "portfolio", str(SAMPLES / "lum-2020"), "--by", "organisation", "--format", "md"],
        capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "LILLA_RATTEN_LANG": "sv"},
    )
    assert run.returncode == 0, run.stderr
    groups = run.stdout.split("## Per organisation")[1].split("## ")[0]
    rows = [line for line in groups.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert rows and all("| 0 kr |" not in line for line in rows), groups
    assert any("| okänt |" in line for line in rows)
