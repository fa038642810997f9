"""The report's own chapters as the app lists and edits them (issue 29): the report each
belongs to, and what it may follow — the headings of that report's form by their printed
names ("Inledning › Effektmål"), and the report's other chapters.

No Textual here: ``collections.py`` makes the list of these, the form (``record_form.py``)
asks ``options`` again when the report chosen changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from lilla_ratten.i18n import _
from lilla_ratten.model.outlines import FORMS, REPORT_TITLES, REPORTS, Heading

# the same place under two names (the budget plugin's statement, or the file's figures in its
# stead): offered once, under the plugin's id, which places a chapter right in either case
_HIDDEN = {"economy"}


def report_options() -> tuple[tuple[str, str], ...]:
    return tuple((r, _(REPORT_TITLES[r])) for r in REPORTS)


def _form(project: Any, host: Any, report: str) -> str | None:
    """The form of ``report`` this project's documents are written in (its type's, for the final report)."""
    if report != "final":
        return report
    from lilla_ratten.reports.layouts import layout_for

    return layout_for(project, host)[0]


def _headings(project: Any, host: Any, report: str) -> list[Heading]:
    form = _form(project, host, report)
    if form in FORMS:
        return [h for h in FORMS[form] if h.id not in _HIDDEN]
    # a plugin's own form: the headings it prints for this project, with their own titles
    from lilla_ratten.reports.chapters import SOURCE
    from lilla_ratten.reports.layouts import build

    out: list[Heading] = []

    def walk(sections, level: int) -> None:
        for s in sections:
            if s.source != SOURCE and s.id != "incomplete":
                out.append(Heading(s.id, s.title, level))
                walk(s.sections, level + 1)

    walk(build(project, date.today(), host, form).sections, 1)
    return out


def _named(headings: list[Heading], translate: bool) -> list[tuple[str, str]]:
    """(id, "Resultat › Måluppfyllelse › Effektmål"): a sub-heading with the headings above it,
    as two headings may share a name."""
    out, above = [], []
    for h in headings:
        above = [*above[: h.level - 1], _(h.title) if translate else h.title]
        out.append((h.id, " › ".join(above)))
    return out


def after_options(project: Any, host: Any, report: str | None, own: str | None = None) -> tuple[tuple[str, str], ...]:
    """What a chapter of ``report`` may follow: the form's headings, then the report's other chapters."""
    if report not in REPORTS:
        return ()
    form = _form(project, host, report)
    options = _named(_headings(project, host, report), translate=form in FORMS)
    options += [(c.id, _("Chapter {id}: {title}").format(id=c.id, title=" ".join(c.title.split())))
                for c in project.chapters if c.report == report and c.id != own]
    return tuple(options)


def options(project: Any, host: Any, values: dict) -> dict[str, tuple[tuple[str, str], ...]]:
    """The form's choices for the record as typed (``values``: field → value)."""
    return {"report": report_options(), "after": after_options(project, host, values.get("report") or "final", values.get("id"))}


def after_text(project: Any, chapter: Any) -> str:
    """The table's "after" cell: the heading's or chapter's name, "at the end" without one."""
    if not chapter.after:
        return _("at the end")
    shown = dict(_named([h for h in FORMS.get(_form(project, None, chapter.report) or "", ()) if h.id not in _HIDDEN], True))
    if chapter.after in shown:
        return shown[chapter.after]
    other = next((c for c in project.chapters if c.id == chapter.after and c.report == chapter.report), None)
    return f"{other.id} {' '.join(other.title.split())}" if other else chapter.after


def report_text(chapter: Any) -> str:
    return _(REPORT_TITLES[chapter.report]) if chapter.report in REPORT_TITLES else chapter.report
