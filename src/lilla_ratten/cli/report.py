"""``lilla-ratten report status|final|directive|plan FILE``: the documents sent to the steering group
and the funder.

``--format md|text|json`` prints; ``--format docx|odt|pdf`` (or ``-o FILE``) writes a file,
through :mod:`lilla_ratten.cli.export`, which alone imports the document libraries."""

from __future__ import annotations

import sys
from datetime import date

from lilla_ratten.cli.common import add_as_of, load_or_report, terminal_width
from lilla_ratten.i18n import _
from lilla_ratten.model.derived import decided_date, final_report_date, report_author, sent_view
from lilla_ratten.model.document import Document
from lilla_ratten.reports import FORMATS, layouts, planning, render, status_report

DOCUMENT_FORMATS = ("docx", "odt", "pdf")  # the same as cli.export's, which is imported only to write


def _add_format(parser) -> None:
    parser.add_argument("--format", choices=(*FORMATS, *DOCUMENT_FORMATS), default="md", help=_("output format"))
    parser.add_argument(
        "-o", "--output", metavar=_("OUT"),
        help=_("write to this file (default for docx, odt and pdf: beside the project file)"),
    )
    parser.add_argument("--force", action="store_true", help=_("replace the output file if it exists"))


def register(sub, host) -> None:
    p = sub.add_parser("report", help=_("print a status report or the final report"))
    kinds = p.add_subparsers(dest="kind", metavar=_("KIND"), required=True)
    s = kinds.add_parser("status", help=_("a status report (default: the latest)"))
    s.add_argument("file", metavar=_("FILE"))
    s.add_argument("--id", help=_("which status report, e.g. SR2"))
    _add_format(s)
    s.set_defaults(run=run_status)
    f = kinds.add_parser("final", help=_("the final report"))
    f.add_argument("file", metavar=_("FILE"))
    add_as_of(f)
    names = tuple(layouts.registered(host))
    f.add_argument(
        "--layout", choices=names, metavar=_("LAYOUT"),
        help=_("the funder's form: {names} (default: as the project type says)").format(names=", ".join(names)),
    )
    _add_format(f)
    f.set_defaults(run=run_final)
    for kind, helptext in (("directive", _("the project directive, decided at B1")),
                           ("plan", _("the project plan, decided at B2"))):
        d = kinds.add_parser(kind, help=helptext)
        d.add_argument("file", metavar=_("FILE"))
        add_as_of(d)
        _add_format(d)
        d.set_defaults(run=run_planning, planning=kind)


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
    doc = status_report.build(project, report, args.host)
    label = _("status-report") + f"-{report.id}"
    shown = sent_view(project, report)[0]  # a sent report's header names the project as it was sent
    return _output(args, doc, label, shown.project.name, own_day(report.date), report_author(shown, report.author))


def run_final(args) -> int:
    loaded = load_or_report(args.file, args.host)
    if loaded is None:
        return 1
    as_of = args.as_of or date.today()
    doc = layouts.build(loaded.project, as_of, args.host, args.layout)
    # the page header dates the report as it was signed or sent, never the day it is printed
    when = own_day(final_report_date(loaded.project))
    status = _output(args, doc, _("final-report"), loaded.project.project.name, when, report_author(loaded.project))
    # a plugin's part is missing (the document says so): not a success, as `validate` says it
    return 3 if status == 0 and layouts.is_incomplete(doc) else status


def run_planning(args) -> int:
    loaded = load_or_report(args.file, args.host)
    if loaded is None:
        return 1
    as_of = args.as_of or date.today()
    if args.planning == "directive":
        doc, name, point = planning.directive(loaded.project, as_of, args.host), _("project-directive"), "B1"
    else:
        doc, name, point = planning.plan(loaded.project, as_of, args.host), _("project-plan"), "B2"
    when = own_day(decided_date(loaded.project, point))
    return _output(args, doc, name, loaded.project.project.name, when, report_author(loaded.project))


def own_day(value: date | None) -> str:
    """A page header's date: the document's own, else none (not "–", not today)."""
    return value.isoformat() if value is not None else ""


def _output(args, doc: Document, label: str, project: str, when: str, author: str = "") -> int:
    """Print a text format; write a document (or any format given ``-o``) to a file."""
    if args.format not in DOCUMENT_FORMATS and not args.output:
        print(render(doc, args.format, terminal_width()), end="")
        return 0
    from pathlib import Path

    from lilla_ratten.cli.export import default_target, write_report

    target = Path(args.output) if args.output else default_target(args.file, label, args.format)
    return write_report(doc, args.format, target, args.force, project, when, Path(args.file), author)
