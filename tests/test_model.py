"""Derived facts as of a date, and the privacy guard, on plain model objects."""

from __future__ import annotations

from datetime import date

from lilla_ratten.model import (
    Activity,
    ActivityStatus,
    Decision,
    DecisionPoint,
    Light,
    Milestone,
    Phase,
    Project,
    ProjectInfo,
    StatusReport,
)
from lilla_ratten.model.derived import (
    activity_completion,
    current_phase,
    decisions_missing,
    milestones_without_report,
    next_milestone,
    overdue_activities,
    overdue_milestones,
    slippage_days,
)
from lilla_ratten.model.privacy import find_identity_numbers, luhn_ok
from lilla_ratten.model.findings import Severity
from lilla_ratten.model.rules import check, dated_findings


def project(**kw) -> Project:
    info = ProjectInfo(id="p", name="P", organisation="O", start=date(2008, 8, 1), end=date(2009, 5, 31))
    return Project(project=info, **kw)


MILESTONES = [
    Milestone(id="M1", title="Kartläggning", planned=date(2008, 11, 1), done=date(2008, 11, 5)),
    Milestone(id="M2", title="Intervjuer", planned=date(2009, 2, 15)),
    Milestone(id="M3", title="Studiebesök", planned=date(2009, 2, 15), done=date(2009, 2, 10)),
    Milestone(id="M4", title="Material", planned=date(2009, 3, 1)),
]


def test_slippage_and_overdue():
    p = project(milestones=MILESTONES)
    as_of = date(2009, 2, 20)
    assert slippage_days(MILESTONES[0], as_of) == 4
    assert slippage_days(MILESTONES[2], as_of) == -5
    assert slippage_days(MILESTONES[1], as_of) == 5
    assert [(m.id, d) for m, d in overdue_milestones(p, as_of)] == [("M2", 5)]
    m, left = next_milestone(p, as_of)
    assert (m.id, left) == ("M2", -5)
    m, left = next_milestone(p, date(2009, 1, 1))
    assert (m.id, left) == ("M2", 45)


def test_passed_milestones_without_status_report():
    reports = [StatusReport(id="SR1", date=date(2008, 11, 6), milestone="M1")]
    p = project(milestones=MILESTONES, status_reports=reports)
    assert [m.id for m in milestones_without_report(p, date(2009, 2, 20))] == ["M3"]
    assert milestones_without_report(p, date(2008, 11, 5)) == [MILESTONES[0]]  # report not yet written then


def test_activities_completion_and_overdue():
    acts = [
        Activity(id="A1", title="a", milestone="M2", status=ActivityStatus.DONE),
        Activity(id="A2", title="b", milestone="M2", end=date(2009, 2, 1)),
        Activity(id="A3", title="c", milestone="M2", status=ActivityStatus.CANCELLED, end=date(2009, 1, 1)),
        Activity(id="A4", title="d"),
    ]
    p = project(milestones=MILESTONES, activities=acts)
    assert activity_completion(p) == {"M2": (1, 2), None: (0, 1)}
    assert [(a.id, d) for a, d in overdue_activities(p, date(2009, 2, 20))] == [("A2", 19)]


def test_phase_follows_decisions():
    points = [
        DecisionPoint(id="B0", date=date(2008, 6, 1), decision=Decision.CONTINUE),
        DecisionPoint(id="B1", date=date(2008, 7, 1), decision=Decision.CONTINUE),
        DecisionPoint(id="B2", date=date(2008, 8, 1), decision=Decision.CONTINUE),
        DecisionPoint(id="B3", planned=date(2009, 5, 15)),
    ]
    p = project(decision_points=points)
    state = current_phase(p, date(2009, 1, 1))
    assert state.phase is Phase.EXECUTION
    assert state.next_point_id == "B3" and state.next_point.planned == date(2009, 5, 15)
    assert current_phase(p, date(2008, 6, 15)).phase is Phase.INITIATION
    assert current_phase(p, date(2008, 7, 15)).phase is Phase.PLANNING


