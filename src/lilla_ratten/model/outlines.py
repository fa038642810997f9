"""The fixed headings of each document's form, in reading order: what a free chapter's
``after`` may name (issue 29).

Data only, so the model's rules can check a chapter's ``after`` without building a report. The
forms themselves (``reports/final_report.py``, ``final_forms.py``, ``planning.py``) leave out a
heading with nothing under it; a chapter placed after such a heading goes where the heading
would have been (``reports/chapters.py``). ``tests/test_chapters.py`` builds every form and
checks that its headings appear here, in this order, so the two cannot drift apart.

The bundled plugins' sections (the budget statement, the 4R analysis, the steps) are listed
where the forms put them: a chapter may follow them too. A third party's form or section is
not known here; its ids are accepted when the document is built (placement) and noted by
``validate`` only as a warning.
"""

from __future__ import annotations

from attrs import frozen

from lilla_ratten.i18n import N_

REPORTS = ("final", "plan", "directive")
REPORT_TITLES = {"final": N_("Final report"), "plan": N_("Project plan"), "directive": N_("Project directive")}
# the same in a sentence ("no heading of the final report")
REPORT_WORDS = {"final": N_("the final report"), "plan": N_("the project plan"), "directive": N_("the project directive")}


@frozen
class Heading:
    id: str
    title: str  # an English msgid, translated where shown
    level: int = 1


def _h(id: str, title: str, level: int = 1) -> Heading:
    return Heading(id, title, level)


_CONCLUSION_KINDS = (("success", N_("Success factors")), ("challenge", N_("Challenges")),
                     ("development", N_("Development areas")))
# the equality plugin's 4R analysis with its four parts
_4R = (
    _h("equality_analysis", N_("Gender equality and intersectional analysis (4R)")),
    _h("r1", N_("R1 Representation"), 2),
    _h("r2", N_("R2 Resources"), 2),
    _h("r3", N_("R3 Realia: why it looks like this"), 2),
    _h("r4", N_("R4 Actions"), 2),
)
# in the order the plugins load (by name): budget, steps, equality
_PLUGINS = (
    _h("financial_statement", N_("Financial statement")),
    _h("steps", N_("Steps toward self-sufficiency")),
    *_4R,
)

SLUTRAPPORT = (
    _h("summary", N_("Summary")),
    _h("introduction", N_("Introduction")),
    _h("description", N_("Project description"), 2),
    _h("effect_goals", N_("Effect goals"), 2),
    _h("project_goals", N_("Project goals"), 2),
    _h("exclusions", N_("Scope exclusions"), 2),
    _h("organisation", N_("Project organisation"), 2),
    _h("milestones", N_("Milestones"), 2),
    _h("results", N_("Results")),
    _h("goal_fulfilment", N_("Goal fulfilment"), 2),
    _h("effect_result", N_("Effect goals"), 3),
    _h("goal_result", N_("Project goals"), 3),
    _h("outcomes", N_("Outcome measures"), 2),
    _h("changes", N_("Change requests and remaining items"), 2),
    _h("schedule", N_("Schedule"), 2),
    _h("budget", N_("Project budget"), 2),
    _h("grants", N_("Grants by year"), 2),
    _h("funder_reports", N_("Reports to the funder"), 2),
    _h("way_of_working", N_("Way of working")),
    _h("lessons_organisation", N_("Project organisation"), 2),
    _h("lessons_collaboration", N_("Collaboration"), 2),
    _h("lessons_methods", N_("Methods and tools"), 2),
    _h("lessons_quality", N_("Quality assurance"), 2),
    _h("other_lessons", N_("Other lessons")),
    _h("lessons_resources", N_("Resources"), 2),
    _h("lessons_way_of_working", N_("Way of working in the project"), 2),
    _h("lessons_documents", N_("Project documents and steering"), 2),
    _h("lessons_other", N_("Other"), 2),
    _h("equality", N_("Gender equality")),
    _h("child_perspective", N_("Child perspective")),
    _h("conclusions", N_("Conclusions")),
    *(_h(f"conclusions_{k}", t, 2) for k, t in _CONCLUSION_KINDS),
    _h("conclusions_other", N_("Other lessons"), 2),
    _h("implementation", N_("Implementation and further work")),
    _h("strategic_value", N_("Strategic value")),
    *_PLUGINS,
    _h("other", N_("Other")),
    _h("closing_words", N_("The steering group's comments")),
)

