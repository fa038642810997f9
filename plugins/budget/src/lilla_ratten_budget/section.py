"""The ``[ext.budget]`` section: budget lines, income, the grant's terms, ledger mapping and transactions.

Money is integers throughout: budget and income in whole kronor, ledger
transactions in öre (a ledger has öre; rounding happens once, when a line's
outcome is shown in kronor).
"""

from __future__ import annotations

from datetime import date

from attrs import define, field

CATEGORIES = (
    "staff",
    "external_services",
    "premises",
    "travel",
    "activities",
    "materials",
    "administration",
    "training",
    "other",
)
INCOME_KINDS = ("grant", "own", "other")
REPAYMENT_RULES = ("residual", "pro_rata", "none")


@define(kw_only=True)
class Grant:
    """The grant's terms."""

    funder: str | None = None
    granted: int | None = None
    # residual: received − eligible costs paid by it; pro_rata: the grant's share of the underspend
    repayment: str = "residual"
    balance_required: bool = False  # the funder requires income = costs in the statement
    report_due: date | None = None


@define(kw_only=True)
class BudgetLine:
    id: str
    name: str
    category: str
    budget: int
    # the outcome in kronor when it is entered as a total; with a ledger it is the transactions' sum
    outcome: int | None = None
    # the date that total was reported (by default the project's end: a total is the final figure)
    outcome_date: date | None = None
    comment: str | None = None


@define(kw_only=True)
class IncomeLine:
    id: str
    kind: str
    name: str
    amount: int
    funder: str | None = None


@define(kw_only=True)
class Rule:
    """Ledger rows whose account matches go to ``line``; the first matching rule wins."""

    accounts: list[str]  # "50-57" (range of prefixes), "5010", "7"
    line: str | None = None
    cost_centre: str | None = None
    project: str | None = None
    text: str | None = None  # part of the transaction text
    ignore: bool = False  # e.g. bank and balance accounts of the extract

    def matches(self, account: str, cost_centre: str | None, project: str | None, text: str) -> bool:
        if self.cost_centre is not None and cost_centre != self.cost_centre:
            return False
        if self.project is not None and project != self.project:
            return False
        if self.text is not None and self.text.casefold() not in text.casefold():
            return False
        return any(_account_in(account, spec) for spec in self.accounts)


def _account_in(account: str, spec: str) -> bool:
    spec = spec.strip()
    if "-" in spec:
        low, high = (s.strip() for s in spec.split("-", 1))
        width = max(len(low), len(high))
        head = account[:width]
        return low.ljust(width, "0") <= head.ljust(width, "0") <= high.ljust(width, "9")
    return account.startswith(spec)


@define(kw_only=True)
class Transaction:
    id: str
    date: date
    account: str
    amount: int  # öre; costs are positive
    text: str = ""
    cost_centre: str | None = None
    project: str | None = None
    voucher: str | None = None
    line: str | None = None  # None: no rule matched (unmapped)
    source: str | None = None


@define(kw_only=True)
class BudgetSection:
    version: int = 1
    currency: str = "SEK"
    tolerance: int = 10  # percent: variances beyond it are flagged
    categories: list[str] = field(factory=list)  # empty: the standard ones (CATEGORIES)
    grant: Grant = field(factory=Grant)
    lines: list[BudgetLine] = field(factory=list)
    income: list[IncomeLine] = field(factory=list)
    mapping: list[Rule] = field(factory=list)
    transactions: list[Transaction] = field(factory=list)

    def allowed_categories(self) -> tuple[str, ...]:
        return tuple(self.categories) or CATEGORIES

    def line(self, ident: str) -> BudgetLine | None:
        return next((line for line in self.lines if line.id == ident), None)