def test_phase_revise_go_back_and_stop():
    base = [DecisionPoint(id="B0", date=date(2008, 6, 1), decision=Decision.CONTINUE),
            DecisionPoint(id="B1", date=date(2008, 7, 1), decision=Decision.CONTINUE)]
    revise = project(decision_points=[*base, DecisionPoint(id="B2", date=date(2008, 8, 1), decision=Decision.REVISE)])
    assert current_phase(revise, date(2008, 9, 1)).phase is Phase.PLANNING
    back = project(decision_points=[*base, DecisionPoint(id="B2", date=date(2008, 8, 1), decision=Decision.GO_BACK)])
    assert current_phase(back, date(2008, 9, 1)).phase is Phase.INITIATION
    stop = project(decision_points=[*base, DecisionPoint(id="B2", date=date(2008, 8, 1), decision=Decision.STOP)])
    assert current_phase(stop, date(2008, 9, 1)).phase is Phase.STOPPED


def test_phase_without_decisions_follows_dates():
    p = project()
    assert current_phase(p, date(2008, 1, 1)).phase is Phase.PLANNING
    assert current_phase(p, date(2009, 1, 1)).phase is Phase.EXECUTION
    assert current_phase(p, date(2010, 1, 1)).phase is Phase.CLOSURE


def test_overall_light_is_the_worst_unless_stated():
    r = StatusReport(id="SR1", date=date(2009, 1, 1), time=Light.GREEN, cost=Light.YELLOW, risk=Light.GREEN)
    assert r.overall_light() is Light.YELLOW
    r.overall = Light.GREEN
    assert r.overall_light() is Light.GREEN
    assert [f.message for f in check(project(status_reports=[r]))][0].startswith("overall is {overall}")


def test_identity_numbers():
    assert luhn_ok("8112189876")
    assert find_identity_numbers("pnr 811218-9876 och 19811218-9876") == ["811218-9876", "19811218-9876"]
    assert find_identity_numbers("samordningsnummer 701063-2391") == ["701063-2391"]
    # wrong check digit, impossible date, phone number, diary number
    assert find_identity_numbers("811218-9875 811318-9876 08-508 01 513 338-1002/2004 2024-02-28") == []


def test_the_quick_check_never_misses_what_the_full_one_finds():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from lilla_ratten.model.privacy import find_identity_numbers, might_hold_identity_number

    @settings(max_examples=300, derandomize=True)
    @given(st.text(alphabet="0123456789 -+\nx", max_size=40))
    def check(text):
        if find_identity_numbers(text):
            assert might_hold_identity_number(text)

    check()
    for number in ("19121212-1212", "121212-1212", "121212+1212", "191212121212", "121212 - 1212"):
        assert find_identity_numbers(f'x = "{number}"'), number
        assert might_hold_identity_number(f'x = "{number}"'), number
    assert not might_hold_identity_number('granted = 400000\nphone = "08-508 01 513"\ndnr = "338-1002/2004"')


