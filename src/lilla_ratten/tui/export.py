"""Writing a report as a document from the app: the dialog, a question before replacing a
file, and the same checks and atomic write as ``report … --format pdf -o FILE``.

Never offered in the read-only review: the steering group reads, it does not write files
on the server."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from lilla_ratten.i18n import _
from lilla_ratten.model.document import Document


def export(
    app: Any, doc: Document, what: str, label: str, beside: Path, source: Path | None, when: date | None = None, author: str = "",
    forms: tuple[list[tuple[str, str]], str, Any] | None = None,
) -> None:
    """Ask for a format and a file (default: ``<beside>-<label>.<format>``), then write ``doc``;
    ``when`` is the report's own date for its page header (none: the header shows no date). ``forms`` —
    ``(choices, chosen, build)`` — offers the final report's forms too; ``build(name)`` makes
    the document in another."""
    head = (when.isoformat() if when is not None else "", author)
    if app.read_only:
        app.notify(_("Read-only: nothing can be written here."), severity="warning")
        return
    from lilla_ratten.documents.files import default_target
    from lilla_ratten.tui.screens.export_dialog import ExportDialog

    def target_for(fmt: str) -> Path:
        return default_target(str(beside), label, fmt)

    def chosen(answer: tuple | None) -> None:
        nonlocal doc
        if answer is None:
            return
        fmt, target, *form = answer
        if forms is not None and form and form[0] != forms[1]:
            doc = forms[2](form[0])
        if target.exists() and not target.is_dir():
            from lilla_ratten.tui.screens.confirm import Confirm

            question = _("{file} exists. Replace it?").format(file=target)
            app.push_screen(Confirm(question, _("Replace"), _("Keep it")),
                            lambda yes: _write(app, doc, fmt, target, source, head, force=True) if yes else None)
            return
        _write(app, doc, fmt, target, source, head, force=False)

    dialog = ExportDialog(what, target_for) if forms is None else ExportDialog(what, target_for, forms[0], forms[1])
    app.push_screen(dialog, chosen)


def _write(app: Any, doc: Document, fmt: str, target: Path, source: Path | None, head: tuple[str, str], force: bool) -> None:
    from lilla_ratten.documents.files import write_document

    project = app.session.project.project.name if app.session is not None else doc.title
    when, author = head
    problem = write_document(doc, fmt, target, force, project, when, source, author)
    if problem:
        app.notify(problem, title=_("Not written"), severity="error", timeout=15)
    else:
        app.notify(_("Written: {file}").format(file=target))


def export_final(app: Any, layout: str | None = None) -> None:
    """The final report in ``layout``, else the project type's form (as on the command line);
    the dialog offers every registered form."""
    from lilla_ratten.model.derived import final_report_date, report_author
    from lilla_ratten.reports import layouts

    if app.session is None:  # the portfolio: its `x` is the compilation (and the review writes nothing)
        return
    project = app.session.project
    doc = layouts.build(project, app.as_of, app.host, layout)
    chosen = layouts.layout_for(project, app.host, layout)[0]
    choices = [(name, form.title) for name, (_plugin, form) in layouts.registered(app.host).items()]
    export(app, doc, _("the final report"), _("final-report"), app.session.path, app.session.path,
           final_report_date(project), report_author(project),
           forms=(choices, chosen, lambda name: layouts.build(project, app.as_of, app.host, name)))


def export_selected(app: Any) -> None:
    """The status report selected on its tab (as sent to the steering group), else the final report."""
    from lilla_ratten.reports import status_report

    if app.session is None:
        return
    tables = [t for t in app.screen.query("RecordTable") if t.collection.attr == "status_reports" and t.table.has_focus]
    index = tables[0]._current_index() if tables else None
    if index is None:
        export_final(app)
        return
    report = app.session.project.status_reports[index]
    doc = status_report.build(app.session.project, report, app.host)
    label = _("status-report") + f"-{report.id}"
    from lilla_ratten.model.derived import report_author, sent_view

    export(app, doc, _("status report {id}").format(id=report.id), label, app.session.path, app.session.path,
           report.date, report_author(sent_view(app.session.project, report)[0], report.author))


def export_compilation(app: Any, projects: dict[str, Any], beside: Path) -> None:
    """The portfolio's projects as the committee's compilation (seed 004's layout)."""
    from lilla_ratten.reports.compilation import build, shared_year

    doc = build(projects, app.as_of, shared_year(projects), app.host)
    export(app, doc, _("the compilation"), _("compilation"), beside, None, app.as_of)
