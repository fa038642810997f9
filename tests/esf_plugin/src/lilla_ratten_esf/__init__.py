"""ESF participants by age band and how many are in work after: written from docs/plugins.md
alone, with the bugs a first version has.  The suite installs it as a third party would.

Bugs kept on purpose: ``lr_validate`` divides by the number of participants (a file with no
age bands crashes it); the ``participants`` column forgets that a project may have no
``[ext.esf]``.  The ``in_work`` column and everything else are healthy.
"""

from __future__ import annotations

import attrs

from lilla_ratten import api

__version__ = "0.3.0"


@attrs.define(kw_only=True)
class AgeBand:
    band: str
    participants: int


@attrs.define(kw_only=True)
class Esf:
    version: int = 1
    in_work: int = 0
    age_bands: list[AgeBand] = attrs.field(factory=list)

    @property
    def participants(self) -> int:
        return sum(b.participants for b in self.age_bands)


@api.hookimpl
def lr_sections():
    return [api.SectionSpec("esf", Esf)]


@api.hookimpl
def lr_validate(sections):
    esf = sections.get("esf")
    if esf is None:
        return []
    share = esf.in_work / esf.participants  # the bug: ZeroDivisionError with no age bands
    if share > 1:
        return [api.Finding(("ext", "esf", "in_work"), "{in_work} in work but only {participants} participants",
                            {"in_work": esf.in_work, "participants": esf.participants})]
    return []


@api.hookimpl
def lr_portfolio_columns():
    return [
        api.Column("esf_participants", "ESF participants", lambda project, sections: sections["esf"].participants, total=True),
        api.Column("esf_in_work", "ESF in work", lambda project, sections: sections["esf"].in_work if sections.get("esf") else 0, total=True),
    ]


@api.hookimpl
def lr_summary(sections):
    esf = sections.get("esf")
    if esf is None:
        return []
    return [api.section("esf", "ESF", api.Paragraph(f"{esf.in_work} of {esf.participants} participants in work"))]


@api.hookimpl
def lr_tui_panes():
    def factory(context):
        from textual.widgets import Button

        class InWork(Button):
            """Sets in_work to 40, whatever the number of participants (the check must catch it)."""

            def on_button_pressed(self) -> None:
                esf = context.section("esf") or Esf()
                self.stored = context.store("esf", attrs.evolve(esf, in_work=40), "40 in work")

        return InWork("40 in work", id="esf-in-work")

    return [api.Pane("esf", "ESF", factory)]
