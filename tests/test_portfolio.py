"""portfolio and lessons over folders of project files."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from tests.conftest import MINIMAL, SAMPLES
from tests.test_cli import cli


def folder(tmp_path: Path) -> Path:
    root = tmp_path / "projekt"
    (root / "skarpnack").mkdir(parents=True)
    (root / ".git").mkdir()
    for p in SAMPLES.glob("*.toml"):
        shutil.copy(p, root / "skarpnack" / p.name if "ingen" in p.name else root / p.name)
    (root / "trasig.toml").write_text('[project\nname = "x"\n', encoding="utf-8")
    (root / "pyproject.toml").write_text('[project]\nname = "not a project file"\n', encoding="utf-8")
    (root / ".git" / "hidden.toml").write_text("x = 1\n", encoding="utf-8")
    (root / "minimal.toml").write_text(MINIMAL.replace('id = "test"', 'id = "test"\nreport_due = 2024-02-28\ngranted = 100000'), encoding="utf-8")
    return root


def test_portfolio_json_totals_groups_and_unreadable_files(tmp_path):
    root = folder(tmp_path)
    r = cli("--lang", "en", "portfolio", str(root), "--as-of", "2024-06-01", "--by", "organisation", "--format", "json")
    assert r.returncode == 1  # one file could not be read
    data = json.loads(r.stdout)["data"]
    assert data["totals"]["projects"] == 4
    # the grants the files state (seed 001 and the minimal project); the other two state a budget only
    assert (data["totals"]["granted"], data["totals"]["granted_known"]) == (400000 + 100000, 2)
    assert data["totals"]["budget"] == 432800 + 720000 + 658944
    names = {g["name"]: g["projects"] for g in data["groups"]}
    assert names["Skarpnäcks stadsdelsförvaltning"] == 2
    (failed,) = data["failed"]
    assert failed["file"].endswith("trasig.toml")
    assert "trasig.toml:1" in failed["error"]
    by_name = {p["name"]: p for p in data["projects"]}
    assert by_name["Testprojekt"]["report_overdue_days"] == 94
    assert by_name["Testprojekt"]["missing_reports"] == ["M1"]  # done 2023-06-05, no status report
    assert by_name["Testprojekt"]["missing_report_days"] == {"M1": 362}
    assert by_name["Testprojekt"]["columns"] == {"budget_spent": None, "steps_self_sufficient": None, "equality_women": None}


def test_portfolio_text_stands_out_late_reports_and_lists_the_broken_file(tmp_path):
    root = folder(tmp_path)
    r = cli("--lang", "en", "portfolio", str(root), "--as-of", "2024-06-01")
    out = r.stdout.replace("\n", " ")
    assert "Testprojekt: final report due 2024-02-28, 94 days overdue" in out
    assert "no status report for passed milestone(s) M1 (362 days ago)" in out
    assert "FILES THAT COULD NOT BE READ" in r.stdout
    assert "Traceback" not in r.stderr


def test_portfolio_csv_is_one_row_per_project(tmp_path):
    root = folder(tmp_path)
    r = cli("--lang", "en", "portfolio", str(root), "--as-of", "2024-06-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 4
    assert {row["organisation"] for row in rows} >= {"Skarpnäcks stadsdelsförvaltning", "Rinkeby-Kista stadsdelsförvaltning"}
    assert "trasig.toml: not read:" in r.stderr


def test_portfolio_of_an_empty_folder(tmp_path):
    r = cli("--lang", "en", "portfolio", str(tmp_path), "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["data"]["totals"]["projects"] == 0


def test_lessons_search_and_kind(tmp_path):
    root = folder(tmp_path)
    r = cli("--lang", "en", "lessons", str(root), "--search", "SAMARBETSKLIMATET", "--format", "json")
    lessons = json.loads(r.stdout)["data"]["lessons"]
    assert [(x["id"], x["kind"]) for x in lessons] == [("L1", "success")]
    assert lessons[0]["organisation"] == "Rinkeby-Kista stadsdelsförvaltning"
    r = cli("--lang", "en", "lessons", str(root), "--kind", "challenge", "--format", "json")
    kinds = {x["kind"] for x in json.loads(r.stdout)["data"]["lessons"]}
    assert kinds == {"challenge"}
    assert "trasig.toml: not read" in r.stderr and r.returncode == 1


def test_lessons_include_final_report_conclusions(tmp_path):
    root = folder(tmp_path)
    r = cli("--lang", "en", "lessons", str(root), "--format", "json")
    ids = {(x["file"].rsplit("/", 1)[-1], x["id"]) for x in json.loads(r.stdout)["data"]["lessons"]}
    assert any(i in ("summary", "further_work", "closing_words") for _f, i in ids)


def test_seed_003_table_is_reproduced():
    folder = SAMPLES / "utvecklingsmedel-2002-2003"
    r = cli("--lang", "en", "portfolio", str(folder), "--by", "organisation", "--as-of", "2004-03-01", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)["data"]
    totals = data["totals"]
    assert (totals["projects"], totals["granted"], totals["implementation_yes"], totals["implementation_no"]) == (32, 15_528_000, 18, 14)
    table = [(g["name"], g["projects"], g["granted"] // 1000, g["implementation_yes"], g["implementation_no"]) for g in data["groups"]]
    assert table == [  # seed 003, table 1.3, in its order
        ("Rinkeby", 6, 3836, 0, 6),
        ("Vantör", 6, 2322, 0, 6),
        ("Kista", 5, 2265, 4, 1),
        ("Hägersten, Älvsjö och Liljeholmen", 1, 1207, 1, 0),
        ("Skärholmen", 2, 1062, 2, 0),
        ("Skarpnäck", 2, 854, 2, 0),
        ("Enskede-Årsta", 1, 813, 1, 0),
        ("Maria-Gamla stan", 2, 800, 1, 1),
        ("Hässelby-Vällingby", 2, 655, 2, 0),
        ("Simba", 1, 600, 1, 0),
        ("Kungsholmen", 2, 432, 2, 0),
        ("Farsta", 1, 397, 1, 0),
        ("Spånga-Tensta", 1, 285, 1, 0),
    ]
    by_area = json.loads(cli("--lang", "en", "portfolio", str(folder), "--by", "area", "--format", "json").stdout)["data"]["groups"]
    assert {g["name"]: g["projects"] for g in by_area} == {"Arbetsmarknad": 14, "SFI": 9, "Socialmedicin": 9}


def test_pre_commit_hooks_run_the_commands_they_name(tmp_path):
    root = Path(__file__).resolve().parents[1]
    entries = [line.split(":", 1)[1].strip() for line in (root / ".pre-commit-hooks.yaml").read_text().splitlines()
               if line.strip().startswith("entry:")]
    assert entries == ["lilla-ratten validate", "lilla-ratten fmt --check"]
    good = SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml"
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text(encoding="utf-8").replace('id = "M2"', 'id = "M1"'), encoding="utf-8")
    for entry in entries:
        args = entry.split()[1:]
        assert cli("--lang", "en", *args, str(good)).returncode == 0
    r = cli("--lang", "en", "validate", str(bad))
    assert r.returncode == 1 and "M1" in r.stdout
    messy = tmp_path / "messy.toml"
    messy.write_text(good.read_text(encoding="utf-8").replace("\n\n", "\n\n\n", 1), encoding="utf-8")
    r = cli("--lang", "en", "fmt", "--check", str(messy))
    assert r.returncode == 1 and "messy.toml" in (r.stdout + r.stderr)


def test_reading_a_portfolio_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    """The collector is paused while the projects are read (they live as long as the
    portfolio), and then back as it was: on, or off (the TUI keeps it off until its first frame)."""
    import gc
    from datetime import date

    from lilla_ratten.reports.portfolio_load import load_portfolio

    shutil.copy(SAMPLES / "ingen-ska-lamnas-utanfor-2.toml", tmp_path / "a.toml")
    seen = []
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            portfolio = load_portfolio([tmp_path], date(2026, 1, 1))
            seen.append((gc.isenabled(), len(portfolio.rows), len(portfolio.failed)))
    finally:
        gc.enable()
    assert seen == [(True, 1, 0), (False, 1, 0)]


def test_a_printed_portfolio_keeps_no_project_but_the_same_rows(tmp_path):
    from datetime import date

    from lilla_ratten.reports.portfolio_load import load_portfolio

    for name in ("a", "b"):
        shutil.copy(SAMPLES / "ingen-ska-lamnas-utanfor-2.toml", tmp_path / f"{name}.toml")
    kept = load_portfolio([tmp_path], date(2026, 1, 1))
    printed = load_portfolio([tmp_path], date(2026, 1, 1), keep_projects=False)
    assert sorted(kept.projects) == [str(tmp_path / "a.toml"), str(tmp_path / "b.toml")]
    assert printed.projects == {}
    assert printed.rows == kept.rows
