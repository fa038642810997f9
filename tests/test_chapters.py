"""A report's own chapters (issue 29, item 2): ``[[chapters]]`` in the file, placed among the
form's fixed headings of the final report (every form, a third party's too), the plan and the
directive, reaching every format through the document model; checked, merged by id, and
edited in the app.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from datetime import date

import pikepdf
import pytest

from lilla_ratten.model import Chapter, Decision, DecisionPoint, Project
from lilla_ratten.model.document import Document, Paragraph, section
from lilla_ratten.model.outlines import FORMS, TAIL
from lilla_ratten.model.rules import check
from lilla_ratten.plugins import hookimpl
from lilla_ratten.plugins.specs import FinalReportLayout
from lilla_ratten.reports import layouts, planning
from lilla_ratten.reports.chapters import place
from lilla_ratten.storage.files import parse_project, read_project, render
from lilla_ratten.storage.merge import merge_texts
from lilla_ratten.testing import load_host
from tests.conftest import MINIMAL, SAMPLES
from tests.test_accessible_documents import check_archivable, structure
from tests.test_cli import cli
from tests.test_documents import export, read_docx, read_odt, report_json

AS_OF = date(2024, 3, 15)
LUM_SAMPLE = SAMPLES / "ingen-ska-lamnas-utanfor-2.toml"
SLUTRAPPORT_SAMPLE = SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml"


def chapter(ident: str, title: str, after: str | None = None, report: str = "final", text: str | None = None,
            level: int | None = None) -> str:
    lines = [f'\n[[chapters]]\nid = "{ident}"\nreport = "{report}"']
    if after is not None:
        lines.append(f'after = "{after}"')
    lines.append(f"title = {json.dumps(title, ensure_ascii=False)}")
    if text is not None:
        lines.append(f'text = """{text}"""')
    if level is not None:
        lines.append(f"level = {level}")
    return "\n".join(lines) + "\n"


def project_of(text: str) -> Project:
    return parse_project(textwrap.dedent(text), "p.toml").project


def outline(doc: Document) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []

    def walk(sections, depth: int) -> None:
        for s in sections:
            out.append((depth, s.id))
            walk(s.sections, depth + 1)

    walk(doc.sections, 1)
    return out


def with_chapters(path, *chapters: Chapter) -> Project:
    project = read_project(path).project
    project.chapters = list(chapters)
    return project


# ---- model, file, merge ------------------------------------------------------------------


def test_chapters_are_read_and_written_in_the_files_order_with_comments_kept():
    text = MINIMAL + "\n# kapitlen ur den skickade rapporten\n" + chapter(
        "K1", "Samordning av resurser", "introduction", text="Första stycket.\n\nAndra stycket.") + chapter(
        "K2", "Familjeorienterat arbetssätt", "K1", level=2)
    parsed = parse_project(text, "p.toml")
    assert [c.id for c in parsed.project.chapters] == ["K1", "K2"]
    k1 = parsed.project.chapters[0]
    assert (k1.report, k1.after, k1.title, k1.level) == ("final", "introduction", "Samordning av resurser", None)
    assert k1.text == "Första stycket.\n\nAndra stycket."
    written = render(parsed.project, parsed.notes)
    assert "# kapitlen ur den skickade rapporten\n\n[[chapters]]" in written or \
        "# kapitlen ur den skickade rapporten\n[[chapters]]" in written
    # the agreed order of keys: id, report, after, title, text, level
    block = written[written.index('id = "K2"'):]
    assert block.index("report") < block.index("after") < block.index("title") < block.index("level")
    assert render(parse_project(written, "p.toml").project, parse_project(written, "p.toml").notes) == written


def test_chapters_merge_by_id_like_every_record_list():
    base = MINIMAL + chapter("K1", "Inledning", text="Gammal text.")
    ours = MINIMAL + chapter("K1", "Inledning", text="Vår text.")
    theirs = base + chapter("K2", "Samordning av resurser", "K1")
    merged = merge_texts(base, ours, theirs)
    assert [(c.id, c.title) for c in merged.project.chapters] == [("K1", "Inledning"), ("K2", "Samordning av resurser")]
    assert merged.project.chapters[0].text == "Vår text." and merged.conflicts == []


def test_two_new_chapters_under_one_id_are_renumbered_and_one_after_it_follows():
    ours = MINIMAL + chapter("K1", "Annas kapitel")
    theirs = MINIMAL + chapter("K1", "Bos kapitel") + chapter("K2", "Bos underkapitel", "K1", level=2)
    merged = merge_texts(MINIMAL, ours, theirs, shared=[ours])
    chapters = {c.id: c for c in merged.project.chapters}
    assert chapters["K1"].title == "Annas kapitel"
    bo = next(c for c in chapters.values() if c.title == "Bos kapitel")
    assert bo.id != "K1"
    # Bo's sub-chapter still follows Bo's chapter, not Anna's
    assert next(c for c in chapters.values() if c.title == "Bos underkapitel").after == bo.id


# ---- validation ----------------------------------------------------------------------------


def messages(project: Project, lang: str = "sv") -> list[tuple[str, str, str]]:
    from lilla_ratten.i18n import set_language

    set_language(lang)
    try:
        return [(f.dotted_path(), f.severity.value, f.text()) for f in check(project) if f.path[0] == "chapters"]
    finally:
        set_language("sv")


def test_unknown_report_dangling_after_and_duplicate_ids_are_findings_in_swedish_and_english():
    project = project_of(MINIMAL + chapter("K1", "Ett", report="slutrapport") + chapter("K2", "Två", "inget_sådant")
                         + chapter("K2", "Tre") + chapter("K4", "Fyra", "K4") + chapter("K5", "", "summary")
                         + chapter("K6", "Sex", level=7) + chapter("K7", "Sju", "K8") + chapter("K8", "Åtta", "K7"))
    sv = messages(project)
    assert ("chapters[0].report", "error", "okänd rapport slutrapport: ett kapitel hör till final, plan, directive") in sv
    assert ("chapters[1].after", "warning", "after = inget_sådant är varken en rubrik i projektets "
            "slutrapportformulär (Lilla Rattens slutrapport) eller ett kapitel i slutrapporten; kapitlet placeras sist") in sv
    assert ("chapters[2].id", "error", "id:t K2 används två gånger: post 2 i samma lista har det redan") in sv
    assert ("chapters[3].after", "error", "ett kapitel kan inte komma efter sig självt (K4)") in sv
    assert ("chapters[4].title", "error", "ett kapitel behöver en rubrik") in sv
    assert ("chapters[5].level", "error", "nivån ska vara 1, 2 eller 3, inte 7") in sv
    assert ("chapters[6].after", "warning", "kapitlen efter K8 kommer efter varandra i en ring; de placeras sist") in sv
    en = messages(project, "en")
    assert ("chapters[0].report", "error", "unknown report slutrapport: a chapter belongs to final, plan, directive") in en
    assert ("chapters[1].after", "warning", "after = inget_sådant names no heading of the project's final report "
            "form (Lilla Ratten's slutrapport) and no chapter of the final report; the chapter is placed at the end") in en


def test_every_heading_of_every_form_and_a_chapter_of_the_same_report_are_valid_after_ids():
    for form in ("slutrapport", "lum", "lansstyrelsen"):  # the final report in the project type's form
        chapters = [chapter(f"K{i}", h.id, h.id, report) for i, (report, h) in enumerate(
            [("final", h) for h in FORMS[form]] + [(r, h) for r in ("plan", "directive") for h in FORMS[r]], start=1)]
        typed = MINIMAL if form == "slutrapport" else MINIMAL.replace('end = 2024-02-29', f'end = 2024-02-29\ntype = "{form}"')
        project = project_of(typed + "".join(chapters) + chapter("K900", "Efter ett kapitel", "K1"))
        assert project.project.type == (None if form == "slutrapport" else form)
        assert messages(project) == [], form
    # a heading of another form than the type's is named as such: the chapter would go at the end
    project = project_of(MINIMAL.replace('end = 2024-02-29', 'end = 2024-02-29\ntype = "lum"') + chapter("K1", "Ett", "need"))
    assert messages(project) == [("chapters[0].after", "warning", "after = need är varken en rubrik i projektets "
                                  "slutrapportformulär (Redovisning av LUM) eller ett kapitel i slutrapporten; kapitlet placeras sist")]
    # a plugin's type: its form is not known to the rules, any built-in form's heading is accepted
    project = project_of(MINIMAL.replace('end = 2024-02-29', 'end = 2024-02-29\ntype = "finsam"') + chapter("K1", "Ett", "need"))
    assert messages(project) == []
    # a chapter of another report is not in this one
    project = project_of(MINIMAL + chapter("K1", "I planen", "background", "plan") + chapter("K2", "I slutrapporten", "K1"))
    assert [m[0] for m in messages(project)] == ["chapters[1].after"]


def test_an_identity_number_in_a_chapters_text_is_refused_like_in_any_text(write):
    path = write(MINIMAL + chapter("K1", "Ett fall", text="Barnet 20150312-2382 fick stöd."))
    r = cli("--lang", "sv", "validate", str(path))
    assert r.returncode != 0
    assert "personnummer" in r.stdout and "20150312-2382" not in r.stdout


# ---- placement -----------------------------------------------------------------------------


def test_the_outline_of_each_built_in_form_holds_its_headings_in_order():
    """The outline (model/outlines.py) and the forms cannot drift: every heading a form prints
    for the richest files, with the bundled plugins, is in its outline, in the outline's order."""
    host = load_host(entry_points=True)
    for sample in sorted(SAMPLES.glob("*.toml")):
        project = read_project(sample).project
        project.chapters = []  # the forms' own headings; the samples' chapters: test_sample_chapters.py
        docs = {name: layouts.build(project, AS_OF, host, name) for name in ("slutrapport", "lum", "lansstyrelsen")}
        docs["plan"] = planning.plan(project, AS_OF, host)
        docs["directive"] = planning.directive(project, AS_OF, host)
        for name, doc in docs.items():
            ids = [h.id for h in FORMS[name]]
            levels = {h.id: h.level for h in FORMS[name]}
            printed = [(d, i) for d, i in outline(doc) if i != "incomplete"]
            assert all(i in ids for _d, i in printed), (sample.name, name, [i for _d, i in printed if i not in ids])
            assert [ids.index(i) for _d, i in printed] == sorted(ids.index(i) for _d, i in printed), (sample.name, name)
            assert all(levels[i] == d for d, i in printed if i not in ("financial_statement", "economy")), (sample.name, name)
    assert all(set(TAIL[name]) <= {h.id for h in FORMS[name]} for name in FORMS)


