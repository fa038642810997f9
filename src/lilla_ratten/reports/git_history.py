"""A project's history through git, in project terms: the commit message for sharing,
the commits with what each changed, what changed since the last steering-group meeting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from attrs import define, field

from lilla_ratten.i18n import _
from lilla_ratten.model import Project
from lilla_ratten.model.privacy import mask_identity_numbers
from lilla_ratten.reports.history import changes
from lilla_ratten.storage import parse_project
from lilla_ratten.storage.git import Commit, GitError, history, show, show_at

SUBJECT_WIDTH = 120  # the first line: what a history list shows of a commit


@define
class Entry:
    commit: Commit
    lines: list[str] = field(factory=list)
    error: str | None = None  # a version that could not be read


def parse_version(text: str | None, name: str) -> tuple[Project | None, str | None]:
    """A version's text as a project, or why it could not be read (``None, None``: no such version)."""
    if text is None:
        return None, None
    parsed = parse_project(text, name)
    if parsed.project is None:
        return None, str(parsed.problems[0]) if parsed.problems else _("could not be read")
    return parsed.project, None


def committed(path: Path) -> Project | None:
    """The project as the last commit has it (``None``: not in git, or not committed yet)."""
    try:
        text = show(path, "HEAD")
    except GitError:
        return None
    return parse_version(text, str(path))[0]


def commit_message(path: Path, project: Project) -> str:
    """"status report SR4 added, overall (!) yellow; M3 planned date moved …", then every change on its own line."""
    before = committed(path)
    lines = changes(before, project) if before is not None else [_("{name} added").format(name=project.project.name)]
    if not lines:
        return _("no changes")
    subject = ""
    for n, line in enumerate(lines):
        candidate = f"{subject}; {line}" if subject else line
        if subject and len(candidate) > SUBJECT_WIDTH:
            subject += _(" (and {n} more)").format(n=len(lines) - n)
            break
        subject = candidate
    message = subject if len(lines) == 1 else subject + "\n\n" + "\n".join(f"- {line}" for line in lines)
    return mask_identity_numbers(message)  # a commit message is in every clone, for ever


def entries(path: Path, n: int | None = None) -> list[Entry]:
    """The file's commits, newest first, each with what it changed (``GitError`` outside git)."""
    full = history(path)
    out = []
    for i, commit in enumerate(full[:n] if n else full):
        parent = full[i + 1] if i + 1 < len(full) else None
        new, new_err = parse_version(show_at(path, commit.hash, commit.path), commit.path)
        old, old_err = (None, None) if parent is None else parse_version(show_at(path, parent.hash, parent.path), parent.path)
        if new_err or old_err:
            out.append(Entry(commit, error=new_err or old_err))
        else:
            out.append(Entry(commit, changes(old, new) if parent is not None else [_("file created")]))
    return out


def last_meeting(project: Project, today: date) -> date | None:
    """The last steering-group meeting: the latest decision point held or status report sent."""
    dates = [p.date for p in project.decision_points if p.date is not None]
    dates += [r.sent for r in project.status_reports if r.sent is not None]
    return max((d for d in dates if d <= today), default=None)


def since(path: Path, project: Project, when: date) -> tuple[Commit | None, list[str]]:
    """What changed from the version committed by the end of ``when`` to ``project`` (the file now)."""
    older = [c for c in history(path) if c.date <= when.isoformat()]
    if not older:
        return None, []
    old, _err = parse_version(show_at(path, older[0].hash, older[0].path), older[0].path)
    return older[0], changes(old, project) if old is not None else []
