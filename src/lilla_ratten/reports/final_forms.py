"""The final report in the funder's own form: seed 001's *Redovisning av LUM* and seed 002's
Länsstyrelsen *Slutrapportering*, beside Lilla Ratten's slutrapport (final_report.py).

Each layout is a :class:`Document` like any report, so it reaches every format with no code of
its own. They are registered as the built-in plugin's layouts (``builtin_layouts.py``), and
built from a ``LayoutContext`` (``layouts.py``) like any plugin's. A declaration is a paragraph opening with a ballot box (☒ ticked, ☐ not).
"""

from __future__ import annotations

from datetime import date

import attrs

from lilla_ratten.i18n import _
from lilla_ratten.model import LessonKind, Project
from lilla_ratten.model.document import Block, Bullets, Document, Facts, Paragraph, Section, Table, prose, section
from lilla_ratten.plugins.specs import BUDGET_STATEMENT, LayoutContext
from lilla_ratten.reports import final_report
from lilla_ratten.reports.common import organisation_blocks, period, role_facts
from lilla_ratten.reports.funding_sections import funder_reports_table, grants_table
from lilla_ratten.reports.labels import day, label, money

TICKED, UNTICKED = "☒", "☐"
FINANCIAL = BUDGET_STATEMENT  # the budget plugin's section: the statement and the repayment


def _box(ticked: bool | None, text: str) -> Paragraph:
    """A declaration's box; one the report does not answer says so rather than reading as "no"."""
    if ticked is None:
        return Paragraph(f"{UNTICKED} {text} " + _("(not stated in the report)"))
    return Paragraph(f"{TICKED if ticked else UNTICKED} {text}")


def _lessons(project: Project, kind: LessonKind) -> list[Block]:
    texts = [" ".join(lesson.text.split()) for lesson in project.lessons if lesson.kind == kind]
    return [Bullets(texts)] if texts else []


def _contact(project: Project, sep: str = ", ") -> str:
    final = project.final
    return sep.join(p for p in (project.project.leader, final.contact_email, final.contact_phone) if p)


def _signature(project: Project, place_default: str | None = None) -> list[Block]:
    final = project.final
    when = final.signed or final.submitted
    place = final.place or place_default
    blocks: list[Block] = []
    if place and when:
        blocks.append(Paragraph(_("In {place}, {date}").format(place=place, date=day(when))))
    elif place or when:
        blocks.append(Paragraph(place or day(when)))
    blocks.append(Facts([
        (_("Signature"), "………………………………"),
        (_("Name in print"), ", ".join(p for p in (final.signer, final.signer_title) if p) or "………………………………"),
    ]))
    return blocks


def _asked(question: str, part: Section | None) -> Section | None:
    """A section of a form that prints its question under the heading, before the answer; a
    question with no answer is left out with its heading, as before."""
    if part is None or part.is_empty():
        return part
    return attrs.evolve(part, blocks=[Paragraph(question), *part.blocks])


def _period_estimated(project: Project) -> bool:
    return any(p in project.provenance.estimated for p in ("project.start", "project.end"))


def _references(project: Project) -> list[Section]:
    final = project.final
    return [
        section("references", _("References, sources"), *(Paragraph(" ".join(r.split())) for r in final.references)),
        section("attachments", _("Attachments"), Bullets(list(final.attachments)) if final.attachments else None),
    ]


def _our_facts(project: Project) -> list[tuple[str, str]]:
    """After the form's own fields: who orders, owns and funds the project, and when it was sent."""
    facts = [(name, who) for name, who in role_facts(project) if who != project.project.leader]
    if project.final.submitted:
        by = f" ({project.final.submitted_by})" if project.final.submitted_by else ""
        facts.append((_("Submitted to the funder"), day(project.final.submitted) + by))
    return facts


