"""Project types that come with the app, registered like any plugin's (``new --type``)."""

from __future__ import annotations

from datetime import date

import attrs

from lilla_ratten.i18n import _
from lilla_ratten.model import FunderReport
from lilla_ratten.plugins import hookimpl
from lilla_ratten.plugins.specs import ProjectType


def _lum(project):
    # LUM (lokala utvecklingsmedel): the report is due 28 February the year after; a project
    # over several years ("del 2", seed 004) reports each year, also by 28 February.  A period
    # of a year or less (what `new` gives) is one grant, even when it crosses a new year.
    # No status reports at milestones: the funder asks for its reports only.
    info = attrs.evolve(
        project.project, funding="LUM", report_due=date(project.project.end.year + 1, 2, 28), status_reports=False
    )
    start, end = info.start.year, info.end.year
    several = (info.end - info.start).days > 366
    yearly = [FunderReport(id=str(y), year=y, due=date(y + 1, 2, 28)) for y in range(start, end)] if several else []
    return attrs.evolve(project, project=info, funder_reports=[*project.funder_reports, *yearly])


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
            layout="lum",
        ),
        ProjectType(
            "lansstyrelsen",
            _("County administrative board grant"),
            _lansstyrelsen,
            _("A grant from Länsstyrelsen (e.g. 37-medel); the final report goes to Länsstyrelsen."),
            layout="lansstyrelsen",
        ),
    ]