def test_a_chapter_goes_after_the_whole_section_it_names_in_file_order_and_at_the_end_before_the_closing():
    project = with_chapters(
        SLUTRAPPORT_SAMPLE,
        Chapter(id="K1", report="final", after="introduction", title="Samordning av resurser", text="Ett.\n\nTvå."),
        Chapter(id="K2", report="final", after="K1", level=2, title="Familjeorienterat arbetssätt"),
        Chapter(id="K3", report="final", title="Citatet"),
        Chapter(id="K4", report="final", after="introduction", title="Efter de andra"),
        Chapter(id="K5", report="final", after="description", title="Under projektbeskrivningen"),
        Chapter(id="K6", report="final", after="introduction", level=2, title="Agenda 2030"),
        Chapter(id="K7", report="plan", after="background", title="Bara i planen"),
    )
    project.final.closing_words = "Styrgruppen tackar."
    doc = layouts.build(project, AS_OF)
    got = outline(doc)
    at = {i: n for n, (_d, i) in enumerate(got)}
    # after the whole Inledning (its sub-headings too), K2 under K1, K4 after K1's cluster
    intro_end = max(n for n, (d, i) in enumerate(got) if n > at["introduction"] and d == 2 and i != "K6" and n < at["K1"])
    assert at["K6"] == intro_end + 1 and got[at["K6"]] == (2, "K6")  # level 2: the last sub-section of Inledning
    assert got[at["K1"]] == (1, "K1") and got[at["K1"] + 1] == (2, "K2") and got[at["K1"] + 2] == (1, "K4")
    assert got[at["description"] + 1] == (2, "K5")
    # no after: at the end, before the steering group's comments
    assert got[-2:] == [(1, "K3"), (1, "closing_words")]
    assert "K7" not in at
    k1 = next(s for s in doc.sections if s.id == "K1")
    assert k1.title == "Samordning av resurser" and k1.blocks == [Paragraph("Ett."), Paragraph("Två.")]
    assert k1.source == "chapter" and doc.data["chapters"] == ["K1", "K2", "K3", "K4", "K5", "K6"]
    assert outline(planning.plan(project, AS_OF))[:2] == [(1, "background"), (1, "K7")]


