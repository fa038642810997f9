"""Loading plugins and calling them so that one plugin's failure costs nobody else.

pluggy's ``load_setuptools_entrypoints`` stops at the first plugin that fails to
import, and a hook call re-raises the first exception and skips the remaining
implementations.  So entry points are loaded one by one here, and contribution
hooks are called one implementation at a time: a plugin that fails to load or
raises in a hook is recorded (which plugin, which hook, the error) and switched
off for the rest of the run; the app and the other plugins carry on.
"""

from __future__ import annotations

import copy
import difflib
import importlib
import importlib.metadata as metadata
import io
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Iterable
from typing import Any

import pluggy

from lilla_ratten import __version__
from lilla_ratten.i18n import N_, _
from lilla_ratten.model.findings import Finding, Severity
from lilla_ratten.plugins import hookspecs
from lilla_ratten.plugins.specs import (
    CELL_FAILED,
    Column,
    Failure,
    FinalReportLayout,
    Participation,
    PluginInfo,
    ProjectType,
    SectionSpec,
)
from lilla_ratten.storage.converter import converter, findings_from_error
from lilla_ratten.storage.writer import plain

ENTRY_POINT_GROUP = "lilla_ratten"
# the hooks a file's check depends on: a plugin switched off that has one leaves files not fully checked
CHECK_HOOKS = frozenset({"lr_sections", "lr_validate", "lr_participants"})
ENV_PLUGINS = "LILLA_RATTEN_PLUGINS"
# the app's own contributions, registered like any plugin; the final-report forms live with the
# reports they build (named here, imported like an entry point, so no layer imports upward)
BUILTINS = ("lilla_ratten.plugins.builtin_types", "lilla_ratten.reports.builtin_layouts")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, PluginTimeout):
        return str(exc)  # where the app gave up is no news to the plugin's author
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" ({os.path.basename(where.filename)}:{where.lineno})" if where else ""
    return f"{type(exc).__name__}: {exc}{at}"


class PluginTimeout(Exception):
    """A plugin's hook did not return in time."""


class _Alarm(BaseException):
    """The timer's interruption of a plugin call: not an ``Exception``, so a plugin's own
    ``except Exception`` does not swallow it."""


class PluginCallbackError(Exception):
    """A callback a plugin handed the app (``ProjectType.build``, ``Command.run``…) failed; the plugin is switched off."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(f"{failure.plugin}: {failure.hook}: {failure.error}")
        self.failure = failure


class _Output(io.StringIO):
    """What a plugin printed while the app called it: shown on stderr as the plugin's own
    messages, so it never lands in a command's machine output (JSON, CSV, textconv)."""


class _captured:
    """``with _captured(plugin):`` the plugin's stdout and stderr caught, then said on stderr
    as ``plugin NAME: LINE``. A class, not a generator: it wraps every hook call."""

    def __init__(self, plugin: str) -> None:
        self.plugin = plugin

    def __enter__(self) -> None:
        self.saved = sys.stdout, sys.stderr
        self.buffer = _Output()
        sys.stdout = sys.stderr = self.buffer

    def __exit__(self, *exc: Any) -> None:
        sys.stdout, sys.stderr = self.saved
        text = self.buffer.getvalue()
        if text:
            say = _("plugin {plugin}: {line}")
            sys.stderr.write("".join(say.format(plugin=self.plugin, line=line) + "\n" for line in text.splitlines()))


GRACE = 2.0  # seconds a plugin that catches the time limit's interruption gets before the command is stopped
EXIT_SWALLOWED = 3  # as for a file not fully checked: what the command was to do is not done


