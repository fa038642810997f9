"""The whole job in the app (issue 28's "Done when"): a LUM project from an empty file to its
final report, keys only, in Swedish at 80×24.

One person at the keyboard opens a file that does not exist, fills in the new-project form,
sets the project details (`e`: organisation, granted amount, type LUM), a goal, a milestone,
a budget line with its outcome, two income rows (grant and own contribution) and the grant's
terms, a household, two participants, two measurement rounds and four measurements, the
counts of women and men (picked), and a status report (`n`); saves (Ctrl+S) and quits
(Ctrl+Q). A new app reopens the file, shows the final report (`r`) and exports it (`x`) as
Markdown and as PDF. The assertions are on the TOML written and on both documents: the
budget, the repayment the grant's rule gives, the steps the participants moved, "24 kvinnor"
and "8 män", the milestone. Nothing is set on a widget: every value arrives by a key press.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date

from lilla_ratten.storage import read_project
from lilla_ratten.testing import load_host, screen_text
from lilla_ratten.tui.app import LillaRattenApp
from lilla_ratten.tui.screens.export_dialog import ExportDialog
from lilla_ratten.tui.screens.new_project import NewProject
from lilla_ratten.tui.screens.project_screen import ProjectScreen
from lilla_ratten.tui.session import Session

AS_OF = date(2024, 2, 28)  # the day the report of "Ingen ska lämnas utanför del 2" was dated
SIZE = (80, 24)


def _flat(text: str) -> str:
    """Amounts are grouped with no-break spaces and lines wrap: compared as plain words."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


async def _keys(pilot, *keys: str) -> None:
    """Each key, then the app settles (forms open and close, pickers drop down)."""
    for key in keys:
        await pilot.press(key)
    await pilot.pause()


def _type(text: str) -> list[str]:
    return list(text)


async def _enter_the_project(pilot, path) -> None:
    app = pilot.app
    assert isinstance(app.screen, NewProject)
    await _keys(pilot, *_type("Ingen ska lämnas utanför del 2"), "tab", *_type("2023-05-01"), "tab", *_type("2024-02-29"), "enter")
    assert isinstance(app.screen, ProjectScreen) and path.exists()

    # e: the project's details — organisation (third field), granted (14th), the type picked (– lum lansstyrelsen)
    await _keys(pilot, "e", "tab", "tab", *_type("Skarpnäcks stadsdelsförvaltning"), *["tab"] * 11, *_type("400000"),
                "tab", "enter", "down", "enter", "ctrl+s")
    # 2: goals; a: a new effect goal, its text the first empty field
    await _keys(pilot, "2", "a", *_type("Fler föräldrar närmare självförsörjning"), "ctrl+s")
    # 4: milestones; a: title, planned, done
    await _keys(pilot, "4", "a", *_type("Arbetsmetoder framtagna"), "tab", *_type("2023-12-15"), "tab", *_type("2023-12-10"), "ctrl+s")

    # 0: the budget tab. A line (name, category Staff as offered, budget, outcome) ...
    await _keys(pilot, "0", "a", *_type("Personalkostnader"), "tab", "tab", *_type("658944"), "tab", *_type("620000"), "ctrl+s")
    assert "Budget" in screen_text(app) and "620 000" in _flat(screen_text(app))
    # ... income: the grant (the kind offered first), then the own contribution (kind picked) ...
    await _keys(pilot, "tab", "a", *_type("Beviljat belopp"), "tab", *_type("400000"), "ctrl+s")
    await _keys(pilot, "a", *_type("Egen insats"), "tab", *_type("258944"), "shift+tab", "shift+tab", "enter", "down", "enter", "ctrl+s")
    # ... and the grant's terms: funder, granted; the repayment rule as offered (what the grant did not pay for goes back)
    await _keys(pilot, "tab", "enter", *_type("Socialförvaltningen"), "tab", *_type("400000"), "ctrl+s")

    # ]: the steps tab. A household (composition picked, two children) ...
    await _keys(pilot, "]", "a", "tab", "enter", "down", "enter", "tab", *_type("2"), "ctrl+s")
    # ... two participants, each placed in the only household ...
    await _keys(pilot, "tab", "a", "ctrl+s", "a", "ctrl+s")
    # ... a baseline round (its kind picked) and a follow-up ...
    await _keys(pilot, "tab", "a", *_type("2023-06-01"), "tab", *_type("Nulägesmätning"), "tab", "enter", "up", "enter", "ctrl+s")
    await _keys(pilot, "a", *_type("2024-01-31"), "tab", *_type("Slutmätning"), "ctrl+s")
    # ... and four measurements: each `a` offers the next participant and round no measurement has yet
    await _keys(pilot, "tab", "a", "1", "ctrl+s")  # P1 at R1
    await _keys(pilot, "a", "0", "ctrl+s")  # P2 at R1
    await _keys(pilot, "a", "3", "ctrl+s")  # P1 at R2
    await _keys(pilot, "a")
    assert "P2 (F1" in screen_text(app) and "R2 Slutmätning" in screen_text(app)
    await _keys(pilot, "2", "ctrl+s")

    # ]: the equality tab; the gender picked (– kvinna man annat kön), then the count
    await _keys(pilot, "]", "a", "enter", "down", "enter", "tab", *_type("24"), "ctrl+s")
    await _keys(pilot, "a", "enter", "down", "down", "enter", "tab", *_type("8"), "ctrl+s")
    shown = _flat(screen_text(app))
    assert "kön: kvinna 24" in shown and "kön: man 8" in shown

    # n: a status report, as drafted
    await _keys(pilot, "n", "ctrl+s")
    assert "osparade ändringar" in app.sub_title
    await _keys(pilot, "ctrl+s")
    assert "osparade ändringar" not in app.sub_title
    await _keys(pilot, "ctrl+q")