def _data(project: Project, layout: str, as_of: date, owed: int | None) -> dict:
    final = project.final
    return {
        "layout": layout,
        "project": {"id": project.project.id, "name": project.project.name, "granted": project.granted()},
        "as_of": as_of.isoformat(),
        "as_decided": final.as_decided,
        "repayment": owed,
        "signed": (final.signed or final.submitted).isoformat() if (final.signed or final.submitted) else None,
        "place": final.place,
        "signer": final.signer,
    }


def lum(context: LayoutContext) -> Document:
    """Seed 001's *Redovisning av LUM*: the form's header, declarations, signature and statement,
    then the report's own headings."""
    project, as_of = context.project, context.as_of
    info, final = project.project, project.final
    others = context.other_sections
    owed = context.repayment
    granted = project.granted()
    facts = [
        (_("Name of the project"), info.name),
        (_("Granted amount"), money(granted) if granted is not None else ""),
        (_("Year"), str(info.start.year)),
        (_("District administration, department/unit"), info.organisation + (f", {info.unit}" if info.unit else "")),
        (_("Contact person for the project, name, e-mail, phone"), _contact(project)),
    ]
    if final.managers:
        facts.append((_("Responsible head of department/unit, name, title"), "; ".join(final.managers)))
    facts.extend(_our_facts(project))
    funder = info.funder or _("the funder")
    declaration = section(
        "declaration",
        _("Signed by"),
        _box(final.as_decided, _("The project has been carried out as decided in the project plan and budget.")),
        _box(
            None if owed is None else owed > 0,
            # the form's own words; the amount only where the box is ticked, else its blank
            _("The project has not used all the granted funds. This sum is to be / has been paid back to {funder}: {amount}.").format(
                funder=funder, amount=money(owed) if owed else "_____ kr"
            ),
        ),
        *_signature(project, "Stockholm"),
    )
    # plugin sections stay top-level under their own ids, as in the slutrapport: scripts find them
    economy = context.economy(_("Financial statement"),
                              Paragraph(_("The report covers estimated income and costs for the project period.")),
                              *prose(final.budget), charts=False)
    equality = [s for s in others if s.source == "equality"]
    results_plugins = [s for s in others if s.source != "equality"]
    sections = [
        declaration,
        economy,
        # the grant per year and the yearly reports: what the funder's form asks for each year
        section("grants", _("Grants by year"), grants_table(project)),
        section("funder_reports", _("Reports to the funder"), funder_reports_table(project, as_of)),
        section("summary", _("Summary"), *prose(final.summary)),
        section("introduction", _("Introduction"), *prose(info.description),
                sections=[section("effect_goals", _("Effect goals"), *final_report._effect_goals(project)),
                          section("exclusions", _("Delimitation"), *(b for x in project.exclusions for b in prose(x.text)))]),
        section("way_of_working", _("The project's way of working"), *prose(final.method), *organisation_blocks(project)),
        section(
            "results", _("Results report"), *prose(final.effect_result), *prose(final.goal_result),
            final_report._project_goals(project),
        ),
        *results_plugins,
        section("equality", _("Gender equality"), *prose(final.equality)),
        *equality,
        section("child_perspective", _("Child perspective"), *prose(final.child_perspective)),
        section(
            "conclusions", _("Conclusions and proposals"),
            sections=[section(f"conclusions_{k.value}", label(k), *_lessons(project, k)) for k in LessonKind],
        ),
        section("further_work", _("Plan for further work"), *prose(project.implementation.text), *prose(final.further_work)),
        section("strategic_value", _("Strategic value for the city as a whole"), *prose(final.strategic_value)),
        *_references(project),
    ]
    title = final.form_title or _("Report of local development funds (LUM)")
    return Document("final_report", title, facts, [s for s in sections if s is not None and not s.is_empty()],
                    _data(project, "lum", as_of, owed))


