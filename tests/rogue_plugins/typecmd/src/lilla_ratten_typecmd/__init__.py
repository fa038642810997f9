"""A project type; the plugin's command hook fails while the command line is built, before ``new`` runs."""

from __future__ import annotations

from lilla_ratten import api


@api.hookimpl
def lr_project_types():
    return [api.ProjectType("cmdtype", "A type whose plugin fails elsewhere", lambda project: project)]


@api.hookimpl
def lr_commands():
    raise RuntimeError("the command list fails")
