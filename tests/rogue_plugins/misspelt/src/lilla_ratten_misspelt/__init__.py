"""A typo in a hook's name and a hook the app does not have: both would never be called."""

from __future__ import annotations

from lilla_ratten import api


@api.hookimpl
def lr_valdiate(project):
    return [api.Finding(("project", "name"), "never checked")]


def lr_report_footer():
    return "never shown"
