"""``lilla-ratten portfolio DIR...``: every project under the folders, with totals by a chosen field."""

from __future__ import annotations

import csv
import sys
from datetime import date

from lilla_ratten.cli.common import NOT_FULLY_CHECKED, add_as_of, missing_paths, terminal_width
from lilla_ratten.i18n import _
from lilla_ratten.reports import render
from lilla_ratten.reports.portfolio import GROUPINGS, build, csv_rows, grouping
from lilla_ratten.reports.portfolio_load import load_portfolio


def register(sub, host) -> None:
    p = sub.add_parser("portfolio", help=_("every project under the folders, with totals and what is late"))
    p.add_argument("paths", nargs="+", metavar=_("DIR"), help=_("folders (searched recursively) or project files"))
    add_as_of(p)
    p.add_argument("--by", type=_grouping, metavar="|".join(GROUPINGS),
                   help=_("subtotals by this field, or by two: area,organisation"))
    p.add_argument("--format", choices=("md", "text", "json", "csv"), default="text", help=_("output format"))
    p.set_defaults(run=run)


def _grouping(text: str) -> tuple[str, ...]:
    import argparse

    try:
        return grouping(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def run(args) -> int:
    if missing_paths(args.paths):
        return 1
    as_of = args.as_of or date.today()
    loaded = load_portfolio(args.paths, as_of, args.host, keep_projects=False)
    if args.format == "csv":
        headers, rows = csv_rows(loaded.rows, loaded.columns)
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(headers)
        out.writerows(rows)
        for f in loaded.failed:
            print(_("{file}: not read: {error}").format(file=f.file, error=f.error), file=sys.stderr)
    else:
        failures = list(args.host.failures) if args.host is not None else []
        doc = build(loaded.rows, loaded.failed, as_of, by=args.by, columns=loaded.columns, cards=args.format == "text",
                    failures=failures)
        print(render(doc, args.format, terminal_width()), end="")
    if args.host is not None and args.host.failures:
        return NOT_FULLY_CHECKED  # a plugin's part of the roll-up is missing: not a clean run
    return 1 if loaded.failed else 0