class _Watchdog:
    """The last resort behind the SIGALRM time limit: a hook that catches the interruption
    (``except BaseException``) and carries on would hang the command, so a thread watches
    the call on the main thread and, ``GRACE`` seconds after its time limit, says which plugin
    would not stop and ends the process (exit 3). One thread for the whole run, started with
    the first bounded call; a call only sets and clears what it watches."""

    def __init__(self) -> None:
        self.watched: tuple[str, str, float] | None = None  # plugin, hook, when to give up
        self.thread: threading.Thread | None = None

    def watch(self, plugin: str, hook: str, timeout: float) -> None:
        self.watched = (plugin, hook, time.monotonic() + timeout + GRACE)
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, daemon=True, name="lilla-ratten-watchdog")
            self.thread.start()

    def clear(self) -> None:
        self.watched = None

    def _run(self) -> None:
        while True:
            watched = self.watched
            if watched is None or time.monotonic() < watched[2]:
                time.sleep(0.1)
                continue
            plugin, hook, _deadline = watched
            try:
                sys.stdout.flush()
            except Exception:  # noqa: BLE001, S110 - the process ends either way
                pass
            message = _("plugin {plugin} did not stop when its time limit ran out ({hook}: it catches the "
                        "interruption); stopped, nothing after this was done").format(plugin=plugin, hook=hook)
            try:
                sys.__stderr__.write(message + "\n")
                sys.__stderr__.flush()
            finally:
                os._exit(EXIT_SWALLOWED)


_WATCHDOG = _Watchdog()


def _bounded(fn: Any, args: list[Any], timeout: float | None, who: tuple[str, str] = ("?", "?")) -> Any:
    """``fn(*args)``, giving up after ``timeout`` seconds: a hung plugin must not hang the app.

    On the main thread the call runs right there, under a SIGALRM timer that interrupts
    it (a thread per call cost 0.1–0.4 ms of waking threads, a third of `validate`'s time
    over many files). Elsewhere, or when SIGALRM is someone else's (a test runner's
    timeout), it runs in a daemon thread; one that never returns is left behind (Python
    cannot stop a thread). Either way its plugin is then switched off.
    """
    if timeout is None:
        return fn(*args)
    if _alarm_is_free():
        _WATCHDOG.watch(*who, timeout)
        try:
            return _bounded_by_alarm(fn, args, timeout)
        finally:
            _WATCHDOG.clear()
    return _bounded_by_thread(fn, args, timeout)


def _alarm_is_free() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


def _raise_alarm(_signum: int, _frame: Any) -> None:
    raise _Alarm


def _bounded_by_alarm(fn: Any, args: list[Any], timeout: float) -> Any:
    signal.signal(signal.SIGALRM, _raise_alarm)
    try:
        # and again every tenth of a second after that, should the plugin catch the first one
        # (one that catches every one is ended by the watchdog)
        signal.setitimer(signal.ITIMER_REAL, timeout, 0.1)
        try:
            return fn(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Alarm:
        raise PluginTimeout(f"did not return within {timeout:g} s") from None
    finally:
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def _bounded_by_thread(fn: Any, args: list[Any], timeout: float) -> Any:
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True, name="lilla-ratten-plugin-call")
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise PluginTimeout(f"did not return within {timeout:g} s")
    if "error" in box:
        raise box["error"]
    return box.get("result")


def _copier(value: Any) -> Any:
    """A function giving a fresh copy of ``value`` per call (plugins/handed_copy.py)."""
    from lilla_ratten.plugins.handed_copy import copier

    return copier(value)


COPIED = ("project", "report", "sections")  # what each implementation gets its own copy of
COLUMN_HOOK = "Column.value"  # the hook a failing portfolio column is reported under
DEFAULT_HOOK_TIMEOUT = 10.0  # seconds; $LILLA_RATTEN_HOOK_TIMEOUT changes it, 0 turns it off


# what plugins claim by name: two claiming one name are refused (``PluginHost.refuse_clashes``)
CLAIMS = (
    ("lr_sections", SectionSpec, "name", "section [ext.{key}]"),
    ("lr_project_types", ProjectType, "name", "project type {key!r}"),
    ("lr_portfolio_columns", Column, "id", "portfolio column {key!r}"),
    ("lr_final_report_layouts", FinalReportLayout, "name", "final-report layout {key!r}"),
)


