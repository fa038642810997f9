"""``lilla-ratten merge-driver`` and ``git-setup``: git merges project files by meaning.

git runs ``merge-driver %O %A %B %P`` for each ``*.toml`` it must merge (after
``git-setup``); the result goes into %A, exit 0 when settled. A file that is not a
project file (``pyproject.toml``) is merged by git's own line merge instead.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lilla_ratten.i18n import _
from lilla_ratten.storage.atomic import atomic_write
from lilla_ratten.storage.git_share import GitError, driver_command, note_driver_ran, setup, shared_versions
from lilla_ratten.storage.merge import THEIRS_SIDE, NotAProjectFile, merge_texts
from lilla_ratten.storage.safe_read import MAX_BYTES, megabytes


def register(sub, host) -> None:
    p = sub.add_parser("merge-driver", help=_("git's merge driver for project files (set up by git-setup)"))
    p.add_argument("base", metavar="%O")
    p.add_argument("ours", metavar="%A")
    p.add_argument("theirs", metavar="%B")
    p.add_argument("path", nargs="?", default=None, metavar="%P")
    p.set_defaults(run=run_merge_driver)
    p = sub.add_parser("git-setup", help=_("set up this clone so git diffs and merges project files by meaning"))
    p.add_argument("folder", nargs="?", default=".", metavar=_("FOLDER"))
    p.set_defaults(run=run_git_setup)


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def run_merge_driver(args) -> int:
    base, ours, theirs = Path(args.base), Path(args.ours), Path(args.theirs)
    name = args.path or ours.name
    texts = [_read(p) for p in (base, ours, theirs)]
    top = Path.cwd()  # git runs the driver at the top of the work tree
    try:
        note_driver_ran(top, name, ours.read_bytes())
    except (OSError, GitError):
        pass  # not in a repository (run by hand): nothing to note
    try:
        if texts[1] is None or texts[2] is None:
            raise NotAProjectFile(name)
        # a record others already have keeps its id; else theirs (the commit, rebase step or
        # stash brought onto HEAD's line) gives way: docs/git.md
        try:
            shared = shared_versions(top, name) if args.path else []
        except GitError:
            shared = []
        merged = merge_texts(texts[0], texts[1], texts[2], name, shared=shared, renumber=THEIRS_SIDE)
    except NotAProjectFile:
        # not a project file (or not one of ours): git's own line merge, markers and all
        result = subprocess.run(
            ["git", "merge-file", "-L", _("mine"), "-L", _("base"), "-L", _("theirs"), str(ours), str(base), str(theirs)],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            print(_("{file}: not a project file that can be read; merged line by line").format(file=name), file=sys.stderr)
        return result.returncode
    data = merged.text.encode("utf-8")
    if len(data) > MAX_BYTES:  # written, no command could open it again: git keeps mine and reports a conflict
        print(
            _("{file}: not merged: the merged file would be {size} MB, and a project file may be at most {limit} MB. "
              "Your version is kept; choose with git checkout --ours or --theirs").format(
                file=name, size=megabytes(len(data)), limit=megabytes(MAX_BYTES)),
            file=sys.stderr,
        )
        return 1
    atomic_write(ours, data)
    if merged.conflicts:
        count = len(merged.conflicts)
        print(
            _("{file}: conflicts recorded under [[conflicts]]: {n}; open the file in lilla-ratten to choose").format(file=name, n=count),
            file=sys.stderr,
        )
        for conflict in merged.conflicts:
            print(f"    {conflict.where()}", file=sys.stderr)
        return 1
    return 0


def run_git_setup(args) -> int:
    try:
        done = setup(Path(args.folder), driver_command())
    except GitError as exc:
        print(_("{folder}: {error}").format(folder=args.folder, error=exc), file=sys.stderr)
        return 1
    print(_("{file}: project files are diffed and merged by lilla-ratten (commit this file)").format(file=done.attributes))
    print(_("git config of this clone: merge.lilla-ratten.driver and diff.lilla-ratten.textconv set"))
    return 0
