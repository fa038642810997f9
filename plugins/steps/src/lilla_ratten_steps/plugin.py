"""The steps plugin's hooks: section, checks, report sections, summary, portfolio column, pane."""

from __future__ import annotations

from lilla_ratten import api

from lilla_ratten_steps.compute import Movement, Steps
from lilla_ratten_steps.section import StepsSection
from lilla_ratten_steps.text import _

NAME = "steps"
COMPOSITIONS = ("single", "couple")
GRADES = ("green", "yellow", "red")
ROUND_KINDS = ("baseline", "follow_up", "entry")
RATERS = ("professional", "self")
SMALL_N = 10  # below this, shares are shown with a caution


def p_value(p: float | None) -> str:
    """``p < 0,001`` rather than ``p = 0.000``: three decimals, the reader's decimal sign."""
    if p is None:
        return "p –"
    text = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    return text.replace(".", ",") if api.get_language() == "sv" else text


@api.hookimpl
def lr_sections():
    from lilla_ratten_steps.records import records

    return [api.SectionSpec(NAME, StepsSection, records=records(), title=_("Steps"))]


def _f(path: tuple, message: str, severity=api.Severity.ERROR, **params) -> api.Finding:
    return api.Finding(("ext", NAME, *path), _(message), params, severity)


def _vocabulary(out: list, items, attr: str, allowed: tuple, list_name: str) -> None:
    for i, item in enumerate(items):
        value = getattr(item, attr)
        if value is not None and value not in allowed:
            out.append(_f((list_name, i, attr), '"{value}" is not allowed here; choose one of: {allowed}', value=value, allowed=", ".join(allowed)))


@api.hookimpl
def lr_validate(project, sections):
    steps: StepsSection | None = sections.get(NAME)
    if steps is None:
        return []
    out: list = []
    for list_name in ("households", "participants", "rounds"):
        seen: set[str] = set()
        for i, item in enumerate(getattr(steps, list_name)):
            if item.id in seen:
                out.append(_f((list_name, i, "id"), "duplicate id {id}", id=item.id))
            seen.add(item.id)
    _vocabulary(out, steps.households, "composition", COMPOSITIONS, "households")
    _vocabulary(out, steps.households, "grade", GRADES, "households")
    _vocabulary(out, steps.rounds, "kind", ROUND_KINDS, "rounds")
    _vocabulary(out, steps.measurements, "rater", RATERS, "measurements")
    households = {h.id for h in steps.households}
    participants = {p.id for p in steps.participants}
    rounds = {r.id for r in steps.rounds}
    levels = set(steps.scale.values())
    domains = set(steps.scale.domains)
    for i, p in enumerate(steps.participants):
        if p.household not in households:
            out.append(_f(("participants", i, "household"), "household {ref} does not exist", ref=p.household))
    with_people = {p.household for p in steps.participants}
    for i, h in enumerate(steps.households):
        if h.id not in with_people:
            # a warning: a household is entered before its participants, who name it
            out.append(_f(("households", i, "id"), "household {id} has no participants", api.Severity.WARNING, id=h.id))
        for attr in ("minor_children", "adult_children"):
            if getattr(h, attr) < 0:
                out.append(_f(("households", i, attr), "a number of children cannot be negative"))
    info = project.project
    for i, r in enumerate(steps.rounds):
        if not info.start <= r.date <= info.end:
            out.append(_f(("rounds", i, "date"), "round {id} on {date} is outside the project period {start} – {end}", id=r.id, date=r.date, start=info.start, end=info.end))
    seen_pairs: dict[tuple, int] = {}
    for i, m in enumerate(steps.measurements):
        if m.participant not in participants:
            out.append(_f(("measurements", i, "participant"), "participant {ref} does not exist", ref=m.participant))
        if m.round not in rounds:
            out.append(_f(("measurements", i, "round"), "round {ref} does not exist", ref=m.round))
        if m.level not in levels:
            out.append(_f(("measurements", i, "level"), "level {level} is not on the scale ({allowed})", level=m.level, allowed=", ".join(map(str, sorted(levels)))))
        if m.domain is not None and m.domain not in domains:
            out.append(_f(("measurements", i, "domain"), "domain {ref} is not one of the scale's", ref=m.domain))
        key = (m.participant, m.round, m.domain)
        if key in seen_pairs:
            out.append(_f(("measurements", i, "participant"), "{participant} is already measured in round {round} (entry {first})", participant=m.participant, round=m.round, first=seen_pairs[key] + 1))
        seen_pairs[key] = i
    return out


