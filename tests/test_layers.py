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
    assert "Contracts: 4 kept, 0 broken." in r.stdout


# python-docx, odfdo, typst and Pillow: only writing a .docx, .odt or .pdf pays for them
DOCUMENT_LIBRARIES = ("docx", "odfdo", "typst", "PIL", "lilla_ratten.documents")


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{sample}"],
        ["fmt", "--check", "{sample}"],
        ["status", "{sample}"],
        ["report", "status", "{sample}"],
        ["report", "final", "{sample}"],
        ["report", "final", "{sample}", "--format", "json"],
        ["report", "status", "{sample}", "--format", "text"],
        ["portfolio", "{sample}", "--format", "md"],
    ],
)
def test_printing_paths_do_not_import_textual(args):
    sample = str(sorted(SAMPLES.glob("*.toml"))[0])
    code = (
        f"import sys, runpy\nDOCS = {DOCUMENT_LIBRARIES!r}\n"
        f"sys.argv = ['lilla-ratten', *{[a.format(sample=sample) for a in args]!r}]\n"
        "try:\n    runpy.run_module('lilla_ratten', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "bad = sorted(m for m in sys.modules if m in DOCS or m.split('.')[0] in ('textual', 'plotext', *DOCS))\n"
        "print('IMPORTED', bad, file=sys.stderr)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env={**os.environ})
    assert "IMPORTED []" in r.stderr, r.stderr[-2000:]


def test_writing_a_document_is_what_imports_its_library(tmp_path):
    """The other side of the test above: the guard sees the libraries when they are loaded."""
    sample = str(sorted(SAMPLES.glob("*.toml"))[0])
    out = tmp_path / "r.docx"
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['lilla-ratten', 'report', 'final', {sample!r}, '--format', 'docx', '-o', {str(out)!r}]\n"
        "try:\n    runpy.run_module('lilla_ratten', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print('IMPORTED', sorted({m.split('.')[0] for m in sys.modules} & {'docx', 'odfdo', 'typst', 'textual'}), file=sys.stderr)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env={**os.environ})
    assert "IMPORTED ['docx']" in r.stderr, r.stderr[-2000:]
    assert out.stat().st_size > 0


def test_the_first_frame_waits_for_nothing_it_does_not_show():
    """What is imported when `lilla-ratten open FILE` paints its first frame on a terminal.

    The first frame is the overview; plugins (pluggy), the other commands, tables, forms,
    dialogs and charts come after it. Guarding the imports keeps the start fast without
    asserting a time (benchmarks/first_paint.py measures it).
    """
    import pty

    sample = str(SAMPLES / "ingen-ska-lamnas-utanfor-2.toml")
    code = (
        "import os, sys\n"
        "import textual.app\n"
        "_display = textual.app.App._display\n"
        "def display(self, screen, renderable):\n"
        "    _display(self, screen, renderable)\n"
        "    if self._running and renderable is not None:\n"
        "        with open(os.environ['REPORT'], 'w') as fh:\n"
        "            fh.write(repr((sorted(sys.modules), str(self.screen.query_one('#summary').render()))))\n"
        "        os._exit(0)\n"
        "textual.app.App._display = display\n"
        "from lilla_ratten.cli import main\n"
        f"main(['open', {sample!r}])\n"
    )
    report = Path(os.environ.get("TMPDIR", "/tmp")) / f"first-frame-{os.getpid()}.txt"
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"REPORT": str(report), "LILLA_RATTEN_LANG": "en", "TERM": "xterm-256color"})
        os.execv(sys.executable, [sys.executable, "-c", code])
    try:
        while True:  # drain the terminal until the child is gone
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
    finally:
        os.waitpid(pid, 0)
        os.close(fd)
    modules, overview = eval(report.read_text())  # noqa: S307 - our own repr of a list and a str
    report.unlink()
    assert "Ingen ska lämnas" in overview and "NEEDS DOING" in overview  # the overview is on screen
    not_yet = {
        "pluggy", "lilla_ratten.plugins.manager", "lilla_ratten.plugins.specs",  # the plugins
        "lilla_ratten.cli.new", "lilla_ratten.cli.portfolio", "lilla_ratten.cli.history",  # other commands
        "lilla_ratten.tui.widgets.project_tabs", "lilla_ratten.tui.widgets.record_table",  # the tabs
        "lilla_ratten.tui.screens.record_form", "lilla_ratten.tui.screens.confirm",  # forms, dialogs
        "plotext", "textual.widgets._tabbed_content", "textual.widgets._data_table",
        "lilla_ratten.storage.unsaved",  # kept copies are looked for after the first frame
        # a valid file needs neither the strict reader nor the writer, its comments or a digest yet
        "tomli", "tomli_w", "hashlib", "lilla_ratten.storage.comments", "lilla_ratten.storage.writer",
        "shlex", "lilla_ratten.storage.discover",
        *DOCUMENT_LIBRARIES, "lilla_ratten.cli.export",  # documents are written on request only
    }
    assert not_yet.isdisjoint(modules), sorted(not_yet & set(modules))
