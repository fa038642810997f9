"""The plugins' tabs: each pane a plugin hands over, and the lists its sections declare.

A section's lists go in the tab of the plugin's pane whose id is the section's name,
above the pane's own widget; a section with lists and no such pane gets a tab of its own.
So a plugin that only declares types still gets every record edited in the app.
"""

from __future__ import annotations

from typing import Any

from attrs import define, field


@define(frozen=True)
class PluginTab:
    plugin: str
    factory: Any = None  # the pane's factory; None: a tab of the host's own, lists only
    collections: tuple = field(factory=tuple)  # the section's declared lists (``Collection``)


def plugin_tabs(app: Any) -> list[tuple[str, str, PluginTab]]:
    """(tab id, title, PluginTab) of every plugin tab; widgets are made when a tab is first shown."""
    if app.host is None:
        return []
    from lilla_ratten.plugins.specs import Pane
    from lilla_ratten.tui.collections import plugin_collections

    host = app.host
    sections, _findings = host.sections(app.session.project)
    panes = host.collect("lr_tui_panes", Pane, project=app.session.project, sections=sections)
    by_section: dict[str, list] = {}
    for collection in plugin_collections(host).values():
        by_section.setdefault(collection.section, []).append(collection)
    out = []
    placed = set()
    for plugin, pane in panes:
        lists = by_section.get(pane.id, []) if host.section_specs().get(pane.id, ("",))[0] == plugin else []
        if lists:
            placed.add(pane.id)
        out.append((f"plugin-{plugin}-{pane.id}", pane.title, PluginTab(plugin, pane.factory, tuple(lists))))
    for name, (plugin, spec) in host.section_specs().items():
        if name in by_section and name not in placed:
            out.append((f"plugin-{plugin}-{name}", spec.title or name, PluginTab(plugin, None, tuple(by_section[name]))))
    return out
