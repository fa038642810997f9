"""``lilla-ratten new FILE``: a valid project skeleton to fill in, dated today."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from lilla_ratten.cli.common import print_problems
from lilla_ratten.i18n import _
from lilla_ratten.model import Project
from lilla_ratten.plugins.specs import ProjectType
from lilla_ratten.storage import ConflictError, ProjectFileError, save_project
from lilla_ratten.storage.new_project import skeleton, skeleton_notes


def register(sub, host) -> None:
    p = sub.add_parser("new", help=_("create a new project file to fill in"))
    p.add_argument("file", metavar=_("FILE"))
    p.add_argument("--name", help=_("the project's name"))
    p.add_argument("--organisation", help=_("the organisation that runs it"))
    p.add_argument("--force", action="store_true", help=_("overwrite the file if it exists"))
    owners = {t.name: plugin for plugin, t in host.collect("lr_project_types", ProjectType)} if host is not None else {}
    p.add_argument("--type", choices=sorted(owners) or None, help=_("a project type with its presets"))
    p.set_defaults(run=run, type_owners=owners)


def _build(host, name: str, project: Project, path: Path, owner: str | None = None) -> Project | None:
    """The skeleton with the type's presets; ``None`` (said in words, nothing written) when the plugin's ``build`` fails."""
    from lilla_ratten.plugins.manager import PluginCallbackError

    found = [(p, t) for p, t in host.collect("lr_project_types", ProjectType) if t.name == name]
    if not found:  # offered when the command line was built; its plugin was switched off since
        failures = [f for f in host.failures if f.plugin == owner]
        for f in failures:
            f.shown = True
        why = "; ".join(f"{f.hook}: {f.error}" for f in failures) or _("it is no longer loaded")
        print(_("{file}: not created, nothing was written: project type {type} of plugin {plugin} is not available, "
                "the plugin was switched off ({why})").format(file=path, type=name, plugin=owner, why=why), file=sys.stderr)
        return None
    plugin, kind = found[0]
    try:
        built = host.call_back(plugin, "ProjectType.build", kind.build, project)
    except PluginCallbackError as exc:
        exc.failure.shown = True
        error = exc.failure.error
    else:
        if isinstance(built, Project):
            built.project.type = kind.name
            return built
        error = _("returned {what}, expected a Project").format(what=type(built).__name__)
        host._switch_off(plugin, "ProjectType.build", error)
        host.failures[-1].shown = True
    print(
        _("{file}: not created, nothing was written: project type {type} of plugin {plugin} failed: {error}").format(
            file=path, type=name, plugin=plugin, error=error
        ),
        file=sys.stderr,
    )
    return None


def run(args) -> int:
    path = Path(args.file)
    if path.exists() and not args.force:
        print(_("{file} already exists; choose another name or use --force").format(file=path), file=sys.stderr)
        return 1
    project = skeleton(path, args.name, args.organisation, date.today())
    if args.type:
        project = _build(args.host, args.type, project, path, args.type_owners.get(args.type))
        if project is None:
            return 1
    try:
        save_project(project, path, expected_digest=None, force=args.force, notes=skeleton_notes())
    except ConflictError as exc:
        print(exc, file=sys.stderr)
        return 1
    except ProjectFileError as exc:
        print_problems(exc.problems, sys.stderr)
        return 1
    print(_("{file}: created").format(file=path))
    return 0
