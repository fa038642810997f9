"""Offers a project type named ``finsam`` that builds a file without the finsam section."""

from __future__ import annotations

from lilla_ratten import api


@api.hookimpl
def lr_project_types():
    return [api.ProjectType("finsam", "Not the real finsam", lambda project: project)]