def _pct(part: int, whole: int) -> str:
    return api.percent(100 * part / whole) if whole else "–"


def _distribution_table(steps: Steps, round_ids: list[str], titles: list[str], extra: dict[int, int] | None = None) -> api.Table:
    dists = [steps.distribution(r) for r in round_ids]
    headers = [_("Level")] + list(titles) + ([_("Last measurement of everyone who took part")] if extra is not None else [])
    rows = []
    for level in steps.section.scale.all_levels():
        row = [f"{level.value} {level.label}"]
        for d in dists:
            n = d.counts.get(level.value, 0)
            row.append(f"{n} ({_pct(n, d.n)})")
        if extra is not None:
            n = extra.get(level.value, 0)
            row.append(f"{n} ({_pct(n, sum(extra.values()))})")
        rows.append(row)
    totals = [_("Measured (n)")] + [str(d.n) for d in dists] + ([str(sum(extra.values()))] if extra is not None else [])
    rows.append(totals)
    if any(d.missing for d in dists):
        rows.append([_("Not measured (missing)")] + [str(len(d.missing)) for d in dists] + ([""] if extra is not None else []))
    return api.Table(headers, rows, numeric=list(range(1, len(headers))))


def _distribution_chart(steps: Steps, rounds: list) -> api.Chart:
    """How many were at each level in each measurement round, as the figure of seed 000."""
    levels = steps.section.scale.all_levels()
    series = [api.Series(r.label, [steps.distribution(r.id).counts.get(level.value, 0) for level in levels]) for r in rounds]
    return api.Chart(
        _("Level per measurement round"),
        [f"{level.value} {level.label}" for level in levels],
        series,
        category_label=_("Level"),
        unit=_("people"),
    )


def _movement_table(steps: Steps, pairs: list[tuple[str, str, str]], first_last: bool) -> tuple[api.Table, list]:
    """One column per comparison, one row per kind of movement (fits 80 columns)."""
    moves = [(label, steps.movement(frm, to)) for frm, to, label in pairs]
    if first_last:
        moves.append((_("First → last"), steps.movement_first_last()))

    def cell(part: int, move: Movement) -> str:
        return f"{part} ({_pct(part, move.compared)})"

    rows = [
        [_("Reached the top level")] + [str(len(m.reached_top)) for _l, m in moves],
        [_("Other steps forward")] + [str(len(m.forward)) for _l, m in moves],
        [_("Forward in all")] + [cell(m.moved_forward, m) for _l, m in moves],
        [_("Same level")] + [cell(len(m.same), m) for _l, m in moves],
        [_("Back")] + [cell(len(m.back), m) for _l, m in moves],
        [_("Stayed at the top")] + [str(len(m.maintained_top)) for _l, m in moves],
        [_("Compared (n)")] + [str(m.compared) for _l, m in moves],
        [_("Compared with their entry measurement")] + [str(len(m.from_entry)) for _l, m in moves],
        [_("Left before the round")] + [str(len(m.exited)) for _l, m in moves],
    ]
    table = api.Table([_("Movement")] + [label for label, _m in moves], rows, numeric=list(range(1, len(moves) + 1)))
    return table, [_movement_data(m) for _l, m in moves]


