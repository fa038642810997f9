"""Debugging prints left in: at import and in every hook a machine-readable command calls."""

from __future__ import annotations

import sys

import attrs

from lilla_ratten import api

print("noisy: imported")
print("noisy: stderr at import", file=sys.stderr)


@attrs.define(kw_only=True)
class Noisy:
    version: int = 1
    count: int = 0


@api.hookimpl
def lr_sections():
    print("noisy: lr_sections")
    return [api.SectionSpec("noisy", Noisy)]


@api.hookimpl
def lr_validate(sections):
    print("noisy: validating")
    return []


@api.hookimpl
def lr_summary(sections):
    print("noisy: summary")
    return [api.section("noisy", "Noisy", api.Paragraph("a summary line"))]


@api.hookimpl
def lr_final_report_sections(sections):
    print("noisy: final report")
    return [api.section("noisy", "Noisy", api.Paragraph("a report line"))]


def _count(project, sections):
    print("noisy: column")
    return sections["noisy"].count if sections.get("noisy") else 0


@api.hookimpl
def lr_portfolio_columns():
    return [api.Column("noisy_count", "Noisy count", _count, total=True)]