LUM = (
    _h("declaration", N_("Signed by")),
    _h("economy", N_("Financial statement")),  # the file's own figures, without the budget plugin
    _h("financial_statement", N_("Financial statement")),  # the budget plugin's statement in its place
    _h("grants", N_("Grants by year")),
    _h("funder_reports", N_("Reports to the funder")),
    _h("summary", N_("Summary")),
    _h("introduction", N_("Introduction")),
    _h("effect_goals", N_("Effect goals"), 2),
    _h("exclusions", N_("Delimitation"), 2),
    _h("way_of_working", N_("The project's way of working")),
    _h("results", N_("Results report")),
    _h("steps", N_("Steps toward self-sufficiency")),
    _h("equality", N_("Gender equality")),
    *_4R,
    _h("child_perspective", N_("Child perspective")),
    _h("conclusions", N_("Conclusions and proposals")),
    *(_h(f"conclusions_{k}", t, 2) for k, t in _CONCLUSION_KINDS),
    _h("further_work", N_("Plan for further work")),
    _h("strategic_value", N_("Strategic value for the city as a whole")),
    _h("references", N_("References, sources")),
    _h("attachments", N_("Attachments")),
)

LANSSTYRELSEN = (
    _h("need", N_("Need")),
    _h("purpose", N_("Purpose")),
    _h("goal", N_("Goal of the measure")),
    _h("steps", N_("Steps toward self-sufficiency")),
    *_4R,
    _h("method", N_("Measure and method")),
    _h("follow_up", N_("Follow-up and evaluation")),
    _h("equality", N_("Gender equality")),
    _h("child_perspective", N_("Child perspective")),
    _h("collaboration", N_("Collaboration and organisation")),
    _h("information", N_("Information")),
    _h("implementation", N_("Implementation")),
    _h("economy", N_("Economy")),
    _h("financial_statement", N_("Economy")),
    _h("assessment", N_("Overall assessment")),
    _h("other", N_("Other")),
    _h("references", N_("References, sources")),
    _h("attachments", N_("Attachments")),
    _h("receiver_notes", N_("The County Administrative Board's notes")),
)

DIRECTIVE = (
    _h("background", N_("Background and purpose")),
    _h("goals", N_("Goals")),
    _h("effect_goals", N_("Effect goals"), 2),
    _h("project_goals", N_("Project goals"), 2),
    _h("exclusions", N_("Scope exclusions"), 2),
    _h("frame", N_("Time frame")),
    _h("resources", N_("Budget and resources")),
    _h("organisation", N_("Project organisation")),
    _h("decision", N_("Decision on the directive (B1)")),
)

PLAN = (
    _h("background", N_("Background and purpose")),
    _h("goals", N_("Goals")),
    _h("effect_goals", N_("Effect goals"), 2),
    _h("project_goals", N_("Project goals"), 2),
    _h("exclusions", N_("Scope exclusions"), 2),
    _h("organisation", N_("Project organisation")),
    _h("activity_plan", N_("Activity plan")),
    _h("milestones", N_("Milestones")),
    _h("decision_points", N_("Decision points")),
    _h("budget", N_("Budget")),
    _h("method", N_("Way of working")),
    _h("follow_up", N_("Follow-up and evaluation")),
    _h("information", N_("Communication")),
    _h("decision", N_("Decision on the plan (B2)")),
)

# form name → its headings; the final report's forms by layout name, plan and directive by report
FORMS: dict[str, tuple[Heading, ...]] = {
    "slutrapport": SLUTRAPPORT,
    "lum": LUM,
    "lansstyrelsen": LANSSTYRELSEN,
    "plan": PLAN,
    "directive": DIRECTIVE,
}
FINAL_FORMS = ("slutrapport", "lum", "lansstyrelsen")

# a chapter with no ``after`` goes at the end, but before these: the signatures, the approval,
# the receiver's block and the end matter stay last, as on the paper form
TAIL: dict[str, tuple[str, ...]] = {
    "slutrapport": ("closing_words",),
    "lum": ("references", "attachments"),
    "lansstyrelsen": ("assessment", "other", "references", "attachments", "receiver_notes"),
    "plan": ("decision",),
    "directive": ("decision",),
}


# the final report's built-in forms in a sentence ("no heading of … (Redovisning av LUM)")
FORM_WORDS = {"slutrapport": N_("Lilla Ratten's slutrapport"), "lum": N_("Redovisning av LUM"),
              "lansstyrelsen": N_("Länsstyrelsen's Slutrapportering")}


def form_of(report: str, project_type: str | None) -> str | None:
    """The built-in form ``report`` of a project of this type is written in; ``None`` when a
    plugin's type names its own form (not known here)."""
    if report != "final":
        return report if report in FORMS else None
    if project_type is None:
        return "slutrapport"
    return project_type if project_type in FINAL_FORMS else None


def form_names(report: str) -> tuple[str, ...]:
    """The built-in forms a report of this kind can be written in."""
    return FINAL_FORMS if report == "final" else (report,) if report in FORMS else ()


def known_ids(report: str) -> set[str]:
    """Every heading id of the built-in forms of ``report`` (any final-report form: the form is
    chosen when the report is written, ``--layout``)."""
    return {h.id for name in form_names(report) for h in FORMS[name]}
