"""``lilla-ratten report status|final FILE``: the documents sent to the steering group."""

from __future__ import annotations

import sys
from datetime import date

from lilla_ratten.cli.common import add_as_of, add_format, load_or_report, terminal_width
from lilla_ratten.i18n import _
from lilla_ratten.reports import final_report, render, status_report


def register(sub, host) -> None:
    p = sub.add_parser("report", help=_("print a status report or the final report"))
    kinds = p.add_subparsers(dest="kind", metavar=_("KIND"), required=True)
    s = kinds.add_parser("status", help=_("a status report (default: the latest)"))
    s.add_argument("file", metavar=_("FILE"))
    s.add_argument("--id", help=_("which status report, e.g. SR2"))
    add_format(s, "md")
    s.set_defaults(run=run_status)
    f = kinds.add_parser("final", help=_("the final report"))
    f.add_argument("file", metavar=_("FILE"))
    add_as_of(f)
    add_format(f, "md")
    f.set_defaults(run=run_final)


def run_status(args) -> int:
    loaded = load_or_report(args.file, args.host)
    if loaded is None:
        return 1
    project = loaded.project
    if args.id:
        report = project.status_report(args.id)
        if report is None:
            known = ", ".join(r.id for r in project.status_reports) or _("none")
            print(_("{file}: no status report {id} (there are: {known})").format(file=args.file, id=args.id, known=known), file=sys.stderr)
            return 1
    else:
        report = project.latest_status_report()
        if report is None:
            print(_("{file}: has no status reports yet").format(file=args.file), file=sys.stderr)
            return 1
    print(render(status_report.build(project, report, args.host), args.format, terminal_width()), end="")
    return 0


def run_final(args) -> int:
    loaded = load_or_report(args.file, args.host)
    if loaded is None:
        return 1
    doc = final_report.build(loaded.project, args.as_of or date.today(), args.host)
    print(render(doc, args.format, terminal_width()), end="")
    return 0
