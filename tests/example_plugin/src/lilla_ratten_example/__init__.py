"""Study visits (studiebesök): a minimal plugin that uses every kind of hook.

It imports nothing from Lilla Ratten but ``lilla_ratten.api``.
"""

from __future__ import annotations

from datetime import date

import attrs

from lilla_ratten import api

__version__ = "1.2.0"


@attrs.define(kw_only=True)
class Visit:
    id: str
    date: date
    place: str
    attendees: list[str] = attrs.field(factory=list)  # pseudonymous participant ids
    cost: int | None = None  # kronor


@attrs.define(kw_only=True)
class StudyVisits:
    version: int = 1
    visits: list[Visit] = attrs.field(factory=list)
    budget: int | None = None  # kronor: a project that is only study visits budgets them here


@api.hookimpl
def lr_sections():
    return [api.SectionSpec("example", StudyVisits)]


@api.hookimpl
def lr_validate(project, sections):
    visits = sections.get("example")
    if visits is None:
        return []
    info = project.project
    return [
        api.Finding(
            ("ext", "example", "visits", i, "date"),
            "visit {id} on {date} is outside the project period",
            {"id": v.id, "date": v.date},
        )
        for i, v in enumerate(visits.visits)
        if not info.start <= v.date <= info.end
    ]


@api.hookimpl
def lr_final_report_sections(sections):
    visits = sections.get("example")
    if not visits or not visits.visits:
        return []
    table = api.Table(["Id", "Date", "Place"], [[v.id, v.date.isoformat(), v.place] for v in visits.visits])
    return [api.section("study_visits", "Study visits", table, visits=len(visits.visits))]


@api.hookimpl
def lr_status_report_sections(sections, report):
    visits = sections.get("example")
    since = [v for v in (visits.visits if visits else []) if report.period_start and v.date >= report.period_start]
    if not since:
        return []
    return [api.section("study_visits", "Study visits this period", api.Bullets([f"{v.date} {v.place}" for v in since]))]


@api.hookimpl
def lr_participants(sections):
    visits = sections.get("example")
    went = sorted({a for v in (visits.visits if visits else []) for a in v.attendees})
    if not went:
        return None
    return api.Participation(
        [api.ParticipantRecord(pid, outcomes={"went_on_visit": True}) for pid in went],
        [api.Outcome("went_on_visit", "Went on a study visit")],
    )


@api.hookimpl
def lr_summary(sections, participants):
    visits = sections.get("example")
    n = len(visits.visits) if visits else 0
    text = f"{n} study visits recorded"
    if participants is not None:
        went = sum(1 for p in participants.participants if p.outcomes.get("went_on_visit"))
        text += f"; {went} of {len(participants.participants)} participants went on one"
    return [api.section("study_visits", "Study visits", api.Paragraph(text))]


@api.hookimpl
def lr_budget_figures(sections, as_of):
    # with a budget of its own, it is the project's budget: spent = the visits made by as_of
    visits = sections.get("example")
    if visits is None or visits.budget is None:
        return None
    return api.BudgetLines(visits.budget, sum(v.cost or 0 for v in visits.visits if v.date <= as_of))


@api.hookimpl
def lr_project_types():
    def build(project):
        project.ext["example"] = {"version": 1}
        return project

    return [api.ProjectType("study-trip", "Study-trip project", build, "A project built around study visits.")]


@api.hookimpl
def lr_final_report_layouts():
    def visits_form(context):
        example = context.sections.get("example")
        rows = [[v.date.isoformat(), v.place] for v in example.visits] if example else []
        visits = api.section("visits", "Study visits", api.Table(["Date", "Place"], rows) if rows else None)
        return api.Document("final_report", f"Study visits: {context.project.project.name}", [],
                            [s for s in (visits, *context.other_sections) if not s.is_empty()])

    return [api.FinalReportLayout("study-visits", "Study visits only", visits_form)]


@api.hookimpl
def lr_portfolio_columns():
    return [api.Column("visits", "Visits", lambda project, sections: len(sections["example"].visits) if sections.get("example") else 0, total=True)]


@api.hookimpl
def lr_tui_panes(sections):
    def factory(context):
        from textual.widgets import Static  # only when the TUI asks for the pane

        visits = sections.get("example")
        return Static(f"{len(visits.visits) if visits else 0} study visits")

    return [api.Pane("study_visits", "Study visits", factory)]


@api.hookimpl
def lr_commands():
    def configure(parser):
        parser.add_argument("file")

    def run(args, host):
        import tomllib

        with open(args.file, "rb") as fh:
            data = tomllib.load(fh)
        print(len(data.get("ext", {}).get("example", {}).get("visits", [])))
        return 0

    return [api.Command("visits", "count the study visits in a project file", configure, run)]
