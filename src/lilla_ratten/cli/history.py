"""``lilla-ratten diff``, ``log`` and ``textconv``: a project's history in the project's own terms."""

from __future__ import annotations

import sys
from pathlib import Path

from lilla_ratten.i18n import _
from lilla_ratten.reports.git_history import parse_version
from lilla_ratten.reports.history import changes, textconv
from lilla_ratten.storage.git import GitError, show
from lilla_ratten.storage.os_errors import os_error_text
from lilla_ratten.storage.safe_read import read_file_bytes


def register(sub, host) -> None:
    p = sub.add_parser("diff", help=_("what changed in a project file between git revisions"))
    p.add_argument("args", nargs="+", metavar="[REV1 [REV2]] FILE",
                   help=_("no revision: HEAD against the file as it is now; one: that revision against now"))
    p.set_defaults(run=run_diff)
    p = sub.add_parser("log", help=_("the project's history through its git commits"))
    p.add_argument("file", metavar=_("FILE"))
    p.add_argument("-n", type=int, default=None, metavar="N", help=_("only the newest N commits"))
    p.set_defaults(run=run_log)
    p = sub.add_parser("textconv", help=_("the file as one line per value, for git's textconv (see README)"))
    p.add_argument("file", metavar=_("FILE"))
    p.set_defaults(run=run_textconv)


def run_diff(args) -> int:
    *revs, file = args.args
    path = Path(file)
    if len(revs) > 2:
        print(_("at most two revisions: lilla-ratten diff [REV1 [REV2]] FILE"), file=sys.stderr)
        return 2
    try:
        if len(revs) == 2:
            old_text, new_text = show(path, revs[0]), show(path, revs[1])
        else:
            old_text = show(path, revs[0] if revs else "HEAD")
            new_text = read_file_bytes(path).decode("utf-8", errors="replace") if path.exists() else None
    except (GitError, OSError) as exc:
        print(_("{file}: {error}").format(file=file, error=exc), file=sys.stderr)
        return 1
    old, old_err = parse_version(old_text, file)
    new, new_err = parse_version(new_text, file)
    for err in (old_err, new_err):
        if err:
            print(err, file=sys.stderr)
    if old_err or new_err:
        return 1
    lines = changes(old, new)
    for line in lines:
        print(line)
    if not lines:
        print(_("no changes"))
    return 0


def run_log(args) -> int:
    from lilla_ratten.reports.git_history import entries, entry_lines, heading

    try:
        found = entries(Path(args.file), args.n)  # GitError outside git
    except GitError as exc:
        print(_("{file}: {error}").format(file=args.file, error=exc), file=sys.stderr)
        return 1
    for entry in found:
        print(heading(entry))
        for line in entry_lines(entry):
            print(f"    {line}")
        print()
    return 0



def run_textconv(args) -> int:
    path = Path(args.file)
    try:
        text = read_file_bytes(path).decode("utf-8", errors="replace")
    except OSError as exc:
        print(_("{file}: {error}").format(file=args.file, error=os_error_text(exc)), file=sys.stderr)
        return 1
    project, _err = parse_version(text, args.file)
    # git must always get something to diff: a file that does not parse is shown as it is
    sys.stdout.write(textconv(project) if project is not None else text)
    return 0