def test_the_quick_check_answers_as_its_pattern_does():
    """The byte-level passes of might_hold_identity_number (issue 19) give the pattern's answer,
    for other scripts' digits, Unicode spaces, multi-byte characters and lone surrogates too."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from lilla_ratten.model.privacy import _QUICK, might_hold_identity_number, normalise

    @settings(max_examples=2000, derandomize=True)
    @given(st.text(alphabet="0123456789 -+\n\t\u00a0\u2003\u0663\U0001d7ceaå–\ud800\u00ad\u200b\uff11\ufe63", max_size=40))
    def check(text):
        # on the text as it is looked at: NFKC, format characters dropped (issue 33)
        assert might_hold_identity_number(text) == (_QUICK.search(normalise(text)) is not None)

    check()
    from tests.conftest import SAMPLES

    rich = (SAMPLES / "ingen-ska-lamnas-utanfor-2.toml").read_text(encoding="utf-8")
    assert not might_hold_identity_number(rich)
    assert might_hold_identity_number(rich + '\nx = "121212\u00a0-1212"')
    assert might_hold_identity_number(rich + '\nx = "\u0661\u0662\u0661\u0662\u0661\u0662-1212"')


def test_phase_of_a_project_whose_decision_points_are_all_open_is_planning():
    # what `new` writes: B0-B4 without dates or decisions, the start date today
    p = project(decision_points=[DecisionPoint(id=i) for i in ("B0", "B1", "B2", "B3", "B4")])
    for as_of in (date(2008, 7, 1), date(2008, 8, 1), date(2009, 1, 1)):
        state = current_phase(p, as_of)
        assert (state.phase, state.next_point_id) == (Phase.PLANNING, "B0")
    p.decision_points[0].date, p.decision_points[0].decision = date(2008, 8, 1), Decision.CONTINUE
    assert (current_phase(p, date(2008, 9, 1)).phase, current_phase(p, date(2008, 9, 1)).next_point_id) == (Phase.INITIATION, "B1")


OPEN_POINTS = ("B0", "B1", "B2", "B3", "B4")


def test_a_period_ended_with_its_decisions_missing_is_not_closure():
    # the walkthrough: the period edited into the past, B0-B4 undecided; it said "closure", next B4
    p = project(decision_points=[DecisionPoint(id=i) for i in OPEN_POINTS])
    after_end = date(2010, 1, 1)
    state = current_phase(p, after_end)
    assert (state.phase, state.next_point_id) == (Phase.PLANNING, "B0")
    assert [d.id for d in decisions_missing(p, after_end)] == list(OPEN_POINTS)
    assert decisions_missing(p, date(2009, 5, 31)) == []  # its last day: not ended yet
    [warning] = dated_findings(p, after_end)
    assert warning.path == ("project", "end") and warning.severity is Severity.WARNING
    assert warning.text() == ("the project period ended 2009-05-31 but no decision is recorded at B0, B1, B2, B3, B4: "
                              "the phase stays where the decisions put it until the steering group decides")
    assert dated_findings(p, date(2009, 1, 1)) == []


def test_after_the_end_the_phase_is_where_the_decisions_left_it():
    decided = [DecisionPoint(id="B0", date=date(2008, 6, 1), decision=Decision.CONTINUE),
               DecisionPoint(id="B1", date=date(2008, 7, 1), decision=Decision.CONTINUE),
               DecisionPoint(id="B2", date=date(2008, 8, 1), decision=Decision.CONTINUE)]
    p = project(decision_points=[*decided, DecisionPoint(id="B3"), DecisionPoint(id="B4", date=date(2010, 6, 1))])
    state = current_phase(p, date(2010, 1, 1))
    assert (state.phase, state.next_point_id) == (Phase.EXECUTION, "B3")
    # B4 dated after the day asked is not decided by then
    assert [d.id for d in decisions_missing(p, date(2010, 1, 1))] == ["B3", "B4"]
    closed = project(decision_points=[*decided, DecisionPoint(id="B3", date=date(2009, 4, 1), decision=Decision.CONTINUE),
                                      DecisionPoint(id="B4", date=date(2009, 6, 1), decision=Decision.CONTINUE)])
    assert current_phase(closed, date(2010, 1, 1)).phase is Phase.CLOSED and decisions_missing(closed, date(2010, 1, 1)) == []
    stopped = project(decision_points=[*decided[:2], DecisionPoint(id="B2", date=date(2008, 8, 1), decision=Decision.STOP),
                                       DecisionPoint(id="B3"), DecisionPoint(id="B4")])
    assert decisions_missing(stopped, date(2010, 1, 1)) == []  # stopped: nothing left to decide
    # without decision points the dates stand in, and nothing is said missing
    assert current_phase(project(), date(2010, 1, 1)).phase is Phase.CLOSURE and decisions_missing(project(), date(2010, 1, 1)) == []
