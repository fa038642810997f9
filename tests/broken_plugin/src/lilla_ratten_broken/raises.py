"""A plugin that loads fine and then misbehaves in its hooks."""

from lilla_ratten import api


@api.hookimpl
def lr_final_report_sections(project):
    raise RuntimeError("the broken plugin's report section fails")


@api.hookimpl
def lr_summary(project):
    project.project.name = "changed by a plugin"  # mutating what it was handed must not matter
    return "not a list of sections"
