"""Pieces several reports share: milestone tables, the header, organisation."""

from __future__ import annotations

from datetime import date

from lilla_ratten.i18n import _
from lilla_ratten.model import GroupRole, Project
from lilla_ratten.model.derived import slippage_days
from lilla_ratten.model.document import Bullets, Table
from lilla_ratten.reports.labels import day, label


def milestone_table(project: Project, as_of: date) -> Table:
    rows = []
    for m in project.milestones:
        late = slippage_days(m, as_of)
        if m.done is not None:
            deviation = f"{late:+d}" if late else "0"
        elif as_of > project.project.end:
            # the project is over: a missing date was not recorded, not "still late"
            deviation = _("done date not recorded")
        elif m.planned < as_of:
            deviation = _("{n} late, not done").format(n=late)
        else:
            deviation = ""
        rows.append([m.id, m.title, day(m.planned), day(m.done) if m.done else "", deviation])
    headers = [_("Id"), _("Milestone"), _("Planned"), _("Done"), _("Deviation (days)")]
    return Table(headers, rows)


def milestone_data(project: Project, as_of: date) -> list[dict]:
    return [
        {
            "id": m.id,
            "title": m.title,
            "planned": m.planned.isoformat(),
            "done": m.done.isoformat() if m.done else None,
            "slippage_days": slippage_days(m, as_of) if (m.done or (m.planned < as_of <= project.project.end)) else None,
        }
        for m in project.milestones
    ]


def organisation_blocks(project: Project) -> list:
    lines = []
    for role in GroupRole:
        members = [m for m in project.members if m.group is role]
        if not members:
            continue
        people = []
        for m in members:
            who = m.name or ""
            if m.title:
                title = f"{m.count} × {m.title}" if m.count > 1 else m.title
                who = f"{who} ({title})" if who else title
            if m.organisation:
                who += f", {m.organisation}"
            if m.chair:
                who += " – " + _("chair")
            people.append(who)
        lines.append(f"{label(role)}: " + "; ".join(people))
    return [Bullets(lines)] if lines else []


def project_facts(project: Project) -> list[tuple[str, str]]:
    info = project.project
    org = info.organisation + (f", {info.unit}" if info.unit else "")
    facts = [(_("Project"), info.name), (_("Organisation"), org)]
    if info.dnr:
        facts.append((_("Diary number"), info.dnr))
    if info.owner:
        facts.append((_("Project owner"), info.owner))
    if info.leader:
        facts.append((_("Project leader"), info.leader))
    facts.append((_("Period"), f"{day(info.start)} – {day(info.end)}"))
    if info.funding:
        facts.append((_("Funding"), info.funding))
    return facts
