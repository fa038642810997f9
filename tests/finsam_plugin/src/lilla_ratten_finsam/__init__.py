"""Samordningsförbund (Finsam) projects: the type ``finsam``, its section ``[ext.finsam]``
(the partners' contributions, participants, SUS indicators) and the förbund's own
final-report form, whose headings are the förbund's: Bakgrund, Målgrupp, Insatser,
Resultat enligt SUS, Ekonomi per part.
"""

from __future__ import annotations

import attrs

from lilla_ratten import api

__version__ = "1.0.0"

PARTNERS = ("Försäkringskassan", "Arbetsförmedlingen", "Region Stockholm", "Stockholms stad")


@attrs.define(kw_only=True)
class Partner:
    name: str
    contribution: int  # kronor


@attrs.define(kw_only=True)
class Indicator:
    id: str
    name: str
    value: int


@attrs.define(kw_only=True)
class Finsam:
    version: int = 1
    background: str = ""
    target_group: str = ""
    measures: list[str] = attrs.field(factory=list)
    participants: int = 0
    partners: list[Partner] = attrs.field(factory=list)
    sus: list[Indicator] = attrs.field(factory=list)


@api.hookimpl
def lr_sections():
    return [api.SectionSpec("finsam", Finsam)]


@api.hookimpl
def lr_validate(sections):
    finsam = sections.get("finsam")
    if finsam is None:
        return []
    return [
        *(api.Finding(("ext", "finsam", "partners", i, "contribution"), "a contribution cannot be negative")
          for i, p in enumerate(finsam.partners) if p.contribution < 0),
        *(api.Finding(("ext", "finsam", "sus", i, "value"), "a SUS value cannot be negative")
          for i, ind in enumerate(finsam.sus) if ind.value < 0),
    ]


@api.hookimpl
def lr_portfolio_columns():
    return [api.Column("finsam_participants", "Finsam participants",
                       lambda project, sections: sections["finsam"].participants if sections.get("finsam") else 0,
                       total=True)]


def _new(project):
    info = attrs.evolve(project.project, funding="Samordningsförbundet Stockholms stad", funder="Samordningsförbundet")
    ext = {**project.ext, "finsam": {"version": 1, "partners": [{"name": p, "contribution": 0} for p in PARTNERS]}}
    return attrs.evolve(project, project=info, ext=ext)


@api.hookimpl
def lr_project_types():
    return [api.ProjectType("finsam", "Samordningsförbund (Finsam)", _new, "Finansiell samordning", layout="finsam")]


def _form(context):
    project, finsam = context.project, context.sections.get("finsam") or Finsam()
    info = project.project
    total = sum(p.contribution for p in finsam.partners)
    economy = [
        api.Table(["Part", "Insats", "Andel"],
                  [[p.name, api.money(p.contribution), api.percent(100 * p.contribution / total) if total else ""]
                   for p in finsam.partners], numeric=[1, 2]),
        api.Chart("Insats per part", [p.name for p in finsam.partners],
                  [api.Series("Insats", [p.contribution for p in finsam.partners])], "Part", "kr", money=True),
    ]
    sus = [api.Table(["Indikator", "Värde"], [[i.name, i.value] for i in finsam.sus], numeric=[1])] if finsam.sus else []
    sections = [
        api.section("bakgrund", "Bakgrund", *api.prose(finsam.background)),
        api.section("malgrupp", "Målgrupp", *api.prose(finsam.target_group),
                    api.Facts([("Deltagare", str(finsam.participants))])),
        api.section("insatser", "Insatser", api.Bullets(list(finsam.measures)) if finsam.measures else None),
        api.section("sus", "Resultat enligt SUS", *sus),
        api.section("ekonomi_per_part", "Ekonomi per part", *economy),
        context.economy("Ekonomi"),
        *context.other_sections,  # what other plugins add to a final report
    ]
    facts = [("Projekt", info.name), ("Förbund", info.funder or ""), ("Period", f"{info.start} – {info.end}")]
    data = {"layout": "finsam", "participants": finsam.participants, "contributions": total,
            "sus": {i.id: i.value for i in finsam.sus}}
    return api.Document("final_report", f"Slutrapport till samordningsförbundet: {info.name}", facts,
                        [s for s in sections if not s.is_empty()], data)


@api.hookimpl
def lr_final_report_layouts():
    return [api.FinalReportLayout("finsam", "Samordningsförbundets slutrapport", _form)]
