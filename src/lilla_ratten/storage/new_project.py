"""A new project file: the valid skeleton ``lilla-ratten new`` writes and the app creates alike."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from lilla_ratten.i18n import _
from lilla_ratten.model import DecisionPoint, Milestone, Project, ProjectInfo
from lilla_ratten.model.rules import DECISION_POINT_IDS
from lilla_ratten.storage.comments import Notes


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "projekt"


def default_end(start: date) -> date:
    """A year less a day after ``start`` (28 February for a start on 29 February)."""
    if start.month == 2 and start.day == 29:
        return date(start.year + 1, 2, 28)
    return start.replace(year=start.year + 1) - timedelta(days=1)


def skeleton(path: Path, name: str | None, organisation: str | None, today: date,
             start: date | None = None, end: date | None = None) -> Project:
    start = start or today
    info = ProjectInfo(
        id=_slug(path.stem),
        name=name or _("New project"),
        organisation=organisation or _("Organisation"),
        start=start,
        end=end or default_end(start),
    )
    return Project(
        project=info,
        decision_points=[DecisionPoint(id=i) for i in DECISION_POINT_IDS],
        milestones=[Milestone(id="M1", title=_("First milestone"), planned=start + timedelta(days=90))],
    )


def skeleton_notes() -> dict:
    return {
        ("schema",): Notes(
            before=[
                "# " + _("A Lilla Ratten project. Fill it in, then run: lilla-ratten validate FILE"),
                "# " + _("Participants may only appear under pseudonymous ids, never by name or identity number."),
            ]
        ),
        ("decision_points", ("id", "B0")): Notes(
            before=["# " + _("Decision points B0–B4: add date, decision and minutes as the steering group decides.")]
        ),
    }


def create_project(path: Path, name: str, today: date, *, start: date | None = None, end: date | None = None,
                   organisation: str | None = None) -> Project:
    """Write a new project at ``path`` (never over an existing file); the project written."""
    from lilla_ratten.storage.files import save_project

    project = skeleton(path, name, organisation, today, start, end)
    save_project(project, path, expected_digest=None, force=False, notes=skeleton_notes())
    return project
