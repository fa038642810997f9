"""The ``lilla-ratten`` command.  Printing and validating paths never import Textual."""

from __future__ import annotations

import argparse
import gc
import sys

from lilla_ratten import __version__
from lilla_ratten.i18n import LANGUAGES, _, ngettext, set_language


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages and reports (default: sv)"))
    parser.add_argument("--no-plugins", action="store_true", help=_("load no installed plugins"))
    parser.add_argument(
        "--disable", action="append", default=[], metavar=_("NAME"), help=_("do not load this plugin (repeatable)")
    )
    parser.add_argument(
        "--plugin",
        action="append",
        default=[],
        metavar=_("MODULE:OBJECT"),
        help=_("also load this plugin, for plugin development (repeatable; or $LILLA_RATTEN_PLUGINS)"),
    )


def _translate_argparse() -> None:
    # argparse looks its messages up through module globals at call time, so
    # routing them through our catalogue gives Swedish usage and errors too.
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


# the modules that register the commands, in the order --help lists them
COMMAND_MODULES = ("open", "validate", "fmt", "new", "status", "report", "portfolio", "lessons", "history", "git_tools", "review", "plugins")
APP_COMMAND_MODULES = ("open", "review")


def build_parser(host, modules: tuple[str, ...] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The whole command line; ``modules`` narrows it to the commands this run can be."""
    import importlib

    parser = argparse.ArgumentParser(
        prog="lilla-ratten",
        description=_("Run a Lilla Ratten development project from its TOML file."),
    )
    parser.add_argument("--version", action="version", version=f"lilla-ratten {__version__}", help=_("show the version and exit"))
    _global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for name in modules:
        importlib.import_module(f"lilla_ratten.cli.{name}").register(sub, host)
    if host is None:
        return parser
    from lilla_ratten.plugins.manager import PluginCallbackError
    from lilla_ratten.plugins.specs import Command

    for plugin, command in host.collect("lr_commands", Command):
        if command.name in sub.choices:
            host._switch_off(plugin, "lr_commands", f"command {command.name!r} already exists")
            continue
        p = sub.add_parser(command.name, help=command.help)
        try:
            host.call_back(plugin, "Command.configure", command.configure, p)
        except PluginCallbackError as exc:
            # the command stays, so typing it says what is wrong instead of "invalid choice"
            p.set_defaults(run=lambda args, failure=exc.failure: _command_failed(failure))
            continue
        p.set_defaults(run=lambda args, command=command, plugin=plugin: _run_command(host, plugin, command, args))
    return parser


def _run_command(host, plugin: str, command, args) -> int:
    """A plugin's command, isolated: a failure is said in words, with the plugin's name, exit 1."""
    from lilla_ratten.plugins.manager import PluginCallbackError

    try:
        status = host.call_back(plugin, "Command.run", command.run, args, host, bounded=False)
    except PluginCallbackError as exc:
        return _command_failed(exc.failure)
    return status if isinstance(status, int) else 0


def _command_failed(failure) -> int:
    failure.shown = True
    print(
        _("plugin {plugin} failed in {hook}: {error}").format(plugin=failure.plugin, hook=failure.hook, error=failure.error),
        file=sys.stderr,
    )
    return 1


def main(argv: list[str] | None = None, *, plugins: list[tuple[str, object]] = ()) -> int:
    """``lilla-ratten``; ``plugins`` are ``(name, object)`` loaded as well (``lilla_ratten.testing`` runs it so)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    early = argparse.ArgumentParser(add_help=False)
    _global_options(early)
    known, _rest = early.parse_known_args(argv)
    set_language(known.lang)
    _translate_argparse()

    def load():
        from lilla_ratten.plugins.manager import PluginHost

        return PluginHost.load(entry_points=not known.no_plugins, extra=known.plugin, disabled=known.disable, objects=plugins)

    # The app draws its first frame before the plugins are even imported (they add tabs a
    # moment later); every other command needs them first, for its output and its commands.
    interactive = opens_the_app(_rest)
    if interactive:
        # Everything made while starting lives as long as the app; the collector would
        # walk it again and again (≈10 ms of the first frame). The app turns it back on
        # after the first frame, freezing what exists by then.
        gc.disable()
    host = None if interactive else load()
    # the app's first frame does not wait for the other commands' modules
    parser = build_parser(host, APP_COMMAND_MODULES if interactive else COMMAND_MODULES)
    commands = next(a for a in parser._actions if a.dest == "command").choices
    args = parser.parse_args(route(argv, _rest, commands))
    args.host = host
    args.load_host = load
    try:
        if interactive:
            status = args.run(args)
        else:
            from lilla_ratten.cli.safe_output import neutralised_output

            with neutralised_output():
                status = args.run(args)
                if host is not None:
                    report_failures(host)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader (e.g. `head`) went away; nothing more to say
        return 0
    finally:
        gc.enable()  # if the app never got to its first frame (or printed instead)
    return status


CORE_COMMANDS = ("open", "validate", "fmt", "new", "status", "report", "portfolio", "lessons", "diff", "log", "textconv", "merge-driver", "git-setup", "review", "plugins")


def opens_the_app(rest: list[str]) -> bool:
    """``lilla-ratten``, ``open …``, ``review …`` (not ``--print``) or ``lilla-ratten PATH``."""
    if any(a in ("-h", "--help", "--version", "--print") for a in rest):
        return False
    first = next((a for a in rest if not a.startswith("-")), None)
    if first is None or first in ("open", "review"):
        return True
    from pathlib import Path

    return first not in CORE_COMMANDS and Path(first).exists()


def route(argv: list[str], rest: list[str], commands) -> list[str]:
    """``lilla-ratten`` and ``lilla-ratten FILE`` mean ``lilla-ratten open [FILE]``."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return argv
    first = next((a for a in rest if not a.startswith("-")), None)
    if first is None:
        return [*argv, "open"]
    if first not in commands:
        i = argv.index(first)
        return [*argv[:i], "open", *argv[i:]]
    return argv


def report_failures(host) -> None:
    for f in host.failures:
        if f.shown:
            continue
        print(
            _("plugin {plugin} failed in {hook} and was switched off for this run: {error}").format(
                plugin=f.plugin, hook=f.hook, error=f.error
            ),
            file=sys.stderr,
        )
