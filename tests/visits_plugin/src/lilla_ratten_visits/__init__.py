"""Study visits: types, a check, and the declaration that the app edits them. No Textual, no pane."""

from datetime import date

import attrs

from lilla_ratten import api


@attrs.define(kw_only=True)
class Visit:
    id: str
    date: date
    place: str
    host: str | None = None  # the id of the host organisation visited
    notes: str | None = None


@attrs.define(kw_only=True)
class Host:
    id: str
    name: str


@attrs.define(kw_only=True)
class StudyVisits:
    version: int = 1
    hosts: list[Host] = attrs.field(factory=list)
    visits: list[Visit] = attrs.field(factory=list)


@api.hookimpl
def lr_sections():
    return [api.SectionSpec("visits", StudyVisits, title="Visits", records=(
        api.RecordList("hosts", Host, "Hosts", prefix="H"),
        api.RecordList("visits", Visit, "Study visits", columns=("id", "date", "place", "host"), prefix="V",
                       choices={"place": ("Solna", "Skarpnäck")}, references={"host": "hosts"}, labels={"place": "Where"}),
    ))]


@api.hookimpl
def lr_validate(project, sections):
    data = sections.get("visits")
    return [api.Finding(("ext", "visits", "visits", i, "date"), "visit {id} is outside the project period", {"id": v.id})
            for i, v in enumerate(data.visits if data else [])
            if not project.project.start <= v.date <= project.project.end]
