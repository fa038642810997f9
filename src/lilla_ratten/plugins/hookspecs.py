"""The hooks a Lilla Ratten plugin may implement.

Every hook is *collect-all*: each plugin contributes its own part and one
plugin's answer never replaces another's, so none is ``firstresult``.  The app
calls each implementation on its own (see ``manager.PluginHost.call``), so a
plugin that raises is reported and switched off without costing the others
their contribution.

Arguments are passed by name; an implementation may accept only the ones it
needs.  ``project`` is always a copy: changing it changes nothing in the app.
``sections`` maps each loaded plugin's section name to its structured object
(or ``None`` when the file has none).  Plugins meet through the API, never by
importing each other: one publishes who took part and what they achieved with
``lr_participants``; another receives the merged result by accepting a
``participants`` argument in ``lr_validate``, ``lr_summary``,
``lr_status_report_sections`` or ``lr_final_report_sections`` (computed only
when some implementation asks for it; ``None`` when no plugin publishes).
"""

from __future__ import annotations

import pluggy

PROJECT_NAME = "lilla_ratten"
hookspec = pluggy.HookspecMarker(PROJECT_NAME)


@hookspec
def lr_sections():
    """Declare the plugin's file section(s).

    Return a list of ``SectionSpec(name, type)``; the data lives under
    ``[ext.<name>]`` and is structured into ``type`` (an attrs class) with the
    app's cattrs converter.
    """


@hookspec
def lr_validate(project, sections, participants):
    """Check the project; return a list of ``Finding`` (path relative to the file,
    e.g. ``("ext", "steps", "rounds", 2, "date")``, so messages get a line number;
    ``domain`` names the plugin's catalogue the message is translated from).  One that
    raises or hangs leaves every file checked from then on *not fully checked*:
    ``validate`` exits 3 naming the plugin.  Also run on a pane's ``context.store``."""


@hookspec
def lr_participants(project, sections):
    """Publish the project's participants for other plugins: a ``Participation``
    (pseudonymous ids, household and household type, and named yes/no outcomes
    such as "reached the top level"), or ``None``.  Must not ask for ``participants``."""


@hookspec
def lr_summary(project, sections, as_of, participants):
    """Sections for the one-screen summary and the TUI overview: list of ``Section``."""


@hookspec
def lr_budget_figures(project, sections, as_of):
    """A plugin that keeps budget lines: their budget and what was spent as of ``as_of``, a
    ``BudgetLines(budget, spent)``; ``None`` when the project has no lines. The first plugin
    that answers wins over the file's ``[budget]`` in the overview, ``status``, a new status
    report, the portfolio and the yearly compilation (reports/budget_figures.py). Asked once
    per project of a portfolio, and only for a file with a plugin section (``[ext.*]``): it
    should read only its own section."""


@hookspec
def lr_status_report_sections(project, sections, report, participants):
    """Sections to add to a status report (``report`` is the ``StatusReport``)."""


@hookspec
def lr_final_report_sections(project, sections, as_of, participants):
    """Sections to add to the final report: list of ``Section``."""


@hookspec
def lr_final_report_layouts():
    """Final-report forms: list of ``FinalReportLayout(name, title, build)``.

    ``report final --layout NAME`` (and the app's export and final-report view) builds the
    named one; a ``ProjectType`` with ``layout=NAME`` makes it that type's default.
    ``build(context)`` gets a ``LayoutContext`` and returns a ``Document``.  The app's own
    forms (slutrapport, lum, lansstyrelsen) are registered through this hook too."""


@hookspec
def lr_tui_panes(project, sections):
    """Tabs for the TUI: list of ``Pane``.  Do not import Textual at module level."""


@hookspec
def lr_portfolio_columns():
    """Columns for the portfolio roll-up: list of ``Column``."""


@hookspec
def lr_project_types():
    """Templates for ``lilla-ratten new --type NAME``: list of ``ProjectType``."""


@hookspec
def lr_commands():
    """Extra subcommands of ``lilla-ratten``: list of ``Command``."""
