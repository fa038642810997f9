"""Sections that plugins add to reports, tagged with the plugin that made them."""

from __future__ import annotations

from typing import Any

import attrs

from lilla_ratten.i18n import _
from lilla_ratten.model.document import Bullets, Section, section
from lilla_ratten.reports.provenance import mark_section


def plugin_sections(host: Any, hook: str, project: Any, *, mark: bool = False, sections: dict | None = None,
                    **kwargs: Any) -> list[Section]:
    """``mark``: a section built on estimated data opens with a line saying so (the overview,
    for the person working on the file; never in a document sent to someone). ``sections``: the
    plugins' structured sections when the caller has them already, so they are not structured again."""
    if host is None:
        return []
    if sections is None:
        sections, _findings = host.sections(project)
    out = []
    for plugin, sec in host.collect(hook, Section, project=project, sections=sections, **kwargs):
        sec = attrs.evolve(sec, source=plugin)
        out.append(mark_section(project, sec, f"ext.{plugin}") if mark else sec)
    return [s for s in out if not s.is_empty()]


def not_fully_checked(host: Any) -> Section | None:
    """A warning section naming each plugin whose checks could not run, or ``None``.

    It leads the overview and ``status``: a file whose checks did not all run must not
    look as if it had passed them.
    """
    failures = host.unchecked() if host is not None else []
    if not failures:
        return None
    lines = [
        _("⚠ Plugin {plugin} could not run its checks ({hook}: {error}); this file may have problems that are not shown.").format(
            plugin=f.plugin, hook=f.hook, error=f.error
        )
        for f in failures
    ]
    return section("not_fully_checked", _("Not fully checked"), Bullets(lines),
                   failures=[{"plugin": f.plugin, "hook": f.hook, "error": f.error} for f in failures])
