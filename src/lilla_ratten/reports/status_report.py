"""A status report (lägesrapport) as sent to the steering group."""

from __future__ import annotations

from lilla_ratten.i18n import _
from lilla_ratten.model import LIGHT_ASPECTS, Project, StatusReport
from lilla_ratten.model.derived import sent_view
from lilla_ratten.model.document import Document, Facts, Table, prose, section
from lilla_ratten.reports.common import milestone_data, milestone_table, project_facts
from lilla_ratten.reports.plugin_sections import plugin_sections
from lilla_ratten.reports.labels import aspect, day, label, light

def build(project: Project, report: StatusReport, host=None) -> Document:
    # what was sent is what is shown: a sent report shows the project as it was that day
    project, snap = sent_view(project, report)
    milestone = project.milestone(report.milestone) if report.milestone else None
    period = ""
    if report.period_start or report.period_end:
        period = f"{day(report.period_start)} – {day(report.period_end)}"
    facts = [
        *project_facts(project)[:2],
        (_("Report"), report.id),
        (_("Date"), day(report.date)),
    ]
    if period:
        facts.append((_("Period"), period))
    if milestone:
        facts.append((_("Milestone"), f"{milestone.id} {milestone.title}"))
    if report.author:
        facts.append((_("Author"), report.author))
    facts.append((_("Phase"), label(snap.phase)))
    facts.append((_("Sent"), day(report.sent) if report.sent else _("draft, not sent")))

    rows = [[aspect(a), light(getattr(report, a))] for a in LIGHT_ASPECTS if getattr(report, a)]
    overall = report.overall_light()
    overall_text = light(overall)
    if report.overall is not None and report.overall != report.worst_light():
        overall_text += " – " + (report.overall_reason or "")
    rows.append([_("Overall"), overall_text])
    lights = section("lights", _("Assessment"), Table([_("Aspect"), _("Status")], rows))

    done, total = snap.activities_done, snap.activities_total
    sections = [
        lights,
        section("summary", _("Summary"), *prose(report.summary)),
        section("progress", _("Progress since the last report"), *prose(report.progress)),
        section("next_steps", _("Next steps"), *prose(report.next_steps)),
        section("risks", _("Risks and problems"), *prose(report.risks)),
        section("requests", _("Decisions requested of the steering group"), *prose(report.requests)),
        section(
            "milestones",
            _("Milestones"),
            milestone_table(project, report.date, snap.over),
            Facts([(_("Activities done for this milestone"), f"{done}/{total}")]) if total else None,
        ),
        *plugin_sections(host, "lr_status_report_sections", project, report=report),
    ]
    data = {
        "project": project.project.id,
        "id": report.id,
        "date": report.date.isoformat(),
        "period": [d.isoformat() if d else None for d in (report.period_start, report.period_end)],
        "milestone": report.milestone,
        "lights": {a: getattr(report, a).value for a in LIGHT_ASPECTS if getattr(report, a)},
        "overall": overall.value if overall else None,
        "overall_reason": report.overall_reason,
        "sent": report.sent.isoformat() if report.sent else None,
        "phase": snap.phase.value,
        "milestones": milestone_data(project, report.date),
    }
    title = _("Status report {id}: {name}").format(id=report.id, name=project.project.name)
    return Document("status_report", title, facts, [s for s in sections if not s.is_empty()], data)
