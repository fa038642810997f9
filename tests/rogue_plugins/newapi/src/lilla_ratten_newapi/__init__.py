"""Written for plugin API 2, which this app does not have."""

from __future__ import annotations

from lilla_ratten import api

LILLA_RATTEN_API = 2


@api.hookimpl
def lr_summary():
    return [api.section("newapi", "New API", api.Paragraph("from the future"))]
