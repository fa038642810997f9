"""A project type whose ``build`` raises: ``lilla-ratten new --type boomtype`` must not show a traceback."""

from lilla_ratten import api


def _build(project):
    raise RuntimeError("boom in build")


@api.hookimpl
def lr_project_types():
    return [api.ProjectType("boomtype", "A type that fails", _build)]
