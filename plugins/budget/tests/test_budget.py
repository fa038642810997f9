"""The budget plugin against the seeds' own figures, and its ledger import."""

from __future__ import annotations

from datetime import date

import pytest

from lilla_ratten.i18n import set_language
from lilla_ratten_budget.compute import kronor, reconcile
from lilla_ratten_budget.importer import apply, plan, read_extract
from lilla_ratten_budget.ledger import LedgerError, parse_amount, read_csv, read_sie
from lilla_ratten_budget.section import BudgetLine, BudgetSection, Grant, IncomeLine, Rule

set_language("en")

SEED_001 = BudgetSection(
    grant=Grant(funder="Socialförvaltningen (LUM)", granted=400000, balance_required=True),
    income=[
        IncomeLine(id="grant", kind="grant", name="Beviljat belopp från socialnämnden", amount=400000),
        IncomeLine(id="own", kind="own", name="Egen insats", amount=258944),
        IncomeLine(id="other", kind="other", name="Övriga intäkter", amount=0),
    ],
    lines=[
        BudgetLine(id="staff", name="Personalkostnader inkl. sociala avgifter", category="staff", budget=658944, outcome=658944),
        BudgetLine(id="admin", name="Administrativa kostnader", category="administration", budget=0, outcome=0),
        BudgetLine(id="training", name="Utbildningskostnader", category="training", budget=0, outcome=0),
        BudgetLine(id="other", name="Övriga kostnader", category="other", budget=0, outcome=0),
    ],
)


def test_seed_001_balances_and_repays_nothing():
    rec = reconcile(SEED_001)
    assert rec.income == {"grant": 400000, "own": 258944, "other": 0}
    assert (rec.income_total, rec.outcome_total, rec.balance) == (658944, 658944, 0)
    assert rec.repayment == 0
    assert round(rec.own_share_percent, 1) == 39.3


def test_seed_000_underspend():
    section = BudgetSection(lines=[BudgetLine(id="total", name="Projektbudget", category="other", budget=432800, outcome=394450)])
    rec = reconcile(section)
    assert (rec.budget_total, rec.outcome_total, rec.underspend) == (432800, 394450, 38350)
    assert rec.repayment is None  # the seed states no grant terms: nothing is invented


def test_repayment_rules():
    base = BudgetSection(
        grant=Grant(granted=100000),
        income=[IncomeLine(id="g", kind="grant", name="Bidrag", amount=100000), IncomeLine(id="o", kind="own", name="Egen", amount=50000)],
        lines=[BudgetLine(id="l", name="Lön", category="staff", budget=150000, outcome=120000)],
    )
    assert reconcile(base).repayment == 30000  # residual: 100 000 − (120 000 − 50 000)
    base.grant.repayment = "pro_rata"
    assert reconcile(base).repayment == 20000  # 30 000 under × 100/150
    base.grant.repayment = "none"
    assert reconcile(base).repayment == 0


@pytest.mark.parametrize(
    "text, ore",
    [("1 234,50", 123450), ("-1 234,50", -123450), ("1234.50", 123450), ("1.234,50", 123450), ("(12,5)", -1250), ("1\u00a0771", 177100), ("0", 0)],
)
def test_swedish_amounts(text, ore):
    assert parse_amount(text) == ore


def test_amount_with_more_than_ore_is_refused():
    with pytest.raises(ValueError, match="more decimals than öre"):
        parse_amount("12,3456")
    with pytest.raises(ValueError, match="more decimals than öre"):
        parse_amount("1 234,567")  # a space between thousands: the comma can only be before decimals


LEDGER_CSV = """Datum;Konto;Kostnadsställe;Text;Belopp
2014-03-12;5800;K1;Resa Skövde–Göteborg;1 250,00
2014-09-02;5800;K1;Tåg till FoU-seminarium;521,00
2014-09-02;1930;K1;Bank;-1 771,00
Summa;;;;1 771,00
"""


def seed_002() -> BudgetSection:
    lines = [("salaries", "Lönekostnader", "staff", 515000), ("external", "Externa tjänster", "external_services", 25000),
             ("premises", "Lokalkostnader", "premises", 70000), ("travel", "Resekostnader", "travel", 30000),
             ("activities", "Aktiviteter", "activities", 60000), ("materials", "Material/expenser", "materials", 20000)]
    section = BudgetSection(lines=[BudgetLine(id=i, name=n, category=c, budget=b) for i, n, c, b in lines])
    section.lines[-1].outcome = 0  # the seed states 0 for materials
    section.mapping = [Rule(accounts=["58"], line="travel"), Rule(accounts=["1-2"], ignore=True)]
    return section


