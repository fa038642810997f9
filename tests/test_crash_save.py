"""Saving survives being killed: SIGKILL at random moments while the real storage code saves.

The file on disk must always be the complete old or the complete new version; a
killed save may leave a hidden temp file, which is never read as a project and is
removed by the next save once it is stale. Trials: $LR_CRASH_TRIALS (default 30;
`make fuzz` runs 500).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from lilla_ratten.storage import read_project
from lilla_ratten.storage.atomic import STALE_SECONDS, stale_temp_files
from lilla_ratten.storage.discover import project_files
from tests.conftest import SAMPLES

TRIALS = int(os.environ.get("LR_CRASH_TRIALS", "30"))

SAVER = """
import sys
from lilla_ratten.storage import read_project
path = sys.argv[1]
a = read_project(sys.argv[2]).project
b = read_project(sys.argv[3]).project
loaded = read_project(path)
print("ready", flush=True)
i = 0
while True:  # save A, B, A, B … until killed
    loaded.save(b if i % 2 == 0 else a, force=True)
    i += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_during_save_leaves_old_or_new_never_a_mix(tmp_path):
    small = SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml"
    large = SAMPLES / "ingen-ska-lamnas-utanfor-2.toml"
    from lilla_ratten.storage import render

    versions = {render(read_project(p).project).encode("utf-8") for p in (small, large)}
    assert len(versions) == 2
    saver = tmp_path / "saver.py"
    saver.write_text(SAVER, encoding="utf-8")
    path = tmp_path / "projekt.toml"
    rng = random.Random(20261125)
    outcomes = {"old or new": 0}
    leftovers = 0
    for _trial in range(TRIALS):
        path.write_bytes(render(read_project(small).project).encode("utf-8"))
        child = subprocess.Popen([sys.executable, str(saver), str(path), str(small), str(large)], stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.05))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        assert path.read_bytes() in versions, "a killed save left a file that is neither version"
        read_project(path)  # and it loads
        outcomes["old or new"] += 1
        left = stale_temp_files(tmp_path)
        leftovers += len(left)
        assert project_files([tmp_path]) == [path]  # a leftover is never taken for a project
        for tmp in left:
            tmp.unlink()
    print(f"\n{TRIALS} SIGKILL trials: file always complete old or new; {leftovers} killed saves left a temp file")
    assert outcomes["old or new"] == TRIALS


def test_a_stale_temp_file_is_removed_by_the_next_save(tmp_path):
    path = tmp_path / "projekt.toml"
    path.write_bytes((SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml").read_bytes())
    stale = tmp_path / ".projekt.toml.abc123.lr-tmp"
    fresh = tmp_path / ".projekt.toml.def456.lr-tmp"
    other = tmp_path / ".annat.toml.abc123.lr-tmp"
    for f in (stale, fresh, other):
        f.write_text("half a file")
    old = time.time() - STALE_SECONDS - 5
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    loaded = read_project(path)
    loaded.save(force=True)
    assert not stale.exists()  # this file's stale leftover is gone
    assert fresh.exists()  # one that may be another process's save under way is kept
    assert other.exists()  # another file's leftovers are that file's business
