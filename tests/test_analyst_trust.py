"""Reports an analyst can trust (issue 22): no false alarms on closed projects, grants kept
apart from budgets, spent-to-date only from dated figures, Swedish words, roles, provenance."""

from __future__ import annotations

import json
import shutil

from lilla_ratten.cli import main
from tests.conftest import MINIMAL, SAMPLES

SEED_000 = SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml"
SEED_001 = SAMPLES / "ingen-ska-lamnas-utanfor-2.toml"


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out.replace("\u00a0", " ")  # Swedish money groups with a no-break space


def test_an_ended_project_has_no_late_milestones_only_unrecorded_dates(capsys, tmp_path):
    """status on seed 000 said 'M1 … 6605 dagar försenad' for all 7, also at its end date.
    The report says each was passed (passed = true, no date); without that, their dates are
    unrecorded, still never late."""
    undated = tmp_path / "undated.toml"
    undated.write_text(SEED_000.read_text(encoding="utf-8").replace("passed = true\n", ""), encoding="utf-8")
    for as_of in ([], ["--as-of", "2009-05-31"], ["--as-of", "2026-12-03"]):
        code, out = run(capsys, "--lang", "sv", "status", str(undated), *as_of)
        assert code == 0
        assert "försenad" not in out
        assert "Klardatum ej angivet: M1, M2, M3, M4, M5, M6, M7" in out
        assert "Inget är försenat." in out
        code, out = run(capsys, "--lang", "sv", "status", str(SEED_000), *as_of)
        assert code == 0
        assert "försenad" not in out and "Klardatum ej angivet" not in out
        assert "Inget är försenat." in out
    code, out = run(capsys, "--lang", "en", "status", str(undated), "--as-of", "2009-01-10")  # while it ran
    assert "Milestone M1 Kartläggning av forskning/annan kunskap klar is 70 days overdue" in out
    code, out = run(capsys, "--lang", "sv", "portfolio", str(SEED_000), "--format", "json")
    row = json.loads(out)["data"]["projects"][0]
    assert (row["overdue_milestones"], row["next_milestone"]) == (0, None)


def test_a_final_report_sent_to_the_funder_on_time_is_not_late(capsys, tmp_path):
    """The portfolio said seed 001's report 'skulle lämnas 2024-02-28, 1008 dagar försenad'."""
    code, out = run(capsys, "--lang", "en", "portfolio", str(SEED_001), "--format", "json")
    data = json.loads(out)["data"]
    assert data["projects"][0]["report_overdue_days"] is None
    code, out = run(capsys, "--lang", "sv", "report", "final", str(SEED_001), "--format", "text")
    assert "Inlämnad till bidragsgivaren: 2024-02-28" in out
    unsent = tmp_path / "p.toml"
    unsent.write_text(SEED_001.read_text(encoding="utf-8").replace("submitted = 2024-02-28\n", ""), encoding="utf-8")
    code, out = run(capsys, "--lang", "en", "portfolio", str(unsent), "--as-of", "2024-03-10", "--format", "md")
    assert "final report due 2024-02-28, 11 days overdue" in out


def test_granted_is_never_the_budget(capsys, tmp_path):
    """Seed 000 states no grant: Beviljat showed its budget 432 800; seed 001's grant is 400 000 of 658 944."""
    folder = tmp_path / "mix"
    folder.mkdir()
    shutil.copy(SEED_000, folder)
    shutil.copy(SEED_001, folder)
    code, out = run(capsys, "--lang", "sv", "portfolio", str(folder), "--format", "json")
    data = json.loads(out)["data"]
    by_name = {p["id"]: p for p in data["projects"]}
    assert by_name["barnperspektivet-ekonomiskt-bistand"]["granted"] is None
    assert by_name["barnperspektivet-ekonomiskt-bistand"]["budget"] == 432_800
    assert (by_name["ingen-ska-lamnas-utanfor-2"]["granted"], by_name["ingen-ska-lamnas-utanfor-2"]["budget"]) == (400_000, 658_944)
    assert (data["totals"]["granted"], data["totals"]["granted_known"], data["totals"]["budget"]) == (400_000, 1, 1_091_744)
    code, out = run(capsys, "--lang", "sv", "portfolio", str(folder), "--format", "text")
    assert "Beviljat totalt:" in out and "400 000 kr (1 av 2 projekt anger beviljat belopp)" in " ".join(out.split())


def test_spent_to_date_comes_only_from_dated_figures(capsys, tmp_path):
    """A status report dated 2008-11-03 showed 'Förbrukat hittills: 394 450 kr', the final outcome."""
    path = tmp_path / "p.toml"
    text = SEED_000.read_text(encoding="utf-8")
    path.write_text(text + '\n[[status_reports]]\nid = "SR1"\ndate = 2008-11-03\nmilestone = "M1"\nsummary = "Kartläggningen pågår."\n',
                    encoding="utf-8")
    code, out = run(capsys, "--lang", "sv", "report", "status", str(path), "--format", "text")
    assert code == 0
    assert "394 450" not in out
    assert "Förbrukat hittills: inte känt för 2008-11-03: utfallet är en summa utan datum" in " ".join(out.split())
    code, out = run(capsys, "--lang", "sv", "report", "final", str(path), "--format", "text")
    assert "394 450 kr" in out  # the final report, after the end: the total is the final figure


