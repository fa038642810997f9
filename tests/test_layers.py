"""The layers of DESIGN.md §4 hold, and printing paths never pay for Textual."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    r = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Contracts: 3 kept, 0 broken." in r.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{sample}"],
        ["fmt", "--check", "{sample}"],
        ["status", "{sample}"],
        ["report", "status", "{sample}"],
        ["report", "final", "{sample}"],
    ],
)
def test_printing_paths_do_not_import_textual(args):
    sample = str(sorted(SAMPLES.glob("*.toml"))[0])
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['lilla-ratten', *{[a.format(sample=sample) for a in args]!r}]\n"
        "try:\n    runpy.run_module('lilla_ratten', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'plotext'))\n"
        "print('IMPORTED', bad, file=sys.stderr)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env={**os.environ})
    assert "IMPORTED []" in r.stderr, r.stderr[-2000:]
