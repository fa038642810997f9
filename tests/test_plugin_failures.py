"""A third party's plugin with first-version bugs (tests/esf_plugin), installed as a user would:
every failure is contained, named, and never passes for success."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import MINIMAL, ROOT

ESF = """
[ext.esf]
version = 1
in_work = 7

[[ext.esf.age_bands]]
band = "16-24"
participants = 24
"""
NO_BANDS = """
[ext.esf]
version = 1
in_work = 3
"""
OTHERS = ("boomtype", "boomcommand")  # the plugin's other entry points, switched off where they do not matter


def cli(*args, site, only=None, env=None):
    """``lilla-ratten ARGS`` in a fresh process that finds the installed plugin by its entry points."""
    full = {**os.environ, "LILLA_RATTEN_LANG": "en", "PYTHONPATH": str(site), **(env or {})}
    disable = [a for name in OTHERS if name != only for a in ("--disable", name)] if only != "all" else []
    return subprocess.run([sys.executable, "-m", "lilla_ratten", *disable, *args], capture_output=True, text=True,
                          env=full, timeout=60)


# ---- 1. a check that could not run fails the run ----------------------------------------------


def test_a_crashed_validator_fails_validate_and_names_the_plugin(esf_site, write):
    good = write(MINIMAL + ESF, "good.toml")
    crashing = write(MINIMAL + NO_BANDS, "crashing.toml")
    r = cli("validate", str(good), site=esf_site)
    assert (r.returncode, r.stdout) == (0, f"{good}: no problems\n"), r.stderr
    r = cli("validate", str(crashing), site=esf_site)
    assert r.returncode == 3
    assert "no problems" not in r.stdout
    assert (
        f"{crashing}: not fully checked: plugin esf could not run its checks "
        "(lr_validate: ZeroDivisionError: division by zero (__init__.py:"
    ) in r.stdout
    assert "Traceback" not in r.stderr


def test_a_file_after_the_crash_is_not_fully_checked_either(esf_site, write):
    crashing = write(MINIMAL + NO_BANDS, "crashing.toml")
    good = write(MINIMAL + ESF, "good.toml")
    r = cli("validate", str(crashing), str(good), site=esf_site)
    assert r.returncode == 3
    # the plugin is switched off for the run: the second file did not get its check either
    assert f"{good}: not fully checked: plugin esf could not run its checks (lr_validate:" in r.stdout
    assert f"{good}: no problems" not in r.stdout


def test_a_plugin_that_does_not_import_leaves_files_not_fully_checked(plugin_site, write):
    path = write(MINIMAL)
    r = subprocess.run([sys.executable, "-m", "lilla_ratten", "--disable", "broken_hook", "validate", str(path)],
                       capture_output=True, text=True, env={**os.environ, "LILLA_RATTEN_LANG": "en", "PYTHONPATH": str(plugin_site)})
    assert r.returncode == 3
    assert f"{path}: not fully checked: plugin broken_import could not run its checks (import: ModuleNotFoundError" in r.stdout


def test_the_pre_commit_hook_fails_on_a_crashed_validator(esf_site, write):
    entry = re.search(r"- id: lilla-ratten-validate\n(?:  .*\n)*?  entry: (.*)\n", (ROOT / ".pre-commit-hooks.yaml").read_text()).group(1)
    assert entry == "lilla-ratten validate"
    crashing = write(MINIMAL + NO_BANDS, "crashing.toml")
    # pre-commit runs the entry with the staged files appended
    r = cli(*entry.split()[1:], str(crashing), site=esf_site)
    assert r.returncode != 0
    assert "not fully checked: plugin esf" in r.stdout


def test_in_swedish_the_file_is_not_fully_checked_either(esf_site, write):
    crashing = write(MINIMAL + NO_BANDS, "crashing.toml")
    r = cli("--lang", "sv", "validate", str(crashing), site=esf_site)
    assert r.returncode == 3
    assert f"{crashing}: inte fullständigt kontrollerad: insticksmodulen esf kunde inte köra sina kontroller (lr_validate:" in r.stdout


def portfolio_folder(tmp_path):
    """Five projects; only the first has an [ext.esf] (the participants column's bug shows on the other four)."""
    folder = tmp_path / "projects"
    folder.mkdir()
    for i, name in enumerate("abcde"):
        text = MINIMAL.replace('id = "test"', f'id = "{name}"').replace("Testprojekt", f"Projekt {name}")
        (folder / f"{name}.toml").write_text(text + (ESF if i == 0 else ""), encoding="utf-8")
    return folder


def test_the_portfolio_says_which_plugin_failed_and_exits_non_zero(esf_site, tmp_path):
    folder = portfolio_folder(tmp_path)
    r = cli("portfolio", str(folder), "--as-of", "2023-10-01", "--format", "md", site=esf_site)
    assert r.returncode == 3
    assert "## Not complete" in r.stdout
    assert "Plugin esf failed (Column.value: esf_participants: AttributeError: 'NoneType' object has no attribute 'participants'" in r.stdout


# ---- 3. one failing column costs only its own cells, and its total is never a number ----------


def test_a_failing_column_does_not_switch_off_the_plugins_other_column(esf_site, tmp_path):
    import json

    folder = portfolio_folder(tmp_path)
    r = cli("portfolio", str(folder), "--as-of", "2023-10-01", "--format", "json", site=esf_site)
    doc = json.loads(r.stdout)
    esf = ("esf_participants", "esf_in_work")
    cells = {p["id"]: ({c: v for c, v in p["columns"].items() if c in esf}, p["incomplete"]) for p in doc["data"]["projects"]}
    assert cells["a"] == ({"esf_participants": 24, "esf_in_work": 7}, [])
    for other in "bcde":  # the healthy column has a value for every project
        assert cells[other] == ({"esf_in_work": 0}, ["esf_participants"])
    totals = doc["data"]["totals"]
    assert {c: v for c, v in totals["columns"].items() if c in esf} == {"esf_participants": None, "esf_in_work": 7}
    assert totals["incomplete"] == ["esf_participants"]


def test_a_total_over_failed_cells_is_shown_as_incomplete_in_text_md_and_by(esf_site, tmp_path):
    folder = portfolio_folder(tmp_path)
    r = cli("portfolio", str(folder), "--as-of", "2023-10-01", "--format", "md", "--by", "organisation", site=esf_site)
    assert r.returncode == 3
    lines = r.stdout.splitlines()

    def cells(starts: str, header: str) -> dict[str, str]:
        head = next(line for line in lines if line.startswith(header))
        line = next(line for line in lines if line.startswith(starts) and lines.index(line) > lines.index(head))
        return dict(zip([c.strip() for c in head.split("|")], [c.strip() for c in line.split("|")], strict=True))

    total = cells("| Total", "| Organisation")
    assert (total["ESF participants"], total["ESF in work"]) == ("incomplete", "7")
    assert "**ESF participants in total:** incomplete  \n" in r.stdout
    assert "**ESF in work in total:** 7  \n" in r.stdout
    row_b = cells("| Projekt b", "| Project")
    assert (row_b["ESF participants"], row_b["ESF in work"]) == ("failed", "0")
    r = cli("portfolio", str(folder), "--as-of", "2023-10-01", "--format", "text", site=esf_site)
    assert "ESF participants in total: incomplete" in " ".join(r.stdout.split())
    assert "ESF in work in total: 7" in " ".join(r.stdout.split())


def esf_host(esf_site, monkeypatch, *others):
    """The installed plugin, found by its entry points in this process (the first-party ones left out)."""
    import importlib

    from lilla_ratten.plugins.manager import PluginHost

    monkeypatch.syspath_prepend(str(esf_site))
    importlib.invalidate_caches()
    keep = {"esf", *others}
    return PluginHost.load(disabled=[n for n in ("budget", "steps", "equality", *OTHERS) if n not in keep])


async def test_the_overview_warns_that_the_file_is_not_fully_checked(esf_site, monkeypatch, write):
    from datetime import date

    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.session import Session
    from tests.test_tui import _lines

    host = esf_host(esf_site, monkeypatch)
    app = LillaRattenApp(Session.open(write(MINIMAL + NO_BANDS)), host, as_of=date(2023, 10, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = " ".join(_lines(app).split())
        assert "NOT FULLY CHECKED" in text  # the heading, as the overview draws headings
        assert "⚠ Plugin esf could not run its checks (lr_validate: ZeroDivisionError: division by zero" in text
        assert "this file may have problems that are not shown" in text


async def test_the_overview_has_no_warning_when_every_check_ran(esf_site, monkeypatch, write):
    from datetime import date

    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.session import Session
    from tests.test_tui import _lines

    host = esf_host(esf_site, monkeypatch)
    app = LillaRattenApp(Session.open(write(MINIMAL + ESF)), host, as_of=date(2023, 10, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = " ".join(_lines(app).split())
        assert "7 of 24 participants in work" in text  # the plugin's own overview line: it is loaded
        assert "NOT FULLY CHECKED" not in text and "could not run its checks" not in text


# ---- 2. every callback a plugin hands the app is called isolated -----------------------------


def test_a_raising_project_type_build_says_so_and_writes_nothing(esf_site, tmp_path):
    path = tmp_path / "ny.toml"
    r = cli("new", str(path), "--type", "boomtype", site=esf_site, only="boomtype")
    assert r.returncode == 1
    assert r.stdout == ""
    assert r.stderr == (
        f"{path}: not created, nothing was written: project type boomtype of plugin boomtype failed: "
        "RuntimeError: boom in build (boomtype.py:7)\n"
    )
    assert "Traceback" not in r.stderr
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []  # no temp file either


def test_a_raising_plugin_command_says_so_without_a_traceback(esf_site):
    r = cli("esf-boom", site=esf_site, only="boomcommand")
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr.startswith("plugin boomcommand failed in Command.run: RuntimeError: boom in run (boomcommand.py:7)\n")
    assert "Traceback" not in r.stderr
    r = cli("esf-badargs", site=esf_site, only="boomcommand")
    assert (r.returncode, r.stdout) == (1, "")
    # said once, in the command's words, not again at exit
    assert r.stderr == "plugin boomcommand failed in Command.configure: RuntimeError: boom in configure (boomcommand.py:11)\n"


def test_a_plugin_command_that_fails_to_set_up_costs_no_other_command(esf_site, write):
    path = write(MINIMAL)
    r = cli("validate", str(path), site=esf_site, only="boomcommand")
    # the plugin is named on stderr; it checked no files, so the file is fully checked
    assert (r.returncode, r.stdout) == (0, f"{path}: no problems\n")
    assert "plugin boomcommand failed in Command.configure and was switched off for this run" in r.stderr


def test_a_project_type_whose_build_returns_something_else_is_refused(tmp_path):
    from lilla_ratten.cli import main
    from lilla_ratten.plugins import hookimpl
    from lilla_ratten.plugins.specs import ProjectType

    class Wrong:
        @hookimpl
        def lr_project_types(self):
            return [ProjectType("wrong", "Wrong", lambda project: None)]

    import contextlib
    import io

    from lilla_ratten.plugins.manager import PluginHost

    real = PluginHost.load

    def load(**kwargs):
        host = real(entry_points=False)
        host._register(Wrong(), "wrongtype")
        return host

    err = io.StringIO()
    PluginHost.load = staticmethod(load)
    try:
        with contextlib.redirect_stderr(err):
            status = main(["--lang", "en", "new", str(tmp_path / "x.toml"), "--type", "wrong"])
    finally:
        PluginHost.load = real
    assert status == 1
    assert "project type wrong of plugin wrongtype failed: returned NoneType, expected a Project" in err.getvalue()
    assert not (tmp_path / "x.toml").exists()


# ---- 4. a pane's store goes through the same checks as the core forms -------------------------


def _notes(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_a_pane_store_that_breaks_the_plugins_own_check_is_refused_and_shown(esf_site, monkeypatch, write):
    from datetime import date

    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.session import Session

    path = write(MINIMAL + ESF)
    before = path.read_bytes()
    host = esf_host(esf_site, monkeypatch)
    app = LillaRattenApp(Session.open(path), host, as_of=date(2023, 10, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("0")  # the first plugin tab: ESF
        await pilot.pause()
        await pilot.click("#esf-in-work")  # the pane stores in_work = 40 against 24 participants
        await pilot.pause()
        button = app.screen.query_one("#esf-in-work")
        assert [f.text() for f in button.stored] == ["40 in work but only 24 participants"]
        assert "Not stored: 40 in work: ext.esf.in_work: 40 in work but only 24 participants [esf]" in _notes(app)
        assert not app.session.dirty
        assert app.session.project.ext["esf"]["in_work"] == 7
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert path.read_bytes() == before


async def test_a_pane_store_of_the_wrong_type_is_refused_with_the_field_named(esf_site, monkeypatch, write):
    from datetime import date

    import attrs

    from lilla_ratten.tui.app import LillaRattenApp
    from lilla_ratten.tui.pane_context import PaneContext
    from lilla_ratten.tui.session import Session

    host = esf_host(esf_site, monkeypatch)
    app = LillaRattenApp(Session.open(write(MINIMAL + ESF)), host, as_of=date(2023, 10, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        context = PaneContext(app)
        esf = context.section("esf")
        found = context.store("esf", attrs.evolve(esf, in_work="many"), "in work")
        assert [(f.dotted_path(), f.text()) for f in found] == [("ext.esf.in_work", "expected a whole number, got text")]
        assert not app.session.dirty
        found = context.store("esf", attrs.evolve(esf, in_work=20), "20 in work")  # a good one is stored
        assert found == [] and app.session.dirty and app.session.project.ext["esf"]["in_work"] == 20


# ---- 6. a plugin's finding is translated from its own catalogue --------------------------------


def test_a_plugin_finding_is_translated_from_its_own_domain():
    import lilla_ratten_budget.text  # noqa: F401 - registers the budget plugin's catalogue
    from lilla_ratten import api
    from lilla_ratten.i18n import set_language

    finding = api.Finding(("ext", "budget"), "budget line id, or 'unmapped'", domain="lilla_ratten_budget")
    set_language("sv")
    assert finding.text() == "budgetradens id, eller 'unmapped'"
    assert api.Finding(("ext", "budget"), "budget line id, or 'unmapped'").text() == "budget line id, or 'unmapped'"
    set_language("en")
    assert finding.text() == "budget line id, or 'unmapped'"


# ---- 5. plugin columns in the TUI portfolio -----------------------------------------------------


async def test_the_tui_portfolio_shows_plugin_columns_and_their_totals(esf_site, monkeypatch, tmp_path):
    from datetime import date

    from lilla_ratten.tui.app import LillaRattenApp
    from tests.test_tui import _lines

    folder = portfolio_folder(tmp_path)
    app = LillaRattenApp(host=esf_host(esf_site, monkeypatch), folders=[str(folder)], as_of=date(2023, 10, 1))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#portfolio")
        titles = [str(c.label) for c in table.columns.values()]
        assert titles[-2:] == ["ESF participants", "ESF in work"]
        cells = {str(table.get_row_at(i)[0]): [str(c) for c in table.get_row_at(i)[-2:]] for i in range(table.row_count)}
        assert cells["Projekt a"] == ["24", "7"] and cells["Projekt b"] == ["failed", "0"]
        assert str(app.screen.query_one("#totals").render()) == "ESF participants in total: incomplete  ·  ESF in work in total: 7"
        text = " ".join(_lines(app).split())
        assert "! Plugin esf failed (Column.value: esf_participants: AttributeError" in text
        for _ in range(10):  # sort by the 11th column: ESF in work (after the app's 9)
            await pilot.press("s")
        await pilot.pause()
        assert str(table.get_row_at(table.row_count - 1)[0]) == "Projekt a"  # 7 after the four 0s


def test_plugin_totals_are_in_the_by_table_in_text_too(esf_site, tmp_path):
    folder = portfolio_folder(tmp_path)
    r = cli("portfolio", str(folder), "--as-of", "2023-10-01", "--by", "organisation", site=esf_site,
            env={"COLUMNS": "250"})
    total = next(line for line in r.stdout.splitlines() if line.lstrip().startswith("Total"))
    assert total.split()[-2:] == ["incomplete", "7"], total


# ---- 7. one canonical form for plugin sections, with or without the plugin ----------------------

HAND_WRITTEN = """
[ext.esf]
# ESF-redovisning
in_work = 7
version = 1
age_bands = [{participants = 24, band = "16-24"}, {band = "25-29", participants = 6}]
"""
CANONICAL = """
[ext.esf]
version = 1
in_work = 7

[[ext.esf.age_bands]]
band = "16-24"
participants = 24

[[ext.esf.age_bands]]
band = "25-29"
participants = 6
"""


def test_a_plugin_section_has_one_canonical_form_whoever_wrote_it(esf_site, write):
    hand = write(MINIMAL + HAND_WRITTEN, "hand.toml")
    without = write(MINIMAL + HAND_WRITTEN, "without.toml")
    assert cli("fmt", "--check", str(hand), site=esf_site).returncode == 1  # not canonical: fmt says so
    r = cli("fmt", str(hand), site=esf_site)
    assert r.returncode == 0, r.stderr
    assert cli("--no-plugins", "fmt", str(without), site=esf_site).returncode == 0
    # the same bytes with the plugin installed and without it; the comment kept with its key
    assert hand.read_text(encoding="utf-8") == without.read_text(encoding="utf-8")
    # a comment belongs to the key below it, and moves with it
    assert hand.read_text(encoding="utf-8") == MINIMAL + CANONICAL.replace("in_work = 7", "# ESF-redovisning\nin_work = 7")
    assert cli("fmt", "--check", str(hand), site=esf_site).returncode == 0  # a fixpoint


def test_a_store_from_the_plugin_gives_the_same_form_as_a_hand_written_section(esf_site, monkeypatch, write):
    from lilla_ratten.storage import read_project

    host = esf_host(esf_site, monkeypatch)
    stored = write(MINIMAL, "stored.toml")
    loaded = read_project(stored)
    esf = host.sections(read_project(write(MINIMAL + CANONICAL, "c.toml")).project)[0]["esf"]
    host.store(loaded.project, "esf", esf)  # the plugin's field order: version, in_work, age_bands
    loaded.save()
    assert stored.read_text(encoding="utf-8") == MINIMAL + CANONICAL


def test_status_leads_with_the_warning_too(esf_site, write):
    crashing = write(MINIMAL + NO_BANDS, "crashing.toml")
    r = cli("status", str(crashing), "--as-of", "2023-10-01", "--format", "md", site=esf_site)
    assert r.returncode == 0, r.stderr  # the summary is still shown
    body = r.stdout.split("\n## ", 1)[1]
    assert body.startswith("Not fully checked\n")  # the first section
    assert "⚠ Plugin esf could not run its checks (lr_validate: ZeroDivisionError: division by zero" in body
