"""One budget truth across many projects (issue 28, item 2): the portfolio in every format and
view, the yearly compilation, the portfolio screen and ``review --print`` show the budget
lines' figures when a plugin keeps them (``lr_budget_figures``), and ``[budget]`` when none
does — the samples' figures where there are no lines are what ``[budget]`` says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from lilla_ratten.reports import render
from lilla_ratten.reports.compilation import build as compilation
from lilla_ratten.reports.portfolio_load import load_portfolio
from lilla_ratten.storage import read_project
from lilla_ratten.testing import load_host, run_cli
from tests.test_budget_truth import AFTER, BUDGET_PLUGIN, BUDGET_SAYS, TWO_TRUTHS, _flat, _one_truth
from tests.test_plugins import VISITS, cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_projects"
LINES = 650000, 480000  # what the lines of TWO_TRUTHS come to, and spent by AFTER
SPENT = "480 000 kr"


def _folder(lr_project) -> Path:
    path = lr_project(TWO_TRUTHS)
    folder = path.parent / "portfolj"
    folder.mkdir()
    return shutil.move(str(path), folder / "tva-sanningar.toml") and folder


def test_the_portfolio_shows_the_lines_in_every_format(lr_project):
    folder = _folder(lr_project)
    as_json = run_cli("portfolio", folder, "--format", "json", "--as-of", str(AFTER), plugins=[BUDGET_PLUGIN], lang="sv")
    assert as_json.exit_code == 0, as_json.stderr
    data = json.loads(as_json.stdout)["data"]
    (project,) = data["projects"]
    assert (project["budget"], project["spent"]) == LINES
    assert (data["totals"]["budget"], data["totals"]["spent"]) == LINES
    for fmt in ("md", "text"):
        shown = run_cli("portfolio", folder, "--format", fmt, "--as-of", str(AFTER), plugins=[BUDGET_PLUGIN], lang="sv")
        assert shown.exit_code == 0, shown.stderr
        _one_truth(shown.stdout)
    grouped = run_cli("portfolio", folder, "--by", "organisation", "--format", "text", "--as-of", str(AFTER),
                      plugins=[BUDGET_PLUGIN], lang="sv")
    _one_truth(grouped.stdout)  # the subtotals' Spent too
    as_csv = run_cli("portfolio", folder, "--format", "csv", "--as-of", str(AFTER), plugins=[BUDGET_PLUGIN], lang="sv")
    header, line = as_csv.stdout.splitlines()[:2]
    cells = dict(zip(header.split(","), line.split(","), strict=True))
    assert (cells["budget"], cells["spent"]) == ("650000", "480000")


def test_without_the_plugin_the_portfolio_shows_budget(lr_project):
    folder = _folder(lr_project)
    as_json = run_cli("portfolio", folder, "--format", "json", "--as-of", str(AFTER), lang="sv")
    (project,) = json.loads(as_json.stdout)["data"]["projects"]
    assert (project["budget"], project["spent"]) == (500000, 12000)


def test_spent_is_as_of_the_portfolios_date(lr_project):
    """A total typed on a line counts from the project's end: before it, spent is not known."""
    folder = _folder(lr_project)
    before_end = run_cli("portfolio", folder, "--format", "json", "--as-of", "2023-12-01", plugins=[BUDGET_PLUGIN])
    (project,) = json.loads(before_end.stdout)["data"]["projects"]
    assert (project["budget"], project["spent"]) == (650000, None)


