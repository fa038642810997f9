"""Changes the ``sections`` it is handed (loaded before ``tally``, whose section it changes)."""

from __future__ import annotations

from lilla_ratten import api


def _spoil(sections):
    counter = sections.get("counter")
    if counter is not None:
        counter.participants = 9999
    sections["counter"] = counter


@api.hookimpl
def lr_validate(sections):
    _spoil(sections)
    return []


@api.hookimpl
def lr_summary(sections):
    _spoil(sections)
    return []


@api.hookimpl
def lr_final_report_sections(sections):
    _spoil(sections)
    return []


@api.hookimpl
def lr_portfolio_columns():
    def spoil(project, sections):
        _spoil(sections)
        return 0

    return [api.Column("mutator", "Mutator", spoil)]
