"""Label–value blocks in the plain-text report: long labels must not squeeze values."""

from __future__ import annotations

from lilla_ratten.model.document import Document, Facts, section
from lilla_ratten.reports.render_text import render


def test_a_label_longer_than_its_column_puts_the_value_below_it_unbroken():
    email = "caroline.hogdahl.cole@stockholm.se"
    doc = Document(
        "final",
        "Redovisning",
        sections=[
            section(
                "head",
                "Uppgifter",
                Facts([("År", "2023"), ("Kontaktperson för projektet, namn, e-post, tfn", f"Caroline Högdahl Cole, {email}, 08-508 15 303")]),
            )
        ],
    )
    lines = render(doc, width=80).splitlines()
    label = lines.index("Kontaktperson för projektet, namn, e-post, tfn:")
    value = "\n".join(lines[label + 1 : label + 3])
    assert email in value  # the address is whole, never split across lines
    assert lines[label + 1].startswith(" " * 5) and "Caroline Högdahl Cole" in lines[label + 1]
    assert any(line.startswith("År:") and line.rstrip().endswith("2023") for line in lines)
    assert max(len(line) for line in lines) <= 80
