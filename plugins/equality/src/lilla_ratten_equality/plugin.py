"""The equality plugin's hooks: section, checks, the 4R analysis in reports, summary, pane."""

from __future__ import annotations

from lilla_ratten import api

from lilla_ratten_equality.breakdown import HOUSEHOLD, Crosstab, People, by_category, by_gender, count_groups, crosstab, outcome_by_gender
from lilla_ratten_equality.records import gender_labels, records
from lilla_ratten_equality.section import GENDERS, EqualitySection
from lilla_ratten_equality.text import _

NAME = "equality"
SUPPRESSED = "–"


def labels() -> dict[str, str]:
    return {"woman": _("women"), "man": _("men"), "other": _("other gender"), "single": _("single parent"),
            "couple": _("couple"), HOUSEHOLD: _("household type"), "gender": _("gender"), "all": _("people")}


@api.hookimpl
def lr_sections():

    return [api.SectionSpec(NAME, EqualitySection, records=records(), title=_("Equality"))]


def _f(path: tuple, message: str, severity=api.Severity.ERROR, **params) -> api.Finding:
    return api.Finding(("ext", NAME, *path), _(message), params, severity)


@api.hookimpl
def lr_validate(project, sections, participants):
    eq: EqualitySection | None = sections.get(NAME)
    if eq is None:
        return []
    out = []
    if eq.threshold < 3:
        out.append(_f(("threshold",), "a threshold below 3 protects almost nobody; 5 is the usual minimum", api.Severity.WARNING))
    special = {d.id for d in eq.dimensions if d.special}
    known = {p.id for p in participants.participants} if participants is not None else None
    genders = _named(gender_labels())
    for i, person in enumerate(eq.people):
        if known is not None and person.id not in known:
            out.append(_f(("people", i, "id"), "{id} is not a participant of the steps section", id=person.id))
        if person.gender is not None and person.gender not in GENDERS:
            out.append(_f(("people", i, "gender"), '"{value}" is not allowed here; choose one of: {allowed}', value=person.gender, allowed=genders))
        for key, value in person.attributes.items():
            out += _pair(eq, ("people", i, "attributes", key), key, value)
            if key in special and not eq.legal_basis:
                out.append(_f(("people", i, "attributes", key), "{key} is a special category of personal data (GDPR art. 9): per person it needs a legal basis, stated under Settings on the Equality tab; otherwise enter aggregate counts under Counts", key=key))
    for i, count in enumerate(eq.counts):
        for key, value in count.values.items():
            if key == "gender":
                if value not in GENDERS:
                    out.append(_f(("counts", i, "values"), '"{value}" is not allowed here; choose one of: {allowed}', value=value, allowed=genders))
            else:
                out += _pair(eq, ("counts", i, "values"), key, value, with_gender=True)
        if count.count < 0:
            out.append(_f(("counts", i, "count"), "a count cannot be negative"))
    if eq.counts and eq.total is not None:
        by_key: dict[tuple, int] = {}
        for count in eq.counts:
            key = tuple(sorted(count.values))
            by_key[key] = by_key.get(key, 0) + count.count
        said = {"gender": _("gender"), **{d.id: d.label for d in eq.dimensions}}
        for key, n in by_key.items():
            if n != eq.total:
                out.append(_f(("counts",), "the counts by {key} add up to {n}, not the total {total}",
                              key=", ".join(said.get(k, k) for k in key), n=n, total=eq.total))
    return out


def _named(pairs) -> str:
    """Values the file may hold, by the words the user reads: "kvinna (woman), man, annat kön (other)"."""
    return ", ".join(label if label == value else f"{label} ({value})" for value, label in pairs)


