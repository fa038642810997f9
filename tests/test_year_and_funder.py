"""Issue 22, "the year as seeds 003 and 004 count it": grants per year and funder, yearly
reports to the funder, final reports received per area and district, outcome measures.

The expected figures are the seeds' own (seed 003 = /work/shared/seeds/003_*.txt, seed 004
= 004_*.txt), quoted where they are used; the samples under test are
``sample_projects/utvecklingsmedel-2002-2003/`` (seed 003) and ``sample_projects/lum-2020/`` (seed 004).
"""

from __future__ import annotations

import re

import csv
import json
import shutil
from datetime import date
from pathlib import Path

from lilla_ratten.model import FunderReport, Grant, Project, ProjectInfo
from lilla_ratten.model.rules import check
from lilla_ratten.plugins.builtin_types import _lum
from tests.conftest import MINIMAL, SAMPLES
from tests.test_cli import cli

SEED_003 = SAMPLES / "utvecklingsmedel-2002-2003"
LUM_2020 = SAMPLES / "lum-2020" / "05-familjeorienterat-arbetssatt.toml"
AS_OF = "2004-03-01"


def portfolio(*args: str, lang: str = "en", path: Path = SEED_003) -> dict:
    r = cli("--lang", lang, "portfolio", str(path), "--as-of", AS_OF, *args, "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["data"]


def markdown(*args: str, path: Path = SEED_003, as_of: str = AS_OF) -> str:
    r = cli("--lang", "sv", "portfolio", str(path), "--as-of", as_of, *args, "--format", "md")
    assert r.returncode == 0, r.stderr
    return r.stdout


# ---- 1. grants per year: a project counts under every year it was active -------------------------


def test_by_year_puts_each_project_under_every_year_it_was_active_with_that_years_grants():
    data = portfolio("--by", "year")
    groups = [(g["name"], g["projects"], g["granted"]) for g in data["groups"]]
    # Seed 003 section 2, "År:" and "Beviljade medel:" per project: 15 projects granted in 2002
    # (2.1.2, 2.1.8, 2.2.5 and 2.3.2 with a part in 2003 too: 250+82, 586+227, 350+319, 320+330),
    # 22 in 2003, and 2.1.9 "396 tkr, År: 2002 och 2003" with no split — in both years, its
    # amount under "year not stated"; never all 32 under 2002 as before.
    assert groups == [("2002", 15, 8_085_000), ("2003", 22, 7_047_000), ("(year not stated)", 1, 396_000)]
    assert sum(g for _n, _p, g in groups) == data["totals"]["granted"] == 15_528_000  # table 1.3: 15 528 tkr
    assert data["totals"]["projects"] == 32  # each project once in the total
    riff = next(p for p in data["projects"] if "RIFF" in p["name"])
    assert riff["active_years"] == [2002, 2003]
    assert [(g["year"], g["amount"]) for g in riff["grant_parts"]] == [("2002", 250_000), ("2003", 82_000)]
    mobilisering = next(p for p in data["projects"] if p["name"] == "Mobilisering Hälsoutveckling")
    assert mobilisering["active_years"] == [2002, 2003] and mobilisering["grant_parts"][0]["year"] == ""


def test_by_year_in_swedish_shows_the_years_amounts_and_says_how_projects_are_counted():
    text = markdown("--by", "year")
    assert "## Per år" in text
    assert "| 2002 | 15 | 15 | 8\u00a0085\u00a0000 kr |" in text  # projects, final reports received, granted
    assert "| 2003 | 22 | 19 | 7\u00a0047\u00a0000 kr |" in text
    assert "| (år ej angivet) | 1 | 1 | 396\u00a0000 kr |" in text
    assert "| Totalt | 32 | 29 | 15\u00a0528\u00a0000 kr |" in text
    assert "räknas under vart och ett med det som beviljades där; totalen räknar det en gång." in text


def test_grants_by_funder_split_years_and_funders(tmp_path):
    """Two committees and two years (seed 003, 1.1: socialtjänstnämnden and integrationsnämnden
    each granting per year): --by funder and --by year,funder divide the amounts, not the projects."""
    (tmp_path / "a.toml").write_text(MINIMAL.replace("end = 2024-02-29", "end = 2024-02-29\ngranted = 400000") + """
[[grants]]
id = "G1"
year = 2023
funder = "Socialtjänstnämnden"
amount = 150000

[[grants]]
id = "G2"
year = 2023
funder = "Integrationsnämnden"
amount = 150000

[[grants]]
id = "G3"
year = 2024
funder = "Socialtjänstnämnden"
amount = 100000
""", encoding="utf-8")
    r = cli("--lang", "en", "portfolio", str(tmp_path), "--by", "funder", "--format", "json")
    groups = {g["name"]: (g["projects"], g["granted"]) for g in json.loads(r.stdout)["data"]["groups"]}
    assert groups == {"Socialtjänstnämnden": (1, 250_000), "Integrationsnämnden": (1, 150_000)}
    r = cli("--lang", "en", "portfolio", str(tmp_path), "--by", "year,funder", "--format", "json")
    years = {g["name"]: (g["granted"], {c["name"]: c["granted"] for c in g["groups"]}) for g in json.loads(r.stdout)["data"]["groups"]}
    assert years == {"2023": (300_000, {"Socialtjänstnämnden": 150_000, "Integrationsnämnden": 150_000}),
                     "2024": (100_000, {"Socialtjänstnämnden": 100_000})}


def test_grants_that_do_not_add_up_to_granted_are_named_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.toml"
    source = next(SEED_003.glob("2-1-2-*.toml")).read_text(encoding="utf-8")
    bad.write_text(source.replace("amount = 82000", "amount = 80000"), encoding="utf-8")
    r = cli("--lang", "en", "validate", str(bad))
    line = source.splitlines().index("granted = 332000") + 1
    assert r.returncode == 1
    assert f"bad.toml:{line}: project.granted: granted is 332000 kr but the grants add up to 330000 kr" in r.stdout


def test_a_file_without_grants_keeps_its_total_and_is_in_every_year_of_its_period(tmp_path):
    (tmp_path / "old.toml").write_text(MINIMAL.replace("end = 2024-02-29", "end = 2024-02-29\ngranted = 100000"), encoding="utf-8")
    r = cli("--lang", "en", "portfolio", str(tmp_path), "--by", "year", "--format", "json")
    groups = [(g["name"], g["projects"], g["granted"]) for g in json.loads(r.stdout)["data"]["groups"]]
    # 2023-05-01 – 2024-02-29: the split by year is not known, so the amount is under neither year
    assert groups == [("2023", 1, 0), ("2024", 1, 0), ("(year not stated)", 1, 100_000)]


def test_by_refuses_an_unknown_field_or_three_levels_with_a_message():
    r = cli("--lang", "en", "portfolio", str(SEED_003), "--by", "area,district")
    assert r.returncode == 2 and "area,district: give one or two of organisation, funding, funder, area, year" in r.stderr
    r = cli("--lang", "en", "portfolio", str(SEED_003), "--by", "area,year,type")
    assert r.returncode == 2 and "give one or two of" in r.stderr


# ---- 2. yearly reports to the funder (LUM del 2, seed 004) --------------------------------------


def test_lum_del_2_sample_has_a_report_for_each_year_shown_in_the_final_report():
    r = cli("--lang", "sv", "report", "final", str(LUM_2020), "--as-of", "2021-03-10", "--format", "md")
    assert r.returncode == 0, r.stderr
    # seed 004: "sedan år 2019", "Projektets andra år": one report for 2019 and one for 2020
    # a heading of its own in the LUM form (level 2) as in the slutrapport (level 3, under Resultat)
    assert re.search(r"^#{2,3} Redovisningar till bidragsgivaren$", r.stdout, re.M)
    assert "| Årsredovisning 2019 | inkommen (datum ej angivet) | 2020-02-28 |" in r.stdout
    assert "| Årsredovisning 2020 | inkommen (datum ej angivet) | 2021-02-28 |" in r.stdout
    assert "försenad" not in r.stdout


def test_a_yearly_report_not_handed_in_by_its_due_date_is_late_in_the_portfolio(tmp_path):
    copy = tmp_path / LUM_2020.name
    text = LUM_2020.read_text(encoding="utf-8")
    copy.write_text(text.replace('due = 2021-02-28\nreceived = true', 'due = 2021-02-28'), encoding="utf-8")
    out = markdown(path=tmp_path, as_of="2021-03-10")
    assert "Familjeorienterat arbetssätt: årsredovisningen för 2020 skulle lämnas 2021-02-28, 10 dagar försenad" in out
    assert "| Familjeorienterat arbetssätt | Skarpnäck stadsdelsförvaltning | 2019-01-01 – 2020-12-31 |" in out
    data = json.loads(cli("--lang", "en", "portfolio", str(tmp_path), "--as-of", "2021-03-10", "--format", "json").stdout)["data"]
    assert data["projects"][0]["late_funder_reports"] == [{"id": "2020", "year": 2020, "final": False, "due": "2021-02-28", "days": 10}]
    # handed in on time: not late, also later
    copy.write_text(text.replace('due = 2021-02-28\nreceived = true', 'due = 2021-02-28\nsubmitted = 2021-02-20'), encoding="utf-8")
    out = markdown(path=tmp_path, as_of="2021-03-10")
    assert "dagar försenad" not in out and "årsredovisningen" not in out
    # before its due date it is not late either
    copy.write_text(text.replace('due = 2021-02-28\nreceived = true', 'due = 2021-02-28'), encoding="utf-8")
    assert "årsredovisningen" not in markdown(path=tmp_path, as_of="2021-02-28")


def test_new_lum_project_over_several_years_expects_a_report_each_year_before_the_last():
    p = Project(project=ProjectInfo(id="x", name="X", organisation="O", start=date(2019, 3, 1), end=date(2021, 6, 30)))
    lum = _lum(p)
    assert [(r.year, r.due) for r in lum.funder_reports] == [(2019, date(2020, 2, 28)), (2020, date(2021, 2, 28))]
    assert lum.project.report_due == date(2022, 2, 28)  # the last year: the final report
    one_year = _lum(Project(project=ProjectInfo(id="x", name="X", organisation="O", start=date(2023, 5, 1), end=date(2023, 12, 31))))
    assert one_year.funder_reports == []
    across_new_year = _lum(Project(project=ProjectInfo(id="x", name="X", organisation="O", start=date(2023, 12, 3), end=date(2024, 12, 2))))
    assert across_new_year.funder_reports == []  # what `new` gives: one year's grant, one report


def test_a_yearly_report_needs_its_year_and_one_per_year():
    p = Project(project=ProjectInfo(id="x", name="X", organisation="O", start=date(2019, 1, 1), end=date(2020, 12, 31)),
                funder_reports=[FunderReport(id="a"), FunderReport(id="b", year=2019), FunderReport(id="c", year=2019)],
                grants=[Grant(id="G", amount=-5)])
    messages = [(f.path, f.message.format(**f.params)) for f in check(p)]
    assert (("funder_reports", 0, "year"), "a yearly report needs the year it reports on, or final = true") in messages
    assert (("funder_reports", 2, "year"), "2019 already has a yearly report: b") in messages
    assert (("grants", 0, "amount"), "an amount in kronor cannot be negative: -5") in messages


# ---- 3. final reports received per area, and area × district -----------------------------------


def test_by_area_and_organisation_gives_reports_received_and_the_area_by_district_table():
    data = portfolio("--by", "area,organisation")
    areas = {g["name"]: (g["projects"], g["final_reports"], g["granted"]) for g in data["groups"]}
    # seed 003: "Totalt antal projekt: 9 / 9 / 14", "Antal slutredovisade projekt: 9 / 8 / 12",
    # "Beviljade utvecklingsmedel: 3 774 / 4 835 / 6 919 tkr"
    assert areas == {"Socialmedicin": (9, 9, 3_774_000), "SFI": (9, 8, 4_835_000), "Arbetsmarknad": (14, 12, 6_919_000)}
    table = {(g["name"], c["name"]): c["projects"] for g in data["groups"] for c in g["groups"]}
    # seed 003 table 1.3, columns Arbetsmarknad / SFI / Socialmedicin per district
    seed = {
        "Rinkeby": (4, 2, 0), "Vantör": (3, 2, 1), "Kista": (4, 0, 1), "Hägersten, Älvsjö och Liljeholmen": (0, 1, 0),
        "Skärholmen": (0, 0, 2), "Skarpnäck": (0, 2, 0), "Enskede-Årsta": (0, 0, 1), "Maria-Gamla stan": (0, 0, 2),
        "Hässelby-Vällingby": (0, 2, 0), "Simba": (1, 0, 0), "Kungsholmen": (0, 0, 2), "Farsta": (1, 0, 0),
        "Spånga-Tensta": (1, 0, 0),
    }
    expected = {(area, district): n for district, counts in seed.items()
                for area, n in zip(("Arbetsmarknad", "SFI", "Socialmedicin"), counts, strict=True) if n}
    assert table == expected
    assert data["totals"]["final_reports"] == 29


def test_by_area_and_organisation_in_swedish():
    text = markdown("--by", "area,organisation")
    assert "## Per område / organisation" in text
    assert "| Område / Organisation | Projekt | Slutredovisade | Beviljat |" in text
    assert "| Arbetsmarknad | 14 | 12 | 6\u00a0919\u00a0000 kr |" in text
    assert "|   · Rinkeby | 4 | 2 | 2\u00a0287\u00a0000 kr |" in text  # 2.3.7 and 2.3.9 never reported
    assert "| SFI | 9 | 8 | 4\u00a0835\u00a0000 kr |" in text
    assert "|   · Rinkeby | 2 | 1 | 1\u00a0549\u00a0000 kr |" in text  # 2.2.2 "trots flera påminnelser"
    assert "| Socialmedicin | 9 | 9 | 3\u00a0774\u00a0000 kr |" in text
    # the three that never reported are named under reporting discipline
    assert "SFI-plus, fortsättning: avslutat 2003-12-31; bidragsgivaren har inte fått någon slutredovisning" in text


# ---- 4. outcome measures, summed where projects share an indicator ------------------------------


def test_outcomes_sum_across_projects_sharing_an_indicator():
    data = portfolio()
    sums = {o["indicator"]: (o["projects"], o["count"], o["of"]) for o in data["outcomes"]}
    # seed 003: 2.1.7 "122 personer av totalt 233"; 2.2.5 "19 av 40", 2.3.3 "14 av 26" (no longer
    # on försörjningsstöd); Simba "53 … varav 12 … självförsörjande", 2.3.6 "6 av 52", 2.3.2 "2 av 62",
    # 2.2.8 "30 deltagare varav 5"
    assert sums == {
        "Försörjning utanför socialtjänsten": (1, 122, 233),
        "Inte längre behov av försörjningsstöd": (2, 33, 66),
        "Självförsörjande": (4, 25, 197),
    }


def test_outcomes_in_swedish_in_the_portfolio_and_the_final_report():
    text = markdown()
    assert "## Resultatmått" in text
    assert "| Indikator / projekt | Projekt | Antal | Av | Andel |" in text
    assert "| Försörjning utanför socialtjänsten | 1 | 122 | 233 | 52,4\u00a0% |" in text
    assert "|   · Praktikplacering för SFI-elever parallellt med SFI-undervisning |  | 19 | 40 | 47,5\u00a0% |" in text
    assert "|   · Simba |  | 12 | 53 | 22,6\u00a0% |" in text
    assert "| Självförsörjande | 4 | 25 | 197 | 12,7\u00a0% |" in text
    r = cli("--lang", "sv", "report", "final", str(next(SEED_003.glob("2-1-7-*.toml"))), "--format", "md")
    assert "### Resultatmått" in r.stdout
    assert "| Försörjning utanför socialtjänsten | 122 av 233 personer | 52,4\u00a0% | 2003-12-15 |" in r.stdout
    assert "Det motsvarar cirka 52,3 %." in r.stdout  # the seed's own words kept beside the computed share
    assert "### Beviljade medel per år" in r.stdout and "| 2003 |" in r.stdout


def test_an_outcome_counted_beyond_its_whole_is_refused_with_its_line(tmp_path):
    source = next(SEED_003.glob("2-1-7-*.toml")).read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(source.replace("count = 122", "count = 322"), encoding="utf-8")
    r = cli("--lang", "sv", "validate", str(bad))
    line = source.splitlines().index("count = 122") + 1
    assert r.returncode == 1
    assert f"bad.toml:{line}: outcomes[R1].count: 322 är fler än de 233 det räknas av" in r.stdout


def test_every_sample_with_the_new_lists_is_valid_and_canonical(tmp_path):
    files = [*sorted(SEED_003.glob("*.toml")), LUM_2020]
    r = cli("--lang", "en", "validate", *map(str, files))
    assert r.returncode == 0, r.stdout
    r = cli("--lang", "en", "fmt", "--check", *map(str, files))
    assert r.returncode == 0, r.stdout + r.stderr
    copy = tmp_path / "seed003"
    shutil.copytree(SEED_003, copy)
    assert sum(1 for _ in copy.glob("*.toml")) == 32


def test_csv_gives_the_active_years_as_plain_text():
    r = cli("--lang", "en", "portfolio", str(SEED_003), "--as-of", AS_OF, "--format", "csv")
    rows = list(csv.DictReader(r.stdout.splitlines()))
    riff = next(row for row in rows if "RIFF" in row["name"])
    assert (riff["active_years"], riff["final_report_received"], riff["granted"]) == ("2002 2003", "True", "332000")
    assert not any("[" in value or "{" in value for row in rows for value in row.values())
