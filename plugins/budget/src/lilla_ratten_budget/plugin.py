"""The budget plugin's hooks: section, checks, report sections, summary, portfolio, commands, pane."""

from __future__ import annotations

from lilla_ratten import api

from lilla_ratten_budget import commands
from lilla_ratten_budget.compute import elapsed_share, kronor, reconcile
from lilla_ratten_budget.section import INCOME_KINDS, REPAYMENT_RULES, BudgetSection
from lilla_ratten_budget.text import _, tr

NAME = "budget"
SYMBOL = {True: "(!)", False: ""}


@api.hookimpl
def lr_sections():
    from lilla_ratten_budget.records import records

    return [api.SectionSpec(NAME, BudgetSection, records=records(), title=_("Budget"))]


def _f(path: tuple, message: str, severity=api.Severity.ERROR, **params) -> api.Finding:
    return api.Finding(("ext", NAME, *path), tr(message), params, severity)


@api.hookimpl
def lr_validate(project, sections):
    budget: BudgetSection | None = sections.get(NAME)
    if budget is None:
        return []
    out = []
    ids: dict[str, int] = {}
    categories = budget.allowed_categories()
    for i, line in enumerate(budget.lines):
        if line.id in ids:
            out.append(_f(("lines", i, "id"), "duplicate budget line id {id}", id=line.id))
        ids[line.id] = i
        if line.budget < 0:
            out.append(_f(("lines", i, "budget"), "a budget cannot be negative: {amount}", amount=line.budget))
        if line.category not in categories:
            out.append(_f(("lines", i, "category"), '"{value}" is not a category; choose one of: {allowed}', value=line.category, allowed=", ".join(categories)))
    for i, inc in enumerate(budget.income):
        if inc.kind not in INCOME_KINDS:
            out.append(_f(("income", i, "kind"), '"{value}" is not an income kind; choose one of: {allowed}', value=inc.kind, allowed=", ".join(INCOME_KINDS)))
    if budget.grant.repayment not in REPAYMENT_RULES:
        out.append(_f(("grant", "repayment"), '"{value}" is not a repayment rule; choose one of: {allowed}', value=budget.grant.repayment, allowed=", ".join(REPAYMENT_RULES)))
    used = set()
    for i, rule in enumerate(budget.mapping):
        if rule.line is not None:
            used.add(rule.line)
            if rule.line not in ids:
                out.append(_f(("mapping", i, "line"), "{ref} is not a budget line", ref=rule.line))
    if budget.mapping:
        for i, line in enumerate(budget.lines):
            if line.id not in used and not line.outcome:
                out.append(_f(("lines", i, "id"), "no mapping rule leads to line {id}; its ledger rows would stay unmapped", api.Severity.WARNING, id=line.id))
    info = project.project
    for i, t in enumerate(budget.transactions):
        if t.line is not None and t.line not in ids:
            out.append(_f(("transactions", i, "line"), "{ref} is not a budget line", ref=t.line))
        if not info.start <= t.date <= info.end:
            out.append(_f(("transactions", i, "date"), "dated {date}, outside the project period {start} – {end}", api.Severity.WARNING, date=t.date, start=info.start, end=info.end))
    rec = reconcile(budget)
    core = project.budget
    if core.total is not None and budget.lines and rec.budget_total != core.total:
        # the lines win (docs/budget.md): every view shows them; [budget] is left over, not wrong
        out.append(_f(("lines",), "the lines add up to {lines}, but [budget] total says {total}; the lines are used", api.Severity.WARNING,
                      lines=rec.budget_total, total=core.total))
    if core.outcome is not None and rec.outcome_total is not None and rec.outcome_total != core.outcome:
        out.append(_f(("lines",), "the lines' outcome adds up to {lines}, but [budget] outcome says {total}; the lines are used",
                      api.Severity.WARNING, lines=rec.outcome_total, total=core.outcome))
    if budget.grant.balance_required and rec.balance not in (None, 0):
        out.append(_f(("income",), "income {income} does not equal costs {costs}; the funder requires them to balance", income=rec.income_total, costs=rec.outcome_total))
    return out