def test_a_chapter_after_a_heading_the_form_left_out_goes_where_it_would_have_been():
    project = with_chapters(SLUTRAPPORT_SAMPLE, Chapter(id="K1", report="final", after="strategic_value", title="Strategi"),
                            Chapter(id="K2", report="final", after="summary", title="Efter sammanfattningen"))
    project.final.strategic_value = None
    project.final.summary = None
    got = outline(layouts.build(project, AS_OF))
    ids = [i for _d, i in got]
    assert "strategic_value" not in ids and "summary" not in ids
    assert ids[ids.index("K1") - 1] == "implementation"  # strategic_value would follow it
    assert got[0] == (1, "K2")  # nothing before the summary: first


def test_chapters_of_the_plan_and_the_directive_are_placed_in_theirs():
    project = with_chapters(
        SLUTRAPPORT_SAMPLE,
        Chapter(id="K1", report="plan", after="organisation", title="Kommunikationsplan", text="Vi träffas varje vecka."),
        Chapter(id="K2", report="directive", title="Uppdragets ramar"),
        Chapter(id="K3", report="plan", title="Risker"),
    )
    plan = outline(planning.plan(project, AS_OF))
    assert plan[[i for _d, i in plan].index("organisation") + 1] == (1, "K1")
    assert plan[-1] == (1, "K3")  # this plan has no decision on it yet: the end
    directive = [i for _d, i in outline(planning.directive(project, AS_OF))]
    assert directive[-1] == "K2" and "K1" not in directive and "K3" not in directive
    # with the steering group's decision, the chapters at the end come before it
    project.decision_points = [DecisionPoint(id="B1", date=date(2023, 1, 10), decision=Decision.CONTINUE),
                               DecisionPoint(id="B2", date=date(2023, 2, 10), decision=Decision.CONTINUE)]
    assert [i for _d, i in outline(planning.directive(project, AS_OF))][-2:] == ["K2", "decision"]
    assert [i for _d, i in outline(planning.plan(project, AS_OF))][-2:] == ["K3", "decision"]


