"""The funder's own forms (seed 001's *Redovisning av LUM*, seed 002's Länsstyrelsen
*Slutrapportering*) and the planning documents (*projektdirektiv*, *projektplan*).

Each form is checked against its seed's own words and figures, read back from the file a
person would send: Word through python-docx, PDF through pdftotext. Every heading of a form
must occur in its seed's text, so a heading the app invents fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.test_cli import cli
from tests.test_documents import (
    expected,
    export,
    flat,
    needs_poppler,
    pdf_text,
    read_docx,
    read_odt,
    report_json,
)

SEEDS = Path(__file__).parent / "data" / "seeds"  # copies of /work/shared/seeds/001_*, 002_*: the forms as received
LUM = SAMPLES / "ingen-ska-lamnas-utanfor-2.toml"
LST = SAMPLES / "systematisk-uppfoljning-ensamkommande.toml"
PLANNED = SAMPLES / "barnperspektivet-ekonomiskt-bistand.toml"

LUM_HEADINGS = [
    "Undertecknad av", "Ekonomisk redovisning", "Sammanfattning", "Inledning", "Projektets arbetssätt",
    "Resultatredovisning", "Jämställdhet", "Slutsatser och förslag", "Framgångsfaktorer", "Utmaningar",
    "Utvecklingsområden", "Plan för vidare arbete framåt", "Strategiskt värde för staden som helhet",
    "Referenser, källor",
]
LST_HEADINGS = [
    "Behov", "Syfte", "Mål med insatsen", "Åtgärd och metod", "Uppföljning och utvärdering", "Jämställdhet",
    "Barnperspektiv", "Samverkan", "Information", "Implementering", "Ekonomi", "Sammanfattande bedömning",
]


def seed_text(number: str) -> str:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return flat(path.read_text(encoding="utf-8")).lower()


def docx_text(path: Path) -> tuple[list[str], str, list[list[list[str]]]]:
    word, headings, tables, _pictures = read_docx(path)
    # in reading order; a label–value block is a table without lines: "Label: value" a row
    parts = []
    for item in word.iter_inner_content():
        if hasattr(item, "rows"):
            if item.style.name != "Table Grid":
                parts += [" ".join(c.text for c in row.cells) for row in item.rows]
        else:
            parts.append(item.text)
    text = "\n".join(parts)
    return [h for _level, h in headings], text, tables


def facts(block: dict) -> list[tuple[str, str]]:
    return [(f["label"], f["value"]) for f in block["items"]]


def in_order(wanted: list[str], got: list[str]) -> bool:
    positions = [got.index(h) for h in wanted]
    return positions == sorted(positions)


# --- Redovisning av LUM (seed 001) --------------------------------------------------------


def test_lum_form_in_word_has_the_seeds_header_declarations_and_signature(tmp_path):
    out = tmp_path / "lum.docx"
    assert export("final", LUM, "docx", out).returncode == 0
    headings, text, tables = docx_text(out)
    assert headings[0] == "Redovisning av LUM"
    assert in_order(LUM_HEADINGS, headings)
    seed = seed_text("001")
    ours = ("Stegförflyttning mot självförsörjning", "Jämställdhet och intersektionell analys (4R)")  # plugins'
    for heading in headings[1:]:
        if heading not in ours and not heading.startswith("R"):  # R1–R4: the equality plugin's
            assert heading.lower() in seed, heading
    header = flat(text)
    for label, value in [
        ("Projektets namn", "Ingen ska lämnas utanför del 2"),
        ("Beviljat belopp", "400 000 kr"),
        ("År", "2023"),
        ("Stadsdelsförvaltningens namn, avdelning/enhet", "Skarpnäcks stadsdelsförvaltning, Enheten för ekonomi och arbete"),
        ("Kontaktperson för projektet, namn, e-post, tfn", "Caroline Högdahl Cole, caroline.hogdahl.cole@stockholm.se, 08-508 15 303"),
        ("Ansvarig avdelnings-/enhetschef, namn, befattning", "Margareta Sabuk, enhetschef, Enheten för ekonomi och arbete; Hanna Jakhammer, avdelningschef, Avdelningen för individ- och familjestöd"),
    ]:
        assert f"{label}: {value}" in header, label
        assert label.lower() in seed
    # the two boxes in the seed's words, neither ticked: the file does not say, and nothing is owed
    assert "☐ Kryss i rutan intygar att projektet har genomförts enligt beslut om projektplan och budget." in header
    assert "☐ Kryss i rutan innebär att projektet inte har gjort av med samtliga beviljade medel. Följande summa ska betalas/har betalats tillbaka till" in header
    assert "I Stockholm den 2024-02-28" in header and "i stockholm den 2024-02-28" in seed
    assert "Namnförtydligande:" in header
    assert "Bergmark, Å. (2016)." in header and "Ramböll. (2018)." in header
    # the financial statement: every figure the seed states
    cells = {flat(c) for t in tables for row in t for c in row}
    for figure in ("400 000 kr", "258 944 kr", "658 944 kr", "0 kr"):
        assert figure in cells, figure
    assert {"Beviljat belopp från socialnämnden", "Egen insats", "Övriga intäkter",
            "Personalkostnader inkl. sociala avgifter", "Administrativa kostnader (möteslokaler, förtäring, telefon)",
            "Utbildningskostnader (föreläsare, material)", "Övriga kostnader"} <= cells


@needs_poppler
def test_lum_form_as_pdf_keeps_the_boxes_and_figures(tmp_path):
    out = tmp_path / "lum.pdf"
    assert export("final", LUM, "pdf", out).returncode == 0
    text = flat(pdf_text(out))
    assert text.count("☐") == 2
    for words in ("Redovisning av LUM", "Beviljat belopp", "400 000 kr", "658 944 kr", "258 944 kr",
                  "I Stockholm den 2024-02-28", "Namnförtydligande", "08-508 15 303", "Referenser, källor"):
        assert words in text, words


def test_the_boxes_follow_the_file_and_the_budget_plugin(write):
    base = LUM.read_text(encoding="utf-8")
    ticked = write(base.replace('place = "Stockholm"', 'as_decided = true\nplace = "Stockholm"'), "ticked.toml")
    doc = report_json("final", ticked)
    (declaration,) = [s for s in doc["sections"] if s["id"] == "declaration"]
    first, second = (b["text"] for b in declaration["blocks"][:2])
    assert first.startswith("☒ ") and second.startswith("☐ ") and second.endswith(": _____ kr.")  # the form's blank
    assert doc["data"]["repayment"] == 0  # the budget plugin's figure: the budget is spent
    # the plugin's figure when the outcome is under the grant, with the repayment rule "residual"
    under = base.replace("outcome = 658944", "outcome = 600000").replace("balance_required = true", "balance_required = false")
    assert under != base
    doc = report_json("final", write(under, "under.toml"))
    owed = doc["data"]["repayment"]
    assert owed == 58944
    (declaration,) = [s for s in doc["sections"] if s["id"] == "declaration"]
    assert declaration["blocks"][1]["text"].startswith("☒ ")
    assert re.search(r": 58\s944 kr\.$", declaration["blocks"][1]["text"])
    # the file's own figure wins over the plugin's
    stated = write(under.replace('place = "Stockholm"', 'place = "Stockholm"\nrepayment = 50000'), "stated.toml")
    assert report_json("final", stated)["data"]["repayment"] == 50000


# --- Länsstyrelsen (seed 002) -------------------------------------------------------------


def test_lansstyrelsen_form_in_word_has_the_seeds_sections_and_figures(tmp_path):
    out = tmp_path / "lst.docx"
    assert export("final", LST, "docx", out).returncode == 0
    headings, text, tables = docx_text(out)
    assert headings[0].startswith("Slutrapportering 37-medel för insatser med stöd av ersättning enligt förordningen (2010:1122)")
    assert in_order(LST_HEADINGS, headings)
    seed = seed_text("002")
    for heading in headings:
        # the form asks for attachments ("ska … bifogas slutrapporten") under no heading
        if heading != "Bilagor":
            assert heading.lower() in seed, heading
    header = flat(text)
    assert "Sökande: Skaraborgs kommunalförbund" in header
    assert "Insats (rubrik): Systematisk uppföljning inom mottagande av ensamkommande barn i Skaraborg" in header
    assert "Kontaktperson: Monica Johansson" in header
    assert "Skövde" in header and "Namnförtydligande: Per-Olof Hermansson, förbundsdirektör" in header
    assert "13 kommuner har deltagit aktivt" in header  # Samverkan's text
    assert "Den biläggs vidare i sin helhet till denna slutrapport." in header  # Information's text, the report's words
    cells = {flat(c) for t in tables for row in t for c in row}
    # the seed writes budgets in tkr and the outcome as "1 771:-"
    for figure, stated in [("515 000 kr", "lönekostnader :- 515 tkr"), ("25 000 kr", "externa tjänster :- 25 tkr"),
                           ("70 000 kr", "lokalkostnader :- 70 tkr"), ("30 000 kr", "resekostnader 1 771:- 30 tkr"),
                           ("1 771 kr", "resekostnader 1 771:-"), ("60 000 kr", "aktiviteter :- 60 tkr"),
                           ("20 000 kr", "material/expenser 0:- 20 tkr"), ("720 000 kr", "summa :- 720 tkr")]:
        assert figure in cells and stated in seed, figure


@needs_poppler
def test_lansstyrelsen_form_as_pdf(tmp_path):
    out = tmp_path / "lst.pdf"
    assert export("final", LST, "pdf", out).returncode == 0
    text = flat(pdf_text(out))
    for words in (*LST_HEADINGS, "Sökande", "Insats (rubrik)", "720 000 kr", "1 771 kr", "Per-Olof Hermansson"):
        assert words in text, words


def test_lansstyrelsen_form_asks_its_own_questions_before_each_answer(write):
    """Under each heading the form's question as the received form prints it, then the answer;
    a heading with no answer is left out with its question."""
    seed = seed_text("002")
    doc = report_json("final", LST)
    by_id = {s["id"]: s for s in doc["sections"]}
    asked = {
        "need": "Redogör kortfattat för de brister som insatsen avsåg att lösa. Uppnådde insatsen en strukturpåverkan? Om inte, vilka hinder fanns?",
        "purpose": "Beskriv avsikten med insatsen, finns avvikelser från plan?",
        "goal": "Uppnåddes målet med insatsen? Redogör för orsaken till avvikelser.",
        "method": "Vad var den huvudsakliga åtgärden? Beskriv kortfattat vilka metoder som användes.",
        "follow_up": "Beskriv hur insatsen har följts upp och utvärderats.",
        "equality": "Beskriv om och i så fall hur jämställdhetsperspektivet har beaktats i insatsen? Vilka hinder har insatsen mött?",
        "child_perspective": "Beskriv om och i så fall hur barnperspektivet har beaktats i insatsen? Vilka hinder har insatsen mött?",
        "information": "Beskriv hur ni arbetat med informationsspridning.",
        "implementation": "Redogör för vilka möjligheter/svårigheter att överföra insatsens resultat och metoder till ordinarie verksamhet.",
        "assessment": "Vad gick bra och mindre bra i arbetet? Orsaker? Vilka tips skulle Du vilja ge framtida insatser som behandlar samma område?",
    }
    for sid, question in asked.items():
        first = by_id[sid]["blocks"][0]["text"]
        assert first == question, sid
        assert question.lower().rstrip(".") in seed, sid  # Uppföljning: "(beskriv hur … utvärderats)"
        assert by_id[sid]["blocks"][1:], sid  # the answer follows
    (economy,) = [s for s in doc["sections"] if s["id"] in ("economy", "financial_statement")]
    assert economy["blocks"][0]["text"] == "Redovisa era totala kostnader för redovisningsperioden enligt följande:"
    assert economy["blocks"][-1]["text"] == "OBS! Därutöver ska utdrag ur huvudboken bifogas slutrapporten."
    # an unanswered question is not printed: no Information, no Barnperspektiv
    base = LST.read_text(encoding="utf-8")
    for key in ("information", "child_perspective"):
        base_before, base = base, re.sub(rf'\n{key} = ("""[\s\S]*?"""|"[^\n]*")', "", base)
        assert base != base_before, key
    cut, base = base, LST.read_text(encoding="utf-8")
    assert cut != base
    ids = {s["id"] for s in report_json("final", write(cut, "cut.toml"))["sections"]}
    assert "information" not in ids and "child_perspective" not in ids and "need" in ids


def test_layout_follows_the_type_and_can_be_overridden(write):
    assert report_json("final", LUM)["data"]["layout"] == "lum"
    assert report_json("final", LST)["data"]["layout"] == "lansstyrelsen"
    plain = report_json("final", LUM, "--layout", "slutrapport")
    assert plain["title"].startswith("Slutrapport: ") and "layout" not in plain["data"]
    assert report_json("final", PLANNED)["title"].startswith("Slutrapport: ")
    assert report_json("final", PLANNED, "--layout", "lansstyrelsen")["data"]["layout"] == "lansstyrelsen"


def test_an_unknown_layout_is_refused_with_the_choices():
    r = cli("--lang", "sv", "report", "final", str(LUM), "--layout", "esf")
    assert r.returncode == 2
    assert "--layout" in r.stderr and "'esf'" in r.stderr and "lum, lansstyrelsen" in r.stderr.replace("'", "")


@pytest.mark.parametrize("fmt", ["md", "text", "json"])
def test_forms_print_in_every_text_format(fmt):
    r = cli("--lang", "sv", "report", "final", str(LST), "--format", fmt)
    assert r.returncode == 0, r.stderr
    for heading in ("Åtgärd och metod", "Uppföljning och utvärdering", "Samverkan"):
        assert heading.lower() in r.stdout.lower()


# --- projektdirektiv and projektplan ------------------------------------------------------

DECISIONS = """
[[decision_points]]
id = "B1"
planned = 2008-06-15
date = 2008-06-17
decision = "continue"
minutes = "Styrgruppens protokoll 2008-06-17"

