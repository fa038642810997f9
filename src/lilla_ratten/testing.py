"""Lilla Ratten's test kit for plugin authors: a pytest plugin, and the helpers under its fixtures.

Installed with lilla-ratten and registered under the ``pytest11`` entry point, so pytest
loads it in any project where lilla-ratten is installed; nothing to import or configure.
Shaped like pytest's ``pytester`` (run the tool in-process, get a result with its exit code
and output) and datasette's test client (the real app, driven from a test). Fixtures:

``lr_host(*plugins, entry_points=False, disabled=(), lang=None)``
    a ``PluginHost`` with the given plugins loaded (a module, an object with hooks, a
    ``"module:object"`` string, or ``(name, object)``), as the app loads them; with ``lang``
    (``"sv"``, ``"en"``) the app speaks it for the rest of the test (findings' ``text()``).
``lr_project(toml="", name="project.toml")``
    a valid minimal project file in the test's folder, with your TOML (an ``[ext.x]``) after it.
``lr_cli(*args, plugins=(), entry_points=False, lang="en")``
    ``lilla-ratten ARGS`` in-process: a ``CliResult`` with ``exit_code``, ``stdout``, ``stderr``.
``lr_pane_context(path, host, as_of=None, read_only=False, lang=None)``
    a ``PaneContextDouble``: what a pane's factory gets, without a terminal; ``store``
    is checked exactly as in the app.
``lr_app(path, host, size=(120, 40), as_of=None, read_only=False, lang="en")``
    ``async with lr_app(...) as pilot:`` the TUI on the project, driven with Textual's Pilot;
    ``screen_text(pilot.app)`` is what the screen shows. The footer and ``?`` speak ``lang``
    whatever language an earlier app in the same process spoke.
``lr_language(lang)``
    the app speaks ``lang`` for the rest of the test (restored after it).
``lr_install(plugin_dir)``
    ``pip install --no-deps`` your distribution into a folder of the test session and put
    it on ``sys.path``, so the app finds it by its entry point exactly as a user's would.

Every fixture keeps the app's cache and unsaved-changes folder in the test's own
temporary folders, never the user's. Only this module and ``lilla_ratten.api`` are public.
"""

from __future__ import annotations

import contextlib
import copy
import io
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

MINIMAL_PROJECT = textwrap.dedent(
    """\
    schema = 1

    [project]
    id = "test"
    name = "Testprojekt"
    organisation = "Skarpnäcks stadsdelsförvaltning"
    start = 2023-05-01
    end = 2024-02-29

    [[milestones]]
    id = "M1"
    title = "Kartläggning klar"
    planned = 2023-06-01
    done = 2023-06-05
    """
)

__all__ = ["MINIMAL_PROJECT", "CliResult", "PaneContextDouble", "load_host", "open_app", "run_cli", "screen_text"]


# ---- a host with given plugins -------------------------------------------------------------


def _named(plugin: Any) -> tuple[str, Any]:
    if isinstance(plugin, tuple):
        return plugin
    if isinstance(plugin, str):
        import importlib

        name, _eq, spec = plugin.rpartition("=")  # "budget=lilla_ratten_budget.plugin": named as its entry point
        module_name, _sep, attr = spec.partition(":")
        obj: Any = importlib.import_module(module_name)
        for part in filter(None, attr.split(".")):
            obj = getattr(obj, part)
        return name or (attr or module_name).rsplit(".", 1)[-1], obj
    name = getattr(plugin, "__name__", None) or type(plugin).__name__
    return name.rsplit(".", 1)[-1], plugin


def load_host(*plugins: Any, entry_points: bool = False, disabled: Iterable[str] = ()) -> Any:
    """A ``PluginHost`` as the app makes it, with ``plugins`` registered after the built-ins
    (and, with ``entry_points``, the installed ones). A plugin that fails to register is in
    ``host.failures``, as in the app."""
    from lilla_ratten.plugins.manager import PluginHost

    return PluginHost.load(entry_points=entry_points, disabled=disabled, environ={}, objects=[_named(p) for p in plugins])