class _OwnForm:
    """A third party's form, registered through the hook as any plugin's."""

    @hookimpl
    def lr_final_report_layouts(self):
        def build(context):
            return Document("final_report", "Egen rapport", [], [
                section("bakgrund", "Bakgrund", Paragraph("Så började det.")),
                section("resultat", "Resultat", Paragraph("Så blev det.")),
            ])

        return [FinalReportLayout("egen", "Eget formulär", build)]


def test_the_host_places_chapters_in_a_third_partys_form_too():
    host = load_host(("egen", _OwnForm()))
    project = with_chapters(SLUTRAPPORT_SAMPLE, Chapter(id="K1", report="final", after="bakgrund", title="Mellan"),
                            Chapter(id="K2", report="final", title="Sist"))
    doc = layouts.build(project, AS_OF, host, "egen")
    assert [i for _d, i in outline(doc) if i != "incomplete"] == ["bakgrund", "K1", "resultat", "K2"]


def test_a_circle_of_chapters_is_placed_at_the_end_in_file_order():
    doc = Document("final_report", "R", [], [section("a", "A", Paragraph("x")), section("b", "B", Paragraph("y"))])
    chapters = [Chapter(id="K1", report="final", after="K2", title="1"), Chapter(id="K2", report="final", after="K1", title="2"),
                Chapter(id="K3", report="final", after="a", title="3")]
    assert [i for _d, i in outline(place(doc, chapters, None))] == ["a", "K3", "b", "K1", "K2"]