def test_seed_002_travel_from_the_ledger_and_unstated_lines_not_reported(tmp_path):
    ledger = tmp_path / "huvudbok.csv"
    ledger.write_text(LEDGER_CSV, encoding="utf-8")
    section = seed_002()
    preview = plan(section, read_extract(ledger), ledger.name)
    assert preview.control_total == 177100 and preview.extract_total == 177100
    apply(section, preview)
    rec = reconcile(section)
    assert rec.budget_total == 720000
    outcomes = {r.id: r.outcome for r in rec.lines}
    assert outcomes == {"salaries": None, "external": None, "premises": None, "travel": 1771, "activities": None, "materials": 0}
    assert rec.outcome_total is None  # not reported is not zero


def test_reimport_is_idempotent(tmp_path):
    ledger = tmp_path / "huvudbok.csv"
    ledger.write_text(LEDGER_CSV, encoding="utf-8")
    section = seed_002()
    apply(section, plan(section, read_extract(ledger), "a.csv"))
    first = [t.id for t in section.transactions]
    again = plan(section, read_extract(ledger), "renamed.csv")
    assert (len(again.new), again.duplicates) == (0, 2)
    apply(section, again)
    assert [t.id for t in section.transactions] == first


def test_control_total_mismatch_refuses_the_import():
    section = seed_002()
    extract = read_csv(LEDGER_CSV.replace("Summa;;;;1 771,00", "Summa;;;;1 800,00").encode())
    with pytest.raises(LedgerError, match="control total 1,800.00 does not match its rows' sum 1,771.00"):
        plan(section, extract, "x.csv")


def test_unmapped_accounts_are_reported_not_guessed(tmp_path):
    section = seed_002()
    section.mapping = [Rule(accounts=["1-2"], ignore=True)]
    preview = plan(section, read_csv(LEDGER_CSV.replace("Summa;;;;1 771,00\n", "").encode()), "x.csv")
    assert preview.unmapped == {"5800": 177100}
    apply(section, preview)
    assert reconcile(section).unmapped == {"5800": 177100}


def test_missing_column_is_named():
    with pytest.raises(LedgerError, match="no column for the amount"):
        read_csv(b"Datum;Konto;Text\n2014-01-01;5800;x\n")


SIE = """#FLAGGA 0
#FORMAT PC8
#SIETYP 4
#DIM 1 "Kostnadsställe"
#DIM 6 "Projekt"
#VER A 1 20140312 "Resa"
{
#TRANS 5800 {1 "K1" 6 "P7"} 1250.00
#TRANS 1930 {} -1250.00
}
#VER A 2 20140902 "Tåg"
{
#TRANS 5800 {1 "K1"} 521.00 20140903 "Tåg till seminarium"
#TRANS 1930 {} -521.00
}
""".encode("cp437")


def test_sie4_vouchers_objects_and_cp437():
    extract = read_sie(SIE)
    assert [(r.account, r.amount, r.cost_centre, r.project, r.voucher) for r in extract.rows] == [
        ("5800", 125000, "K1", "P7", "A1"), ("1930", -125000, None, None, "A1"),
        ("5800", 52100, "K1", None, "A2"), ("1930", -52100, None, None, "A2"),
    ]
    assert extract.rows[2].date == date(2014, 9, 3) and extract.rows[2].text == "Tåg till seminarium"
    section = seed_002()
    section.mapping = [Rule(accounts=["58"], line="travel")]
    preview = plan(section, extract, "x.se")
    assert preview.per_line == {"travel": 177100} and preview.skipped_balance == 2


def test_unbalanced_voucher_is_refused():
    bad = SIE.replace(b"#TRANS 1930 {} -521.00", b"#TRANS 1930 {} -520.00")
    with pytest.raises(LedgerError, match="voucher A2 does not balance"):
        read_sie(bad)


def test_kronor_rounding():
    assert [kronor(x) for x in (149, 150, -150, 177100)] == [1, 2, -2, 1771]
