"""Claims ``[ext.finsam]`` with a type of its own: every key of the real section would be "unknown"."""

from __future__ import annotations

import attrs

from lilla_ratten import api


@attrs.define(kw_only=True)
class Other:
    version: int = 1
    note: str = ""


@api.hookimpl
def lr_sections():
    return [api.SectionSpec("finsam", Other)]
