"""`lilla-ratten review` as it is served: it ends with its reader, reads only its own folder,
and its read-only screens offer nothing that cannot be done there.

tests/test_ssh_review.py does the same through a real sshd where one can be started.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MINIMAL

# A plugin whose summary takes a minute: a review busy reading, with nothing printed yet.
SLOW_PLUGIN = '''
import os, time
from lilla_ratten import api


class Slow:
    @api.hookimpl
    def lr_summary(self, project, sections, as_of, participants):
        open(os.environ["SLOW_MARKER"], "w").close()
        time.sleep(60)
        return []


plugin = Slow()
'''


def slow_plugin(folder: Path) -> dict[str, str]:
    """The environment that loads ``SLOW_PLUGIN`` (with ``--plugin slow_summary:plugin``)."""
    folder.mkdir(exist_ok=True)
    (folder / "slow_summary.py").write_text(SLOW_PLUGIN, encoding="utf-8")
    return {"PYTHONPATH": str(folder), "LILLA_RATTEN_HOOK_TIMEOUT": "0", "SLOW_MARKER": str(folder / "started")}


def wait_for_file(path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def test_a_printing_review_ends_when_its_reader_goes_away(tmp_path):
    projects = tmp_path / "projects"
    projects.mkdir()
    (projects / "styrgrupp.toml").write_text(MINIMAL, encoding="utf-8")
    env = {**os.environ, **slow_plugin(tmp_path / "site")}
    command = [sys.executable, "-m", "lilla_ratten", "--plugin", "slow_summary:plugin",
               "review", "--print", "--project", "styrgrupp", str(projects)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        wait_for_file(Path(env["SLOW_MARKER"]))  # busy, nothing printed yet
        process.stdout.close()  # the reader goes away (a client timing out, `| head` ending)
        started = time.monotonic()
        status = process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("the review was still running 10 s after its reader had gone")
    finally:
        process.kill()
        process.wait()
    print(f"ended {time.monotonic() - started:.2f} s after its reader went away")
    assert status == -signal.SIGHUP
    assert b"Traceback" not in process.stderr.read()


SECRET = MINIMAL.replace("Testprojekt", "Hemligt projekt utanför mappen").replace('id = "test"', 'id = "hemligt"')


def served_with_links(tmp_path: Path) -> Path:
    """A served folder holding a project, a link to a file outside it, a link inside it, a FIFO."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "hemligt.toml").write_text(SECRET, encoding="utf-8")
    (outside / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    served = tmp_path / "projects"
    (served / "sub").mkdir(parents=True)
    (served / "styrgrupp.toml").write_text(MINIMAL, encoding="utf-8")
    (served / "lank.toml").symlink_to(outside / "hemligt.toml")  # as git checks out a committed link
    (served / "sub" / "passwd.toml").symlink_to("../../outside/passwd")
    (served / "sub" / "samma.toml").symlink_to("../styrgrupp.toml")  # inside the folder: fine
    os.mkfifo(served / "ror.toml")
    return served


def review(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("LILLA_RATTEN_LANG", "LC_ALL", "LANGUAGE", "SSH_ORIGINAL_COMMAND")}
    return subprocess.run([sys.executable, "-m", "lilla_ratten", *args], capture_output=True, text=True, cwd=cwd,
                          env={**clean, "LANG": "C.UTF-8", "COLUMNS": "100", **(env or {})}, timeout=60)


def test_review_reads_only_regular_files_inside_its_folder(tmp_path):
    served_with_links(tmp_path)
    r = review("--lang", "en", "review", "--print", "projects", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Hemligt projekt" not in r.stdout and "root:x:0:0" not in r.stdout
    assert "projects/lank.toml        not read: a link to a file outside projects" in r.stdout
    assert "projects/ror.toml         not read: not a regular file" in r.stdout
    assert "projects/sub/passwd.toml  not read: a link to a file outside projects" in r.stdout
    assert r.stdout.count("Organisation:   Skarpnäcks") == 2  # styrgrupp.toml and the link to it inside the folder
    r = review("--lang", "en", "review", "--print", "--project", "lank", "projects", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == "projects/lank.toml: not read: a link to a file outside projects\n"
    # over SSH, in Swedish: the same refusal
    r = review("review", "projects", cwd=tmp_path, env={"SSH_ORIGINAL_COMMAND": "review --print passwd"})
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == "projects/sub/passwd.toml: inte läst: en länk till en fil utanför projects\n"
    r = review("--lang", "en", "lessons", "projects", cwd=tmp_path)
    assert r.returncode == 1 and "Hemligt" not in r.stdout
    assert "projects/lank.toml: not read: a link to a file outside projects" in r.stderr
