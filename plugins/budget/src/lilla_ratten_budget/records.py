"""The budget's records as the app edits them: lines, income, the grant, mapping rules, ledger rows.

Declared, not built: the app gives each list a table and add/edit/delete forms checked as you
type by ``lr_validate``, with undo and the unsaved copy, as it does for its own lists.
"""

from __future__ import annotations

from lilla_ratten import api

from lilla_ratten_budget.section import BudgetLine, BudgetSection, Grant, IncomeLine, Rule, Transaction
from lilla_ratten_budget.text import _


def category_labels() -> dict[str, str]:
    return {
        "staff": _("Staff"), "external_services": _("External services"), "premises": _("Premises"),
        "travel": _("Travel"), "activities": _("Activities"), "materials": _("Materials"),
        "administration": _("Administration"), "training": _("Training"), "other": _("Other"),
    }


def records() -> tuple[api.RecordList, ...]:
    categories = category_labels()
    kinds = {"grant": _("Grant"), "own": _("Own contribution"), "other": _("Other income")}
    rules = {"residual": _("What the grant did not pay for goes back"), "pro_rata": _("The grant's share of the underspend goes back"),
             "none": _("Nothing goes back")}
    labels = {
        "id": _("Id"), "name": _("Name"), "category": _("Category"), "budget": _("Budget (kr)"), "outcome": _("Outcome (kr)"),
        "outcome_date": _("Outcome reported on"), "comment": _("Comment"), "kind": _("Kind"), "amount": _("Amount (kr)"),
        "funder": _("Funder"), "granted": _("Granted (kr)"), "repayment": _("Repayment rule"),
        "balance_required": _("Income must equal costs"), "report_due": _("Report due"),
        "accounts": _("Accounts (one a line: 5010, 50-57)"), "line": _("Budget line"), "cost_centre": _("Cost centre"),
        "project": _("Ledger project"), "text": _("Text contains"), "ignore": _("Ignore these rows"),
        "currency": _("Currency"), "tolerance": _("Variance flagged beyond (per cent)"),
        "categories": _("Categories (one a line; empty: the standard ones)"),
    }
    ledger = dict(labels, amount=_("Amount (öre)"), date=_("Date"), account=_("Account"), voucher=_("Voucher"), source=_("Imported from"))
    return (
        api.RecordList("lines", BudgetLine, _("Budget lines"), columns=("id", "name", "category", "budget", "outcome"),
                       prefix="K", choices={"category": tuple(categories.items())}, labels=labels),
        api.RecordList("income", IncomeLine, _("Income"), columns=("id", "kind", "name", "amount"), prefix="I",
                       choices={"kind": tuple(kinds.items())}, labels=labels),
        api.RecordList("grant", Grant, _("The grant"), columns=("funder", "granted", "repayment", "report_due"), id=None,
                       single=True, choices={"repayment": tuple(rules.items())}, labels=labels),
        api.RecordList("mapping", Rule, _("Ledger mapping rules (the first that matches wins)"),
                       columns=("accounts", "line", "cost_centre", "text", "ignore"), id=None, references={"line": "lines"}, labels=labels,
                       describe=_("accounts {accounts}")),
        api.RecordList("transactions", Transaction, _("Ledger rows"), columns=("date", "account", "amount", "text", "line"),
                       prefix="T", references={"line": "lines"}, labels=ledger),
        api.RecordList("", BudgetSection, _("Budget settings"), columns=("currency", "tolerance", "categories"), id=None,
                       single=True, fields=("currency", "tolerance", "categories"), labels=labels),
    )