def _pair(eq: EqualitySection, path: tuple, key: str, value: str, with_gender: bool = False) -> list:
    """A dimension = category pair of a person or a count: the dimension declared, the category its own;
    what is not is named with what is allowed (a count may also be by gender)."""
    dims = {d.id: d for d in eq.dimensions}
    if key in dims:
        dim = dims[key]
        if value in dim.categories:
            return []
        return [_f(path, '"{value}" is not a category of {key}: {allowed}', value=value,
                   key=dim.label if dim.label == key else f"{dim.label} ({key})", allowed=", ".join(dim.categories))]
    allowed = ([("gender", _("gender"))] if with_gender else []) + [(d.id, d.label) for d in eq.dimensions]
    if not allowed:
        return [_f(path, "dimension {key} is not among the dimensions: the project has none yet (add them under Dimensions on the Equality tab)", key=key)]
    return [_f(path, "dimension {key} is not among the dimensions on the Equality tab; choose one of: {allowed}",
               key=key, allowed=_named(allowed))]


def _pct(part: int | None, whole: int | None) -> str:
    if part is None or not whole:
        return ""
    return api.percent(100 * part / whole)


def _chart(tab: Crosstab, title: str) -> api.Chart:
    """The protected table as a figure: only what the table shows, a hidden cell is no bar
    (``None``), so the figure reveals nothing the suppression hides."""
    p, lab = tab.protected, labels()
    categories = [" × ".join(lab.get(x, x) for x in name.split(" × ")) for name in p.rows]
    series = [api.Series(lab.get(c, c), [p.shown(i, j) for i in range(len(p.rows))]) for j, c in enumerate(p.cols)]
    return api.Chart(title, categories, series, category_label=lab["gender"], unit=_("people"))


def _table(tab: Crosstab, row_label: str, chart: str | None = None, for_author: bool = False) -> tuple[list, dict]:
    """The protected table as blocks: counts with shares of the row, totals, and notes;
    with ``chart``, a figure of the shown counts under that title. ``for_author``: also the
    advice for the person writing the report (merge small categories; a group whose members
    all share a value), which the app's pane shows and the report sent to the funder does not."""
    p, lab = tab.protected, labels()
    headers = [row_label] + [lab.get(c, c) for c in p.cols] + [_("Total")]
    rows = []
    for i, name in enumerate(p.rows):
        total = p.row_total_shown(i)
        row = [" × ".join(lab.get(x, x) for x in name.split(" × "))]
        for j in range(len(p.cols)):
            n = p.shown(i, j)
            row.append(SUPPRESSED if n is None else f"{n} ({_pct(n, total)})" if total and len(p.cols) > 1 else str(n))
        row.append(SUPPRESSED if total is None else str(total))
        rows.append(row)
    rows.append([_("Total")] + [SUPPRESSED if p.col_total_shown(j) is None else str(p.col_total_shown(j)) for j in range(len(p.cols))] + [str(p.total)])
    caption = _("Shares are of the row (n = the row's total).") if len(p.cols) > 1 else ""
    blocks: list = [api.Table(headers, rows, numeric=list(range(1, len(headers))), caption=caption)]
    if chart and len(p.hidden) < len(p.rows) * len(p.cols):  # a figure with no bar says nothing
        blocks.append(_chart(tab, chart))
    notes = []
    if p.hidden:
        notes.append(_("{n} cells are not shown ({primary} below {threshold}, {secondary} more so that they cannot be worked out from the totals).").format(
            n=len(p.hidden), primary=p.primary, secondary=p.secondary, threshold=tab.threshold))
    small = sum(1 for row in p.cells for n in row if 0 < n < tab.threshold)
    if small and for_author:
        notes.append(_("{small} of {cells} cells fall below the threshold: consider merging categories.").format(small=small, cells=len(p.rows) * len(p.cols)))
    for d in tab.disclosures if for_author else ():
        group, col, n = d.split("|")
        notes.append(_("All {n} in the group {group} are {value}: the table reveals this of each of them, whatever the group's size.").format(
            n=n, group=" × ".join(lab.get(x, x) for x in group.split(" × ")), value=lab.get(col, col)))
    blocks += [api.Paragraph(n) for n in notes]
    data = {
        "rows": p.rows, "cols": p.cols,
        "cells": [[p.shown(i, j) for j in range(len(p.cols))] for i in range(len(p.rows))],
        "row_totals": [p.row_total_shown(i) for i in range(len(p.rows))],
        "col_totals": [p.col_total_shown(j) for j in range(len(p.cols))],
        "total": p.total, "suppressed": len(p.hidden), "disclosures": tab.disclosures,
    }
    return blocks, data


