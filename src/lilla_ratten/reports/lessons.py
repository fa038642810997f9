"""Lessons learned across projects: every project's lessons and its final report's conclusions,
searchable — so a good experience in one district can reach the next."""

from __future__ import annotations

import unicodedata

from attrs import define

from lilla_ratten.i18n import N_, _
from lilla_ratten.model import LessonKind, Project
from lilla_ratten.model.document import Document, Paragraph, section
from lilla_ratten.reports.labels import label

# final-report texts that carry conclusions, with their headings
CONCLUSIONS = (
    ("summary", N_("Summary")),
    ("effect_result", N_("Effect goals: result")),
    ("goal_result", N_("Project goals: result")),
    ("further_work", N_("Further work")),
    ("strategic_value", N_("Strategic value")),
    ("closing_words", N_("Closing words")),
)


_CONCLUSION_FIELDS = {attr for attr, _heading in CONCLUSIONS}


@define
class Lesson:
    project: str  # the project's name
    organisation: str
    file: str
    id: str  # lesson id, or the final-report field
    kind: str | None  # success / challenge / development, or None for a conclusion
    topic: str | None
    text: str


def collect(project: Project, file: str) -> list[Lesson]:
    info = project.project
    out = [
        Lesson(info.name, info.organisation, file, lesson.id, lesson.kind.value if lesson.kind else None,
               label(lesson.topic) if lesson.topic else None, lesson.text)
        for lesson in project.lessons
    ]
    for attr, heading in CONCLUSIONS:
        text = getattr(project.final, attr)
        if text:
            out.append(Lesson(info.name, info.organisation, file, attr, None, _(heading), text.strip()))
    return out


def fold(text: str) -> str:
    """Lower case without accents on a, e …, but keeping å ä ö apart (they are letters of their own)."""
    out = []
    for ch in text.casefold():
        if ch in "åäöæø":
            out.append(ch)
            continue
        out.append("".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)))
    return "".join(out)


def search(lessons: list[Lesson], text: str | None = None, kind: str | None = None) -> list[Lesson]:
    """Every word of ``text`` must occur (case- and accent-insensitive); ``kind`` also drops conclusions."""
    words = fold(text).split() if text else []
    out = []
    for lesson in lessons:
        if kind and lesson.kind != kind:
            continue
        hay = fold(" ".join(filter(None, (lesson.text, lesson.topic, lesson.project, lesson.organisation))))
        if all(w in hay for w in words):
            out.append(lesson)
    return out


def build(lessons: list[Lesson], query: str | None, kind: str | None) -> Document:
    by_project: dict[str, list[Lesson]] = {}
    for lesson in lessons:
        by_project.setdefault(lesson.file, []).append(lesson)
    sections = []
    for file, items in by_project.items():
        first = items[0]
        paragraphs = []
        for lesson in items:
            tag = label(LessonKind(lesson.kind)) if lesson.kind else _("conclusion")
            where = f"{tag}, {lesson.topic}" if lesson.topic else tag
            # a lesson is named by its id (L3); a conclusion by its heading alone, never a field name
            name = lesson.id if lesson.kind is not None or lesson.id not in _CONCLUSION_FIELDS else None
            paragraphs.append(Paragraph(f"[{', '.join(filter(None, (name, where)))}] {lesson.text}"))
        sections.append(section(f"lessons-{file}", f"{first.project} ({first.organisation})", *paragraphs, file=file))
    facts = [(_("Lessons found"), str(len(lessons))), (_("In projects"), str(len(by_project)))]
    if query:
        facts.append((_("Search"), query))
    if kind:
        facts.append((_("Kind"), label(LessonKind(kind))))
    data = {"lessons": [
        {"project": x.project, "organisation": x.organisation, "file": x.file, "id": x.id, "kind": x.kind, "topic": x.topic, "text": x.text}
        for x in lessons
    ]}
    return Document("lessons", _("Lessons learned across projects"), facts, sections, data)
