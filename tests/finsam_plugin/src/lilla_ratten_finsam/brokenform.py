"""A second form with a bug: it raises on every project (for the failure tests)."""

from __future__ import annotations

from lilla_ratten import api


def _form(context):
    return {"not": "a document"} if context.project.project.name == "Dict" else 1 / 0


@api.hookimpl
def lr_final_report_layouts():
    return [api.FinalReportLayout("broken", "A form that fails", _form)]
