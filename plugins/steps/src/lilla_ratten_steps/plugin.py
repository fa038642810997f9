"""The steps plugin's hooks (filled in below)."""

from lilla_ratten import api

from lilla_ratten_steps.section import StepsSection


@api.hookimpl
def lr_sections():
    return [api.SectionSpec("steps", StepsSection)]