def _dist(ep: metadata.EntryPoint) -> str | None:
    return ep.dist.name if ep.dist else None


def spec_name(spec: str) -> str:
    """A ``--plugin`` spec's plugin name: its module (``pkg.mod:obj`` → ``pkg.mod``)."""
    return spec.partition(":")[0]


def _api_refusal(obj: Any) -> str | None:
    """Why a plugin written for another plugin API is refused, or ``None``.

    A plugin declares the API it was written for as ``LILLA_RATTEN_API = N`` (module or
    object attribute); one that needs a newer API than the app's ``API_VERSION`` is refused.
    """
    from lilla_ratten.plugins import API_VERSION

    wanted = getattr(obj, "LILLA_RATTEN_API", None)
    if wanted is None:
        return None
    if isinstance(wanted, bool) or not isinstance(wanted, int):
        return f"LILLA_RATTEN_API must be a whole number, not {wanted!r}"
    if wanted > API_VERSION:
        return f"written for plugin API {wanted}; this Lilla Ratten has plugin API {API_VERSION} (update lilla-ratten)"
    return None


def _unknown_hooks(obj: Any) -> str | None:
    """``lr_*`` names the app has no hook for (a typo would never be called), or ``None``."""
    known = {n for n in dir(hookspecs) if n.startswith("lr_")}
    unknown = sorted(n for n in dir(obj) if n.startswith("lr_") and n not in known and callable(getattr(obj, n, None)))
    if not unknown:
        return None
    said = []
    for name in unknown:
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
        said.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return "unknown hook " + ", ".join(said)


