"""The Kontroller screen's content: what ``lilla-ratten validate`` says about the project as it
is in the app (unsaved changes included), so a warning a form leaves to validate is seen
(issue 28). Computed when the screen is opened, never on each change: the checks read every
record, and at 50 000 activities a change must stay quick."""

from __future__ import annotations

from typing import Any

from lilla_ratten.i18n import N_, _
from lilla_ratten.model.findings import Severity
from lilla_ratten.model.privacy import mask_identity_numbers
from lilla_ratten.plugins.project_checks import project_findings
from lilla_ratten.tui.record_lists import place_of

# the order the screen lists them in, with each group's heading
GROUPS = ((Severity.ERROR, N_("Errors")), (Severity.WARNING, N_("Warnings")), (Severity.NOTICE, N_("Notes")))


def checks_rows(app: Any) -> list[tuple[Severity, str, tuple[str, int] | None]]:
    """(severity, the finding as the app names its place, (list, index) of the record it is in
    or None), errors first, then warnings, then notes; each group in the order validate finds them."""
    project = app.session.project
    rows = []
    for finding in project_findings(project, app.host, app.as_of):
        where, collection, index = place_of(app, finding, project)
        via = f" [{finding.source}]" if finding.source != "core" else ""  # as validate prints it
        text = mask_identity_numbers(f"{where}: {finding.text()}{via}")
        rows.append((finding.severity, text, (collection.attr, index) if collection is not None and index is not None else None))
    order = [severity for severity, _heading in GROUPS]
    return sorted(rows, key=lambda row: order.index(row[0]))


def show_checks(app: Any) -> None:
    """Open the Kontroller screen; Enter on a finding opens its record's form."""
    from lilla_ratten.tui import editing
    from lilla_ratten.tui.screens.checks_screen import ChecksScreen

    if app.session is None:
        return

    def chosen(place: tuple[str, int] | None) -> None:
        if place is not None:
            editing.edit_record(app, *place)

    app.push_screen(ChecksScreen(checks_rows(app)), chosen)


def heading(severity: Severity) -> str:
    return _(dict(GROUPS)[severity])
