"""``lilla-ratten portfolio DIR...``: every project under the folders, with totals by a chosen field."""

from __future__ import annotations

import csv
import sys
from datetime import date

from lilla_ratten.cli.common import NOT_FULLY_CHECKED, add_as_of, missing_paths, terminal_width
from lilla_ratten.formatting import day
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
    p.add_argument("--format", choices=("md", "text", "json", "csv", *DOCUMENT_FORMATS), default="text", help=_("output format"))
    p.add_argument(
        "--year", type=int, metavar=_("YYYY"),
        help=_("docx, odt, pdf: the committee's compilation of the projects that ran this year (default: the year they all share)"),
    )
    p.add_argument("--unit", choices=("kr", "tkr"), default="kr",
                   help=_("docx, odt, pdf with --by: amounts in kronor or thousands of kronor"))
    p.add_argument("-o", "--output", metavar=_("OUT"), help=_("docx, odt, pdf: write to this file (default: beside the first folder)"))
    p.add_argument("--force", action="store_true", help=_("replace the output file if it exists"))
    p.set_defaults(run=run)


def _grouping(text: str) -> tuple[str, ...]:
    import argparse

    try:
        return grouping(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


DOCUMENT_FORMATS = ("docx", "odt", "pdf")


def _compilation(args, loaded, as_of) -> int:
    """The yearly compilation (seed 004) as a document to send; unreadable files are listed."""
    from lilla_ratten.reports.compilation import build as compile_projects, shared_year

    year = args.year if args.year is not None else shared_year(loaded.projects)
    doc = compile_projects(loaded.projects, as_of, year, args.host)
    return _write(doc, _("compilation") + (f"-{year}" if year else ""), args, loaded, as_of)


def _tables(args, loaded, as_of) -> int:
    """The ``--by`` tables as a document (seed 003's districts × areas with two fields)."""
    from lilla_ratten.reports.portfolio_tables import build as tables

    doc = tables(loaded.rows, loaded.failed, as_of, args.by, args.unit)
    return _write(doc, _("by") + "-" + "-".join(args.by), args, loaded, as_of)


def _write(doc, label: str, args, loaded, as_of) -> int:
    """``doc`` written beside the first folder (or to -o); unreadable files listed; the exit code."""
    from pathlib import Path

    from lilla_ratten.cli.export import default_target, write_report

    first = Path(args.paths[0])
    target = Path(args.output) if args.output else default_target(str(first.with_suffix("")) + ".toml", label, args.format)
    status = write_report(doc, args.format, target, args.force, doc.title, day(as_of))
    for f in loaded.failed:
        print(_("{file}: not read: {error}").format(file=f.file, error=f.error), file=sys.stderr)
    if not status and args.host is not None and args.host.failures:
        return NOT_FULLY_CHECKED  # as for the other formats
    return 1 if status or loaded.failed else 0


def run(args) -> int:
    if missing_paths(args.paths):
        return 1
    as_of = args.as_of or date.today()
    # a printed portfolio drops each project once its row is made; the compilation needs them
    compiling = args.format in DOCUMENT_FORMATS and not args.by
    loaded = load_portfolio(args.paths, as_of, args.host, keep_projects=compiling)
    if args.format in DOCUMENT_FORMATS:
        # --by asks for its tables; without it the document is the yearly compilation
        return _tables(args, loaded, as_of) if args.by else _compilation(args, loaded, as_of)
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
