"""``lilla-ratten status FILE``: where the project stands, on one screen."""

from __future__ import annotations

from datetime import date

from lilla_ratten.cli.common import add_as_of, add_format, load_or_report, terminal_width
from lilla_ratten.i18n import _
from lilla_ratten.reports import render
from lilla_ratten.reports.summary import build


def register(sub, host) -> None:
    p = sub.add_parser("status", help=_("where the project stands, on one screen"))
    p.add_argument("file", metavar=_("FILE"))
    add_as_of(p)
    add_format(p)
    p.set_defaults(run=run)


def run(args) -> int:
    loaded = load_or_report(args.file, args.host)
    if loaded is None:
        return 1
    doc = build(loaded.project, args.as_of or date.today(), args.host)
    print(render(doc, args.format, terminal_width()), end="")
    return 0
