"""What ``lilla-ratten validate`` finds beyond reading the file, in one place: the command and
the app's Kontroller screen (``tui/screens/checks_screen.py``) list the same findings."""

from __future__ import annotations

from datetime import date
from typing import Any

from lilla_ratten.model.findings import Finding
from lilla_ratten.model.project import Project
from lilla_ratten.model.rules import check, dated_findings


def later_findings(project: Project, host: Any, as_of: date | None = None) -> list[Finding]:
    """Every plugin's checks, and with ``as_of`` what cannot have happened yet by then (a done
    date to come): what validate adds to the core rules reading a file applies."""
    more = list(host.validate(project)) if host is not None else []
    if as_of is not None:
        more += dated_findings(project, as_of)
    return more


def project_findings(project: Project, host: Any, as_of: date | None = None) -> list[Finding]:
    """What validate finds in a project held in memory: the core rules, then ``later_findings``."""
    return [*check(project), *later_findings(project, host, as_of)]
