"""``lilla-ratten fmt [--check] FILE...``: rewrite files in the canonical form, like a code formatter."""

from __future__ import annotations

import sys

from lilla_ratten.cli.common import load_or_report, print_problems
from lilla_ratten.i18n import _
from lilla_ratten.storage import ConflictError, ProjectFileError, render


def register(sub, host) -> None:
    p = sub.add_parser("fmt", help=_("rewrite project files in canonical form"))
    p.add_argument("--check", action="store_true", help=_("change nothing; exit 1 and name the files that would change"))
    p.add_argument("files", nargs="+", metavar=_("FILE"))
    p.set_defaults(run=run)


def run(args) -> int:
    status = 0
    for file in args.files:
        loaded = load_or_report(file, allow_errors=True)
        if loaded is None:
            status = 1
            continue
        with open(file, encoding="utf-8", newline="") as fh:
            current = fh.read()
        canonical = render(loaded.project, loaded.notes)
        if canonical == current:
            continue
        if args.check:
            print(_("{file}: would be reformatted").format(file=file))
            status = 1
            continue
        try:
            loaded.save()
        except (ConflictError, ProjectFileError) as exc:
            if isinstance(exc, ProjectFileError):
                print_problems(exc.problems, sys.stderr)
            else:
                print(exc, file=sys.stderr)
            status = 1
            continue
        print(_("{file}: reformatted").format(file=file))
    return status
