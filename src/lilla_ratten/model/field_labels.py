"""What each field of a record is called, in English msgids (translated where shown).

One list for every layer that names a field: the record forms (``tui/fields``) and the
history's sentences (``reports/git_history``: "milestone M3, title: …"). Pure data.
"""

from __future__ import annotations

from lilla_ratten.i18n import N_

LABELS = {
    "id": N_("Id"), "title": N_("Title"), "name": N_("Name"), "text": N_("Text"), "kind": N_("Kind"),
    "planned": N_("Planned date"), "done": N_("Done date"), "comment": N_("Comment"), "date": N_("Date"),
    "owner": N_("Owner"), "start": N_("Start"), "end": N_("End"), "milestone": N_("Milestone"),
    "status": N_("Status"), "group": N_("Group"), "organisation": N_("Organisation"), "count": N_("Number of people"),
    "chair": N_("Chair"), "decision": N_("Decision"), "minutes": N_("Minutes"), "measurement": N_("How and when measured"),
    "measure_dates": N_("Measurement dates"), "goal": N_("Effect goal"), "method": N_("Method"), "unit": N_("Unit"),
    "baseline": N_("Baseline"), "baseline_date": N_("Baseline date"), "target": N_("Target"),
    "target_date": N_("Target date"), "indicator": N_("Indicator"), "value": N_("Value"),
    "fulfilment": N_("Fulfilment"), "fulfilment_text": N_("Fulfilment in the report's words"), "period_start": N_("Period start"), "period_end": N_("Period end"),
    "author": N_("Author"), "time": N_("Time"), "cost": N_("Cost"), "scope": N_("Scope"), "quality": N_("Quality"),
    "risk": N_("Risk"), "overall": N_("Overall"), "overall_reason": N_("Reason for the overall light"),
    "summary": N_("Summary"), "progress": N_("Progress since the last report"), "next_steps": N_("Next steps"),
    "risks": N_("Risks and problems"), "requests": N_("Decisions requested"), "sent": N_("Sent"),
    "as_sent": N_("The project as it was when sent"),
    "body": N_("Decided by"), "decision_point": N_("Decision point"), "topic": N_("Topic"),
    # the project's details
    "dnr": N_("Diary number"), "project_owner": N_("Owning organisation"), "funder": N_("Funder"),
    "leader": N_("Project leader"), "funding": N_("Funding"), "area": N_("Area"), "granted": N_("Granted"),
    "type": N_("Project type"), "report_due": N_("Final report due"), "status_reports": N_("Status reports expected"),
    "description": N_("Description"),
    # the budget in total
    "total": N_("Budget in total"), "outcome": N_("Outcome in total"),
    # the final report's texts and the funder's form
    "version": N_("Version"), "approved": N_("Approved by the steering group"),
    "submitted": N_("Submitted to the funder"), "submitted_by": N_("Submitted by"),
    "effect_result": N_("Result: effect goals"), "goal_result": N_("Result: project goals"),
    "schedule": N_("Schedule"), "budget": N_("Project budget"), "equality": N_("Gender equality"),
    "child_perspective": N_("Child perspective"), "further_work": N_("Implementation and further work"),
    "strategic_value": N_("Strategic value"), "other": N_("Other"), "closing_words": N_("The steering group's comments"),
    "form_title": N_("The form's title"), "contact_email": N_("Contact person's e-mail"),
    "contact_phone": N_("Contact person's phone"), "managers": N_("Responsible managers"),
    "as_decided": N_("Carried out as decided"), "repayment": N_("Repayment (kronor)"), "place": N_("Place"),
    "signed": N_("Signed on"), "signer": N_("Signed by"), "signer_title": N_("Signer's title"),
    "references": N_("References"), "attachments": N_("Attachments"), "need": N_("Need"), "purpose": N_("Purpose"),
    "follow_up": N_("Follow-up and evaluation"), "collaboration": N_("Collaboration"), "information": N_("Information"),
    # plugin records' fields as the history names them (a plugin's forms use its own labels)
    "lines": N_("Line"), "what": N_("What"), "next": N_("Next steps"), "role": N_("Role"), "email": N_("E-mail"),
    "note": N_("Note"),
    # a report's own chapter
    "report": N_("Report"), "after": N_("After"), "level": N_("Heading level (1–3; empty: as the heading it follows)"),
}
# where one name means different things in different tables
CLASS_LABELS = {
    ("ProjectInfo", "owner"): N_("Project owner"),  # beställare; an activity's owner is who does it
    ("FinalReport", "method"): N_("Action and method"),
    ("Milestone", "passed"): N_("Passed (date not known)"),  # an indicator's method is how it is measured
    ("Chapter", "title"): N_("Heading"),
    ("Chapter", "text"): N_("Text (paragraphs separated by a blank line)"),
}