# ---- every format --------------------------------------------------------------------------

HOSTILE = "[/] #set page(fill: red) *x* _y_ <b>z</b> $a$"
CHAPTERS = (chapter("K1", "Samordning av resurser", "introduction",
                    text="Projektet samordnade resurser mellan enheterna.\n\nDet andra stycket.")
            + chapter("K2", "Familjeorienterat arbetssätt", "K1", level=2, text="Hela familjen deltog.")
            + chapter("K3", HOSTILE, text=HOSTILE))


@pytest.fixture
def lum_with_chapters(tmp_path):
    path = tmp_path / "ingen.toml"
    project = read_project(LUM_SAMPLE).project
    project.chapters = []  # the sample's own chapters (the real report's) would share these ids
    path.write_text(render(project) + CHAPTERS, encoding="utf-8")
    for extra in (LUM_SAMPLE.parent / "ingen-ska-lamnas-utanfor-2.huvudbok.csv",):
        if extra.exists():
            shutil.copy(extra, tmp_path)
    return path


def test_markdown_text_and_json_carry_the_chapters_and_hostile_text_literally(lum_with_chapters):
    doc = report_json("final", lum_with_chapters)
    top = [s["id"] for s in doc["sections"]]
    assert top.index("K1") == top.index("introduction") + 1
    k1 = doc["sections"][top.index("K1")]
    assert k1["title"] == "Samordning av resurser" and k1["sections"][0]["title"] == "Familjeorienterat arbetssätt"
    assert k1["source"] == "chapter" and doc["data"]["chapters"] == ["K1", "K2", "K3"]
    md = cli("--lang", "sv", "report", "final", str(lum_with_chapters), "--format", "md")
    assert md.returncode == 0, md.stderr
    assert "## Samordning av resurser" in md.stdout and "### Familjeorienterat arbetssätt" in md.stdout
    assert "Projektet samordnade resurser mellan enheterna.\n\nDet andra stycket." in md.stdout
    assert md.stdout.index("## Samordning av resurser") < md.stdout.index("## Projektets arbetssätt")
    assert md_literal(HOSTILE) in md.stdout
    text = cli("--lang", "sv", "report", "final", str(lum_with_chapters), "--format", "text")
    flat = " ".join(text.stdout.split())
    assert text.returncode == 0 and "SAMORDNING AV RESURSER" in flat  # the text form's top-level heading
    assert HOSTILE in flat and HOSTILE.upper() in flat


def test_word_and_opendocument_have_the_chapters_as_headings_and_the_text_as_written(lum_with_chapters, tmp_path):
    out = tmp_path / "r.docx"
    assert export("final", lum_with_chapters, "docx", out).returncode == 0
    word, headings, _tables, _pictures = read_docx(out)
    assert (1, "Samordning av resurser") in headings and (2, "Familjeorienterat arbetssätt") in headings
    assert (1, HOSTILE) in headings
    assert any(p.text == HOSTILE for p in word.paragraphs if not p.style.name.startswith("Heading"))
    out = tmp_path / "r.odt"
    assert export("final", lum_with_chapters, "odt", out).returncode == 0
    _odt, headings, _tables, _frames = read_odt(out)
    assert (1, "Samordning av resurser") in headings and (2, "Familjeorienterat arbetssätt") in headings
    assert (1, HOSTILE) in headings


def test_the_pdf_tags_the_chapters_as_headings_and_prints_the_text_literally(lum_with_chapters, tmp_path):
    out = tmp_path / "r.pdf"
    r = export("final", lum_with_chapters, "pdf", out)
    assert r.returncode == 0, r.stderr
    doc = report_json("final", lum_with_chapters)
    pdf = check_archivable(out, doc["title"], doc["data"]["project"]["name"])
    kinds = [str(t.S) for t in structure(pdf)]
    if shutil.which("pdftotext"):
        plain = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout.split())
        assert "Samordning av resurser" in plain and "Familjeorienterat arbetssätt" in plain
        assert plain.count(HOSTILE) >= 2  # heading and paragraph, as written
        assert plain.index("Samordning av resurser") < plain.index("Projektets arbetssätt")
    # a heading element per heading at its depth (H1 for a top-level one), the chapters included
    depths: dict[int, int] = {}

    def walk(sections, depth: int) -> None:
        for s in sections:
            depths[depth] = depths.get(depth, 0) + 1
            walk(s["sections"], depth + 1)

    walk(doc["sections"], 1)
    assert depths[2] >= 1  # the sub-chapter
    for depth, count in depths.items():
        assert kinds.count(f"/H{depth}") == count, (depth, count)
    without = report_json("final", LUM_SAMPLE)
    assert len(without["sections"]) == len(doc["sections"]) - 2  # K1 and K3 at the top, K2 under K1


