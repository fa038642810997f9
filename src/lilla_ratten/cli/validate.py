"""``lilla-ratten validate FILE...``: every problem, as ``file:line: field: message``."""

from __future__ import annotations

from lilla_ratten.cli.common import print_problems
from lilla_ratten.i18n import _
from lilla_ratten.storage import ProjectFileError, has_errors, read_project


def register(sub) -> None:
    p = sub.add_parser("validate", help=_("check project files and list every problem"))
    p.add_argument("files", nargs="+", metavar=_("FILE"))
    p.set_defaults(run=run)


def run(args) -> int:
    status = 0
    for file in args.files:
        try:
            problems = read_project(file).problems
        except ProjectFileError as exc:
            problems = exc.problems
        print_problems(problems)
        if has_errors(problems):
            status = 1
        elif not problems:
            print(_("{file}: no problems").format(file=file))
    return status
