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
    app: Any, doc: Document, what: str, label: str, beside: Path, source: Path | None, when: date | None = None, author: str = ""
) -> None:
    """Ask for a format and a file (default: ``<beside>-<label>.<format>``), then write ``doc``;
    ``when`` is the report's own date for its page header (else today)."""
    head = ((when or date.today()).isoformat(), author)
    if app.read_only:
        app.notify(_("Read-only: nothing can be written here."), severity="warning")
        return
    from lilla_ratten.documents.files import default_target
    from lilla_ratten.tui.screens.export_dialog import ExportDialog

    def target_for(fmt: str) -> Path:
        return default_target(str(beside), label, fmt)

    def chosen(answer: tuple[str, Path] | None) -> None:
        if answer is None:
            return
        fmt, target = answer
        if target.exists() and not target.is_dir():
            from lilla_ratten.tui.screens.confirm import Confirm

            question = _("{file} exists. Replace it?").format(file=target)
            app.push_screen(Confirm(question, _("Replace"), _("Keep it")),
                            lambda yes: _write(app, doc, fmt, target, source, head, force=True) if yes else None)
            return
        _write(app, doc, fmt, target, source, head, force=False)

    app.push_screen(ExportDialog(what, target_for), chosen)


def _write(app: Any, doc: Document, fmt: str, target: Path, source: Path | None, head: tuple[str, str], force: bool) -> None:
    from lilla_ratten.documents.files import write_document

    project = app.session.project.project.name if app.session is not None else doc.title
    when, author = head
    problem = write_document(doc, fmt, target, force, project, when, source, author)
    if problem:
        app.notify(problem, title=_("Not written"), severity="error", timeout=15)
    else:
        app.notify(_("Written: {file}").format(file=target))


def export_final(app: Any) -> None:
    from lilla_ratten.reports import layouts

    # in the funder's form when the project type names one (lum, lansstyrelsen), as on the command line
    from lilla_ratten.model.derived import final_report_date, report_author

    project = app.session.project
    doc = layouts.build(project, app.as_of, app.host)
    export(app, doc, _("the final report"), _("final-report"), app.session.path, app.session.path,
           final_report_date(project, app.as_of), report_author(project))


def export_selected(app: Any) -> None:
    """The status report selected on its tab (as sent to the steering group), else the final report."""
    from lilla_ratten.reports import status_report

    tables = [t for t in app.screen.query("RecordTable") if t.collection.attr == "status_reports" and t.table.has_focus]
    index = tables[0]._current_index() if tables else None
    if index is None:
        export_final(app)
        return
    report = app.session.project.status_reports[index]
    doc = status_report.build(app.session.project, report, app.host)
    label = _("status-report") + f"-{report.id}"
    from lilla_ratten.model.derived import report_author

    export(app, doc, _("status report {id}").format(id=report.id), label, app.session.path, app.session.path,
           report.date, report_author(app.session.project, report.author))


def export_compilation(app: Any, projects: dict[str, Any], beside: Path) -> None:
    """The portfolio's projects as the committee's compilation (seed 004's layout)."""
    from lilla_ratten.reports.compilation import build, shared_year

    doc = build(projects, app.as_of, shared_year(projects))
    export(app, doc, _("the compilation"), _("compilation"), beside, None, app.as_of)