def test_the_plan_as_a_document_carries_its_chapters(write, tmp_path):
    path = write(MINIMAL + chapter("K1", "Kommunikationsplan", report="plan", text="Varje vecka."))
    out = tmp_path / "plan.docx"
    assert export("plan", path, "docx", out).returncode == 0
    _word, headings, _t, _p = read_docx(out)
    assert (1, "Kommunikationsplan") in headings
    md = cli("--lang", "sv", "report", "plan", str(path), "--format", "md")
    assert "## Kommunikationsplan" in md.stdout and "Varje vecka." in md.stdout


def md_literal(text: str) -> str:
    """``text`` as a Markdown reader shows it, read back from the escaped form the report writes."""
    from lilla_ratten.reports.render_markdown import _inline

    return _inline(text)


def test_markdown_readers_show_project_text_as_written():
    """Rendered by a CommonMark reader (markdown-it), a hostile title and text read as written:
    no emphasis, no link, no HTML, no heading of its own."""
    from html import unescape

    from markdown_it import MarkdownIt

    from lilla_ratten.reports.render_markdown import render

    hostile = ["*x* _y_ [/] #set <b>z</b> `c` ~~s~~ &amp; [länk](https://example.org) **fet**", "# Rubrik",
               "1. inte en lista", "- inte heller", "> citat", "[a]: https://example.org", "---"]
    doc = Document("final_report", hostile[0], [("*Etikett*", "_värde_")],
                   [section("a", t, Paragraph(t)) for t in hostile])
    html = MarkdownIt("commonmark").enable("strikethrough").render(render(doc))
    # the facts' labels are bold by design; nothing of the text is
    for tag in ("<em>", "<strong>x", "<strong>fet", "<a ", "<b>", "<code>", "<s>", "<ol>", "<ul>", "<blockquote>", "<hr", "<h1>#"):
        assert tag not in html
    plain = unescape(html)
    for t in hostile:
        assert plain.count(t) >= 2, t  # heading and paragraph
    assert "<strong>*Etikett*:</strong> _värde_" in plain


def test_documents_md_lists_every_heading_id_of_every_form():
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "documents.md").read_text(encoding="utf-8")
    part = text[text.index("## The report's own chapters"):text.index("## The committee's yearly compilation")]
    for name, headings in FORMS.items():
        line = next(line for line in part.splitlines() if f"form `{name}`" in line or f'report = "{name}"' in line)
        assert [h.id for h in headings] == [i for i in __import__("re").findall(r"`([a-z_0-9]+)` \*", line)], name


# ---- in the app ----------------------------------------------------------------------------