def _statement(budget: BudgetSection) -> tuple[list, dict]:
    rec = reconcile(budget)
    blocks: list = []
    income_rows = [[i.name, api.money(i.amount)] for i in budget.income]
    if income_rows:
        income_rows.append([_("Sum"), api.money(rec.income_total)])
        blocks.append(api.Table([_("Income"), _("Amount")], income_rows, numeric=[1]))
    cost_rows = []
    for line in rec.lines:
        flag = SYMBOL[rec.flagged(line)]
        variance = "" if line.variance is None else f"{api.money(line.variance)} {flag}".strip()
        cost_rows.append([line.name, api.money(line.budget), api.money(line.outcome) if line.outcome is not None else _("not reported"), variance, line.comment or ""])
    cost_rows.append([_("Sum"), api.money(rec.budget_total), api.money(rec.outcome_total) if rec.outcome_total is not None else _("incomplete"), api.money(rec.underspend) if rec.underspend is not None else "", ""])
    blocks.append(api.Table([_("Costs"), _("Budget"), _("Outcome"), _("Budget − outcome"), _("Comment")], cost_rows, numeric=[1, 2, 3]))
    if rec.lines:
        # the figure of seed 002's form: the same amounts as the table; an outcome that cannot
        # be presented (ledger rows not mapped) is left out, not drawn as zero
        outcomes = [None if rec.unmapped else line.outcome for line in rec.lines]
        blocks.append(api.Chart(
            _("Budget and outcome per line"),
            [line.name for line in rec.lines],
            [api.Series(_("Budget"), [line.budget for line in rec.lines]), api.Series(_("Outcome"), outcomes)],
            category_label=_("Costs"),
            money=True,
        ))
    facts = []
    if rec.unmapped:
        accounts = ", ".join(f"{a} ({api.money(kronor(v))})" for a, v in sorted(rec.unmapped.items()))
        blocks.append(api.Paragraph(_("The outcome cannot be presented: ledger rows on these accounts are not mapped to a budget line: {accounts}. Add mapping rules and run `lilla-ratten budget remap`.").format(accounts=accounts)))
    if rec.underspend is not None:
        if rec.underspend == 0:
            facts.append((_("Outcome against budget"), _("exactly as budgeted")))
        else:
            word = _("under budget") if rec.underspend > 0 else _("over budget")
            facts.append((_("Outcome against budget"), f"{api.money(abs(rec.underspend))} {word}"))
    if rec.balance is not None and budget.income:
        facts.append((_("Income − costs"), api.money(rec.balance)))
    if rec.own_share_percent is not None and rec.income["own"]:
        facts.append((_("Own contribution"), api.percent(rec.own_share_percent) + " " + _("of income")))
    repayment = rec.repayment if not rec.unmapped else None
    if rec.underspend is not None and not rec.unmapped:
        facts.append((_("All granted funds used"), _("yes") if rec.underspend <= 0 else _("no")))
    if repayment is not None:
        facts.append((_("Repayment to the funder"), api.money(repayment)))
    if any(rec.flagged(line) for line in rec.lines):
        facts.append(("(!)", _("variance beyond {n} per cent of the line's budget").format(n=rec.tolerance)))
    if facts:
        blocks.append(api.Facts(facts))
    data = {
        # one budget truth: with lines, the host's reports take budget and outcome from here
        **({"from": "lines", "budget": rec.budget_total, "spent": rec.outcome_total if not rec.unmapped else None} if budget.lines else {}),
        "currency": budget.currency,
        "budget_total": rec.budget_total,
        "outcome_total": rec.outcome_total if not rec.unmapped else None,
        "underspend": rec.underspend if not rec.unmapped else None,
        "income": rec.income,
        "income_total": rec.income_total,
        "balance": rec.balance if not rec.unmapped else None,
        "repayment": repayment,
        "unmapped": {a: kronor(v) for a, v in rec.unmapped.items()},
        "lines": [
            {"id": r.id, "name": r.name, "category": r.category, "budget": r.budget, "outcome": r.outcome,
             "variance": r.variance, "flagged": rec.flagged(r), "transactions": r.transactions}
            for r in rec.lines
        ],
    }
    return blocks, data