async def _export(pilot, fmt: str, own_form: bool = False) -> None:
    """x in the final report view; the format picked with the arrows (PDF, Word, OpenDocument,
    Markdown); with ``own_form`` Lilla Ratten's own final report picked instead of the LUM form
    (the form offered for a LUM project) and written beside it as ingen-styrgruppen.*; Enter exports."""
    await _keys(pilot, "x")
    assert isinstance(pilot.app.screen, ExportDialog)
    await _keys(pilot, *["down"] * {"pdf": 0, "md": 3}[fmt])
    if own_form:
        ending = f"slutrapport.{fmt}"
        await _keys(pilot, "tab", "enter", "up", "enter")  # the forms: Slutrapport, Redovisning av LUM, Länsstyrelsen
        await _keys(pilot, "tab", "end", *["backspace"] * len(ending), *_type(f"styrgruppen.{fmt}"))
    await _keys(pilot, "enter")
    assert not isinstance(pilot.app.screen, ExportDialog)
    assert [n.message for n in pilot.app._notifications][-1].startswith("Skrivet: ")


async def test_a_lum_project_from_an_empty_file_to_its_final_report_keys_only(tmp_path, lr_private_state, lr_language):
    lr_language("sv")
    path = tmp_path / "ingen.toml"
    app = LillaRattenApp(create_at=path, host=load_host(entry_points=True), as_of=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _enter_the_project(pilot, path)
    assert app.return_code in (0, None)

    loaded = read_project(path)
    project = loaded.project
    assert not [p.text() for p in loaded.problems if p.severity.name == "ERROR"]
    info = project.project
    assert (info.name, info.organisation, info.type, info.granted) == (
        "Ingen ska lämnas utanför del 2", "Skarpnäcks stadsdelsförvaltning", "lum", 400000)
    assert (info.start, info.end) == (date(2023, 5, 1), date(2024, 2, 29))
    assert [g.text for g in project.effect_goals] == ["Fler föräldrar närmare självförsörjning"]
    (milestone,) = [m for m in project.milestones if m.id == "M2"]
    assert (milestone.title, milestone.planned, milestone.done) == ("Arbetsmetoder framtagna", date(2023, 12, 15), date(2023, 12, 10))
    assert [r.id for r in project.status_reports] == ["SR1"]
    budget = project.ext["budget"]
    assert budget["lines"] == [{"id": "K1", "name": "Personalkostnader", "category": "staff", "budget": 658944, "outcome": 620000}]
    assert budget["income"] == [{"id": "I1", "kind": "grant", "name": "Beviljat belopp", "amount": 400000},
                                {"id": "I2", "kind": "own", "name": "Egen insats", "amount": 258944}]
    assert budget["grant"]["funder"] == "Socialförvaltningen" and budget["grant"]["granted"] == 400000
    assert budget["grant"].get("repayment", "residual") == "residual"
    steps = project.ext["steps"]
    assert steps["households"] == [{"id": "F1", "composition": "single", "minor_children": 2}]
    assert steps["participants"] == [{"id": "P1", "household": "F1"}, {"id": "P2", "household": "F1"}]
    assert [(r["id"], r["date"], r.get("kind")) for r in steps["rounds"]] == [("R1", date(2023, 6, 1), "baseline"), ("R2", date(2024, 1, 31), None)]
    assert sorted((m["participant"], m["round"], m["level"]) for m in steps["measurements"]) == [
        ("P1", "R1", 1), ("P1", "R2", 3), ("P2", "R1", 0), ("P2", "R2", 2)]
    assert project.ext["equality"]["counts"] == [{"values": {"gender": "woman"}, "count": 24},
                                                {"values": {"gender": "man"}, "count": 8}]

    # a new app on the saved file: the final report, exported twice
    app = LillaRattenApp(Session.open(path), load_host(entry_points=True), as_of=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _keys(pilot, "r")
        assert type(app.screen).__name__ == "FinalReportView"
        for fmt in ("md", "pdf"):
            await _export(pilot, fmt)
            await _export(pilot, fmt, own_form=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ingen-slutrapport.md", "ingen-slutrapport.pdf", "ingen-styrgruppen.md", "ingen-styrgruppen.pdf", "ingen.toml"]

    def lines_of(name: str) -> list[str]:
        """The document's lines as a reader sees them: the Markdown's, the PDF's laid out by pdftotext."""
        path = tmp_path / name
        if name.endswith(".md"):
            return [_flat(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert path.read_bytes().startswith(b"%PDF")
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
        return [_flat(line) for line in text.splitlines()]

    def has_row(lines: list[str], cells: tuple[str, ...]) -> bool:
        """Some line holds the cells in this order (a table row, or a label and its figure)."""
        return any(re.search(".*".join(map(re.escape, cells)), line) for line in lines)

    expected = [
        ("Personalkostnader", "658 944 kr", "620 000 kr", "38 944 kr"),  # the budget line: budget, outcome, under budget
        ("Egen insats", "258 944 kr"),
        ("Återbetalning till", "38 944 kr"),  # what the grant did not pay for goes back: 400 000 − (620 000 − 258 944)
        ("Fler föräldrar närmare självförsörjning",),
        # the steps the two participants moved, as entered: 0 → 2 and 1 → 3
        ("0 Ingen planering", "1 (50 %)", "0 (0 %)"),
        ("3 Minskat behov av", "0 (0 %)", "1 (50 %)"),
        ("Framåt totalt", "2 (100 %)", "2 (100 %)"),
        ("24 kvinnor (75 %)",), ("8 män (25 %)",),
    ]
    milestone = ("Arbetsmetoder framtagna", "2023-12-15", "2023-12-10")
    for name in ("ingen-slutrapport", "ingen-styrgruppen"):
        for fmt in ("md", "pdf"):
            lines = lines_of(f"{name}.{fmt}")
            # the form the LUM funder asks for has no milestones; the project's own has
            wanted = expected + ([milestone] if name == "ingen-styrgruppen" else [])
            missing = [cells for cells in wanted if not has_row(lines, cells)]
            assert not missing, (name, fmt, missing, "\n".join(lines))