class PluginHost:
    """The loaded plugins of one run of the app."""

    def __init__(self) -> None:
        timeout = float(os.environ.get("LILLA_RATTEN_HOOK_TIMEOUT", DEFAULT_HOOK_TIMEOUT) or 0)
        self.hook_timeout: float | None = timeout or None
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.failures: list[Failure] = []
        self.disabled: list[str] = []
        self._info: dict[str, PluginInfo] = {}
        self._specs: dict[str, tuple[str, SectionSpec]] | None = None
        self._layouts: dict[str, tuple[str, FinalReportLayout]] | None = None
        self._dead_columns: set[tuple[str, str]] = set()  # (plugin, column id) switched off

    # ---- loading ---------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        *,
        entry_points: bool = True,
        extra: Iterable[str] = (),
        disabled: Iterable[str] = (),
        environ: dict[str, str] | None = None,
        objects: Iterable[tuple[str, Any]] = (),
    ) -> PluginHost:
        """Built-ins, then entry points (unless ``entry_points`` is false), then
        ``module:object`` specs from ``extra`` and ``$LILLA_RATTEN_PLUGINS``, then
        ``(name, object)`` pairs from ``objects`` (the test kit's way in)."""
        host = cls()
        disabled = set(disabled)
        host.disabled = sorted(disabled)
        for module in BUILTINS:
            host._register(importlib.import_module(module), module.rsplit(".", 1)[-1], version=__version__, builtin=True)
        if entry_points:
            host._load_entry_points([ep for ep in metadata.entry_points(group=ENTRY_POINT_GROUP) if ep.name not in disabled])
        env = os.environ if environ is None else environ
        specs = [*extra, *(s for s in env.get(ENV_PLUGINS, "").replace(",", " ").split() if s)]
        modules = [spec.partition(":")[0] for spec in dict.fromkeys(specs)]
        for spec in dict.fromkeys(specs):  # the same spec twice (option and environment) is one plugin
            # named by its module; two objects of one module by their full spec, ``mod:obj``
            name = spec if modules.count(spec.partition(":")[0]) > 1 else spec_name(spec)
            if name not in disabled and spec_name(spec) not in disabled:
                host.load_spec(spec, name)
        for name, obj in objects:
            if name not in disabled:
                host._register(obj, name)
        host.refuse_clashes()
        return host

    def _load_entry_points(self, eps: list[metadata.EntryPoint]) -> None:
        """Each entry point, unless its name is taken: by the app's own plugins, or by another
        distribution's entry point — then neither is loaded, and both are named."""
        by_name: dict[str, list[metadata.EntryPoint]] = {}
        for ep in eps:
            same = by_name.setdefault(ep.name, [])
            if not any(_dist(o) == _dist(ep) and o.value == ep.value for o in same):  # one distribution found twice
                same.append(ep)
        for name, same in by_name.items():
            info = self._info.get(name)
            if info is not None and info.builtin:
                for ep in same:
                    self.failures.append(Failure(name, "load", f"the name {name!r} is the app's own plugin's", _dist(ep),
                                                 checks=True))
            elif len(same) > 1:
                for ep in same:
                    others = " and ".join(f"{_dist(o)}'s ({o.value})" for o in same if o is not ep)
                    self.failures.append(Failure(
                        name, "load", f"the entry-point name {name!r} of {_dist(ep)} ({ep.value}) is also {others}: "
                                      "neither is loaded", _dist(ep), checks=True))
            else:
                self._load_entry_point(same[0])

    def _load_entry_point(self, ep: metadata.EntryPoint) -> None:
        dist = ep.dist.name if ep.dist else None
        version = ep.dist.version if ep.dist else None
        try:
            with _captured(ep.name):  # a print at import is the plugin's message, not the command's output
                obj = ep.load()
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop the app
            self.failures.append(Failure(ep.name, "import", _describe(exc), dist, checks=True))
            return
        self._register(obj, ep.name, dist, version)

    def load_spec(self, spec: str, name: str | None = None) -> None:
        """Load ``package.module`` or ``package.module:object`` (for plugin development),
        named by its module (``spec_name``): ``a:plugin`` and ``b:plugin`` are two plugins."""
        module_name, _sep, attr = spec.partition(":")
        name = name or spec_name(spec)
        try:
            with _captured(name):
                obj = importlib.import_module(module_name)
            for part in filter(None, attr.split(".")):
                obj = getattr(obj, part)
        except Exception as exc:  # noqa: BLE001
            self.failures.append(Failure(name, "import", _describe(exc), checks=True))
            return
        self._register(obj, name)

    def _register(self, obj: Any, name: str, dist: str | None = None, version: str | None = None, builtin=False):
        refused = _api_refusal(obj) or _unknown_hooks(obj)
        if refused is None and self.pm.has_plugin(name):
            refused = f"the name {name!r} is already another plugin's"
        if refused is not None:
            self.failures.append(Failure(name, "register", refused, dist, checks=True))
            return
        try:
            self.pm.register(obj, name=name)
        except Exception as exc:  # noqa: BLE001 - e.g. a hook with a misspelt argument
            self.failures.append(Failure(name, "register", _describe(exc), dist, checks=True))
            return
        if version is None:
            version = getattr(obj, "__version__", None)
        self._info[name] = PluginInfo(name, version, dist, builtin=builtin)
        self._specs = self._layouts = None

    def _switch_off(self, name: str, hook: str, exc: BaseException | str) -> None:
        info = self._info.pop(name, None)
        error = exc if isinstance(exc, str) else _describe(exc)
        plugin = self.pm.get_plugin(name)
        hooks = {h.name for h in self.pm.get_hookcallers(plugin) or []} if plugin is not None else set()
        checks = hook in CHECK_HOOKS or bool(hooks & CHECK_HOOKS)
        self.failures.append(Failure(name, hook, error, info.distribution if info else None, checks, hooks=sorted(hooks)))
        if self.pm.has_plugin(name):
            self.pm.unregister(name=name)
        self.pm.set_blocked(name)
        self._specs = self._layouts = None

    # ---- calling -----------------------------------------------------------------------

    def call(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call each plugin's implementation of ``hook`` on its own; ``[(plugin, result)]``.

        ``project``, ``sections`` and ``report`` are copied for each plugin (the project's
        lists as they are read, plugins/handed_copy.py), so a plugin that changes what it was
        handed changes nothing for the app or the next plugin.
        """
        results = []
        copies: dict[str, Any] = {}
        # get_hookimpls() is in registration order (pluggy's own call runs it backwards);
        # registration order keeps report sections in the order plugins were loaded
        for impl in getattr(self.pm.hook, hook).get_hookimpls():
            name = impl.plugin_name
            if "participants" in impl.argnames and "participants" not in kwargs:
                # computed once per call, and only when an implementation asks for it
                publishing = hook == "lr_participants"
                kwargs["participants"] = None if publishing else self.participants(kwargs["project"], kwargs["sections"])
            for a in impl.argnames:
                if a in COPIED and a not in copies:
                    copies[a] = _copier(kwargs[a])
            args = [copies[a]() if a in copies else kwargs[a] for a in impl.argnames]
            try:
                with _captured(name):
                    result = _bounded(impl.function, args, self.hook_timeout, (name, hook))
            except Exception as exc:  # noqa: BLE001 - isolate the plugin, keep the others
                self._switch_off(name, hook, exc)
                continue
            if result is not None:
                results.append((name, result))
        return results

    def collect(self, hook: str, kind: type | tuple[type, ...], **kwargs: Any) -> list[tuple[str, Any]]:
        """Like ``call`` for hooks that return lists: ``[(plugin, item)]``, checked to be ``kind``."""
        items = []
        for name, result in self.call(hook, **kwargs):
            if not isinstance(result, (list, tuple)) or not all(isinstance(r, kind) for r in result):
                expected = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
                self._switch_off(name, hook, f"returned {type(result).__name__}, expected a list of {expected}")
                continue
            items.extend((name, item) for item in result)
        return items

    def participants(self, project: Any, sections: dict[str, Any]) -> Participation | None:
        """Every plugin's ``lr_participants``, merged; ``None`` when nobody publishes."""
        merged = None
        for _plugin, part in self.collect_one("lr_participants", Participation, project=project, sections=sections):
            merged = part if merged is None else merged.merged(part)
        return merged

    def collect_one(self, hook: str, kind: type, **kwargs: Any) -> list[tuple[str, Any]]:
        """Like ``call`` for hooks that return one ``kind`` (or ``None``)."""
        out = []
        for name, result in self.call(hook, **kwargs):
            if not isinstance(result, kind):
                self._switch_off(name, hook, f"returned {type(result).__name__}, expected {kind.__name__}")
                continue
            out.append((name, result))
        return out

    def columns(self) -> list[tuple[str, Column]]:
        """The portfolio columns every plugin adds, ``[(plugin, Column)]``."""
        return self.collect("lr_portfolio_columns", Column)

    def column_values(self, columns: list[tuple[str, Column]], project: Any, sections: dict[str, Any]) -> dict[str, Any]:
        """One project's cells of every plugin column, ``{column id: value}``.

        Each column is isolated on its own: one that raises, or hangs past the time limit,
        is switched off for the rest of the run (its plugin and the plugin's other columns
        carry on), and its cells are ``CELL_FAILED`` from then on, so a total over them is
        known to be incomplete. The columns run one after another in one bounded call (a
        thread per cell was a tenth of the portfolio's time); after a hang the rest go on
        in a new one. ``project`` is the caller's copy, shared by the columns; each column
        gets its own copy of ``sections``.
        """
        failed_plugins = {f.plugin for f in self.failures if f.hook != COLUMN_HOOK}
        fresh = _copier(sections)
        values: dict[str, Any] = {}
        todo = []
        for plugin, column in columns:
            if plugin in failed_plugins or (plugin, column.id) in self._dead_columns:
                values[column.id] = CELL_FAILED
            else:
                todo.append((plugin, column))
        while todo:
            running: list[tuple[str, Column]] = []
            errors: list[tuple[str, Column, BaseException]] = []

            def run_all(batch=tuple(todo)) -> None:
                for plugin, column in batch:
                    running[:] = [(plugin, column)]
                    try:
                        with _captured(plugin):
                            values[column.id] = column.value(project, fresh())  # its own sections
                    except Exception as exc:  # noqa: BLE001 - reported below, outside the thread
                        errors.append((plugin, column, exc))
                running.clear()

            try:
                _bounded(run_all, [], self.hook_timeout, (todo[0][0], COLUMN_HOOK))
                todo = []
            except PluginTimeout as exc:
                if not running:  # it finished as the time ran out
                    break
                hung = running[0]
                errors.append((*hung, exc))
                todo = todo[todo.index(hung) + 1:]
            for plugin, column, exc in errors:
                self._column_failed(plugin, column, exc)
                values[column.id] = CELL_FAILED
        return {column.id: values.get(column.id) for _plugin, column in columns}

    def _column_failed(self, plugin: str, column: Column, exc: BaseException) -> None:
        """One column switched off for the run; its plugin and other columns are not."""
        self._dead_columns.add((plugin, column.id))
        info = self._info.get(plugin)
        error = f"{column.id}: {_describe(exc)}"
        self.failures.append(Failure(plugin, COLUMN_HOOK, error, info.distribution if info else None))

    def call_back(self, plugin: str, what: str, fn: Any, *args: Any, bounded: bool = True) -> Any:
        """Call a callback ``plugin`` handed the app, isolated like a hook.

        One that raises (or, when ``bounded``, does not return in time) switches its plugin
        off and raises ``PluginCallbackError`` naming the plugin and ``what`` failed, for the
        caller to say so in words; the traceback is not the user's business. ``Command.run``
        is called unbounded: a command may rightly take long.
        """
        try:
            if not bounded:  # Command.run's output is the command's; a pane's belongs to the app's screen
                return fn(*args)
            with _captured(plugin):
                return _bounded(fn, list(args), self.hook_timeout, (plugin, what))
        except Exception as exc:  # noqa: BLE001 - isolated: named and switched off
            self._switch_off(plugin, what, exc)
            raise PluginCallbackError(self.failures[-1]) from None

    # ---- sections ----------------------------------------------------------------------

    def section_specs(self) -> dict[str, tuple[str, SectionSpec]]:
        """Section name → (plugin, spec) for every loaded plugin."""
        if self._specs is None:
            specs = self._claimed(*CLAIMS[0])
            self._specs = specs
        return self._specs

    def refuse_clashes(self) -> None:
        """Two plugins claiming one section, project type, portfolio column or final-report
        form: both are switched off, each failure naming the other (which is meant is not
        for the app to guess); against the app's own plugins, only the newcomer."""
        for hook, kind, attr, what in CLAIMS:
            if hook == "lr_sections":
                self.section_specs()
            else:
                self._claimed(hook, kind, attr, what)

    def _claimed(self, hook: str, kind: type, attr: str, what: str) -> dict[str, tuple[str, Any]]:
        """``hook``'s items by name, ``{name: (plugin, item)}``; a name two plugins claim
        switches both off (which one is meant is not for the app to guess), each failure
        naming the other — against one of the app's own plugins, only the newcomer."""
        owners: dict[str, list[tuple[str, Any]]] = {}
        for plugin, item in self.collect(hook, kind):
            owners.setdefault(getattr(item, attr), []).append((plugin, item))
        out = {}
        for key, claims in owners.items():
            if len(claims) == 1:
                out[key] = claims[0]
                continue
            names = list(dict.fromkeys(p for p, _item in claims))
            builtin = [p for p in names if p in self._info and self._info[p].builtin]
            if builtin:
                out[key] = next(c for c in claims if c[0] == builtin[0])
            for plugin in names:
                if plugin in builtin or not self.pm.has_plugin(plugin):
                    continue
                others = [p for p in names if p != plugin]
                said = what.format(key=key)
                error = f"{said} is also {', '.join(others)}'s" if others else f"{said} is given twice"
                self._switch_off(plugin, hook, error + ("" if builtin or not others else
                                                        "; both are refused (--disable the one not meant)"))
                self.failures[-1].checks = True  # whose checks should have run is not known
        return out

    def layouts(self) -> dict[str, tuple[str, FinalReportLayout]]:
        """Final-report layout name → (plugin, layout) for every loaded plugin, the app's own included."""
        if self._layouts is None:
            layouts = self._claimed(*CLAIMS[3])
            self._layouts = layouts
        return self._layouts

    def sections(self, project: Any) -> tuple[dict[str, Any], list[Finding]]:
        """The plugins' sections of ``project``, structured; and what is wrong with them.

        A section whose plugin is not loaded is kept as it is (and noted); one
        that does not structure is ``None`` in the result, with findings.
        """
        out: dict[str, Any] = {}
        findings: list[Finding] = []
        specs = self.section_specs()
        for name, (plugin, spec) in specs.items():
            raw = project.ext.get(name)
            if raw is None:
                out[name] = None
                continue
            try:
                out[name] = converter.structure(raw, spec.type)
            except Exception as exc:  # noqa: BLE001 - cattrs errors become findings
                out[name] = None
                for f in findings_from_error(exc, ("ext", name)):
                    findings.append(Finding(f.path, f.message, f.params, f.severity, plugin))
        for name in project.ext:
            if name not in specs:
                findings.append(
                    Finding(
                        ("ext", name),
                        N_("no installed plugin reads [ext.{name}]; it is kept unchanged"),
                        {"name": name},
                        Severity.NOTICE,
                    )
                )
        return out, findings

    def store(self, project: Any, name: str, section: Any) -> None:
        """Write a plugin's structured section back into ``project.ext``, unset fields left out."""
        project.ext[name] = plain(section, converter)

    def validate(self, project: Any) -> list[Finding]:
        sections, findings = self.sections(project)
        for plugin, finding in self.collect("lr_validate", Finding, project=project, sections=sections):
            findings.append(Finding(finding.path, finding.message, finding.params, finding.severity, plugin, finding.domain))
        return findings

    def check_section(self, project: Any, name: str, section: Any) -> list[Finding]:
        """What storing ``section`` as ``[ext.name]`` would bring into ``project``, checked as the core forms check.

        The section is stored into a copy, then the copy goes through the same checks as
        ``validate``: the section's type (cattrs, strict) and every plugin's ``lr_validate``
        (its own included). The core rules are not asked: they never read ``[ext]``, so a
        section stored finds with them what it found before. Only findings the store would add
        are returned; a pane's store is refused when one of them is an error.

        The copy shares everything but ``ext``'s table of sections (storing replaces one):
        a deep copy and the core rules twice took 1.1 s at 50 000 activities, at every record
        of a plugin's list stored from its form (issue 34).
        """
        def key(f: Finding) -> tuple[Any, ...]:
            return f.path, f.message, tuple(sorted((k, str(v)) for k, v in f.params.items())), f.severity

        trial = copy.copy(project)
        trial.ext = dict(project.ext)
        try:
            self.store(trial, name, section)
        except Exception as exc:  # noqa: BLE001 - a section that cannot be written is a finding, not a crash
            return [Finding(("ext", name), N_("cannot be stored: {error}"), {"error": _describe(exc)})]
        before = {key(f) for f in self.validate(project)}
        return [f for f in self.validate(trial) if key(f) not in before]

    def unchecked(self) -> list[Failure]:
        """The failures that leave a file checked from now on not fully checked: a plugin
        that checked files (or never loaded, so nobody knows) is switched off."""
        return [f for f in self.failures if f.checks]

    # ---- describing --------------------------------------------------------------------

    def plugins(self) -> list[PluginInfo]:
        specs = self.section_specs()
        out = []
        for name, info in self._info.items():
            plugin = self.pm.get_plugin(name)
            if plugin is None:
                continue
            info.hooks = sorted(h.name for h in self.pm.get_hookcallers(plugin) or [])
            info.sections = sorted(s for s, (p, _) in specs.items() if p == name)
            out.append(info)
        return out
