"""The command line, run as a person would: in a subprocess, reading what it prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from tests.conftest import MINIMAL

REPORTS = """
[[status_reports]]
id = "SR1"
date = 2023-06-06
milestone = "M1"
time = "green"
cost = "green"
scope = "yellow"
summary = \"\"\"
Kartläggningen är klar.\"\"\"
sent = 2023-06-07
"""


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("LILLA_RATTEN_LANG", "LC_ALL", "LANGUAGE")}
    full_env.update({"LANG": "C.UTF-8", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "lilla_ratten", *args], capture_output=True, text=True, env=full_env, timeout=60
    )


def test_validate_ok_and_bad(write):
    good = write(MINIMAL, "good.toml")
    bad = write(MINIMAL.replace("end = 2024-02-29", "end = 2022-01-01"), "bad.toml")
    r = cli("--lang", "en", "validate", str(good), str(bad))
    assert r.returncode == 1
    assert r.stdout.splitlines() == [
        f"{good}: no problems",
        f"{bad}:8: project.end: the end 2022-01-01 is before the start 2023-05-01",
    ]
    assert "Traceback" not in r.stderr


def test_validate_syntax_error_no_traceback(write):
    bad = write("schema = 1\n[project\n")
    r = cli("--lang", "en", "validate", str(bad))
    assert r.returncode == 1
    assert r.stdout.startswith(f"{bad}:2: TOML syntax error: ")
    assert r.stderr == ""


def test_fmt_check_and_rewrite(write):
    messy = MINIMAL.replace('id = "M1"\n', 'id="M1"\n').replace("[[milestones]]\nid = \"M2\"", "[[milestones]]\n\n\nid = \"M2\"")
    path = write(messy)
    r = cli("--lang", "en", "fmt", "--check", str(path))
    assert (r.returncode, r.stdout) == (1, f"{path}: would be reformatted\n")
    assert path.read_text(encoding="utf-8") == messy
    r = cli("--lang", "en", "fmt", str(path))
    assert (r.returncode, r.stdout) == (0, f"{path}: reformatted\n")
    assert path.read_text(encoding="utf-8") == MINIMAL
    r = cli("fmt", "--check", str(path))
    assert (r.returncode, r.stdout) == (0, "")


def test_new_creates_a_valid_file(tmp_path):
    path = tmp_path / "mitt-projekt.toml"
    r = cli("--lang", "en", "new", str(path), "--name", "Mitt projekt")
    assert r.returncode == 0, r.stderr
    text = path.read_text(encoding="utf-8")
    assert f"start = {date.today().isoformat()}" in text
    assert 'name = "Mitt projekt"' in text
    assert cli("validate", str(path)).returncode == 0
    assert cli("fmt", "--check", str(path)).returncode == 0
    again = cli("--lang", "en", "new", str(path))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_status_summary(write):
    path = write(MINIMAL + REPORTS)
    r = cli("--lang", "en", "status", str(path), "--as-of", "2023-10-11")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Phase:" in out and "execution" in out
    assert "SR1 2023-06-06: (!) yellow" in out
    assert "Milestone M2 Uppföljning is 10 days overdue" in out


def test_status_json(write):
    path = write(MINIMAL + REPORTS)
    r = cli("status", str(path), "--as-of", "2023-10-11", "--format", "json")
    data = json.loads(r.stdout)["data"]
    assert data["overdue_milestones"] == [{"id": "M2", "days": 10}]
    assert data["overall"] == "yellow"


def test_report_status_markdown(write):
    path = write(MINIMAL + REPORTS)
    r = cli("--lang", "en", "report", "status", str(path))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# Status report SR1: Testprojekt\n")
    assert "| Scope | (!) yellow |" in r.stdout
    assert "| Overall | (!) yellow |" in r.stdout
    assert "Kartläggningen är klar." in r.stdout


def test_report_status_unknown_id(write):
    path = write(MINIMAL + REPORTS)
    r = cli("--lang", "en", "report", "status", str(path), "--id", "SR9")
    assert r.returncode == 1
    assert r.stderr == f"{path}: no status report SR9 (there are: SR1)\n"


def test_report_refuses_a_file_with_errors(write):
    path = write(MINIMAL.replace("end = 2024-02-29", "end = 2022-01-01"))
    r = cli("--lang", "en", "report", "final", str(path))
    assert r.returncode == 1
    assert f"{path}:8: project.end: the end 2022-01-01 is before the start 2023-05-01" in r.stderr
    assert r.stdout == ""


def test_bad_as_of_date_is_a_usage_error(write):
    path = write(MINIMAL)
    r = cli("--lang", "en", "status", str(path), "--as-of", "igår")
    assert r.returncode == 2
    assert "not a date like 2024-02-28: igår" in r.stderr


def test_a_file_or_nothing_means_open():
    from lilla_ratten.cli import route

    commands = {"open": None, "status": None}
    assert route([], [], commands) == ["open"]
    assert route(["p.toml"], ["p.toml"], commands) == ["open", "p.toml"]
    assert route(["--lang", "en", "p.toml"], ["p.toml"], commands) == ["--lang", "en", "open", "p.toml"]
    assert route(["status", "p.toml"], ["status", "p.toml"], commands) == ["status", "p.toml"]
    assert route(["--help"], ["--help"], commands) == ["--help"]


@pytest.mark.parametrize("env", [{"LANG": "en_GB.UTF-8"}, {"LILLA_RATTEN_LANG": "en"}])
def test_language_from_environment(write, env):
    path = write(MINIMAL.replace("end = 2024-02-29", "end = 2022-01-01"))
    r = cli("validate", str(path), env=env)
    assert "the end 2022-01-01 is before the start" in r.stdout


def test_open_through_the_real_command_line_paints_the_project():
    """`lilla-ratten open FILE` on a pseudo-terminal, as a person starts it (plugins load after the first frame)."""
    import sys as _sys
    from pathlib import Path as _Path

    _sys.path.insert(0, str(_Path(__file__).resolve().parents[1] / "benchmarks"))
    from first_paint import first_paint

    from tests.conftest import SAMPLES

    exe = str(_Path(_sys.executable).parent / "lilla-ratten")
    assert first_paint([exe, "open", str(SAMPLES / "ingen-ska-lamnas-utanfor-2.toml")], "Ingen ska lämnas".encode()) < 20
    assert first_paint([exe, str(SAMPLES)], "Projektportfölj".encode()) < 20  # a folder: the portfolio
