"""The test kit (lilla_ratten.testing) as a plugin author meets it: a test suite of their own,
run by pytest in a folder of its own, finds the fixtures by the ``pytest11`` entry point alone."""

from __future__ import annotations

import textwrap

from tests.conftest import ROOT

PLUGIN = '''
"""A third party's plugin: study visits."""
from datetime import date

import attrs

from lilla_ratten import api


@attrs.define(kw_only=True)
class Visit:
    id: str
    date: date


@attrs.define(kw_only=True)
class Visits:
    version: int = 1
    visits: list[Visit] = attrs.field(factory=list)


@api.hookimpl
def lr_sections():
    return [api.SectionSpec("visits", Visits)]


@api.hookimpl
def lr_validate(project, sections):
    data = sections.get("visits")
    return [api.Finding(("ext", "visits", "visits", i, "date"), "visit {id} is outside the project period", {"id": v.id})
            for i, v in enumerate(data.visits if data else []) if not project.project.start <= v.date <= project.project.end]


@api.hookimpl
def lr_tui_panes(sections):
    def factory(context):
        from textual.widgets import Static

        data = context.section("visits")
        return Static(f"{len(data.visits) if data else 0} visits recorded")

    return [api.Pane("visits", "Visits", factory)]
'''

TESTS = '''
from datetime import date

import attrs

from lilla_ratten.testing import screen_text, show_plugin_tab

VISITS = """
[ext.visits]
version = 1

[[ext.visits.visits]]
id = "V1"
date = 2023-09-12
"""


def test_validate_in_process(lr_cli, lr_project):
    path = lr_project(VISITS.replace("2023-09-12", "2030-01-01"))
    r = lr_cli("validate", str(path), plugins=["visits=visits_plugin"])
    assert r.exit_code == 1
    assert f"{path}:21: ext.visits.visits[V1].date: visit V1 is outside the project period [visits]" in r.stdout


def test_the_host_structures_the_section(lr_host, lr_project):
    from lilla_ratten.storage import read_project

    host = lr_host("visits=visits_plugin")
    sections, findings = host.sections(read_project(lr_project(VISITS)).project)
    assert [v.id for v in sections["visits"].visits] == ["V1"] and findings == []


def test_a_pane_store_is_checked_like_in_the_app(lr_host, lr_project, lr_pane_context):
    host = lr_host("visits=visits_plugin")
    context = lr_pane_context(lr_project(VISITS), host)
    visits = context.section("visits")
    late = attrs.evolve(visits, visits=[attrs.evolve(visits.visits[0], date=date(2030, 1, 1))])
    found = context.store("visits", late, "moved V1")
    assert [f.text() for f in found] == ["visit V1 is outside the project period"]
    assert context.stored == [] and context.section("visits").visits[0].date == date(2023, 9, 12)
    assert context.store("visits", attrs.evolve(visits, visits=[]), "removed V1") == []
    assert context.stored == ["removed V1"] and context.section("visits").visits == []


async def test_the_tab_with_pilot(lr_app, lr_host, lr_project):
    async with lr_app(lr_project(VISITS), lr_host("visits=visits_plugin")) as pilot:
        await show_plugin_tab(pilot, "visits", "visits")
        assert "1 visits recorded" in screen_text(pilot.app)
'''


def test_a_third_party_suite_uses_the_kit_by_its_entry_point_alone(pytester):
    pytester.makepyfile(visits_plugin=PLUGIN, test_visits=TESTS)
    # no conftest, no imports from the app's own tests: the kit comes from the installed lilla-ratten
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-o", "asyncio_mode=auto")
    result.assert_outcomes(passed=4)


def test_a_failing_assert_shows_the_commands_output(pytester):
    pytester.makepyfile(test_fails='''
def test_wrong(lr_cli, lr_project):
    r = lr_cli("validate", str(lr_project("")))
    assert r.exit_code == 1, r
''')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-vv")  # -vv: pytest cuts long reprs short otherwise
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*CliResult(exit_code=0, stdout=*project.toml: no problems*stderr=*"])


def test_lr_install_finds_a_plugin_by_its_entry_point(lr_install, lr_host, lr_project, lr_cli):
    lr_install(ROOT / "tests" / "esf_plugin")
    host = lr_host(entry_points=True, disabled=["budget", "steps", "equality"])
    assert {"esf", "boomtype", "boomcommand"} <= {p.name for p in host.plugins()}
    path = lr_project(textwrap.dedent("""
        [ext.esf]
        version = 1
        in_work = 3
        """))
    r = lr_cli("validate", str(path), entry_points=True)
    assert r.exit_code == 3
    assert f"{path}: not fully checked: plugin esf could not run its checks (lr_validate: ZeroDivisionError" in r.stdout
