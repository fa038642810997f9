"""The ``lilla-ratten`` command.  Printing and validating paths never import Textual."""

from __future__ import annotations

import argparse
import sys

from lilla_ratten import __version__
from lilla_ratten.i18n import LANGUAGES, _, ngettext, set_language

COMMANDS = ("validate", "fmt", "new", "status", "report")


def _peek_language(argv: list[str]) -> str | None:
    """``--lang`` must take effect before the parser (and its help texts) are built."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _translate_argparse() -> None:
    # argparse looks its messages up through module globals at call time, so
    # routing them through our catalogue gives Swedish usage and errors too.
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    from lilla_ratten.cli import fmt, new, report, status, validate

    parser = argparse.ArgumentParser(
        prog="lilla-ratten",
        description=_("Run a Lilla Ratten development project from its TOML file."),
    )
    parser.add_argument("--version", action="version", version=f"lilla-ratten {__version__}")
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages and reports (default: sv)"))
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for module in (validate, fmt, new, status, report):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        set_language(_peek_language(argv))
    except ValueError as exc:
        print(f"lilla-ratten: {exc}", file=sys.stderr)
        return 2
    _translate_argparse()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader (e.g. `head`) went away; nothing more to say
        return 0