def _movement_data(move: Movement) -> dict:
    return {
        "from": move.frm, "to": move.to, "reached_top": len(move.reached_top), "forward_other": len(move.forward),
        "forward": move.moved_forward, "same": len(move.same), "back": len(move.back),
        "maintained_top": len(move.maintained_top), "compared": move.compared,
        "from_entry": len(move.from_entry), "entered": len(move.entered), "exited": len(move.exited),
        "sign_test_p": move.sign_test(),
    }


def _transition_table(steps: Steps, frm: str, to: str) -> api.Table:
    matrix = steps.transitions(frm, to)
    values = steps.section.scale.values()
    headers = [f"{frm} \\ {to}"] + [str(v) for v in values] + [_("Sum")]
    rows = [[str(a)] + [str(matrix[a][b]) for b in values] + [str(sum(matrix[a].values()))] for a in values]
    return api.Table(headers, rows, numeric=list(range(1, len(headers))), caption=_("Rows: level in {frm}; columns: level in {to}.").format(frm=frm, to=to))


def _flow_table(steps: Steps) -> api.Table:
    rows = [[steps.round_by_id[r].label, str(active), str(measured), str(missing), str(entered)] for r, active, measured, missing, entered in steps.flow()]
    return api.Table([_("Round"), _("Taking part"), _("Measured"), _("Not measured"), _("Joined since the previous round")], rows, numeric=[1, 2, 3, 4])


@api.hookimpl
def lr_final_report_sections(sections):
    section = sections.get(NAME)
    if section is None or not section.rounds:
        return []
    steps = Steps(section)
    main = steps.main_rounds()
    if not main:
        return []
    first, last = main[0], main[-1]
    last_levels = steps.last_levels()
    from collections import Counter

    end_counts = dict(Counter(last_levels.values()))
    dist = _distribution_table(
        steps, [first.id, last.id], [first.label, last.label], extra=end_counts
    )
    pairs = [(a.id, b.id, f"{a.id} → {b.id}") for a, b in zip(main, main[1:], strict=False)]
    moves, move_data = _movement_table(steps, pairs, first_last=True)
    hh = steps.household_movement()
    household_facts = api.Facts([
        (_("Households, first → last"), _("{fwd} forward ({top} to the top level), {same} same, {back} back, of {n}").format(
            fwd=hh.moved_forward, top=len(hh.reached_top), same=len(hh.same) + len(hh.maintained_top), back=len(hh.back), n=hh.compared)),
    ])
    grades = steps.grade_outcome()
    grade_table = None
    if grades:
        grade_table = api.Table(
            [_("Selection grade"), _("Forward"), _("Same"), _("Back")],
            # the grade in the reader's words, green → yellow → red (the file's words are English)
            [[_(g) if g in GRADES else g, str(r["forward"]), str(r["same"]), str(r["back"])]
             for g, r in sorted(grades.items(), key=lambda item: (GRADES + (item[0],)).index(item[0]))],
            numeric=[1, 2, 3],
            caption=_("Households by selection grade and movement from first to last measurement."),
        )
    minors, adults = steps.children_affected()
    households = steps.reached_top_households()
    top = steps.section.scale.all_levels()[-1]
    p = steps.movement_first_last().sign_test()
    facts = [
        (_("Households that reached {level}").format(level=top.label.lower()), str(len(households))),
        (_("Minor children in those households"), str(minors)),
        (_("Adult children at home in those households"), str(adults)),
        (_("Minor children in all households"), str(sum(h.minor_children for h in section.households))),
    ]
    caveat = _(
        "Sign test on those who changed level between their first and last measurement: {p}. "
        "A hint only: the participants were selected, not sampled, parents in one household are not "
        "independent, and there is no comparison group."
    ).format(p=p_value(p))
    blocks = [b for b in [
        api.Paragraph(_("Scale: {name}.").format(name=section.scale.name)),
        _flow_table(steps),
        _distribution_chart(steps, main),
        dist,
        moves,
        household_facts,
        grade_table,
        _transition_table(steps, first.id, last.id),
        api.Facts(facts),
        api.Paragraph(caveat),
    ] if b is not None]
    if any(d.n < SMALL_N for d in (steps.distribution(first.id), steps.distribution(last.id))):
        blocks.append(api.Paragraph(_("Caution: fewer than {n} measured in a round; shares move a lot with one person.").format(n=SMALL_N)))
    data = {
        "scale": section.scale.values(),
        "distributions": {r.id: {str(k): v for k, v in steps.distribution(r.id).counts.items()} for r in steps.rounds},
        "measured": {r.id: steps.distribution(r.id).n for r in steps.rounds},
        "last_measurement": {str(k): end_counts.get(k, 0) for k in section.scale.values()},
        "participants": len(section.participants),
        "households": len(section.households),
        "movements": move_data,
        "transitions": {f"{first.id}->{last.id}": {str(a): {str(b): n for b, n in row.items()} for a, row in steps.transitions(first.id, last.id).items()}},
        "households_reached_top": len(households),
        "children_affected": {"minor": minors, "adult_at_home": adults},
        "household_movement": _movement_data(hh),
        "grade_outcome": grades,
        "minor_children_total": sum(h.minor_children for h in section.households),
    }
    return [api.section("steps", _("Steps toward self-sufficiency"), *blocks, **data)]


