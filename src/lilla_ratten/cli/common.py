"""What the commands share: dates, loading with messages, printing problems."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from lilla_ratten.i18n import _
from lilla_ratten.storage import LoadedProject, Problem, ProjectFileError, has_errors, read_project


def as_of_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a date like 2024-02-28: {text}").format(text=text)) from None


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of", type=as_of_date, default=None, metavar=_("DATE"), help=_("compute as of this date (default: today)")
    )


def add_format(parser: argparse.ArgumentParser, default: str = "text") -> None:
    parser.add_argument("--format", choices=("md", "text", "json"), default=default, help=_("output format"))


def print_problems(problems: list[Problem], stream=None) -> None:
    stream = stream or sys.stdout
    for problem in problems:
        print(problem, file=stream)


NOT_FULLY_CHECKED = 3  # exit status: a plugin's check could not run, so the file's problems may be more than shown


def print_unchecked(file: str | Path, host, stream=None) -> bool:
    """Say that ``file`` was not fully checked, naming each plugin whose check could not run."""
    failures = host.unchecked() if host is not None else []
    for f in failures:
        print(
            _("{file}: not fully checked: plugin {plugin} could not run its checks ({hook}: {error})").format(
                file=file, plugin=f.plugin, hook=f.hook, error=f.error
            ),
            file=stream or sys.stdout,
        )
    return bool(failures)


def check(path: str | Path, host, as_of: date | None = None) -> tuple[LoadedProject | None, list[Problem]]:
    """Load a project and collect every problem, the plugins' findings included; with ``as_of``
    also what cannot have happened yet by then (a done date to come)."""
    try:
        loaded = read_project(path)
    except ProjectFileError as exc:
        return None, exc.problems
    from lilla_ratten.plugins.project_checks import later_findings  # here: `open` paints its first frame before pluggy

    more = later_findings(loaded.project, host, as_of)  # the app's Kontroller screen lists the same
    if more:
        loaded.problems = sorted([*loaded.problems, *loaded.located(more)], key=_line)
    return loaded, loaded.problems


def _line(problem: Problem) -> int:
    return problem.line or 0


def load_or_report(path: str | Path, host=None, *, allow_errors: bool = False) -> LoadedProject | None:
    """Load a project for a command; print why not (to stderr) and return ``None`` if it cannot be used."""
    loaded, problems = check(path, host)
    if loaded is None:
        print_problems(problems, sys.stderr)
        return None
    if has_errors(loaded.problems) and not allow_errors:
        print_problems(loaded.problems, sys.stderr)
        print(_("{file}: fix the errors above first (lilla-ratten validate lists them)").format(file=path), file=sys.stderr)
        return None
    return loaded


def missing_paths(paths: list[str]) -> bool:
    """Say which of the folders or files named on the command line do not exist (a typo
    would otherwise give an empty, healthy-looking portfolio)."""
    missing = [p for p in paths if not Path(p).exists()]
    for path in missing:
        print(_("{path}: no such folder or file").format(path=path), file=sys.stderr)
    return bool(missing)


def terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((80, 24)).columns
