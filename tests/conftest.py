from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from lilla_ratten.i18n import set_language

# Before any test module imports the TUI: its key bindings are translated at import.
set_language("en")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_projects"

from lilla_ratten.testing import MINIMAL_PROJECT  # noqa: E402 - after the language is set

# the plugin kit's minimal project (what a third party's tests get), and a second milestone
MINIMAL = MINIMAL_PROJECT + textwrap.dedent(
    """\

    [[milestones]]
    id = "M2"
    title = "Uppföljning"
    planned = 2023-10-01
    """
)


# every incremental render is checked against a full one (storage.writer.Renderer): a code path
# that edits a record in place instead of replacing it would lose that edit at save
os.environ["LILLA_RATTEN_CHECK_RENDER"] = "1"


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """The parsed-project cache of this test run, never the user's own (commands inherit it)."""
    import os

    os.environ["LILLA_RATTEN_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield


@pytest.fixture(autouse=True)
def private_state(tmp_path_factory, monkeypatch):
    """Each test keeps unsaved changes in a folder of its own, never the user's (commands inherit it)."""
    monkeypatch.setenv("LILLA_RATTEN_STATE", str(tmp_path_factory.mktemp("unsaved")))


@pytest.fixture(autouse=True)
def english():
    """Tests read messages in English unless they choose Swedish themselves."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def write(tmp_path):
    def _write(text: str, name: str = "project.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def plugin_site(tmp_path_factory):
    """tests/example_plugin and tests/broken_plugin, pip-installed into a folder of their own.

    They are found through their entry points, as a third party's plugin would be;
    commands see them with ``PYTHONPATH=<this folder>``.
    """
    import subprocess
    import sys

    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
            "--no-build-isolation", "--target", str(target),
            str(ROOT / "tests" / "example_plugin"), str(ROOT / "tests" / "broken_plugin"),
        ],
        check=True,
        capture_output=True,
    )
    return target


@pytest.fixture(scope="session")
def esf_site(tmp_path_factory):
    """tests/esf_plugin (a third party's plugin with first-version bugs), pip-installed into a folder of its own."""
    import subprocess
    import sys

    target = tmp_path_factory.mktemp("esf-site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
         "--no-build-isolation", "--target", str(target), str(ROOT / "tests" / "esf_plugin")],
        check=True,
        capture_output=True,
    )
    return target


@pytest.fixture
def with_plugins(plugin_site, monkeypatch):
    """The installed test plugins visible to this process's entry-point scan."""
    import importlib

    monkeypatch.syspath_prepend(str(plugin_site))
    importlib.invalidate_caches()
    return plugin_site


def left_unsaved(path: Path, title: str = "Slutrapport", milestone: str = "M3") -> None:
    """A session in another process adds a milestone and ends without saving (as if killed)."""
    import subprocess
    import sys

    code = (
        "import os\n"
        "from datetime import date\n"
        "from lilla_ratten.model import Milestone\n"
        "from lilla_ratten.tui.session import Session\n"
        f"s = Session.open({str(path)!r})\n"
        f"s.change('added', lambda p: p.milestones.append(Milestone(id={milestone!r}, title={title!r}, planned=date(2024, 2, 28))))\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


pytest_plugins = ["pytester"]  # tests/test_testing_kit.py runs a third party's test suite with it