@api.hookimpl
def lr_status_report_sections(sections, report):
    section = sections.get(NAME)
    if section is None:
        return []
    steps = Steps(section)
    done = [r for r in steps.main_rounds() if r.date <= report.date]
    if len(done) < 2:
        return []
    a, b = done[-2], done[-1]
    table, data = _movement_table(steps, [(a.id, b.id, f"{a.label} → {b.label}")], first_last=False)
    dist = _distribution_table(steps, [a.id, b.id], [a.label, b.label])
    return [api.section("steps", _("Steps toward self-sufficiency"), dist, table, movements=data)]


@api.hookimpl
def lr_summary(sections):
    section = sections.get(NAME)
    if section is None or not section.rounds:
        return []
    steps = Steps(section)
    main = steps.main_rounds()
    if not main:
        return []
    last = main[-1]
    d = steps.distribution(last.id)
    top = steps.top
    text = _("{label}: {n} measured, {top} at the top level; {missing} not measured").format(
        label=last.label, n=d.n, top=d.counts.get(top, 0), missing=len(d.missing)
    )
    return [api.section("steps", _("Steps toward self-sufficiency"), api.Paragraph(text))]


@api.hookimpl
def lr_portfolio_columns():
    def reached(project, sections):
        section = sections.get(NAME)
        return len([1 for level in Steps(section).last_levels().values() if level == section.scale.top]) if section else None

    return [api.Column("steps_self_sufficient", _("Reached the top level"), reached, total=True)]


@api.hookimpl
def lr_tui_panes():
    def factory(context):
        from lilla_ratten_steps.pane import StepsPane  # Textual only when the TUI asks

        return StepsPane(context)

    return [api.Pane("steps", _("Steps"), factory)]


@api.hookimpl
def lr_participants(sections):
    """Publish each participant's household and two outcomes, for e.g. the equality plugin."""
    section = sections.get(NAME)
    if section is None:
        return None
    steps = Steps(section)
    first, last = steps.first_levels(), steps.last_levels()
    records = []
    for p in section.participants:
        household = steps.households.get(p.household)
        outcomes = {}
        if p.id in last:
            outcomes = {"reached_top": last[p.id] == steps.top, "moved_forward": last[p.id] > first[p.id]}
        records.append(api.ParticipantRecord(p.id, p.household, household.composition if household else None, outcomes))
    return api.Participation(
        records,
        [api.Outcome("reached_top", _("Reached the top level")), api.Outcome("moved_forward", _("Moved forward, first → last"))],
    )