def _by_gender(people: People, t: int, blocks: list, data: dict) -> int:
    """"Participants: 24 women (75 %), 8 men (25 %); base: 32 people." and ``data["gender"]``;
    returns the base."""
    lab = labels()
    g = by_gender(people, t).protected
    n = g.total
    parts = [f"{g.cells[0][j]} {lab.get(c, c)} ({_pct(g.cells[0][j], n)})" for j, c in enumerate(g.cols) if g.shown(0, j) is not None]
    blocks.append(api.Paragraph(_("Participants: {parts}; base: {n} people.").format(parts=", ".join(parts), n=n)))
    data["gender"] = {c: g.shown(0, j) for j, c in enumerate(g.cols)}
    data["participants"] = n
    return n


def _counted(eq: EqualitySection, t: int, data: dict, for_author: bool) -> list:
    """Aggregate counts reported as people are: each key set (its counts add up to the people
    they cover) by gender, as a crosstab with gender, or by category without it."""
    lab = {**labels(), **{d.id: d.label for d in eq.dimensions}}
    blocks: list = []
    for keys, counts in count_groups(eq):
        group = People.from_counts(eq, counts)
        dims = [k for k in keys if k != "gender"]
        if not dims:
            if "gender" not in data:
                _by_gender(group, t, blocks, data)
            continue
        if "gender" in keys:
            tab, head = crosstab(group, dims, t), " × ".join(lab.get(x, x) for x in dims)
        else:
            tab, head = by_category(group, dims, t), " × ".join(lab.get(x, x) for x in dims)
        b, d = _table(tab, head, for_author=for_author)
        blocks += b
        data.setdefault("crosstabs" if "gender" in keys else "by_category", {})[" × ".join(dims)] = d
    return blocks


def _analysis(project, sections, participants, for_author: bool = False) -> tuple[list, dict] | None:
    eq: EqualitySection | None = sections.get(NAME)
    if eq is None:
        return None
    people = People(eq, participants)
    lab = labels()
    t = eq.threshold
    blocks: list = []
    data: dict = {"threshold": t}
    sub = []

    # R1 representation
    r1: list = []
    if people.values:
        n = _by_gender(people, t, r1, data)
        for dims in [[d] for d in people.dimensions()] + ([people.dimensions()[:2]] if len(people.dimensions()) >= 2 else []):
            tab = crosstab(people, dims, t)
            b, d = _table(tab, " × ".join(lab.get(x, x) for x in dims), for_author=for_author)
            r1 += b
            data.setdefault("crosstabs", {})[" × ".join(dims)] = d
        if people.composition:
            families = {}
            for pid, hh in people.household_of.items():
                families.setdefault(hh, set()).add(people.values.get(pid, {}).get("gender"))
            single_women = sum(1 for h, gs in families.items() if people.composition.get(h) == "single" and gs == {"woman"})
            kinds = {c: sum(1 for h in families if people.composition.get(h) == c) for c in ("single", "couple")}
            r1.append(api.Paragraph(_("Families: {single} single-parent and {couple} two-parent, of {n}.").format(
                single=kinds["single"], couple=kinds["couple"], n=len(families))))
            data["families"] = {**kinds, "total": len(families)}
            r1.append(api.Paragraph(_("Single women with children: {n} of {families} families ({pf}); {n} of {parents} parents ({pp}).").format(
                n=single_women, families=len(families), pf=_pct(single_women, len(families)), parents=n, pp=_pct(single_women, n))))
            data["single_women"] = {"count": single_women, "of_families": len(families), "of_parents": n}
    elif eq.counts:
        r1 += _counted(eq, t, data, for_author)
    if eq.staff:
        rows = [[s.group, str(s.women), str(s.men), str(s.other)] for s in eq.staff]
        r1.append(api.Table([_("Group"), lab["woman"], lab["man"], lab["other"]], rows, numeric=[1, 2, 3], caption=_("Staff and decision-makers by gender.")))
    sub.append(api.section("r1", _("R1 Representation"), *r1))

    # R2 resources: outcomes another plugin (steps) publishes, split by gender
    r2: list = []
    if participants is not None and people.values:
        for outcome in participants.outcomes:
            achieved = {p.id: p.outcomes[outcome.id] for p in participants.participants if outcome.id in p.outcomes}
            for dims in ([[]] + ([[HOUSEHOLD]] if people.composition else [])):
                tab = outcome_by_gender(people, achieved, _("yes"), _("no"), t, dims)
                b, d = _table(tab, lab["gender"] + (" × " + lab[HOUSEHOLD] if dims else ""), None if dims else outcome.label,
                              for_author=for_author)
                r2.append(api.Paragraph(outcome.label + ":"))
                r2 += b
                data.setdefault("outcomes", {})[outcome.id + (" × " + HOUSEHOLD if dims else "")] = d
    budget = sections.get("budget")
    if budget is not None and getattr(budget, "lines", None):
        # by the lines' own names, in the project's words (the categories are ids for scripts)
        r2.append(api.Paragraph(_("The budget per line (who benefits from each is the project's own analysis): {parts}.").format(
            parts=", ".join(f"{line.name} {api.money(line.budget)}" for line in budget.lines))))
    sub.append(api.section("r2", _("R2 Resources"), *r2))
    sub.append(api.section("r3", _("R3 Realia: why it looks like this"), *api.prose(eq.realia)))
    if eq.actions:
        rows = [[a.what, a.who or "", api.day(a.by) if a.by else ""] for a in eq.actions]
        sub.append(api.section("r4", _("R4 Actions"), api.Table([_("What"), _("Who"), _("By")], rows)))
    return blocks, {"data": data, "sub": sub}