def test_the_compilation_shows_the_lines_in_every_format(lr_project, tmp_path):
    import docx

    folder = _folder(lr_project)
    host = load_host(BUDGET_PLUGIN)
    projects = load_portfolio([folder], AFTER, host).projects
    doc = compilation(projects, AFTER, 2023, host)
    (project,) = [s for org in doc.sections if org.id.startswith("organisation_") for s in org.sections]
    assert project.data["spent"] == LINES[1] and doc.data["spent"] == LINES[1]
    assert json.loads(render(doc, "json"))["data"]["spent"] == LINES[1]
    from lilla_ratten.i18n import get_language, set_language

    language = get_language()
    set_language("sv")
    try:
        shown = [_flat(render(compilation(projects, AFTER, 2023, host), fmt)) for fmt in ("md", "text")]
    finally:
        set_language(language)
    for text in shown:
        assert text.count(SPENT) >= 2 and not any(f in text for f in BUDGET_SAYS), text  # the project and the total
    without = compilation(projects, AFTER, 2023)  # no plugin: [budget] outcome
    assert without.data["spent"] == 12000

    out = tmp_path / "sammanstallning.docx"
    written = run_cli("portfolio", folder, "--format", "docx", "--year", "2023", "--as-of", str(AFTER), "-o", out,
                      plugins=[BUDGET_PLUGIN], lang="sv")
    assert written.exit_code == 0, written.stderr
    word = docx.Document(str(out))
    text = "\n".join([p.text for p in word.paragraphs]
                     + [c.text for t in word.tables for r in t.rows for c in r.cells])
    assert _flat(text).count(SPENT) >= 2 and "12 000" not in _flat(text), text


async def test_the_portfolio_screen_and_the_review_show_the_lines(lr_project):
    from lilla_ratten.i18n import get_language, set_language
    from lilla_ratten.tui.app import LillaRattenApp

    folder = _folder(lr_project)
    language = get_language()
    set_language("sv")
    try:
        app = LillaRattenApp(host=load_host(BUDGET_PLUGIN), folders=[str(folder)], as_of=AFTER)
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.pause()
            table = app.screen.query_one("#portfolio")
            keys = [str(c.value) for c in table.columns]
            row = table.get_row_at(0)
            budget, spent = (_flat(str(row[keys.index(k)])) for k in ("budget", "spent"))
            assert (budget, spent) == ("650 000 kr", SPENT)
    finally:
        set_language(language)
    review = run_cli("review", "--print", folder, "--as-of", str(AFTER), plugins=[BUDGET_PLUGIN], lang="sv")
    assert review.exit_code == 0, review.stderr
    _one_truth(review.stdout)


def test_a_third_partys_budget_lines_reach_the_portfolio(plugin_site, tmp_path):
    """The example plugin (installed, found by its entry point) budgets its study visits."""
    from tests.conftest import MINIMAL

    visits = VISITS.replace("version = 1", "version = 1\nbudget = 90000", 1)
    visits = visits.replace('place = "Solna"', 'place = "Solna"\ncost = 25000')
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "besok.toml").write_text(MINIMAL + "\n[budget]\ntotal = 1000\noutcome = 10\n" + visits, encoding="utf-8")
    r = cli("portfolio", str(tmp_path / "p"), "--format", "json", "--as-of", "2026-01-01", site=plugin_site)
    (project,) = json.loads(r.stdout)["data"]["projects"]
    assert (project["budget"], project["spent"]) == (90000, 25000), r.stderr


def test_the_samples_without_lines_show_their_budget():
    """Every sample: with all plugins, a project without budget lines shows ``[budget]`` as it
    is (the 32 projects of Utvecklingsmedel 2002–2003 among them), one with lines its lines."""
    host = load_host("budget=lilla_ratten_budget.plugin", "steps=lilla_ratten_steps.plugin",
                     "equality=lilla_ratten_equality.plugin")
    loaded = load_portfolio([SAMPLES], AFTER, host)
    assert not loaded.failed and len(loaded.rows) >= 40
    with_lines = 0
    for r in loaded.rows:
        project = read_project(r.file).project
        if (project.ext.get("budget") or {}).get("lines"):
            with_lines += 1
            assert r.budget == sum(line["budget"] for line in project.ext["budget"]["lines"]), r.file
        else:
            assert (r.budget, r.spent) == (project.budget.total, project.budget.outcome), r.file
    assert with_lines == 3
    utvecklingsmedel = [r for r in loaded.rows if "utvecklingsmedel-2002-2003" in r.file]
    assert len(utvecklingsmedel) == 32
