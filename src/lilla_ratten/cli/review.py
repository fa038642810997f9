"""``lilla-ratten review [PATH...]``: the steering group's read-only view, also over SSH.

Run as an SSH forced command (``command="lilla-ratten review /srv/projects"``), the
client's own command line arrives in ``$SSH_ORIGINAL_COMMAND``.  It is never run: it
is read as a request, and only these are granted:

    (nothing)                      the review app (or, without a terminal, the printout)
    review | lilla-ratten review   the same
    [lilla-ratten] [review] --print [NAME]
                                   the printout: the portfolio, or project NAME (its
                                   file name without .toml, found under the served folders)

Anything else is refused with exit status 2.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from lilla_ratten.cli.common import add_as_of, load_or_report, terminal_width
from lilla_ratten.i18n import _
from lilla_ratten.reports import render

# what the review sets for SSH links: no animation (bandwidth), a short escape delay
REVIEW_ENVIRONMENT = {"TEXTUAL_ANIMATIONS": "none", "ESCDELAY": "25"}


def register(sub, host) -> None:
    p = sub.add_parser("review", help=_("read-only review for the steering group (also over SSH)"))
    p.add_argument("paths", nargs="*", metavar=_("PATH"), help=_("project files or folders (default: this folder)"))
    p.add_argument("--print", dest="print_only", action="store_true", help=_("print instead of opening the app (no terminal needed)"))
    p.add_argument("--project", metavar=_("NAME"), help=_("with --print: only this project (file name without .toml)"))
    p.add_argument("--log", metavar=_("WHERE"), help=_(
        "log each project opened or printed, with the SSH key that did it: syslog, a syslog socket or a file "
        "(default over SSH: syslog where /dev/log exists)"))
    add_as_of(p)
    p.set_defaults(run=run)


class Refused(Exception):
    pass


def requested(original: str | None) -> tuple[bool, str | None]:
    """(print only?, project name) from ``$SSH_ORIGINAL_COMMAND``; raises ``Refused``."""
    if original is None or not original.strip():
        return False, None
    import shlex  # here: registering the command is on the app's way to its first frame

    try:
        words = shlex.split(original)
    except ValueError:
        raise Refused(original) from None
    if words[:1] == ["lilla-ratten"]:
        words = words[1:]
    if words[:1] == ["review"]:
        words = words[1:]
    if not words:
        return False, None
    if words[0] == "--print" and len(words) <= 2:
        name = words[1] if len(words) == 2 else None
        if name is not None and (not name.replace("-", "").replace("_", "").isalnum()):
            raise Refused(original)
        return True, name
    raise Refused(original)


def run(args) -> int:
    roots = args.paths or ["."]
    missing = [root for root in roots if not os.path.exists(root)]
    if missing:  # a mistyped name showed an empty portfolio, as if there were no projects
        import errno

        from lilla_ratten.storage.os_errors import os_error_text

        why = os_error_text(FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT)))
        for root in missing:
            print(_("{path}: cannot be read: {error}").format(path=root, error=why), file=sys.stderr)
        return 1
    print_only, name = args.print_only, args.project
    try:
        ssh_print, ssh_name = requested(os.environ.get("SSH_ORIGINAL_COMMAND"))
    except Refused:
        print(_("Only the read-only review is available on this account: try --print, or connect with a terminal."), file=sys.stderr)
        return 2
    print_only = print_only or ssh_print
    name = name or ssh_name
    if not print_only and not (sys.stdin.isatty() and sys.stdout.isatty()):
        print_only = True  # ssh without a terminal: print rather than draw a broken screen
    as_of = args.as_of or date.today()
    from lilla_ratten.storage import access_log

    log = args.log
    if log is None and os.environ.get("SSH_CONNECTION") and os.path.exists(access_log.SYSLOG_SOCKET):
        log = "syslog"
    access_log.start(None if log == "off" else log)
    if print_only:  # decided here for a terminal-less SSH session: main() did not filter the output
        import gc

        from lilla_ratten.cli.connection_watch import end_with_the_connection
        from lilla_ratten.cli.safe_output import neutralised_output

        gc.enable()  # main() turned it off for an app's start; a printout runs to its end
        end_with_the_connection()  # no process left running after the client has gone
        with neutralised_output():
            try:
                return print_review(roots, name, as_of, args.host or args.load_host())
            except access_log.AccessNotLogged as exc:
                print(_("Not shown: reading it could not be logged ({error})").format(error=exc.strerror), file=sys.stderr)
                return 1
    os.environ.update({k: v for k, v in REVIEW_ENVIRONMENT.items() if k not in os.environ})
    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.session import Session

    files = [Path(p) for p in roots]
    if len(files) == 1 and files[0].is_file():
        from lilla_ratten.storage import ProjectFileError

        try:
            session = Session.open(files[0], read_only=True)
        except ProjectFileError as exc:
            print(exc.problems[0] if exc.problems else exc, file=sys.stderr)
            return 1
        app = LillaRattenApp(session, args.host, load_host=args.load_host, as_of=as_of)
    else:
        try:
            for root in files:
                access_log.record("listed the portfolio of", root)
        except access_log.AccessNotLogged as exc:
            print(_("Not shown: reading it could not be logged ({error})").format(error=exc.strerror), file=sys.stderr)
            return 1
        app = LillaRattenApp(host=args.host, load_host=args.load_host, folders=[str(p) for p in files], as_of=as_of, read_only=True)
    app.run()
    return app.return_code or 0  # 1 after a crash (tui/crash.py)


def print_review(roots: list[str], name: str | None, as_of: date, host) -> int:
    from lilla_ratten.storage import access_log

    width = terminal_width()
    if name is None and not (len(roots) == 1 and Path(roots[0]).is_file()):
        from lilla_ratten.reports.portfolio import build
        from lilla_ratten.reports.portfolio_load import load_portfolio

        for root in roots:
            access_log.record("printed the portfolio of", Path(root))
        loaded = load_portfolio(roots, as_of, host, keep_projects=False)
        doc = build(loaded.rows, loaded.failed, as_of, columns=loaded.columns, cards=True)
        print(render(doc, "text", width), end="")
        print()
        print(_("One project: --print NAME, with NAME one of: {names}").format(
            names=", ".join(Path(r.file).stem for r in loaded.rows)))
        return 0
    if name is None:
        path = Path(roots[0])
    else:
        from lilla_ratten.storage.discover import project_files

        refused: list[tuple[Path, str]] = []
        matches = [p for p in project_files(roots, refused) if p.stem == name]
        if not matches:  # a link out of the folder, a FIFO: say why it is not shown
            why = next((f"{p}: {reason}" for p, reason in refused if p.stem == name), None)
            print(why or _("No project named {name} here.").format(name=name), file=sys.stderr)
            return 1
        path = matches[0]
    loaded = load_or_report(path, host, allow_errors=True)
    if loaded is None:
        return 1
    access_log.record("printed", path)
    from lilla_ratten.reports import status_report, summary

    print(render(summary.build(loaded.project, as_of, host), "text", width), end="")
    latest = loaded.project.latest_status_report()
    if latest is not None:
        print()
        print(render(status_report.build(loaded.project, latest, host), "text", width), end="")
    return 0
