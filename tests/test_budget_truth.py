"""One budget truth (issue 28, item 2): with budget lines and a different ``[budget]``, the
overview, the Budget tab, ``status``, a status report, the final report in each form and its
JSON, and the project plan all show the lines' figures, from ``reports/budget_figures.py``."""

from __future__ import annotations

import json
from datetime import date

from lilla_ratten.reports.budget_figures import BUDGET, LINES, budget_figures, budget_figures_as_of
from lilla_ratten.storage import read_project
from lilla_ratten.testing import load_host, run_cli, screen_text, show_plugin_tab

BUDGET_PLUGIN = "budget=lilla_ratten_budget.plugin"
AFTER = date(2024, 3, 1)  # after the project's end: the lines' outcome is the final figure
TWO_TRUTHS = """
[budget]
total = 500000
outcome = 12000

[[status_reports]]
id = "SR1"
date = 2024-02-29
period_start = 2023-09-01
period_end = 2024-02-29

[ext.budget]
version = 1

[[ext.budget.lines]]
id = "K1"
name = "Personal"
category = "staff"
budget = 600000
outcome = 450000

[[ext.budget.lines]]
id = "K2"
name = "Lokaler"
category = "premises"
budget = 50000
outcome = 30000
"""
LINES_SAY = "480 000 kr", "650 000 kr"
BUDGET_SAYS = "500 000", "12 000"


def _flat(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _one_truth(text: str) -> None:
    text = _flat(text)
    assert all(figure in text for figure in LINES_SAY), text
    assert not any(figure in text for figure in BUDGET_SAYS), text


def test_the_lines_win_over_budget_and_without_lines_budget_is_the_figure(lr_project):
    path = lr_project(TWO_TRUTHS)
    project = read_project(path).project
    host = load_host(BUDGET_PLUGIN)
    figures = budget_figures_as_of(project, AFTER, host)
    assert (figures.budget, figures.spent, figures.source) == (650000, 480000, LINES)
    assert budget_figures(project) == budget_figures_as_of(project, AFTER, None)  # no plugin: [budget]
    assert (budget_figures(project).budget, budget_figures(project).source) == (500000, BUDGET)


def test_validate_warns_and_every_printed_view_shows_the_lines(lr_project):
    path = lr_project(TWO_TRUTHS)
    checked = run_cli("validate", path, plugins=[BUDGET_PLUGIN], lang="sv")
    assert checked.exit_code == 0 and "[budget] total anger 500000; raderna gäller" in checked.stdout + checked.stderr
    status = run_cli("status", path, "--as-of", str(AFTER), plugins=[BUDGET_PLUGIN], lang="sv")
    assert status.exit_code == 0
    _one_truth(status.stdout)
    assert "650 000 kr (74 %)\n" in _flat(status.stdout) and "förbrukat (74 %)" in _flat(status.stdout)  # one rounding
    report = run_cli("report", "status", path, "--format", "text", plugins=[BUDGET_PLUGIN], lang="sv")
    assert report.exit_code == 0 and "480 000 kr" in _flat(report.stdout) and not any(f in _flat(report.stdout) for f in BUDGET_SAYS)
    for layout in ("slutrapport", "lum", "lansstyrelsen"):
        final = run_cli("report", "final", path, "--layout", layout, "--format", "text", "--as-of", str(AFTER),
                        plugins=[BUDGET_PLUGIN], lang="sv")
        assert final.exit_code == 0, final.stderr
        _one_truth(final.stdout)
    as_json = run_cli("report", "final", path, "--layout", "slutrapport", "--format", "json", "--as-of", str(AFTER),
                      plugins=[BUDGET_PLUGIN], lang="sv")
    statement = next(s for s in json.loads(as_json.stdout)["sections"] if s["id"] == "financial_statement")
    assert (statement["data"]["from"], statement["data"]["budget"], statement["data"]["spent"]) == ("lines", 650000, 480000)
    plan = run_cli("report", "plan", path, "--format", "text", plugins=[BUDGET_PLUGIN], lang="sv")
    assert "650 000 kr" in _flat(plan.stdout) and "500 000" not in _flat(plan.stdout)


async def test_the_app_shows_the_lines_on_the_overview_and_the_budget_tab(lr_host, lr_project, lr_app):
    path = lr_project(TWO_TRUTHS)
    async with lr_app(path, lr_host(BUDGET_PLUGIN), size=(100, 40), as_of=AFTER, lang="sv") as pilot:
        app = pilot.app
        overview = _flat(screen_text(app))
        assert "480 000 kr / 650 000 kr" in overview and "500 000" not in overview
        await show_plugin_tab(pilot, "budget", "budget")
        totals = _flat(str(app.screen.query_one("BudgetPane #totals").render()))
        assert "650 000 kr" in totals and "480 000 kr" in totals and "500 000" not in totals


async def test_the_budget_form_says_the_lines_count_and_warns_as_a_differing_total_is_typed(lr_host, lr_project, lr_app):
    """`b` with budget lines: the form names the lines' figure, and a total that disagrees is
    warned about as it is typed (as validate warns), not taken in silence; it is still kept."""
    from textual.widgets import Input

    from lilla_ratten.storage import read_project

    path = lr_project(TWO_TRUTHS)
    async with lr_app(path, lr_host(BUDGET_PLUGIN), size=(80, 24), as_of=AFTER, lang="sv") as pilot:
        app = pilot.app
        await pilot.press("b")
        await pilot.pause()
        form = app.screen
        assert _flat(str(form.query_one("#form-notice").render())).startswith(
            "Budgetposterna på fliken Budget gäller: 650 000 kr.")
        problems = form.query_one("#problems")
        assert "budgetposterna" in _flat(str(problems.render()))  # 500 000 in the file already disagrees
        total = form.query_one("#f-total", Input)
        total.value = "650000"
        await pilot.pause()
        assert not problems.display  # agrees with the lines: nothing to say
        total.value = "700000"
        await pilot.pause()
        said = _flat(str(problems.render()))
        assert "⚠ Budget totalt: budgetposterna summerar till 650 000 kr, inte 700 000 kr; posterna gäller" == said
        await pilot.press("ctrl+s")  # a warning does not stop the save
        await pilot.pause()
        assert app.session.project.budget.total == 700000


async def test_without_budget_lines_the_budget_form_has_no_notice(lr_host, lr_project, lr_app):
    path = lr_project("\n[budget]\ntotal = 500000\n")
    async with lr_app(path, lr_host(BUDGET_PLUGIN), size=(80, 24), as_of=AFTER, lang="sv") as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert not pilot.app.screen.query("#form-notice")
        assert not pilot.app.screen.query_one("#problems").display
