"""Counts participants: at most 100, shown in the summary, the final report and a portfolio total."""

from __future__ import annotations

import attrs

from lilla_ratten import api


@attrs.define(kw_only=True)
class Counter:
    version: int = 1
    participants: int = 0


@api.hookimpl
def lr_sections():
    return [api.SectionSpec("counter", Counter)]


@api.hookimpl
def lr_validate(sections):
    counter = sections.get("counter")
    if counter is not None and counter.participants > 100:
        return [api.Finding(("ext", "counter", "participants"), "more than 100 participants")]
    return []


@api.hookimpl
def lr_summary(sections):
    counter = sections.get("counter")
    return [api.section("counter", "Counter", api.Paragraph(f"Participants: {counter.participants}"))] if counter else []


@api.hookimpl
def lr_final_report_sections(sections):
    return lr_summary(sections)


@api.hookimpl
def lr_portfolio_columns():
    return [api.Column("participants", "Participants",
                       lambda project, sections: sections["counter"].participants if sections.get("counter") else 0,
                       total=True)]