def test_a_lum_project_is_not_asked_for_status_reports(capsys, tmp_path):
    """Two 2020 LUM projects got 'ingen lägesrapport för passerad(e) milstolpe(ar) M1 (2375 dagar sedan)'."""
    lum = tmp_path / "lum.toml"
    lum.write_text(MINIMAL.replace("end = 2024-02-29", 'end = 2024-02-29\ntype = "lum"'), encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text(MINIMAL, encoding="utf-8")
    code, out = run(capsys, "--lang", "sv", "portfolio", str(lum), "--as-of", "2023-07-01", "--format", "md")
    assert "ingen lägesrapport" not in out
    code, out = run(capsys, "--lang", "sv", "portfolio", str(other), "--as-of", "2023-07-01", "--format", "md")
    assert "ingen lägesrapport för passerad(e) milstolpe(ar) M1" in out
    assert main(["--lang", "en", "new", str(tmp_path / "ny.toml"), "--type", "lum"]) == 0
    assert "status_reports = false" in (tmp_path / "ny.toml").read_text(encoding="utf-8")


def test_funder_beställare_and_projektägare_are_three_roles(capsys, tmp_path):
    # the LUM report names no beställare (the sample says none); one given is printed as such
    given = tmp_path / "given.toml"
    given.write_text(SEED_001.read_text(encoding="utf-8").replace(
        'project_owner = "Skarpnäcks', 'owner = "Hanna Jakhammer, avdelningschef"\nproject_owner = "Skarpnäcks'), encoding="utf-8")
    code, out = run(capsys, "--lang", "sv", "report", "final", str(given), "--format", "text")
    flat = " ".join(out.split())
    assert "Beställare: Hanna Jakhammer, avdelningschef" in flat
    assert "Projektägare: Skarpnäcks stadsdelsförvaltning" in flat
    assert "Bidragsgivare: Socialförvaltningen" in flat
    code, out = run(capsys, "--lang", "sv", "report", "final", str(SEED_001), "--format", "text")
    assert "Beställare" not in out and "Projektägare:" in out


def test_swedish_words_for_the_budget_the_sign_test_and_repayment(capsys):
    code, out = run(capsys, "--lang", "sv", "report", "final", str(SEED_001), "--format", "text")
    flat = " ".join(out.split())
    assert "Teckentest på dem som bytt mätvärde mellan första och sista mätningen: p < 0,001" in flat
    assert "p = 0.000" not in flat and "0 kr under budget" not in flat
    assert "Utfall mot budget: precis enligt budget" in flat
    assert "Återbetalning till bidragsgivaren: 0 kr" in flat and "betala tillbaka" not in flat
    assert "Budgeten per rad (vem som gynnas av vad är projektets egen analys): Personalkostnader inkl. sociala avgifter 658 944 kr" in flat
    code, out = run(capsys, "--lang", "sv", "lessons", str(SAMPLES))
    assert "[slutsats, Effektmål: resultat]" in out and "effect_result" not in out


def test_reconstructed_data_is_said_to_be_so_to_the_author_not_to_the_funder(capsys):
    """The overview tells the person working on the file which figures are reconstructed;
    the final report sent to the funder is the report, with no note for its author in it
    (issue 29): the facts are in its JSON data only."""
    code, out = run(capsys, "--lang", "sv", "status", str(SEED_001))
    flat = " ".join(out.split())
    assert "Projektets uppgifter är återskapade ur en rapport som skrevs då" in flat
    assert "Källa: Redovisning av LUM: Ingen ska lämnas utanför del 2, Skarpnäcks stadsdelsförvaltning, 2024-02-28" in flat
    code, out = run(capsys, "--lang", "sv", "report", "final", str(SEED_001), "--format", "text")
    flat = " ".join(out.split())
    assert "OM UPPGIFTERNA" not in out and "återskapade" not in flat and "seed" not in flat.lower()
    heading = "STEGFÖRFLYTTNING MOT SJÄLVFÖRSÖRJNING"
    steps = flat[flat.index(heading) + len(heading):].lstrip(" =")
    assert steps.startswith("Skala: Stegförflyttning mot självförsörjning 0–4.")  # the plugin's own first line, no note before it
    code, out = run(capsys, "--lang", "sv", "status", str(SEED_000))
    assert "Period: 2008-08-01 – 2009-05-31 (uppskattat)" in " ".join(out.split())
    code, out = run(capsys, "report", "final", str(SEED_001), "--format", "json")
    doc = json.loads(out)
    assert all(s["id"] != "provenance" for s in doc["sections"])
    assert doc["data"]["provenance"] == {
        "reconstructed": True, "estimated": ["ext.steps.participants", "ext.equality.people"],
        "source": "Redovisning av LUM: Ingen ska lämnas utanför del 2, Skarpnäcks stadsdelsförvaltning, 2024-02-28",
    }
