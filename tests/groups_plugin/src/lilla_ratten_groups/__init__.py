"""Focus groups: who each group is (age band, place), declared as keys and values; no Textual, no pane.

``who``'s places are the project's own (its ``places`` list); the age bands and ``extra``'s
keys are fixed. The app makes a picker of each key and writes the keys and values as they are.
"""

import attrs

from lilla_ratten import api


@attrs.define(kw_only=True)
class Place:
    id: str
    name: str


@attrs.define(kw_only=True)
class Group:
    id: str
    name: str
    who: dict[str, str] = attrs.field(factory=dict)
    extra: dict[str, str] = attrs.field(factory=dict)


@attrs.define(kw_only=True)
class FocusGroups:
    version: int = 1
    places: list[Place] = attrs.field(factory=list)
    groups: list[Group] = attrs.field(factory=list)


def who(section: FocusGroups) -> list[api.MappingKey]:
    ages = api.MappingKey("age", "Age band", (("16-19", "16–19 years"), ("20-24", "20–24 years")))
    return [ages, api.MappingKey("place", "Place", tuple((p.id, p.name) for p in section.places))]


@api.hookimpl
def lr_sections():
    return [api.SectionSpec("groups", FocusGroups, title="Focus groups", records=(
        api.RecordList("places", Place, "Places", prefix="S"),
        api.RecordList("groups", Group, "Groups", columns=("id", "name", "who", "extra"), prefix="G",
                       mappings={"who": who, "extra": (api.MappingKey("interpreter", "Interpreter", ("yes", "no")),)}),
    ))]
