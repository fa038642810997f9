"""``lilla-ratten validate FILE...``: every problem, as ``file:line: field: message``.

Exit status: 0 no errors, 1 errors, 3 a plugin's check could not run (the file was not
fully checked, so "no problems" cannot be said), whatever else was found.
"""

from __future__ import annotations

from datetime import date

from lilla_ratten.cli.common import NOT_FULLY_CHECKED, add_as_of, check, print_problems, print_unchecked
from lilla_ratten.i18n import _
from lilla_ratten.model import Severity
from lilla_ratten.storage import has_errors


def register(sub, host) -> None:
    p = sub.add_parser("validate", help=_("check project files and list every problem"))
    p.add_argument("files", nargs="+", metavar=_("FILE"))
    add_as_of(p)  # a done date after it is said (the form says it as of the app's date)
    p.set_defaults(run=run)


def run(args) -> int:
    status = 0
    as_of = args.as_of or date.today()
    for file in args.files:
        _loaded, problems = check(file, args.host, as_of)
        print_problems(problems)
        if print_unchecked(file, args.host):
            status = NOT_FULLY_CHECKED
        elif has_errors(problems):
            status = max(status, 1)
        elif not any(p.severity is not Severity.NOTICE for p in problems):
            print(_("{file}: no problems").format(file=file))
    return status
