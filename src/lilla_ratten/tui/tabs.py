"""The project's tabs: id, title and the lists each one shows (no Textual here)."""

from __future__ import annotations

from lilla_ratten.i18n import N_

# (tab id, title, the lists it shows); the overview comes first and the plugins' tabs last
TABS = (
    ("goals", N_("Goals"), ("effect_goals", "indicators", "project_goals", "exclusions")),
    ("organisation", N_("Organisation"), ("members",)),
    ("milestones", N_("Milestones"), ("milestones",)),
    ("activities", N_("Activities"), ("activities",)),
    ("reports", N_("Status reports"), ("status_reports",)),
    ("decisions", N_("Decisions"), ("decision_points", "decisions")),
    ("changes", N_("Changes"), ("changes",)),
    # the reports' own chapters beside the lessons: both are what the final report says in its own words
    ("lessons", N_("Lessons and chapters"), ("lessons", "chapters")),
)

OVERVIEW = ("overview", N_("Overview"))