# ---- the command line, in-process ----------------------------------------------------------


@dataclass
class CliResult:
    """What a run of ``lilla-ratten`` did: its exit code and what it printed."""

    exit_code: int
    stdout: str
    stderr: str
    args: list[str] = field(default_factory=list)

    @property
    def returncode(self) -> int:  # as subprocess.run names it
        return self.exit_code

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()

    def __repr__(self) -> str:  # what pytest shows when an assert on it fails
        return f"CliResult(exit_code={self.exit_code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


def run_cli(*args: str, plugins: Iterable[Any] = (), entry_points: bool = False, lang: str | None = "en") -> CliResult:
    """``lilla-ratten ARGS`` in this process, with ``plugins`` loaded (see ``load_host``) and,
    with ``entry_points``, the installed ones. argparse's exits become the exit code."""
    from lilla_ratten.cli import main
    from lilla_ratten.i18n import get_language, set_language

    argv = [*(["--lang", lang] if lang else []), *([] if entry_points else ["--no-plugins"]), *map(str, args)]
    out, err = io.StringIO(), io.StringIO()
    language = get_language()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv, plugins=[_named(p) for p in plugins])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        set_language(language)
    return CliResult(code, out.getvalue(), err.getvalue(), argv)


# ---- a pane's context, without a terminal ---------------------------------------------------


class PaneContextDouble:
    """What a pane's factory gets (``context``), for tests without a terminal.

    The same surface as the app's: ``project``, ``section(name)``, ``store(name, section,
    description)`` (checked exactly as the app checks it: the findings it would add are
    returned, and an error means nothing is stored), ``read_only``, ``as_of``,
    ``notify(message, warning=False)``, ``on_change(callback)``, ``participants()``,
    ``plain(text)`` and ``styled(template, **values)``.
    What happened is kept for the test: ``stored`` (description of each store that was
    applied), ``notifications`` ((message, warning) pairs), ``refused`` (findings of each
    refused store).
    """

    def __init__(self, project: Any, host: Any, *, as_of: date | None = None, read_only: bool = False) -> None:
        self._project = project
        self._host = host
        self.as_of = as_of or date.today()
        self.read_only = read_only
        self.stored: list[str] = []
        self.refused: list[list[Any]] = []
        self.notifications: list[tuple[str, bool]] = []
        self._listeners: list[Callable[[], None]] = []

    @property
    def project(self) -> Any:
        return copy.deepcopy(self._project)

    def section(self, name: str) -> Any:
        sections, _findings = self._host.sections(self._project)
        return sections.get(name)

    def participants(self) -> Any:
        sections, _findings = self._host.sections(self._project)
        return self._host.participants(copy.deepcopy(self._project), sections)

    def store(self, name: str, section: Any, description: str) -> list[Any]:
        from lilla_ratten.model.findings import Severity

        if self.read_only:
            raise PermissionError("read-only")
        findings = self._host.check_section(self._project, name, section)
        if any(f.severity is Severity.ERROR for f in findings):
            self.refused.append(findings)
            return findings
        self._host.store(self._project, name, section)
        self.stored.append(description)
        for listener in list(self._listeners):
            listener()
        return findings

    def notify(self, message: str, *, warning: bool = False) -> None:
        self.notifications.append((message, warning))

    @staticmethod
    def plain(text: object) -> Any:
        from lilla_ratten.tui.text import plain

        return plain(text)

    @staticmethod
    def styled(template: str, **values: object) -> Any:
        from lilla_ratten.tui.text import styled

        return styled(template, **values)

    def on_change(self, callback: Callable[[], None]) -> None:
        self._listeners.append(callback)


# ---- the TUI, with Pilot -------------------------------------------------------------------


