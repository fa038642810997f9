"""Saying where a project's figures are reconstructed or estimated, not first-hand.

A sample rebuilt from a final report holds participant data made to match the report's
totals, and dates the report never gave. The file's ``[provenance]`` says so to the person
working on it: the overview (``status``, the app) has a section at the top and a line in
each plugin section whose data it concerns. A document sent to someone — the final report,
a status report, a plan — is the report itself and carries no note for its author
(issue 29): there the facts are in the JSON's ``data.provenance`` only, for scripts.
"""

from __future__ import annotations

import attrs

from lilla_ratten.i18n import _
from lilla_ratten.model import Project
from lilla_ratten.model.document import Paragraph, Section, prose, section


def estimated(project: Project, path: str) -> list[str]:
    """The estimated fields at or under ``path`` (``ext.steps`` → ``ext.steps.participants``)."""
    return [p for p in project.provenance.estimated if p == path or p.startswith(path + ".") or p.startswith(path + "[")]


def provenance_section(project: Project) -> Section | None:
    p = project.provenance
    if not (p.reconstructed or p.estimated or p.note):
        return None
    blocks = []
    if p.reconstructed:
        blocks.append(Paragraph(_("This project's record is reconstructed from a report written at the time, not kept as the project went.")))
    if p.source:
        blocks.append(Paragraph(_("Source: {source}").format(source=p.source)))
    blocks.extend(prose(p.note))
    # which fields, for scripts (JSON); the reader sees the mark in each section they concern
    return section("provenance", _("About the data"), *blocks, reconstructed=p.reconstructed, estimated=list(p.estimated))


def provenance_data(project: Project) -> dict | None:
    """What ``[provenance]`` says, for a document's JSON ``data``; ``None`` when it says nothing."""
    p = project.provenance
    if not (p.reconstructed or p.estimated or p.note or p.source):
        return None
    return {"reconstructed": p.reconstructed, "source": p.source, "estimated": list(p.estimated)}


def mark_section(project: Project, sec: Section, path: str) -> Section:
    """``sec`` with a first line saying which of its data are estimated, when any are."""
    fields = estimated(project, path)
    if not fields:
        return sec
    line = Paragraph(_("Built on reconstructed or estimated data (see About the data)."))
    return attrs.evolve(sec, blocks=[line, *sec.blocks], data={**sec.data, "estimated": fields})
