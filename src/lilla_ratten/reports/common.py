"""Pieces several reports share: milestone tables, the header, organisation."""

from __future__ import annotations

from datetime import date

from lilla_ratten.i18n import _
from lilla_ratten.model import GroupRole, Project
from lilla_ratten.model.derived import is_over, slippage_days
from lilla_ratten.model.document import Bullets, Table
from lilla_ratten.reports.labels import day, label


def milestone_table(project: Project, as_of: date, over: bool | None = None) -> Table:
    """``over``: the project had ended by ``as_of`` (a sent status report keeps what it was)."""
    if over is None:
        over = is_over(project, as_of)
    rows = []
    for m in project.milestones:
        late = slippage_days(m, as_of)
        if m.done is not None:
            deviation = f"{late:+d}" if late else "0"
        elif m.passed:
            deviation = ""  # passed on a day not known: no deviation can be said
        elif over:
            # the project is over: a missing date was not recorded, not "still late"
            deviation = _("done date not recorded")
        elif m.planned < as_of:
            deviation = _("{n} late, not done").format(n=late)
        else:
            deviation = ""
        done = day(m.done) if m.done else (_("passed, date not known") if m.passed else "")
        rows.append([m.id, m.title, day(m.planned), done, deviation])
    headers = [_("Id"), _("Milestone"), _("Planned"), _("Done"), _("Deviation (days)")]
    return Table(headers, rows)


def milestone_data(project: Project, as_of: date) -> list[dict]:
    return [
        {
            "id": m.id,
            "title": m.title,
            "planned": m.planned.isoformat(),
            "done": m.done.isoformat() if m.done else None,
            **({"passed": m.passed} if m.passed is not None else {}),
            "slippage_days": slippage_days(m, as_of) if (m.done or (not m.passed and m.planned < as_of <= project.project.end)) else None,
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


def period(project: Project) -> str:
    """``start – end``, said to be estimated when the file says so."""
    info = project.project
    text = f"{day(info.start)} – {day(info.end)}"
    if any(p in project.provenance.estimated for p in ("project.start", "project.end")):
        text += " " + _("(estimated)")
    return text


def role_facts(project: Project) -> list[tuple[str, str]]:
    """Who orders, owns, funds and leads the project: four roles, never one for another."""
    info = project.project
    roles = (
        (_("Project owner"), info.owner),  # beställare (the model's word; English has no better)
        (_("Owning organisation"), info.project_owner),  # projektägare
        (_("Funder"), info.funder),  # bidragsgivare
        (_("Project leader"), info.leader),
    )
    return [(name, who) for name, who in roles if who]


def project_facts(project: Project) -> list[tuple[str, str]]:
    info = project.project
    org = info.organisation + (f", {info.unit}" if info.unit else "")
    facts = [(_("Project"), info.name), (_("Organisation"), org)]
    if info.dnr:
        facts.append((_("Diary number"), info.dnr))
    facts.extend(role_facts(project))
    facts.append((_("Period"), period(project)))
    if info.funding:
        facts.append((_("Funding"), info.funding))
    return facts