async def test_a_chapter_added_in_the_app_is_saved_and_printed_in_the_final_report(tmp_path):
    """Add a chapter on the lessons-and-chapters tab, choose its report and the heading it follows by
    name, save, open the file again: it is in the list and in the final report's preview and export."""
    from textual.widgets import Select, TextArea

    from lilla_ratten.testing import open_app, screen_text
    from lilla_ratten.tui.screens.final_report_view import FinalReportView
    from lilla_ratten.tui.screens.record_form import RecordForm

    path = tmp_path / "ingen.toml"
    project = read_project(LUM_SAMPLE).project
    project.chapters = []  # the sample's own (the real report's) chapters: the first one added here is K1
    path.write_text(render(project), encoding="utf-8")
    host = load_host(entry_points=True)
    async with open_app(path, host, size=(100, 40), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await pilot.press("9")
        await pilot.pause()
        assert "Rapporternas egna kapitel" in screen_text(app)
        await pilot.press("tab", "a")  # from the lessons to the chapters, then add
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm) and form.query_one("#f-id").value == "K1"
        report, after = form.query_one("#f-report", Select), form.query_one("#f-after", Select)
        report.value = "plan"
        await pilot.pause()
        offered = dict((v, str(label)) for label, v in after._options if v is not Select.NULL)
        assert offered.get("background") == "Bakgrund och syfte" and "way_of_working" not in offered
        report.value = "final"  # the final report's form here is the LUM form: its headings, by name
        await pilot.pause()
        offered = dict((v, str(label)) for label, v in after._options if v is not Select.NULL)
        assert offered["introduction"] == "Inledning" and offered["effect_goals"] == "Inledning › Effektmål"
        assert offered["way_of_working"] == "Projektets arbetssätt" and "need" not in offered
        after.value = "introduction"
        form.query_one("#f-title").focus()
        await pilot.press(*"Samordning av resurser")
        form.query_one("#f-text", TextArea).text = "Enheterna delade på resurserna.\n\nDet gav mer tid för familjerna."
        await pilot.pause()
        assert form.errors == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RecordForm)
        assert [(c.id, c.report, c.after, c.title) for c in app.session.project.chapters] == [
            ("K1", "final", "introduction", "Samordning av resurser")]
        shown = screen_text(app)
        assert "Samordning av resurser" in shown and "Slutrapport" in shown and "Inledning" in shown
        await pilot.press("ctrl+s")  # the file
        await pilot.pause()
    saved = read_project(path)
    assert saved.problems == [] and saved.project.chapters[0].text == "Enheterna delade på resurserna.\n\nDet gav mer tid för familjerna."
    async with open_app(path, host, size=(100, 40), as_of=AS_OF, lang="sv") as pilot:
        app = pilot.app
        await pilot.press("9")
        await pilot.pause()
        assert "Samordning av resurser" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, FinalReportView)
        sections = [s.id for s in app.screen.doc.sections]
        assert sections[sections.index("introduction") + 1] == "K1"
    md = cli("--lang", "sv", "report", "final", str(path), "--format", "md")
    assert "## Samordning av resurser\n\nEnheterna delade på resurserna.\n\nDet gav mer tid för familjerna." in md.stdout


async def test_an_after_that_names_nothing_is_said_in_the_form_as_validate_says_it(tmp_path):
    from textual.widgets import Select

    from lilla_ratten.testing import open_app
    from lilla_ratten.tui.screens.record_form import RecordForm

    path = tmp_path / "p.toml"
    path.write_text(MINIMAL + chapter("K1", "Ett", "ingenstans"), encoding="utf-8")
    async with open_app(path, size=(100, 40), lang="sv") as pilot:
        app = pilot.app
        await pilot.press("9", "tab", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.query_one("#f-after", Select).value == "ingenstans"  # kept and shown, not dropped
        assert any("after = ingenstans är varken en rubrik i projektets slutrapportformulär (Lilla Rattens slutrapport)" in w
                   for w in form.warnings), form.warnings
        form.query_one("#f-title").value = ""
        await pilot.pause()
        assert form.errors == ["Rubrik: obligatoriskt"], form.errors


async def test_renaming_a_chapter_in_the_app_renames_it_where_a_chapter_follows_it(tmp_path):
    from lilla_ratten.testing import open_app
    from lilla_ratten.tui.screens.record_form import RecordForm

    path = tmp_path / "p.toml"
    path.write_text(MINIMAL + chapter("K1", "Ett", "summary") + chapter("K2", "Två", "K1", level=2), encoding="utf-8")
    async with open_app(path, size=(100, 40), lang="sv") as pilot:
        app = pilot.app
        await pilot.press("9", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        app.screen.query_one("#f-id").value = "K9"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [(c.id, c.after) for c in app.session.project.chapters] == [("K9", "summary"), ("K2", "K9")]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [(c.id, c.after) for c in app.session.project.chapters] == [("K1", "summary"), ("K2", "K1")]
