"""``lilla-ratten lessons DIR... [--search TEXT] [--kind KIND]``: lessons learned across projects."""

from __future__ import annotations

import sys

from lilla_ratten.cli.common import add_format, missing_paths, terminal_width
from lilla_ratten.i18n import _
from lilla_ratten.model import LessonKind
from lilla_ratten.reports import render
from lilla_ratten.reports.lessons import build, collect, search
from lilla_ratten.storage import ProjectFileError, has_errors
from lilla_ratten.storage.cache import read_project_cached
from lilla_ratten.storage.discover import project_files


def register(sub, host) -> None:
    p = sub.add_parser("lessons", help=_("search the lessons learned of every project under the folders"))
    p.add_argument("paths", nargs="+", metavar=_("DIR"), help=_("folders (searched recursively) or project files"))
    p.add_argument("--search", metavar=_("TEXT"), help=_("only lessons containing every word"))
    p.add_argument("--kind", choices=[k.value for k in LessonKind], help=_("only this kind of lesson"))
    add_format(p)
    p.set_defaults(run=run)


def run(args) -> int:
    if missing_paths(args.paths):
        return 1
    found = []
    refused: list = []
    files = project_files(args.paths, refused)
    for path, why in refused:
        print(f"{path}: {why}", file=sys.stderr)
    failed = len(refused)
    for path in files:
        try:
            loaded = read_project_cached(path)
        except (ProjectFileError, OSError) as exc:
            failed += 1
            problems = getattr(exc, "problems", None)
            print(_("{file}: not read: {error}").format(file=path, error=problems[0] if problems else exc), file=sys.stderr)
            continue
        errors = [p for p in loaded.problems if has_errors([p])]
        if errors:  # an identity number, a broken record: left out, as status and portfolio do
            failed += 1
            print(_("{file}: not read: {error}").format(file=path, error=errors[0]), file=sys.stderr)
            continue
        found.extend(collect(loaded.project, str(path)))
    hits = search(found, args.search, args.kind)
    print(render(build(hits, args.search, args.kind), args.format, terminal_width()), end="")
    return 1 if failed else 0
