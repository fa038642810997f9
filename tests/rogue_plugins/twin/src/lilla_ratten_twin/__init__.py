"""A second plugin under the entry-point name ``finsam``: it must not replace the first silently."""

from __future__ import annotations

from lilla_ratten import api


@api.hookimpl
def lr_summary():
    return [api.section("twin", "Twin", api.Paragraph("the twin"))]
