"""A sent status report is a snapshot: what was sent is what is shown (issue 29, item 4).

Sent in the app, then the project moves on — the steering group's B0 and B1 recorded, a
milestone added, the organisation renamed, a milestone done, an activity added — and the
report reads the same in the app's preview, as Markdown, text, JSON and PDF. A draft, given
the same changes, does change: the changes are ones the report would show.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from lilla_ratten.model import Milestone
from lilla_ratten.storage import read_project
from lilla_ratten.tui.widgets.document_view import DocumentView
from tests.conftest import MINIMAL
from tests.test_cli import cli
from tests.test_tui import REPORT, make_app

LATER = """
[[decision_points]]
id = "B0"
date = 2023-05-02
decision = "continue"

[[decision_points]]
id = "B1"
date = 2023-05-20
decision = "continue"

[[milestones]]
id = "M3"
title = "Metodstöd på plats"
planned = 2023-05-15

[[activities]]
id = "A1"
title = "Intervjuer"
milestone = "M1"
status = "done"
"""


def moved_on(text: str) -> str:
    """The project file after the report: new decisions, milestone, activity and organisation."""
    text = text.replace('organisation = "Skarpnäcks stadsdelsförvaltning"', 'organisation = "Enskede-Årsta-Vantörs stadsdelsförvaltning"', 1)
    head, sep, rest = text.partition("[[status_reports]]")
    return head + LATER.lstrip() + "\n" + sep + rest


def renders(path, tmp_path) -> dict[str, str]:
    out = {}
    for fmt in ("md", "text", "json"):
        r = cli("--lang", "sv", "report", "status", str(path), "--id", "SR1", "--format", fmt)
        assert r.returncode == 0, r.stderr
        out[fmt] = r.stdout
    pdf = tmp_path / "SR1.pdf"
    r = cli("--lang", "sv", "report", "status", str(path), "--id", "SR1", "--format", "pdf", "-o", str(pdf), "--force")
    assert r.returncode == 0, r.stderr
    out["pdf"] = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out


def preview(app) -> str:
    view = app.screen.query_one("#report-preview", DocumentView)
    return str(view.render())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext (.ci/install-system-deps)")
async def test_what_was_sent_is_what_is_shown(write, tmp_path):
    path = write(MINIMAL + REPORT)
    draft_before = renders(path, tmp_path)
    app = make_app(path)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        before = preview(app)
        await pilot.press("s", "ctrl+s")
        await pilot.pause()
        assert app.session.project.status_reports[0].sent is not None
        sent_preview = preview(app)
        # sending changes nothing in it but the sent date
        assert sent_preview == before.replace("draft, not sent", "2023-10-11")

        def later(project):
            from attrs import evolve

            project.project = evolve(project.project, organisation="Enskede-Årsta-Vantörs stadsdelsförvaltning")
            project.milestones.append(Milestone(id="M3", title="Metodstöd på plats", planned=project.milestones[0].planned))

        app.session.change("later", later)
        app.refresh_views()
        await pilot.pause()
        app.preview_status_report("0")
        await pilot.pause()
        assert preview(app) == sent_preview
        assert "Skarpnäcks stadsdelsförvaltning" in sent_preview and "M3" not in sent_preview
    sr1 = read_project(path).project.status_report("SR1")
    assert sr1.as_sent is not None and sr1.as_sent.organisation == "Skarpnäcks stadsdelsförvaltning"
    assert [m.id for m in sr1.as_sent.milestones] == ["M1", "M2"]
    assert "[status_reports.as_sent]" in path.read_text(encoding="utf-8")

    sent = renders(path, tmp_path)
    path.write_text(moved_on(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert read_project(path).problems == [] or not any(p.severity.name == "ERROR" for p in read_project(path).problems)
    after = renders(path, tmp_path)
    for fmt in ("md", "text", "json", "pdf"):
        assert after[fmt] == sent[fmt], fmt
    assert "Skarpnäcks stadsdelsförvaltning" in after["pdf"] and "Metodstöd" not in after["pdf"]
    assert '"phase": "execution"' in after["json"]

    # the same changes do show in a report not sent: they are ones the report derives
    draft = write(moved_on(MINIMAL + REPORT), "draft.toml")
    draft_after = renders(draft, tmp_path)
    for fmt in ("md", "text", "json", "pdf"):
        assert draft_after[fmt] != draft_before[fmt], fmt
    assert '"phase": "planning"' in draft_after["json"] and "Metodstöd" in draft_after["pdf"]
    assert "Enskede-Årsta-Vantörs" in draft_after["md"]


def test_a_report_sent_on_one_side_keeps_what_it_showed_through_a_merge():
    """Anna sends SR1 while Bo adds a milestone: the merge has both, and SR1 still shows the
    milestones Anna sent; a change to what was sent is a conflict, as any change to a sent report."""
    import attrs

    from lilla_ratten.model.derived import as_sent
    from lilla_ratten.storage import converter
    from lilla_ratten.storage.merge import merge_texts
    from lilla_ratten.storage.writer import dumps
    from tests.conftest import MINIMAL as BASE

    base = read_project_text(BASE + REPORT)

    def send(p):
        p.status_reports[0] = attrs.evolve(p.status_reports[0], sent=p.status_reports[0].date, as_sent=as_sent(p, p.status_reports[0]))

    anna, bo = read_project_text(BASE + REPORT), read_project_text(BASE + REPORT)
    send(anna)
    bo.milestones.append(Milestone(id="M3", title="Metodstöd på plats", planned=anna.milestones[0].planned))
    texts = [dumps(p, converter) for p in (base, anna, bo)]
    merged = merge_texts(*texts)
    assert not merged.conflicts
    sr1 = merged.project.status_reports[0]
    assert [m.id for m in merged.project.milestones] == ["M1", "M2", "M3"]
    assert sr1.sent is not None and [m.id for m in sr1.as_sent.milestones] == ["M1", "M2"]

    # Bo sent it too, after recording a new organisation: the two snapshots differ
    send(bo)
    bo.project = attrs.evolve(bo.project, organisation="Enskede-Årsta-Vantörs stadsdelsförvaltning")
    bo.status_reports[0] = attrs.evolve(bo.status_reports[0], as_sent=as_sent(bo, bo.status_reports[0]))
    merged = merge_texts(texts[0], texts[1], dumps(bo, converter))
    assert [(c.path, c.reason) for c in merged.conflicts] == [(["status_reports", "SR1", "as_sent"], "sent")]


def read_project_text(text: str):
    import tomllib

    from lilla_ratten.storage import converter  # noqa: F401 - the app's converter structures it
    from lilla_ratten.storage.converter import structure
    from lilla_ratten.model import Project

    project, findings = structure(tomllib.loads(text), Project)
    assert project is not None, findings
    return project
