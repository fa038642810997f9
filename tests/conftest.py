from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lilla_ratten.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_projects"

MINIMAL = textwrap.dedent(
    """\
    schema = 1

    [project]
    id = "test"
    name = "Testprojekt"
    organisation = "Skarpnäcks stadsdelsförvaltning"
    start = 2023-05-01
    end = 2024-02-29

    [[milestones]]
    id = "M1"
    title = "Kartläggning klar"
    planned = 2023-06-01
    done = 2023-06-05

    [[milestones]]
    id = "M2"
    title = "Uppföljning"
    planned = 2023-10-01
    """
)


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