def lansstyrelsen(context: LayoutContext) -> Document:
    """Seed 002's Länsstyrelsen *Slutrapportering*: its header and its questions in order."""
    project, as_of = context.project, context.as_of
    info, final = project.project, project.final
    others = context.other_sections
    owed = context.repayment
    facts = [
        (_("Applicant"), info.organisation + (f", {info.unit}" if info.unit else "")),
        (_("Measure (heading)"), info.name),
        # the form's own field: an estimated period is not what the applicant wrote
        (_("Time"), _("not stated") if _period_estimated(project) else period(project)),
        (_("Contact person"), _contact(project)),
    ]
    if project.granted() is not None:
        facts.append((_("Granted"), money(project.granted())))
    facts.extend(_our_facts(project))
    activities = None
    if project.activities:
        activities = Table([_("Activity"), _("Status")], [[a.title, label(a.status)] for a in project.activities])
    # each heading is followed by the form's own question (Länsstyrelsen's wording), then the answer
    economy = context.economy(_("Economy"), *prose(final.budget))
    if economy is not None and not economy.is_empty():
        economy = attrs.evolve(economy, blocks=[*economy.blocks, Paragraph(_(
            "NB: an extract from the general ledger is to be attached to the final report."))])
    sections = [
        _asked(_("Briefly describe the shortcomings the measure was meant to remedy. Did the measure "
                 "achieve a structural effect? If not, what obstacles were there?"),
               section("need", _("Need"), *prose(final.need))),
        _asked(_("Describe the intention of the measure; are there deviations from the plan?"),
               section("purpose", _("Purpose"), *prose(final.purpose or info.description))),
        _asked(_("Was the goal of the measure achieved? Give the reasons for deviations."),
               section("goal", _("Goal of the measure"), *prose(final.goal_result), final_report._project_goals(project))),
        *others,
        _asked(_("What was the main measure? Briefly describe the methods used."),
               section("method", _("Measure and method"), *prose(final.method), activities)),
        _asked(_("Describe how the measure has been followed up and evaluated."),
               section("follow_up", _("Follow-up and evaluation"), *prose(final.follow_up), *prose(final.effect_result))),
        _asked(_("Describe whether and if so how the gender equality perspective has been taken into account "
                 "in the measure. What obstacles has the measure met?"),
               section("equality", _("Gender equality"), *prose(final.equality))),
        _asked(_("Describe whether and if so how the child perspective has been taken into account in the "
                 "measure. What obstacles has the measure met?"),
               section("child_perspective", _("Child perspective"), *prose(final.child_perspective))),
        _asked(_("State how the measure has been organised (project owner, other municipalities and/or actors "
                 "taking part, steering group and who has been in it, reference group/working group, division "
                 "of responsibilities)"),
               section("collaboration", _("Collaboration and organisation"), *prose(final.collaboration),
                       *organisation_blocks(project))),
        _asked(_("Describe how you have worked with spreading information."),
               section("information", _("Information"), *prose(final.information))),
        _asked(_("Give an account of the possibilities/difficulties of transferring the measure's results and "
                 "methods to ordinary operations."),
               section("implementation", _("Implementation"), *prose(project.implementation.text),
                       *prose(final.further_work))),
        _asked(_("Report your total costs for the reporting period as follows:"), economy),
        # the form is signed under its last question, with no heading of its own
        _asked(_("What went well and less well in the work? Why? What tips would you give future measures "
                 "in the same field?"),
               section("assessment", _("Overall assessment"), *prose(final.summary),
                       *(b for k in LessonKind for b in _lessons(project, k)), *_signature(project))),
        section("other", _("Other"), *prose(final.other)),
        *_references(project),
        # the receiver's own block, left blank for them to fill in
        section("receiver_notes", _("The County Administrative Board's notes"),
                Paragraph(_("Filled in by the County Administrative Board.")),
                Facts([(_("Place and date"), "………………………………"), (_("Name in print"), "………………………………"),
                       (_("Title"), "………………………………")])),
    ]
    title = final.form_title or _("Final report to the County Administrative Board")
    return Document("final_report", title, facts, [s for s in sections if s is not None and not s.is_empty()],
                    _data(project, "lansstyrelsen", as_of, owed))
