"""``lilla-ratten budget import|remap|show``: the ledger from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from lilla_ratten import api

from lilla_ratten_budget.compute import kronor, kronor_and_ore
from lilla_ratten_budget.importer import LedgerError, apply, plan, read_extract, remap
from lilla_ratten_budget.ledger import parse_amount
from lilla_ratten_budget.section import BudgetSection
from lilla_ratten_budget.text import _

NAME = "budget"


def budget_command() -> api.Command:
    def configure(parser) -> None:
        sub = parser.add_subparsers(dest="budget_command", required=True)
        imp = sub.add_parser("import", help=_("import a general-ledger extract (SIE 4 or CSV)"))
        imp.add_argument("file", help=_("the project file"))
        imp.add_argument("ledger", help=_("the ledger extract"))
        imp.add_argument("--dry-run", action="store_true", help=_("show what would be imported; change nothing"))
        imp.add_argument("--format", choices=("csv", "sie"), help=_("default: from the file"))
        imp.add_argument("--delimiter", help=_("CSV delimiter (default: guessed)"))
        imp.add_argument("--column", action="append", default=[], metavar="KEY=NAME",
                         help=_("CSV column for date, account, amount, text, cost_centre, project, voucher"))
        imp.add_argument("--control-total", help=_("the extract's stated total; the import is refused if the rows disagree"))
        rem = sub.add_parser("remap", help=_("map stored ledger rows again after changing the rules"))
        rem.add_argument("file")
        show = sub.add_parser("show", help=_("the ledger rows behind one budget line"))
        show.add_argument("file")
        show.add_argument("line", help=_("budget line id, or 'unmapped'"))

    def run(args, host) -> int:
        return {"import": _import, "remap": _remap, "show": _show}[args.budget_command](args, host)

    return api.Command("budget", _("budget: import a ledger, remap, show a line's transactions"), configure, run)


def _load(path: str, host):
    try:
        loaded = api.read_project(path)
    except api.ProjectFileError as exc:
        print(exc, file=sys.stderr)
        return None, None
    sections, findings = host.sections(loaded.project)
    budget = sections.get(NAME)
    if budget is None:
        if any(f.path[:2] == ("ext", NAME) for f in findings):
            print(_("{file}: [ext.budget] has errors; run lilla-ratten validate").format(file=path), file=sys.stderr)
            return None, None
        budget = BudgetSection()
    return loaded, budget


def _save(loaded, host, budget) -> int:
    host.store(loaded.project, NAME, budget)
    try:
        loaded.save()
    except (api.ConflictError, api.ProjectFileError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def _import(args, host) -> int:
    loaded, budget = _load(args.file, host)
    if loaded is None:
        return 1
    columns = dict(c.split("=", 1) for c in args.column)
    try:
        extract = read_extract(Path(args.ledger), fmt=args.format, delimiter=args.delimiter, columns=columns)
        control = parse_amount(args.control_total) if args.control_total else None
        preview = plan(budget, extract, Path(args.ledger).name, control_total=control)
    except (LedgerError, OSError, ValueError) as exc:
        line = f":{exc.line}" if getattr(exc, "line", None) else ""
        print(f"{args.ledger}{line}: {exc}", file=sys.stderr)
        return 1
    names = {line.id: line.name for line in budget.lines}
    print(_("{new} new rows, {dup} already imported, {bal} balance-sheet rows skipped").format(
        new=len(preview.new), dup=preview.duplicates, bal=preview.skipped_balance))
    for line_id, ore in sorted(preview.per_line.items()):
        print(f"  {line_id:14} {names.get(line_id, ''):40} {api.money(kronor(ore)):>14}")
    for account, ore in sorted(preview.unmapped.items()):
        print("  " + _("unmapped account {account}: {amount}").format(account=account, amount=api.money(kronor(ore))))
    if args.dry_run:
        print(_("dry run: nothing was written"))
        return 0
    if not preview.new:
        return 0
    apply(budget, preview)
    status = _save(loaded, host, budget)
    if status == 0:
        print(_("{file}: imported {n} rows").format(file=args.file, n=len(preview.new)))
    return status


def _remap(args, host) -> int:
    loaded, budget = _load(args.file, host)
    if loaded is None:
        return 1
    moved = remap(budget)
    print(_("{n} rows moved to another line").format(n=moved))
    return _save(loaded, host, budget) if moved else 0


def _show(args, host) -> int:
    loaded, budget = _load(args.file, host)
    if loaded is None:
        return 1
    wanted = None if args.line == "unmapped" else args.line
    rows = [t for t in budget.transactions if t.line == wanted]
    total = 0
    for t in rows:
        total += t.amount
        print(f"{t.date}  {t.voucher or '':8} {t.account:6} {t.text[:36]:36} {kronor_and_ore(t.amount):>14}")
    print(_("{n} rows, sum {amount}").format(n=len(rows), amount=api.money(kronor(total))))
    return 0
