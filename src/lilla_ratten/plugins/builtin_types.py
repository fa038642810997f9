"""Project types that come with the app, registered like any plugin's (``new --type``)."""

from __future__ import annotations

from datetime import date

import attrs

from lilla_ratten.i18n import _
from lilla_ratten.plugins import hookimpl
from lilla_ratten.plugins.specs import ProjectType


def _lum(project):
    # LUM (lokala utvecklingsmedel): the report is due 28 February the year after.
    # No status reports at milestones: the funder asks for the one report only.
    info = attrs.evolve(
        project.project, funding="LUM", report_due=date(project.project.end.year + 1, 2, 28), status_reports=False
    )
    return attrs.evolve(project, project=info)


def _lansstyrelsen(project):
    info = attrs.evolve(project.project, funding=_("County administrative board (Länsstyrelsen)"))
    return attrs.evolve(project, project=info)


@hookimpl
def lr_project_types():
    return [
        ProjectType(
            "lum",
            _("Local development funds (LUM)"),
            _lum,
            _("Stockholm city's local development funds; the report is due 28 February the following year."),
        ),
        ProjectType(
            "lansstyrelsen",
            _("County administrative board grant"),
            _lansstyrelsen,
            _("A grant from Länsstyrelsen (e.g. 37-medel); the final report goes to Länsstyrelsen."),
        ),
    ]


