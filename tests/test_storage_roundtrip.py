"""The canonical form: stable bytes, one-line diffs, nothing of the user's lost."""

from __future__ import annotations

import difflib

from hypothesis import HealthCheck, given, settings

from lilla_ratten.model import Milestone
from lilla_ratten.storage import converter, read_project, render
from lilla_ratten.storage.converter import structure
from lilla_ratten.storage.reader import parse_toml
from lilla_ratten.model import Project
from tests.conftest import MINIMAL
from tests.strategies import projects


def changed_lines(a: str, b: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_canonical_file_is_stable(write):
    path = write(MINIMAL)
    loaded = read_project(path)
    assert render(loaded.project, loaded.notes) == MINIMAL


def test_changing_one_field_changes_one_line(write):
    loaded = read_project(write(MINIMAL))
    before = render(loaded.project, loaded.notes)
    loaded.project.milestones[1].done = __import__("datetime").date(2023, 10, 3)
    after = render(loaded.project, loaded.notes)
    assert changed_lines(before, after) == ["+done = 2023-10-03"]


def test_one_long_title_does_not_change_the_layout_of_the_list(write):
    loaded = read_project(write(MINIMAL))
    before = render(loaded.project, loaded.notes)
    loaded.project.milestones[0].title = "Kartläggning av forskning och annan kunskap som behövs för rutinerna klar"
    after = render(loaded.project, loaded.notes)
    assert changed_lines(before, after) == [
        '-title = "Kartläggning klar"',
        '+title = "Kartläggning av forskning och annan kunskap som behövs för rutinerna klar"',
    ]
    assert after.count("[[milestones]]") == 2


def test_adding_an_item_adds_only_its_lines(write):
    loaded = read_project(write(MINIMAL))
    before = render(loaded.project, loaded.notes)
    loaded.project.milestones.append(Milestone(id="M3", title="Slutrapport", planned=__import__("datetime").date(2024, 2, 28)))
    after = render(loaded.project, loaded.notes)
    assert changed_lines(before, after) == [
        "+",
        "+[[milestones]]",
        '+id = "M3"',
        '+title = "Slutrapport"',
        "+planned = 2024-02-28",
    ]


def test_prose_is_written_as_multiline_string(write):
    loaded = read_project(write(MINIMAL))
    loaded.project.final.summary = "Första stycket.\n\nAndra stycket."
    text = render(loaded.project)
    assert '[final]\nsummary = """\nFörsta stycket.\n\nAndra stycket."""\n' in text


def test_comments_survive_and_follow_their_item(write):
    text = MINIMAL.replace(
        '[[milestones]]\nid = "M2"', '# flyttad efter styrgruppens beslut\n[[milestones]]\nid = "M2"  # se protokoll'
    )
    loaded = read_project(write(text))
    assert render(loaded.project, loaded.notes) == text
    del loaded.project.milestones[0]
    after = render(loaded.project, loaded.notes)
    assert '# flyttad efter styrgruppens beslut\n[[milestones]]\nid = "M2"  # se protokoll\n' in after


def test_plugin_section_of_a_plugin_not_installed_is_written_back_unchanged(write):
    ext = (
        "\n[ext.steps]\nscale = \"0-4\"\n\n[[ext.steps.rounds]]\nid = \"R1\"\ndate = 2023-05-15\n\n"
        "[[ext.steps.rounds]]\nid = \"R2\"\ndate = 2023-10-15\n\n[ext.unknown_vendor]\nx = 1\n"
    )
    path = write(MINIMAL + ext)
    loaded = read_project(path)
    loaded.project.milestones[1].title = "Uppföljning oktober"
    loaded.save()
    saved = path.read_text(encoding="utf-8")
    assert saved.endswith(ext)
    assert parse_toml(saved)["ext"] == parse_toml(MINIMAL + ext)["ext"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(projects)
def test_any_model_survives_save_load_save_byte_identically(project):
    first = render(project)
    again, findings = structure(parse_toml(first), Project)
    assert findings == []
    assert again == project
    assert render(again) == first


def test_unstructure_has_no_python_objects_toml_cannot_hold():
    loaded_text = MINIMAL
    project, _ = structure(parse_toml(loaded_text), Project)
    data = converter.unstructure(project)
    assert data["milestones"][0]["planned"].isoformat() == "2023-06-01"


def test_a_file_with_a_byte_order_mark_loads_and_saves_without_it(tmp_path):
    from lilla_ratten.storage import read_project
    from tests.conftest import SAMPLES

    path = tmp_path / "bom.toml"
    text = (SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml").read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + text)  # as Windows Notepad saves UTF-8
    loaded = read_project(path)
    assert loaded.problems == [] and loaded.project.project.name == "Barnperspektivet och ekonomiskt bistånd"
    loaded.save(force=True)
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_carriage_return_in_a_list_of_texts_survives_a_save(write):
    """Hypothesis found it: tomli-w wrote ``["\\r\\n"]`` as a multi-line string, whose line
    end every reader gives back as "\\n"; a list holding one is now written escaped too."""
    loaded = read_project(write(MINIMAL))
    loaded.project.provenance.estimated = ["\r\n", "a\rb"]
    text = render(loaded.project)
    assert '[provenance]\nestimated = [\n    "\\r\\n",\n    "a\\rb",\n]\n' in text  # escaped, not """
    again, findings = structure(parse_toml(text), Project)
    assert findings == [] and again.provenance.estimated == ["\r\n", "a\rb"]
