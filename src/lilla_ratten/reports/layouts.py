"""The final report's forms: registered by plugins through ``lr_final_report_layouts`` (the
app's own — slutrapport, lum, lansstyrelsen — by the built-in plugin ``builtin_layouts``),
chosen (``--layout``, else the project type's ``layout``, else the slutrapport) and built
in isolation.

A form that fails (raises, hangs, returns no ``Document``) switches its plugin off like any
hook; the slutrapport is built instead. Whenever a plugin the final report depends on has
failed, the document says it is incomplete and names the plugin (a first section and
``data["incomplete"]``), and ``report final`` exits 3, as ``validate`` does.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from lilla_ratten.i18n import _
from lilla_ratten.model import Project
from lilla_ratten.model.document import Bullets, Document, Section, section
from lilla_ratten.plugins.specs import BUDGET_STATEMENT, FinalReportLayout, LayoutContext, ProjectType
from lilla_ratten.reports.chapters import with_chapters
from lilla_ratten.reports.plugin_sections import plugin_sections

DEFAULT = "slutrapport"
# the app's own forms, and the built-in types that name them: what `build` uses without a host
BUILTIN = ("slutrapport", "lum", "lansstyrelsen")
BUILD_HOOK = "FinalReportLayout.build"  # the hook a failing form is reported under
# a plugin switched off in one of these (or having one) leaves the final report incomplete
REPORT_HOOKS = frozenset({"import", "register", "lr_sections", "lr_participants", "lr_final_report_sections",
                          "lr_final_report_layouts", BUILD_HOOK})


def repayment(project: Project, budget: Section | None) -> int | None:
    """Kronor to pay back: the file's own figure, else the budget plugin's, else unknown."""
    if project.final.repayment is not None:
        return project.final.repayment
    if budget is not None:
        return budget.data.get("repayment")
    return None


def context_for(project: Project, as_of: date, host: Any, layout: str) -> LayoutContext:
    """What a form is built from: the plugins' report sections, the budget statement, the figures."""
    from lilla_ratten.reports.final_report import _budget

    structured = host.sections(project)[0] if host is not None else {}
    report_sections = plugin_sections(host, "lr_final_report_sections", project, as_of=as_of)
    budget = next((s for s in report_sections if s.id == BUDGET_STATEMENT), None)
    return LayoutContext(layout, project, as_of, structured, report_sections, budget, repayment(project, budget),
                         _budget(project, report_sections)[0])


def registered(host: Any) -> dict[str, tuple[str, FinalReportLayout]]:
    """Layout name → (plugin, layout), the built-ins' included."""
    if host is None:
        from lilla_ratten.reports import builtin_layouts

        return {lay.name: ("builtin_layouts", lay) for lay in builtin_layouts.lr_final_report_layouts()}
    return host.layouts()


def layout_for(project: Project, host: Any, chosen: str | None = None) -> tuple[str, str | None]:
    """The layout asked for, else the one the project's type names, else the slutrapport; and
    why the type's form cannot be known, when it cannot (its plugin is not loaded)."""
    if chosen:
        return chosen, None
    kind = project.project.type
    if host is None:
        return (kind if kind in BUILTIN else DEFAULT), None
    types = {t.name: t for _plugin, t in host.collect("lr_project_types", ProjectType)}
    if kind and kind not in types:
        return DEFAULT, _("no loaded plugin knows the project type {type}; the slutrapport is shown instead, "
                          "not the type's own form").format(type=kind)
    return (types[kind].layout if kind and types[kind].layout else DEFAULT), None


def build(project: Project, as_of: date, host: Any = None, layout: str | None = None) -> Document:
    """The final report in the chosen form, with a marker when a plugin it needs failed."""
    from lilla_ratten.plugins.manager import PluginCallbackError, _copier

    name, missing = layout_for(project, host, layout)
    layouts = registered(host)
    if name not in layouts:  # the type's form is gone: its plugin failed
        missing = _("the form {layout} is not available; the slutrapport is shown instead").format(layout=name)
        name = DEFAULT
    plugin, form = layouts.get(name) or registered(None)[DEFAULT]
    builtin = host is None or plugin == "builtin_layouts"
    # a form of a plugin gets its own copy of the project, as every hook does
    context = context_for(project if builtin else _copier(project)(), as_of, host, name)
    doc = None
    if host is None:
        doc = form.build(context)
    else:
        try:
            doc = host.call_back(plugin, BUILD_HOOK, form.build, context)
        except PluginCallbackError:
            doc = None
        else:
            if not isinstance(doc, Document):
                host._switch_off(plugin, BUILD_HOOK, f"returned {type(doc).__name__}, expected a Document")
                doc = None
        if doc is None:
            from lilla_ratten.reports.final_report import slutrapport

            doc = slutrapport(context_for(project, as_of, host, DEFAULT))
            name, builtin = DEFAULT, True
    # the report's own chapters, placed by the host whatever form built it (issue 29); a third
    # party's form has no outline here: its chapters follow the sections it printed
    doc = with_chapters(doc, project, "final", name if builtin else None)
    return mark_incomplete(_with_provenance(doc, project), host, missing)


def _with_provenance(doc: Document, project: Project) -> Document:
    """Where the file's figures come from, in the JSON's data only: the report goes to the
    funder as the report, with no note for its author printed in it."""
    from lilla_ratten.reports.provenance import provenance_data

    found = provenance_data(project)
    return doc if found is None else Document(doc.kind, doc.title, doc.facts, doc.sections, {**doc.data, "provenance": found})


def report_failures(host: Any) -> list[Any]:
    """The failures that leave a final report incomplete: a plugin that adds to it, or might (it never loaded)."""
    if host is None:
        return []
    return [f for f in host.failures if f.hook in REPORT_HOOKS or REPORT_HOOKS & set(f.hooks)]


def mark_incomplete(doc: Document, host: Any, missing: str | None = None) -> Document:
    """``doc`` opened by a section naming each plugin that is missing from it, when any is."""
    failures = report_failures(host)
    if not failures and missing is None:
        return doc
    lines = [missing] if missing else []
    lines += [
        _("⚠ Plugin {plugin} failed ({hook}: {error}); what it adds to this report is missing.").format(
            plugin=f.plugin, hook=f.hook, error=f.error
        )
        for f in failures
    ]
    listed = [{"plugin": f.plugin, "hook": f.hook, "error": f.error} for f in failures]
    if missing:
        listed.insert(0, {"plugin": None, "hook": "layout", "error": missing})
    marker = section("incomplete", _("Incomplete"), Bullets(lines), failures=listed)
    return Document(doc.kind, doc.title, doc.facts, [marker, *doc.sections], {**doc.data, "incomplete": listed})


def is_incomplete(doc: Document) -> bool:
    return bool(doc.data.get("incomplete"))
