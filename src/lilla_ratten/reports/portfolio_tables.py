"""The portfolio's ``--by`` tables as a document to send (pdf, docx, odt): with two fields a
cross-table like seed 003's (districts down, areas across: how many projects, what they were
granted, in kr or tkr, and their implementation plans), with one field a row per group.

``--by A,B`` puts a row per B and a column per A: each A's column is broken down by B, as
``--by area,organisation`` gives the districts × areas table of the 2005 utlåtande
(Kommunstyrelsen, "Från bidrag till egen försörjning", table 1.3).
"""

from __future__ import annotations

from datetime import date

from lilla_ratten.i18n import _, get_language
from lilla_ratten.model.document import Document, Facts, Paragraph, Table, section
from lilla_ratten.reports.labels import day
from lilla_ratten.reports.portfolio import Failed, Row, Totals, _by_title, group

UNITS = ("kr", "tkr")


def amount(t: Totals, unit: str) -> str:
    """A group's granted sum: unknown when no project in it states a grant (never 0), marked
    with * when only some do."""
    if t.granted_known == 0:
        return _("not known")
    # the header names the unit (as seed 003's "tkr"): the cells are numbers, narrow enough to
    # keep a district's row on one line
    value = round(t.granted / 1000) if unit == "tkr" else t.granted
    text = f"{value:,}".replace(",", "\u00a0" if get_language() == "sv" else ",").replace("-", "−")
    return text + (" *" if t.granted_known < t.projects else "")


def _count(n: int) -> int | str:
    return n or ""  # as seed 003: an empty cell, not 0, where a district has no project of an area


def build(rows: list[Row], failed: list[Failed], as_of: date, levels: tuple[str, ...], unit: str = "kr") -> Document:
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}: {unit!r}")
    granted_title = _("Granted ({unit})").format(unit=unit)
    _groups, total = group(rows, levels[:1], [])
    if len(levels) == 2:
        across, down = levels
        columns = [name for name, _t in group(rows, across, [])[0]]
        by_row, _total = group(rows, (down, across), [])
        headers = [_by_title(down), *columns, _("Projects in total"),
                   granted_title, _("Impl. yes"), _("Impl. no")]
        body = []
        for name, t in by_row:
            counts = {c: st.projects for c, st in t.children}
            body.append([name, *(_count(counts.get(c, 0)) for c in columns), t.projects, amount(t, unit),
                         _count(t.implementation_yes), _count(t.implementation_no)])
        column_totals = dict((c, t.projects) for c, t in group(rows, across, [])[0])
        body.append([_("Total"), *(_count(column_totals.get(c, 0)) for c in columns), total.projects, amount(total, unit),
                     _count(total.implementation_yes), _count(total.implementation_no)])
        title = _("Projects by {down} and {across}").format(down=_by_title(down).lower(), across=_by_title(across).lower())
        groups_data = [{"name": n, "projects": t.projects, "granted": t.granted if t.granted_known else None,
                        "by": {c: st.projects for c, st in t.children}} for n, t in by_row]
    else:
        (down,) = levels
        by_row, _total = group(rows, down, [])
        headers = [_by_title(down), _("Projects in total"), granted_title, _("Impl. yes"), _("Impl. no")]
        body = [[name, t.projects, amount(t, unit), _count(t.implementation_yes), _count(t.implementation_no)]
                for name, t in by_row]
        body.append([_("Total"), total.projects, amount(total, unit), _count(total.implementation_yes),
                     _count(total.implementation_no)])
        title = _("Projects by {down}").format(down=_by_title(down).lower())
        groups_data = [{"name": n, "projects": t.projects, "granted": t.granted if t.granted_known else None}
                       for n, t in by_row]
    blocks: list = [Table(headers, body, numeric=list(range(1, len(headers))))]
    if len(levels) == 2:
        blocks.append(Paragraph(_("Columns {across}: projects of each. Impl.: the organisation plans to implement "
                                  "the project in ordinary operations, yes or no.").format(across=_by_title(levels[0]).lower())))
    else:
        blocks.append(Paragraph(_("Impl.: plans to implement the project in ordinary operations, yes or no.")))
    if any(t.granted_known < t.projects for _n, t in [*by_row, ("", total)]):
        blocks.append(Paragraph(_("*: the sum of the projects that state their grant; the others' grant is not known.")))
    if any(b in ("year", "funder") for b in levels):
        blocks.append(Paragraph(_("A project active in several years, or granted by several funders, counts under each "
                                  "with what it was granted there; the total counts it once.")))
    sections = [section("groups", title, *blocks, groups=groups_data)]
    if failed:
        sections.append(section("failed", _("Files that could not be read"),
                                Table([_("File"), _("Problem")], [[f.file, f.error] for f in failed])))
    facts = [(_("As of"), day(as_of)), (_("Projects"), str(total.projects))]
    data = {"as_of": as_of.isoformat(), "by": list(levels), "unit": unit, "projects": total.projects,
            "granted": total.granted if total.granted_known else None, "groups": groups_data}
    return Document("portfolio_tables", title, facts, sections, data)
