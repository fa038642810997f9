"""Sections that plugins add to reports, tagged with the plugin that made them."""

from __future__ import annotations

from typing import Any

import attrs

from lilla_ratten.model.document import Section


def plugin_sections(host: Any, hook: str, project: Any, **kwargs: Any) -> list[Section]:
    if host is None:
        return []
    sections, _findings = host.sections(project)
    out = []
    for plugin, sec in host.collect(hook, Section, project=project, sections=sections, **kwargs):
        out.append(attrs.evolve(sec, source=plugin))
    return [s for s in out if not s.is_empty()]
