"""The app's own final-report forms, registered like any plugin's (``lr_final_report_layouts``).

The forms are imported only when one is built: loading plugins (``validate``, ``status``…)
does not pay for the report modules.
"""

from __future__ import annotations

from lilla_ratten.i18n import _
from lilla_ratten.plugins import hookimpl
from lilla_ratten.plugins.specs import FinalReportLayout


def _slutrapport(context):
    from lilla_ratten.reports.final_report import slutrapport

    return slutrapport(context)


def _lum(context):
    from lilla_ratten.reports.final_forms import lum

    return lum(context)


def _lansstyrelsen(context):
    from lilla_ratten.reports.final_forms import lansstyrelsen

    return lansstyrelsen(context)


@hookimpl
def lr_final_report_layouts():
    return [
        FinalReportLayout("slutrapport", _("Final report (slutrapport)"), _slutrapport,
                          _("Lilla Ratten's own final report, for the steering group and any funder.")),
        FinalReportLayout("lum", _("Report of local development funds (LUM)"), _lum,
                          _("Stockholm city's form for local development funds.")),
        FinalReportLayout("lansstyrelsen", _("Final report to the County Administrative Board"), _lansstyrelsen,
                          _("Länsstyrelsen's final report form for a grant.")),
    ]
