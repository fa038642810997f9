"""``lilla-ratten open FILE`` (or ``lilla-ratten FILE``): the terminal app."""

from __future__ import annotations

import sys
from pathlib import Path

from lilla_ratten.cli.common import print_problems
from lilla_ratten.i18n import _

BUNDLED_SAMPLE = "ingen-ska-lamnas-utanfor-2.toml"


def register(sub, host) -> None:
    p = sub.add_parser("open", help=_("open a project in the terminal app"))
    p.add_argument(
        "file", nargs="?", metavar=_("FILE"),
        help=_("a project file, or a folder for its portfolio; default: the project(s) in this folder, or a sample"),
    )
    p.set_defaults(run=run)


def bundled_sample() -> Path | None:
    for root in (Path(__file__).resolve().parents[3], Path.cwd()):
        candidate = root / "sample_projects" / BUNDLED_SAMPLE
        if candidate.exists():
            return candidate
    return None


def choose_file(arg: str | None) -> Path | None:
    """A project file or a folder (the portfolio); several projects here mean this folder."""
    if arg:
        return Path(arg)
    here = sorted(p for p in Path.cwd().glob("*.toml") if not p.name.startswith(".") and p.name != "pyproject.toml")
    if len(here) == 1:
        return here[0]
    if len(here) > 1:
        return Path(".")
    return bundled_sample()


def can_be_created(path: Path) -> bool:
    """Nothing there yet (not even a broken link), in a folder that is: the app offers a new project."""
    return not path.exists() and not path.is_symlink() and path.parent.is_dir()


def run(args, *, read_only: bool = False) -> int:
    path = choose_file(args.file)
    if path is None:
        return 1
    from lilla_ratten.storage import ProjectFileError

    # Textual is imported only here, after the language is set: its bindings are read at import.
    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.session import Session

    if not read_only and can_be_created(path):
        app = LillaRattenApp(host=args.host, load_host=args.load_host, create_at=path)
        app.run()
        return app.return_code or 0  # 1 when the user chose not to create it
    if path.is_dir():
        app = LillaRattenApp(host=args.host, load_host=args.load_host, folders=[str(path)], read_only=read_only)
        app.run()
        return app.return_code or 0  # 1 after a crash (tui/crash.py)
    try:
        session = Session.open(path, read_only=read_only)
    except ProjectFileError as exc:
        print_problems(exc.problems, sys.stderr)
        return 1
    app = LillaRattenApp(session, args.host, load_host=args.load_host)
    app.run()
    return app.return_code or 0