@contextlib.asynccontextmanager
async def open_app(path: str | Path, host: Any = None, *, size: tuple[int, int] = (120, 40), as_of: date | None = None,
                   read_only: bool = False, lang: str | None = "en"):
    """``async with open_app(path, host) as pilot``: the app on one project, its tabs (the
    plugins' included) built; ``pilot.app`` is the app. The app speaks ``lang`` meanwhile."""
    from lilla_ratten.i18n import get_language, set_language
    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.session import Session

    language = get_language()
    if lang:
        set_language(lang)
    try:
        app = LillaRattenApp(Session.open(path, read_only=read_only), host, as_of=as_of)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.pause()
            yield pilot
    finally:
        set_language(language)


def screen_text(app: Any) -> str:
    """The screen as plain text, as a person reads it."""
    from rich.console import Console

    console = Console(width=app.size.width, record=True, color_system=None)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


async def show_plugin_tab(pilot: Any, plugin: str, pane_id: str) -> None:
    """Bring the plugin's tab to the front (a person presses ``0``, ``[`` or ``]``)."""
    pilot.app.screen.show_tab(f"plugin-{plugin}-{pane_id}")
    await pilot.pause()
    await pilot.pause()


# ---- the fixtures ----------------------------------------------------------------------------


@pytest.fixture
def lr_private_state(tmp_path_factory, monkeypatch):
    """The app's parse cache and unsaved-changes folder in this test's own folders."""
    monkeypatch.setenv("LILLA_RATTEN_CACHE", str(tmp_path_factory.mktemp("lr-cache")))
    monkeypatch.setenv("LILLA_RATTEN_STATE", str(tmp_path_factory.mktemp("lr-state")))


@pytest.fixture
def lr_language():
    """``lr_language(lang)``: the app speaks ``lang`` (``"sv"``, ``"en"``) for the rest of the test."""
    from lilla_ratten.i18n import get_language, set_language

    before = get_language()
    yield set_language
    set_language(before)


@pytest.fixture
def lr_host(lr_private_state, lr_language):
    def make(*plugins: Any, entry_points: bool = False, disabled: Iterable[str] = (), lang: str | None = None) -> Any:
        if lang:
            lr_language(lang)
        return load_host(*plugins, entry_points=entry_points, disabled=disabled)

    return make


@pytest.fixture
def lr_project(tmp_path):
    def make(toml: str = "", name: str = "project.toml") -> Path:
        path = tmp_path / name
        path.write_text(MINIMAL_PROJECT + textwrap.dedent(toml), encoding="utf-8")
        return path

    return make


@pytest.fixture
def lr_cli(lr_private_state):
    return run_cli


@pytest.fixture
def lr_pane_context(lr_private_state, lr_language):
    def make(path: str | Path, host: Any, *, as_of: date | None = None, read_only: bool = False,
             lang: str | None = None) -> PaneContextDouble:
        from lilla_ratten.storage import read_project

        if lang:
            lr_language(lang)
        return PaneContextDouble(read_project(path).project, host, as_of=as_of, read_only=read_only)

    return make


@pytest.fixture
def lr_app(lr_private_state):
    return open_app


@pytest.fixture(scope="session")
def _lr_site(tmp_path_factory):
    return tmp_path_factory.mktemp("lr-site"), {}


@pytest.fixture
def lr_install(_lr_site, monkeypatch):
    """``lr_install(plugin_dir)``: the distribution pip-installed (once per session) and on ``sys.path``."""
    import importlib
    import subprocess
    import sys

    root, done = _lr_site

    def install(plugin_dir: str | Path) -> Path:
        plugin_dir = Path(plugin_dir).resolve()
        target = done.get(plugin_dir)
        if target is None:
            target = root / f"site{len(done)}"
            subprocess.run(
                [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                 "--no-build-isolation", "--target", str(target), str(plugin_dir)],
                check=True, capture_output=True,
            )
            done[plugin_dir] = target
        monkeypatch.syspath_prepend(str(target))
        importlib.invalidate_caches()
        return target

    return install