@api.hookimpl
def lr_final_report_sections(project, sections, participants):
    return _equality_section(project, sections, participants)


def _equality_section(project, sections, participants, for_author: bool = False) -> list:
    result = _analysis(project, sections, participants, for_author)
    if result is None:
        return []
    _blocks, rest = result
    intro = api.Paragraph(_("Cells with fewer than {n} people are not shown, and nor are cells from which they could be worked out.").format(n=rest["data"]["threshold"]))
    return [api.section("equality_analysis", _("Gender equality and intersectional analysis (4R)"), intro, sections=rest["sub"], **rest["data"])]


@api.hookimpl
def lr_tui_panes():
    def factory(context):
        from lilla_ratten_equality.pane import EqualityPane  # Textual only when the TUI asks

        def build(project, sections, participants):
            built = _equality_section(project, sections, participants, for_author=True)  # with the advice
            return built[0] if built else None

        return EqualityPane(context, build)

    return [api.Pane("equality", _("Equality"), factory)]


@api.hookimpl
def lr_summary(sections):
    # only the count by gender: the overview is drawn at start-up, the full analysis is not needed
    eq: EqualitySection | None = sections.get(NAME)
    if eq is None:
        return []
    people = People(eq) if eq.people else next((People.from_counts(eq, c) for k, c in count_groups(eq) if k == ["gender"]), None)
    if people is None:
        return []
    g = by_gender(people, eq.threshold).protected
    lab = labels()
    text = ", ".join(f"{lab.get(c, c)} {SUPPRESSED if g.shown(0, j) is None else g.shown(0, j)}" for j, c in enumerate(g.cols))
    line = _("{counts} (base: {n})").format(counts=text, n=g.total)
    return [api.section("equality", _("Participants by gender"), api.Paragraph(line))]


@api.hookimpl
def lr_portfolio_columns():
    def women(project, sections):
        eq = sections.get(NAME)
        return sum(1 for p in eq.people if p.gender == "woman") if eq else None

    return [api.Column("equality_women", _("Women taking part"), women, total=True)]
