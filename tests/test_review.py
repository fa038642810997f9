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
