"""Synthetic projects of realistic shape, for benchmarks (and fuzzing seeds)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from lilla_ratten.model import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Lesson,
    LessonKind,
    Light,
    Member,
    GroupRole,
    Milestone,
    Project,
    ProjectGoal,
    ProjectInfo,
    StatusReport,
)

WORDS = "barn familj planering samverkan jobbtorg insats uppföljning kartläggning rutin handbok metod".split()


def sentence(rng: random.Random, n: int = 8) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def project(n_activities: int = 40, n_milestones: int = 8, seed: int = 1) -> Project:
    rng = random.Random(seed)
    start = date(2023, 1, 1) + timedelta(days=rng.randrange(700))
    end = start + timedelta(days=365)
    milestones = [
        Milestone(
            id=f"M{i + 1}",
            title=sentence(rng, 3),
            planned=start + timedelta(days=40 * (i + 1)),
            done=start + timedelta(days=40 * (i + 1) + rng.randrange(-5, 20)) if i < n_milestones // 2 else None,
        )
        for i in range(n_milestones)
    ]
    activities = [
        Activity(
            id=f"A{i + 1}",
            title=sentence(rng, 4),
            kind=rng.choice(list(ActivityKind)),
            owner=rng.choice(["Projektledare", "Socialsekreterare", "Enhetschef", "Jobbcoach"]),
            start=start + timedelta(days=rng.randrange(300)),
            end=start + timedelta(days=rng.randrange(300, 365)),
            milestone=rng.choice(milestones).id,
            status=rng.choice(list(ActivityStatus)),
        )
        for i in range(n_activities)
    ]
    reports = [
        StatusReport(
            id=f"SR{i + 1}",
            date=m.done,
            milestone=m.id,
            time=rng.choice(list(Light)),
            cost=Light.GREEN,
            summary=sentence(rng, 30),
            sent=m.done,
        )
        for i, m in enumerate(m for m in milestones if m.done)
    ]
    return Project(
        project=ProjectInfo(
            id=f"p{seed}",
            name=f"Utvecklingsprojekt {seed}",
            organisation=rng.choice(["Skarpnäcks stadsdelsförvaltning", "Rinkeby-Kista stadsdelsförvaltning", "Enskede-Årsta-Vantörs stadsdelsförvaltning"]),
            start=start,
            end=end,
            funding=rng.choice(["LUM", "ESF", "Länsstyrelsen (37-medel)"]),
            granted=rng.randrange(300, 5000) * 1000,
            description=sentence(rng, 60),
        ),
        members=[Member(id="P1", group=GroupRole.PROJECT_LEADER, title="Projektledare")],
        project_goals=[ProjectGoal(id=f"G{i + 1}", text=sentence(rng, 12)) for i in range(5)],
        milestones=milestones,
        activities=activities,
        status_reports=reports,
        lessons=[Lesson(id=f"L{i + 1}", text=sentence(rng, 25), kind=rng.choice(list(LessonKind))) for i in range(6)],
    )