[[decision_points]]
id = "B2"
planned = 2008-09-01
"""


def with_decisions(write) -> Path:
    text = PLANNED.read_text(encoding="utf-8")
    at = text.index("[[effect_goals]]")
    return write(text[:at] + DECISIONS.lstrip() + "\n" + text[at:], "planerat.toml")


def test_plan_holds_the_activity_plan_milestones_decision_points_and_budget(write):
    path = with_decisions(write)
    doc = report_json("plan", path)
    assert doc["kind"] == "project_plan" and doc["title"] == "Projektplan: Barnperspektivet och ekonomiskt bistånd"
    ids = [s["id"] for s in doc["sections"]]
    assert ids.index("activity_plan") < ids.index("milestones") < ids.index("budget") < ids.index("decision")
    by_id = {s["id"]: s for s in doc["sections"]}
    (activities,) = by_id["activity_plan"]["blocks"]
    assert [row[0] for row in activities["rows"]] == [a["id"] for a in doc["data"]["activities"]] and len(activities["rows"]) == 7
    (milestones,) = by_id["milestones"]["blocks"]
    assert [row[2] for row in milestones["rows"]] == [m["planned"] for m in doc["data"]["milestones"]]
    assert milestones["rows"][0] == ["M1", "Kartläggning av forskning/annan kunskap klar", "2008-11-01"]
    assert [row[0] for row in by_id["decision_points"]["blocks"][0]["rows"]] == ["B1", "B2"]
    budget = by_id["budget"]
    assert budget["data"]["total"] == 432800 and budget["blocks"][0]["items"][0] == {"label": "Budget", "value": "432\u00a0800 kr"}
    assert by_id["decision"]["title"] == "Beslut om projektplanen (B2)"
    assert facts(by_id["decision"]["blocks"][0]) == [("Planerat beslut", "2008-09-01")]
    # a plan states budgets, never an outcome
    assert "Utfall" not in str(budget)


def test_directive_holds_goals_frame_resources_organisation_and_b1(write):
    doc = report_json("directive", with_decisions(write))
    assert doc["kind"] == "project_directive"
    by_id = {s["id"]: s for s in doc["sections"]}
    assert list(by_id) == ["background", "goals", "frame", "resources", "organisation", "decision"]
    assert facts(by_id["decision"]["blocks"][0]) == [
        ("Planerat beslut", "2008-06-15"), ("Beslutat", "2008-06-17"), ("Beslut", "fortsätt"),
        ("Protokoll", "Styrgruppens protokoll 2008-06-17"),
    ]
    lst = report_json("directive", LST)
    (table,) = [b for b in next(s for s in lst["sections"] if s["id"] == "resources")["blocks"] if b["type"] == "table"]
    assert table["rows"][-1] == ["Summa", "720\u00a0000 kr"] and len(table["rows"]) == 7  # the budget plugin's six lines


@pytest.mark.parametrize("kind", ["directive", "plan"])
def test_planning_documents_in_word_and_opendocument_equal_their_json(kind, write, tmp_path):
    path = with_decisions(write)
    headings, tables, _charts = expected(report_json(kind, path))
    out = tmp_path / f"{kind}.docx"
    r = export(kind, path, "docx", out)
    assert r.returncode == 0 and r.stdout.strip() == f"{out}: skriven", r.stderr
    _word, got_headings, got_tables, _pictures = read_docx(out)
    assert (got_headings, got_tables) == (headings, tables)
    out = tmp_path / f"{kind}.odt"
    assert export(kind, path, "odt", out).returncode == 0
    _odt, got_headings, got_tables, _frames = read_odt(out)
    assert (got_headings, got_tables) == (headings, tables)


@needs_poppler
@pytest.mark.parametrize("kind,title", [("directive", "Projektdirektiv"), ("plan", "Projektplan")])
def test_planning_documents_as_pdf(kind, title, write, tmp_path):
    path = with_decisions(write)
    out = tmp_path / f"{kind}.pdf"
    assert export(kind, path, "pdf", out).returncode == 0
    text = flat(pdf_text(out))
    assert f"{title}: Barnperspektivet och ekonomiskt bistånd" in text and "432 800 kr" in text


def test_planning_documents_default_name_beside_the_file_and_refuse_to_overwrite(write):
    path = with_decisions(write)
    r = cli("--lang", "sv", "report", "plan", str(path), "--format", "pdf")
    target = path.with_name("planerat-projektplan.pdf")
    assert r.returncode == 0 and r.stdout.strip() == f"{target}: skriven"
    again = cli("--lang", "sv", "report", "plan", str(path), "--format", "pdf")
    assert again.returncode == 1 and str(target) in again.stderr and "--force" in again.stderr


def test_the_forms_list_fields_are_edited_one_item_a_line():
    """The app's *Final report texts* form: references, attachments and managers one a line."""
    from lilla_ratten.model import FinalReport
    from lilla_ratten.tui.fields import parse, show, specs_for

    specs = {s.name: s for s in specs_for(FinalReport)}
    assert {specs[n].kind for n in ("references", "attachments", "managers")} == {"lines"}
    assert specs["as_decided"].kind == "bool" and specs["need"].kind == "prose"
    typed = "Bergmark, Å. (2016). Ekonomiskt bistånd.\n\n  Ramböll. (2018). Slututvärdering.  \n"
    assert parse(specs["references"], typed) == ["Bergmark, Å. (2016). Ekonomiskt bistånd.", "Ramböll. (2018). Slututvärdering."]
    assert parse(specs["references"], "  \n") == []
    assert show(specs["managers"], ["A, enhetschef", "B, avdelningschef"]) == "A, enhetschef\nB, avdelningschef"


async def test_the_final_report_texts_form_edits_the_forms_lists(tmp_path):
    import shutil

    from textual.widgets import TextArea

    from tests.test_tui import make_app

    path = tmp_path / "projekt.toml"
    shutil.copy(LUM, path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_edit_section("final")
        await pilot.pause()
        assert app.screen.query_one("#f-references", TextArea).text.startswith("Bergmark, Å. (2016).")
        app.screen.query_one("#f-attachments", TextArea).text = "Enkät till föräldrarna\nMätvärden per familj\n"
        app.screen.query_one("#save").press()
        await pilot.pause()
        assert app.session.project.final.attachments == ["Enkät till föräldrarna", "Mätvärden per familj"]
        assert app.session.project.final.references[1].startswith("Ramböll. (2018).")
        assert app.session.project.final.as_decided is None  # the box left unsaid stays unsaid, not "no"
