"""The plugin contract's holes a second outside author found (issue 32, items 2–10), each shown
through plugins installed as a third party's (tests/rogue_plugins/*, tests/finsam_plugin) and
run as a user runs the app: in a fresh process that finds them by their entry points."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lilla_ratten.testing import MINIMAL_PROJECT

HERE = Path(__file__).parent
ROGUE = HERE / "rogue_plugins"
FINSAM_PLUGIN = HERE / "finsam_plugin"
FINSAM = """
[ext.finsam]
version = 1
participants = 42

[[ext.finsam.partners]]
name = "Försäkringskassan"
contribution = 250000
"""


@pytest.fixture
def install(lr_install):
    """``install(*names)``: the named distributions (rogue_plugins/NAME, or "finsam") installed;
    returns the PYTHONPATH a fresh process finds them on."""

    def make(*names: str) -> str:
        dirs = [lr_install(FINSAM_PLUGIN if n == "finsam" else ROGUE / n) for n in names]
        return os.pathsep.join(map(str, dirs))

    return make


def run(path: str, *args, env=None, lang="en") -> subprocess.CompletedProcess:
    inherited = os.environ.get("PYTHONPATH")
    full = {**os.environ, "LILLA_RATTEN_LANG": lang, "PYTHONPATH": os.pathsep.join(filter(None, (path, inherited))),
            **(env or {})}
    return subprocess.run([sys.executable, "-m", "lilla_ratten", *map(str, args)], capture_output=True, text=True,
                          env=full, timeout=120)


def project(tmp_path: Path, toml: str = "", name: str = "project.toml") -> Path:
    path = tmp_path / name
    path.write_text(MINIMAL_PROJECT + toml, encoding="utf-8")
    return path


# ---- 2. a plugin's print never reaches machine output ---------------------------------------------


NOISY = "\n[ext.noisy]\nversion = 1\ncount = 3\n"


def test_a_plugins_prints_go_to_stderr_as_its_messages_never_into_json(install, tmp_path):
    site = install("noisy")
    path = project(tmp_path, NOISY)
    r = run(site, "report", "final", path, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["kind"] == "final_report"  # the whole of stdout is the document
    assert "noisy:" not in r.stdout
    for said in ("imported", "stderr at import", "final report"):
        assert f"plugin noisy: noisy: {said}\n" in r.stderr
    r = run(site, "status", path, "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout) and "plugin noisy: noisy: summary" in r.stderr


def test_a_plugins_prints_stay_out_of_csv_and_git_diffs(install, tmp_path):
    site = install("noisy")
    project(tmp_path, NOISY, "a.toml")
    project(tmp_path, NOISY, "b.toml")
    r = run(site, "portfolio", tmp_path, "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert "noisy_count" in rows[0] and len(rows) >= 3 and all(len(row) == len(rows[0]) for row in rows)
    assert "noisy:" not in r.stdout and "plugin noisy: noisy: column" in r.stderr
    r = run(site, "textconv", tmp_path / "a.toml")
    assert r.returncode == 0 and "noisy:" not in r.stdout and "plugin noisy: noisy: imported" in r.stderr


# ---- 3. each hook gets its own copy of `sections` -------------------------------------------------


COUNTER = "\n[ext.counter]\nversion = 1\nparticipants = 50\n"


def test_a_plugin_that_changes_its_sections_changes_nothing_for_the_next(install, tmp_path):
    site = install("mutator")
    r = run(site, "plugins")
    names = [line.split()[0] for line in r.stdout.splitlines() if line.startswith("  ") and not line.startswith("    ")]
    assert names.index("mutator") < names.index("tally")  # the mutator is called first, on every hook
    path = project(tmp_path, COUNTER, "a.toml")
    r = run(site, "validate", path)
    assert (r.returncode, r.stdout) == (0, f"{path}: no problems\n"), r.stdout + r.stderr  # 9999 would be an error
    r = run(site, "status", path, "--format", "json")
    assert "Participants: 50" in r.stdout and "9999" not in r.stdout
    r = run(site, "report", "final", path, "--format", "json")
    assert "Participants: 50" in r.stdout and "9999" not in r.stdout
    project(tmp_path, COUNTER.replace("50", "60"), "b.toml")
    r = run(site, "portfolio", tmp_path, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["data"]["totals"]["columns"]["participants"] == 110


# ---- 4. clashes are refused with both plugins named ----------------------------------------------


def refused(out: str, hook: str, one: str, other: str, what: str) -> bool:
    return f"{one} ({hook}): {what} is also {other}'s; both are refused" in out


def test_two_plugins_with_one_project_type_are_both_refused_and_named(install, tmp_path):
    site = install("impostor", "finsam")
    off = ("--disable", "columnclash", "--disable", "sectionclash")
    r = run(site, *off, "plugins")
    assert r.returncode == 1
    assert refused(r.stdout, "lr_project_types", "typeclash", "finsam", "project type 'finsam'")
    assert refused(r.stdout, "lr_project_types", "finsam", "typeclash", "project type 'finsam'")
    r = run(site, *off, "validate", project(tmp_path, FINSAM))
    assert r.returncode == 3 and "plugin finsam could not run its checks (lr_project_types: project type" in r.stdout
    r = run(site, *off, "new", tmp_path / "new.toml", "--type", "finsam")
    assert r.returncode == 2 and "invalid choice: 'finsam'" in r.stderr and not (tmp_path / "new.toml").exists()


def test_two_plugins_with_one_column_id_are_both_refused_and_named(install, tmp_path):
    site = install("impostor", "finsam")
    project(tmp_path, FINSAM)
    r = run(site, "--disable", "typeclash", "--disable", "sectionclash", "portfolio", tmp_path, "--format", "csv")
    assert r.returncode == 3
    header = next(csv.reader(io.StringIO(r.stdout)))
    assert len(header) == len(set(header)) and "Impostor" not in header
    assert "portfolio column 'finsam_participants' is also columnclash's" in r.stderr


def test_a_section_two_plugins_claim_is_refused_and_released_when_one_is_switched_off(install, tmp_path):
    site = install("impostor", "finsam")
    path = project(tmp_path, FINSAM)
    r = run(site, "--disable", "typeclash", "--disable", "columnclash", "validate", path)
    assert r.returncode == 3
    assert "plugin sectionclash could not run its checks (lr_sections: section [ext.finsam] is also finsam's" in r.stdout
    assert "unknown key" not in r.stdout  # the impostor's type never reads the real section
    r = run(site, "--disable", "typeclash", "--disable", "columnclash", "--disable", "sectionclash", "validate", path)
    assert (r.returncode, r.stdout) == (0, f"{path}: no problems\n"), r.stdout + r.stderr


def test_two_distributions_with_one_entry_point_name_are_both_refused(install, tmp_path):
    site = install("twin", "finsam")
    r = run(site, "plugins")
    assert r.returncode == 1
    assert ("finsam (load): the entry-point name 'finsam' of lilla-ratten-twin (lilla_ratten_twin) is also "
            "lilla-ratten-finsam's (lilla_ratten_finsam): neither is loaded") in r.stdout
    assert ("finsam (load): the entry-point name 'finsam' of lilla-ratten-finsam (lilla_ratten_finsam) is also "
            "lilla-ratten-twin's (lilla_ratten_twin): neither is loaded") in r.stdout
    r = run(site, "validate", project(tmp_path, FINSAM))
    assert r.returncode == 3 and "plugin finsam could not run its checks (load:" in r.stdout


def test_plugins_given_with_plugin_are_named_by_their_module(tmp_path):
    for name in ("first", "second"):
        (tmp_path / f"{name}.py").write_text(
            "from lilla_ratten import api\n\nclass plugin:\n    @staticmethod\n    @api.hookimpl\n"
            f"    def lr_summary():\n        return [api.section('{name}', '{name}', api.Paragraph('{name}'))]\n",
            encoding="utf-8")
    r = run(str(tmp_path), "--no-plugins", "--plugin", "first:plugin", "--plugin", "second:plugin", "plugins")
    assert r.returncode == 0, r.stdout
    assert "  first ?" in r.stdout and "  second ?" in r.stdout
    (tmp_path / "both.py").write_text((tmp_path / "first.py").read_text(encoding="utf-8")
                                      + "\n\nclass other(plugin):\n    pass\n", encoding="utf-8")
    r = run(str(tmp_path), "--no-plugins", "--plugin", "both:plugin", "--plugin", "both:other", "plugins")
    assert r.returncode == 0, r.stdout  # two objects of one module: named by their full spec
    assert "  both:plugin ?" in r.stdout and "  both:other ?" in r.stdout


async def test_the_app_names_both_plugins_of_a_clash(install, lr_app, tmp_path):
    from lilla_ratten.testing import load_host

    install("impostor", "finsam")
    host = load_host(entry_points=True, disabled=("columnclash", "sectionclash"))
    async with lr_app(project(tmp_path, FINSAM), host) as pilot:
        said = [n.message for n in pilot.app._notifications]
    assert any("typeclash" in m and "project type 'finsam' is also finsam's" in m for m in said), said
    assert any(m.startswith("Plugin finsam failed") and "is also typeclash's" in m for m in said), said


# ---- 5. the API a plugin was written for ---------------------------------------------------------


def test_a_plugin_for_a_newer_api_is_refused_with_both_versions_named(install, tmp_path):
    site = install("newapi")
    r = run(site, "plugins")
    assert r.returncode == 1
    assert "newapi (register): written for plugin API 2; this Lilla Ratten has plugin API 1" in r.stdout
    assert "  newapi" not in r.stdout.split("Failed:")[0]
    r = run(site, "status", project(tmp_path), "--format", "json")
    assert "from the future" not in r.stdout


# ---- 6. hooks the app does not have ----------------------------------------------------------------


def test_a_misspelt_hook_is_reported_not_loaded_silently(install, tmp_path):
    site = install("misspelt")
    r = run(site, "plugins")
    assert r.returncode == 1
    assert "misspelt (register): unknown hook lr_report_footer, lr_valdiate (did you mean lr_validate?)" in r.stdout
    assert "lr_valdiate" not in r.stdout.split("Failed:")[0]  # never listed among a plugin's hooks
    r = run(site, "validate", project(tmp_path))
    assert r.returncode == 3 and "plugin misspelt could not run its checks (register: unknown hook" in r.stdout


# ---- 7. the time limit holds whatever the hook catches ---------------------------------------------


def test_a_hook_that_swallows_the_time_limit_cannot_hang_the_command(install, tmp_path):
    site = install("swallow")
    path = project(tmp_path)
    started = time.monotonic()
    r = run(site, "validate", path, env={"LILLA_RATTEN_HOOK_TIMEOUT": "0.5"})
    took = time.monotonic() - started
    assert r.returncode == 3
    assert ("plugin swallow did not stop when its time limit ran out (lr_validate: it catches the interruption); "
            "stopped, nothing after this was done") in r.stderr
    assert "no problems" not in r.stdout
    print(f"validate with a hook swallowing the alarm ended after {took:.2f} s (limit 0.5 s + grace)")


# ---- 8. a report a plugin is missing from is no success --------------------------------------------


def test_a_final_report_without_a_failed_plugins_section_says_so_in_json_and_pdf(install, tmp_path):
    site = install("impostor", "finsam")
    path = project(tmp_path, FINSAM)
    off = ("--disable", "typeclash", "--disable", "columnclash")
    r = run(site, *off, "report", "final", path, "--format", "json")
    assert r.returncode == 3
    doc = json.loads(r.stdout)
    assert {(f["plugin"], f["hook"]) for f in doc["data"]["incomplete"]} == {
        ("sectionclash", "lr_sections"), ("finsam", "lr_sections")}
    assert doc["sections"][0]["id"] == "incomplete"
    out = tmp_path / "r.pdf"
    r = run(site, *off, "report", "final", path, "--format", "pdf", "-o", out)
    assert r.returncode == 3 and out.exists()
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Incomplete" in text and "Plugin finsam failed (lr_sections:" in text


# ---- 9. `new --type T` when the type's plugin failed elsewhere first -------------------------------


def test_new_with_a_type_whose_plugin_failed_first_says_so_without_a_traceback(install, tmp_path):
    site = install("typecmd")
    target = tmp_path / "new.toml"
    r = run(site, "new", target, "--type", "cmdtype")
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and "StopIteration" not in r.stderr
    assert (f"{target}: not created, nothing was written: project type cmdtype of plugin typecmd is not available, "
            "the plugin was switched off (lr_commands: RuntimeError: the command list fails") in r.stderr
    assert not target.exists()


# ---- 10. the core's own words in Swedish ----------------------------------------------------------------


def test_a_wrong_kind_of_value_is_said_in_swedish_in_the_core_and_a_plugins_section(install, tmp_path):
    site = install("finsam")
    core = project(tmp_path, "", "core.toml")
    core.write_text(core.read_text(encoding="utf-8").replace('name = "Testprojekt"', "name = 5"), encoding="utf-8")
    r = run(site, "validate", core, lang="sv")
    assert (r.returncode, r.stdout) == (1, f"{core}:5: project.name: väntade text, fick ett heltal\n")
    path = project(tmp_path, FINSAM.replace("participants = 42", 'participants = "många"'))
    r = run(site, "validate", path, lang="sv")
    assert r.returncode == 1
    assert "ext.finsam.participants: väntade ett heltal, fick text [finsam]" in r.stdout, r.stdout
    assert "a whole number" not in r.stdout


# ---- 10. the test kit speaks a language; the app names records by id ------------------------------


def test_the_kits_host_and_pane_context_take_a_language(install, lr_host, lr_pane_context, tmp_path):
    install("finsam")
    path = project(tmp_path, FINSAM.replace("participants = 42", 'participants = "många"'))
    host = lr_host(entry_points=True, lang="sv")
    from lilla_ratten import api

    (finding,) = [f for f in host.validate(api.read_project(path).project) if f.source == "finsam"]
    assert finding.text() == "väntade ett heltal, fick text"
    context = lr_pane_context(path, host, lang="en")
    assert context.section("finsam") is None and finding.text() == "expected a whole number, got text"


def test_the_app_names_a_plugins_records_by_their_id_as_validate_does(install, tmp_path):
    from lilla_ratten import api
    from lilla_ratten.testing import load_host
    from lilla_ratten.tui.pane_context import describe

    install("finsam")
    path = project(tmp_path, FINSAM + '\n[[ext.finsam.sus]]\nid = "work"\nname = "I arbete"\nvalue = 3\n')
    host = load_host(entry_points=True)
    loaded = api.read_project(path)
    section = host.sections(loaded.project)[0]["finsam"]
    section.sus[0].value = -1
    findings = host.check_section(loaded.project, "finsam", section)
    trial = copy.deepcopy(loaded.project)
    host.store(trial, "finsam", section)
    assert describe(findings, trial) == "ext.finsam.sus[work].value: a SUS value cannot be negative [finsam]"
