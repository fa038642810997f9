"""The committee's yearly compilation (seed 004, *Redovisning av lokala utvecklingsprojekt*):
one section per project, grouped by organisation, ending with the projects' table and totals."""

from __future__ import annotations

from datetime import date
from typing import Any

from lilla_ratten.formatting import day, money
from lilla_ratten.i18n import _
from lilla_ratten.model import Project
from lilla_ratten.model.funding import active_years
from lilla_ratten.model.document import Bullets, Document, Facts, Section, Table, prose, section
from lilla_ratten.reports.budget_figures import budget_figures_as_of

# Swedish alphabetical order: å, ä, ö come after z, in that order (seed 004 ends with
# Östermalm); "{|}" are the three characters after "z"
_SWEDISH = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def swedish_key(text: str) -> str:
    return text.casefold().translate(_SWEDISH)


def in_year(project: Project, year: int | None) -> bool:
    """The project was active in ``year`` (its period or one of its grants touches the year,
    as the portfolio's ``--by year`` counts it); every project without one."""
    info = project.project
    return year is None or year in active_years(info.start, info.end, project.grants)


def shared_year(projects: dict[str, Project]) -> int | None:
    """The one year every project was active in (the nine of the 2020 compilation all ran in 2020), the
    compilation's year when none is asked for; ``None`` when they share none, or several."""
    shared: set[int] | None = None
    for project in projects.values():
        info = project.project
        years = set(active_years(info.start, info.end, project.grants))
        shared = years if shared is None else shared & years
    return next(iter(shared)) if shared and len(shared) == 1 else None


def _project_section(project: Project, number: int, file: str, spent: int | None) -> Section:
    info, final = project.project, project.final
    organisation = info.organisation + (f", {info.unit}" if info.unit else "")
    facts = [
        (_("Organisation"), organisation),
        (_("Period"), f"{day(info.start)} – {day(info.end)}"),
        (_("Granted"), money(project.granted())),
        (_("Spent"), money(spent)),
    ]
    done = prose(final.summary) or prose(info.description)
    results = [*prose(final.effect_result), *prose(final.goal_result)]
    conclusions = [" ".join(lesson.text.split()) for lesson in project.lessons if lesson.kind is not None]
    return section(
        f"project_{number}",
        info.name,
        Facts(facts),
        sections=[
            section(f"project_{number}_done", _("What was done"), *done),
            section(f"project_{number}_results", _("Results"), *results),
            section(f"project_{number}_conclusions", _("Conclusions"), Bullets(conclusions) if conclusions else None),
        ],
        file=file,
        project=info.id,
        organisation=info.organisation,
        granted=project.granted(),
        spent=spent,
    )


def _amount(kronor: int | None) -> str:
    """An amount in the table; one not known says so ("–" would read as nothing, i.e. 0)."""
    return _("not known") if kronor is None else money(kronor)


def build(projects: dict[str, Project], as_of: date, year: int | None = None, host: Any = None) -> Document:
    """``projects``: file → project, as the portfolio loads them; the ones of ``year`` are compiled.
    What each spent is the budget lines' outcome as of ``as_of`` when a plugin of ``host``
    keeps them, else ``[budget] outcome`` (reports/budget_figures.py), as in the portfolio."""
    chosen = [(file, p) for file, p in projects.items() if in_year(p, year)]
    chosen.sort(key=lambda fp: (swedish_key(fp[1].project.organisation), swedish_key(fp[1].project.name)))
    spent_by_file = {file: budget_figures_as_of(p, as_of, host).spent for file, p in chosen}

    def _spent(file: str) -> int | None:
        return spent_by_file[file]
    groups: dict[str, list[tuple[str, Project]]] = {}
    for file, project in chosen:
        groups.setdefault(project.project.organisation, []).append((file, project))

    sections = []
    number = 0
    for organisation, members in groups.items():
        subs = []
        for file, project in members:
            number += 1
            subs.append(_project_section(project, number, file, _spent(file)))
        sections.append(Section(f"organisation_{len(sections) + 1}", organisation, [], subs, {"projects": len(subs)}))

    rows = [[p.project.name, p.project.organisation, _amount(p.granted()), _amount(_spent(f))] for f, p in chosen]
    # a total of unknown amounts is unknown, never 0: only a sum of known ones is printed
    granted = sum(p.granted() for _f, p in chosen) if all(p.granted() is not None for _f, p in chosen) else None
    spent_known = all(_spent(f) is not None for f, _p in chosen)
    spent = sum(_spent(f) or 0 for f, _p in chosen)
    rows.append([_("Total"), _("Projects: {n}").format(n=len(chosen)), _amount(granted), _amount(spent if spent_known else None)])
    table = Table([_("Project"), _("Organisation"), _("Granted"), _("Spent")], rows, numeric=[2, 3])
    sections.append(
        section("projects", _("All projects"), table, projects=len(chosen), granted=granted, spent=spent if spent_known else None)
    )
    title = (_("Report on local development projects {year}").format(year=year) if year
             else _("Report on local development projects"))
    data = {"as_of": as_of.isoformat(), "year": year, "projects": len(chosen), "granted": granted,
            "spent": spent if spent_known else None}
    return Document("compilation", title, [], [s for s in sections if not s.is_empty()], data)