@api.hookimpl
def lr_final_report_sections(sections):
    budget = sections.get(NAME)
    if budget is None or not (budget.lines or budget.income):
        return []
    blocks, data = _statement(budget)
    return [api.section("financial_statement", _("Financial statement"), *blocks, **data)]


@api.hookimpl
def lr_status_report_sections(project, sections, report):
    budget = sections.get(NAME)
    if budget is None or not budget.lines:
        return []
    rec = reconcile(budget, until=report.date, undated_from=project.project.end)
    share = elapsed_share(project.project.start, project.project.end, report.date)
    planned = round(rec.budget_total * share)
    unknown = [line.name for line in rec.lines if line.outcome is None]
    spent = None if unknown else rec.reported_outcome
    if spent is not None:
        spent_text = api.money(spent)
    elif len(unknown) == len(rec.lines):
        spent_text = _("not known for {date}: the outcome is a total without a date (a ledger import gives it per date)").format(
            date=api.day(report.date))
    else:
        spent_text = _("{amount} on the lines known for {date}; not known for: {lines}").format(
            amount=api.money(rec.reported_outcome), date=api.day(report.date), lines=", ".join(unknown))
    facts = [
        (_("Spent to date"), spent_text),
        (_("Plan for the elapsed period"), f"{api.money(planned)} ({api.percent(share * 100)} " + _("of the period") + ")"),
        (_("Budget for the whole period"), api.money(rec.budget_total)),
    ]
    return [api.section("budget_to_date", _("Budget to date"), api.Facts(facts), spent=spent, planned=planned, budget=rec.budget_total)]


def _as_of(project, budget, as_of):
    """(reconciliation as of ``as_of``, spent then or ``None``: only totals without a date,
    which count from the project's end)."""
    rec = reconcile(budget, until=as_of, undated_from=project.project.end)
    undated = all(line.outcome is None for line in rec.lines) and any(line.outcome is not None for line in budget.lines)
    return rec, None if undated else rec.reported_outcome


@api.hookimpl
def lr_budget_figures(project, sections, as_of):
    # one budget truth: what the host shows as budget and spent wherever it shows them
    budget = sections.get(NAME)
    if budget is None or not budget.lines:
        return None
    rec, spent = _as_of(project, budget, as_of)
    return api.BudgetLines(rec.budget_total, spent)


@api.hookimpl
def lr_summary(project, sections, as_of):
    budget = sections.get(NAME)
    if budget is None or not budget.lines:
        return []
    rec, spent = _as_of(project, budget, as_of)
    share = elapsed_share(project.project.start, project.project.end, as_of)
    if spent is None:
        text = _("Spent so far is not known for {date}: the outcome is a total without a date; {elapsed} of the period has passed").format(
            date=api.day(as_of), elapsed=api.percent(share * 100))
        return [api.section("budget", _("Budget"), api.Paragraph(text))]
    used = 100 * spent / rec.budget_total if rec.budget_total else 0
    text = _("{spent} of {budget} spent ({used}); {elapsed} of the period has passed").format(
        spent=api.money(spent), budget=api.money(rec.budget_total), used=api.percent(used), elapsed=api.percent(share * 100)
    )
    return [api.section("budget", _("Budget"), api.Paragraph(text))]


@api.hookimpl
def lr_portfolio_columns():
    def spent(project, sections):
        budget = sections.get(NAME)
        return reconcile(budget).reported_outcome if budget else None

    return [api.Column("budget_spent", _("Spent (ledger)"), spent, total=True, kind="money")]


@api.hookimpl
def lr_tui_panes():
    def factory(context):
        from lilla_ratten_budget.pane import BudgetPane  # Textual only when the TUI asks

        return BudgetPane(context)

    return [api.Pane("budget", _("Budget"), factory)]


@api.hookimpl
def lr_commands():
    return [commands.budget_command()]
