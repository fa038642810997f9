"""Reports written as Word, OpenDocument and PDF files (`report final|status --format docx|odt|pdf`).

Each document is read back the way its reader would open it — python-docx, odfdo, poppler's
pdftotext — and compared with the JSON of the same report: every heading, every table cell,
every chart's numbers. The commands run in a subprocess, as a person runs them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, SAMPLES
from tests.test_cli import REPORTS, cli

RICHEST = SAMPLES / "ingen-ska-lamnas-utanfor-2.toml"  # steps, budget and equality sections
AS_OF = "2024-03-15"


def report_json(kind: str, path: Path, *extra: str) -> dict:
    r = cli("--lang", "sv", "report", kind, str(path), *extra, "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def export(kind: str, path: Path, fmt: str, out: Path, *extra: str, lang: str = "sv") -> subprocess.CompletedProcess:
    return cli("--lang", lang, "report", kind, str(path), *extra, "--format", fmt, "-o", str(out))


def own_date(sample: Path) -> str:
    """The date a final report's page header shows: the day it was signed, sent or approved
    as its file records, else none (never the day it is printed or dated as of)."""
    import tomllib

    final = tomllib.loads(sample.read_text(encoding="utf-8")).get("final", {})
    when = final.get("signed") or final.get("submitted") or final.get("approved")
    return when.isoformat() if when else ""


def cell(value) -> str:
    return "" if value is None else str(value)


def starts(full: str, shown: str) -> bool:
    """The page header shows the project's name, or its beginning cut at a word and marked "…"."""
    return shown == full or (shown.endswith("…") and full.startswith(shown[:-1]) and len(shown) <= 61)


def expected(doc: dict) -> tuple[list[tuple[int, str]], list[list[list[str]]], list[dict]]:
    """Headings (level, title), tables (rows of cell texts, header row first) and charts, in order."""
    headings = [(0, doc["title"])]
    tables: list[list[list[str]]] = []
    charts: list[dict] = []

    def walk(sec: dict, level: int) -> None:
        headings.append((level, " ".join(sec["title"].split())))
        for block in sec["blocks"]:
            if block["type"] == "table":
                tables.append([[cell(h) for h in block["headers"]], *([cell(c) for c in row] for row in block["rows"])])
            elif block["type"] == "chart":
                charts.append(block)
                t = block["table"]
                tables.append([[cell(h) for h in t["headers"]], *([cell(c) for c in row] for row in t["rows"])])
        for sub in sec["sections"]:
            walk(sub, level + 1)

    for sec in doc["sections"]:
        walk(sec, 1)
    return headings, tables, charts


# --- Word ---------------------------------------------------------------------------------


def read_docx(path: Path):
    import docx

    word = docx.Document(str(path))
    headings = []
    for p in word.paragraphs:
        name = p.style.name
        if name == "Title":
            headings.append((0, p.text))
        elif name.startswith("Heading "):
            headings.append((int(name.split()[1]), p.text))
    # the report's tables have lines; label–value blocks are tables without (read_docx_facts)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in word.tables if t.style.name == "Table Grid"]
    pictures = len(word.inline_shapes)
    return word, headings, tables, pictures


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_docx_headings_tables_and_charts_equal_the_json(sample, tmp_path):
    out = tmp_path / "r.docx"
    r = export("final", sample, "docx", out, "--as-of", AS_OF)
    assert r.returncode == 0 and r.stdout.strip() == f"{out}: skriven", r.stderr
    headings, tables, charts = expected(report_json("final", sample, "--as-of", AS_OF))
    word, got_headings, got_tables, pictures = read_docx(out)
    assert got_headings == headings
    assert got_tables == tables
    assert pictures == len(charts)
    name, _tab, date = word.sections[0].header.paragraphs[0].text.partition("\t")
    assert date == own_date(sample) and starts(report_json("final", sample)["data"]["project"]["name"], name)
    footer = word.sections[0].footer._element.xml
    assert "Sida " in footer and 'w:instr="PAGE"' in footer  # the page number is Word's own field


def chart_of(doc: dict, section_id: str) -> list[dict]:
    return [b for s in doc["sections"] if s["id"] == section_id for b in s["blocks"] if b["type"] == "chart"]


def test_the_budget_plugins_chart_is_the_budget_and_outcome_of_each_line():
    doc = report_json("final", SAMPLES / "systematisk-uppfoljning-ensamkommande.toml")
    (section,) = [s for s in doc["sections"] if s["id"] == "financial_statement"]
    (chart,) = chart_of(doc, "financial_statement")
    lines = section["data"]["lines"]
    assert chart["categories"] == [line["name"] for line in lines]
    assert chart["series"][0]["values"] == [line["budget"] for line in lines]
    assert chart["series"][1]["values"] == [line["outcome"] for line in lines]  # None: not reported, no bar
    assert chart["table"]["rows"][0] == ["Lönekostnader", "515\u00a0000 kr", None]


def test_the_steps_plugins_chart_reaches_word_with_its_numbers(tmp_path):
    """A plugin's chart block becomes a picture and a table whose cells are the chart's values."""
    out = tmp_path / "r.docx"
    assert export("final", RICHEST, "docx", out).returncode == 0
    doc = report_json("final", RICHEST)
    (chart,) = chart_of(doc, "steps")
    assert chart["title"] == "Nivå per mättillfälle" and len(chart["series"]) == 3
    word, _h, tables, pictures = read_docx(out)
    # the steps plugin's only: the LUM form has no figure, so the budget's would repeat its table
    assert pictures == 1
    described = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    start = chart["series"][0]
    assert f"{start['name']}: " + ", ".join(f"{c} {v}" for c, v in zip(chart["categories"], start["values"])) in described[0]
    header = [chart["table"]["headers"][0], *(s["name"] for s in chart["series"])]
    (table,) = [t for t in tables if t[0] == header]
    for i, category in enumerate(chart["categories"]):
        assert table[1 + i] == [category, *(cell(s["values"][i]) for s in chart["series"])]
    # the figures of seed 000's table: 3, 12, 6, 7, 0 at the start
    assert chart["series"][0]["values"] == [3, 12, 6, 7, 0]


def docx_facts(word) -> list[str]:
    """The label–value rows of a Word file ("Beviljat: 400 000 kr"): tables without lines."""
    return [" ".join(c.text for c in row.cells) for t in word.tables if t.style.name != "Table Grid" for row in t.rows]


# --- OpenDocument -------------------------------------------------------------------------


def read_odt(path: Path):
    from odfdo import Document

    odt = Document(str(path))
    body = odt.body
    headings = [(0, p.text_recursive) for p in body.get_paragraphs(style="Title")]
    headings += [(int(h.level), h.text_recursive) for h in body.get_headers()]
    tables = [[[c.text_recursive.strip() for c in row.get_cells()] for row in t.get_rows()]
              for t in body.get_tables() if t.name.startswith("Tabell")]  # "Uppgifter": label–value blocks
    frames = body.get_frames()
    return odt, headings, tables, frames


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_odt_headings_tables_and_charts_equal_the_json(sample, tmp_path):
    out = tmp_path / "r.odt"
    assert export("final", sample, "odt", out, "--as-of", AS_OF).returncode == 0
    doc = report_json("final", sample, "--as-of", AS_OF)
    headings, tables, charts = expected(doc)
    odt, got_headings, got_tables, frames = read_odt(out)
    assert got_headings == headings
    assert got_tables == tables
    assert len(frames) == len(charts)
    for frame, chart in zip(frames, charts, strict=True):  # each picture is inside the file, described in words
        assert odt.get_part(frame.get_image().url)[:8] == b"\x89PNG\r\n\x1a\n"
        assert frame.svg_title == chart["title"] and frame.svg_description.startswith(chart["title"] + ". ")
    master = odt.get_style("master-page", "Standard")
    name, _tab, date = master.get_page_header().text_recursive.strip().partition("\t")
    assert date == own_date(sample) and starts(doc["data"]["project"]["name"], name)
    assert "text:page-number" in master.get_page_footer().serialize()


def test_status_report_as_odt_and_docx(write, tmp_path):
    path = write(MINIMAL + REPORTS)
    doc = report_json("status", path)
    headings, tables, _charts = expected(doc)
    assert export("status", path, "odt", tmp_path / "s.odt").returncode == 0
    _odt, got_headings, got_tables, _frames = read_odt(tmp_path / "s.odt")
    assert (got_headings, got_tables) == (headings, tables)
    assert export("status", path, "docx", tmp_path / "s.docx").returncode == 0
    word, got_headings, got_tables, _p = read_docx(tmp_path / "s.docx")
    assert (got_headings, got_tables) == (headings, tables)
    assert word.sections[0].header.paragraphs[0].text == "Testprojekt\t2023-06-06"  # the report's own date


# --- PDF ----------------------------------------------------------------------------------

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils not installed (.ci/install-system-deps installs it)"
)


def pdf_text(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@needs_poppler
@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_pdf_text_holds_every_heading_and_figure(sample, tmp_path):
    out = tmp_path / "r.pdf"
    assert export("final", sample, "pdf", out, "--as-of", AS_OF).returncode == 0
    doc = report_json("final", sample, "--as-of", AS_OF)
    headings, tables, charts = expected(doc)
    text = flat(pdf_text(out))
    for _level, title in headings:
        assert flat(title) in text
    for value in [v for _l, v in (tuple(f.values()) for f in doc["facts"])]:
        assert flat(value) in text
    # every number in every table cell is in the text ("658 944 kr" as one figure)
    numbers = re.compile(r"\d+(?:[ \u00a0]\d{3})*(?:,\d+)?")
    words = set(numbers.findall(text))
    for table in tables:
        for row in table:
            for c in row:
                for figure in numbers.findall(c.replace("\u00a0", " ")):
                    assert figure in words, (figure, c)
    page1 = flat(pdf_text(out, "-f", "1", "-l", "1"))
    assert own_date(sample) in page1 and "Sida 1" in page1
    assert "å" in text and "ä" in text and "ö" in text


@needs_poppler
@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_pdf_amounts_are_not_broken_over_two_lines(sample, tmp_path):
    """A narrow column showed "658 944" above "kr"; each amount in a table is on one line,
    the line of its row's label (cells are aligned at the top)."""
    out = tmp_path / "r.pdf"
    assert export("final", sample, "pdf", out, "--as-of", AS_OF).returncode == 0
    checked = amounts_on_their_rows(out, sample)
    assert checked or sample != RICHEST


AMOUNT = re.compile(r"[−-]?[\d\u00a0 ]+ kr|SEK [−-]?[\d,]+")


def amounts_on_their_rows(pdf: Path, sample: Path, lang: str = "sv") -> int:
    """Every amount of every table row is on the line where the row's label starts; how many rows."""
    lines = [" ".join(line.replace("\u00a0", " ").split()) for line in pdf_text(pdf, "-layout").splitlines()]
    r = cli("--lang", lang, "report", "final", str(sample), "--as-of", AS_OF, "--format", "json")
    _headings, tables, _charts = expected(json.loads(r.stdout))
    checked = 0
    for table in tables:
        for label, *cells in table:
            amounts = [" ".join(c.replace("\u00a0", " ").split()) for c in cells if AMOUNT.fullmatch(c)]
            start = " ".join(label.split()[:2])
            if not amounts or not start:
                continue
            rows = [line for line in lines if line.startswith(start) or f" {start}" in line]
            if not any(all(x in line for x in amounts) for line in rows):  # a short label wrapped between its words
                first = label.split()[0]
                rows = [line for line in lines if line.startswith(first + " ") or f" {first} " in line]
            assert any(all(a in line for a in amounts) for line in rows), (label, amounts, rows)
            checked += 1
    return checked


@needs_poppler
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("fmt", ["docx", "odt"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_word_and_libreoffice_lay_out_amounts_and_words_whole(fmt, lang, tmp_path):
    """python-docx gives every column the same width and LibreOffice kept it, breaking
    "Personalkostn|ader" and "658 944|kr"; the columns now have widths from their text.
    LibreOffice opens the file and prints it to PDF, as a user's would."""
    out = tmp_path / f"r.{fmt}"
    assert export("final", RICHEST, fmt, out, "--as-of", AS_OF, lang=lang).returncode == 0
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   capture_output=True, check=True, timeout=120)
    pdf = tmp_path / "r.pdf"
    assert amounts_on_their_rows(pdf, RICHEST, lang) >= 5
    text = pdf_text(pdf, "-layout")
    assert "Commen\n" not in text and "Personalkostn\n" not in text


def outline_titles(path: Path) -> list[tuple[int, str]]:
    """The PDF's outline (bookmarks), depth first with each entry's depth, as a reader's sidebar lists them."""
    import pikepdf

    titles: list[tuple[int, str]] = []

    def walk(items, level: int = 1) -> None:
        for item in items:
            titles.append((level, item.title))
            walk(item.children, level + 1)

    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        walk(outline.root)
    return titles


@needs_poppler
def test_pdf_embeds_its_fonts_and_its_outline_is_the_headings(tmp_path):
    out = tmp_path / "r.pdf"
    assert export("final", RICHEST, "pdf", out).returncode == 0
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    # only the two DejaVu faces, both embedded: no unembedded Helvetica from a table's or a chart's defaults
    assert len(fonts) == 2 and all("DejaVu" in line and line.split()[-5:-2] == ["yes", "yes", "yes"] for line in fonts), fonts
    headings, _tables, _charts = expected(report_json("final", RICHEST))
    # every heading at its level; the title is the document's own (shown as the window's title), not a bookmark
    assert outline_titles(out) == headings[1:]
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595.276 x 841.89 pts \(A4\)", info), info


@needs_poppler
def test_pdf_chart_is_drawn_with_the_tables_numbers(tmp_path):
    """The figure's bar labels are text in the PDF: the same numbers as its table."""
    out = tmp_path / "r.pdf"
    assert export("final", RICHEST, "pdf", out).returncode == 0
    doc = report_json("final", RICHEST)
    (chart,) = chart_of(doc, "steps")
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout)[1])
    page = next(n for n in range(1, pages + 1) if chart["title"] in pdf_text(out, "-f", str(n), "-l", str(n)))
    # read by position (-layout): in reading order a bar's label may come after the figure's
    # table header, depending on where the figure falls on the page
    text = pdf_text(out, "-layout", "-f", str(page), "-l", str(page))
    figure = text[text.index(chart["title"]) : text.index(chart["table"]["headers"][0], text.index(chart["title"]))]
    number_lines = [line for line in figure.splitlines() if line.strip() and re.fullmatch(r"[\d\s]+", line)]
    labels = [int(n) for line in number_lines for n in line.split()]
    values = [v for s in chart["series"] for v in s["values"] if v is not None]
    ticks = [0, 5, 10, 15]  # the value axis: 12 at most, so steps of 5 up to 15
    # every bar has its label, and nothing else is a number in the figure
    assert sorted(labels) == sorted(values + ticks), (labels, values)


# --- where the file goes, and when nothing is written ---------------------------------------


def test_default_target_is_beside_the_project_file(tmp_path):
    project = tmp_path / "mitt projekt.toml"
    shutil.copy(RICHEST, project)
    r = cli("--lang", "sv", "report", "final", str(project), "--format", "pdf")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "mitt projekt-slutrapport.pdf").read_bytes()[:5] == b"%PDF-"
    r = cli("--lang", "en", "report", "final", str(project), "--format", "odt")
    assert (tmp_path / "mitt projekt-final-report.odt").is_file(), r.stderr


def test_status_report_file_is_named_by_its_id(write):
    path = write(MINIMAL + REPORTS, "p.toml")
    r = cli("--lang", "sv", "report", "status", str(path), "--format", "docx")
    assert r.returncode == 0 and (path.parent / "p-lägesrapport-SR1.docx").is_file(), r.stderr


def test_characters_a_file_name_may_not_hold_are_replaced():
    from lilla_ratten.cli.export import default_target, safe_name

    assert safe_name('SR1: "ny"/del?') == "SR1_ _ny_del_"
    assert default_target("a/b<c>.toml", "status-report-SR|2", "pdf") == Path("a/b_c_-status-report-SR_2.pdf")


def test_an_existing_file_is_kept_without_force(tmp_path):
    out = tmp_path / "r.pdf"
    out.write_bytes(b"the funder's copy")
    r = export("final", RICHEST, "pdf", out, lang="en")
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip() == f"{out}: exists; not replaced (--force replaces it)"
    assert out.read_bytes() == b"the funder's copy"
    assert sorted(os.listdir(tmp_path)) == ["r.pdf"]  # no temp file either
    r = cli("--lang", "en", "report", "final", str(RICHEST), "--format", "pdf", "-o", str(out), "--force")
    assert r.returncode == 0 and out.read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize(
    "target, words",
    [
        (".", "{out}: is a folder; name a file to write"),
        ("missing/r.docx", "{out}: no such folder: {parent}"),
    ],
)
def test_a_folder_or_a_missing_folder_is_refused(tmp_path, target, words):
    out = tmp_path / target
    r = export("final", RICHEST, "docx", out, lang="en")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip() == words.format(out=out, parent=out.parent)
    assert sorted(os.listdir(tmp_path)) == []


def test_the_project_file_itself_is_never_replaced(tmp_path):
    project = tmp_path / "p.toml"
    shutil.copy(RICHEST, project)
    before = project.read_bytes()
    r = cli("--lang", "en", "report", "final", str(project), "--format", "pdf", "-o", str(project), "--force")
    assert r.returncode == 1 and r.stderr.strip() == f"{project}: is the project file itself; not replaced"
    assert project.read_bytes() == before


def test_a_read_only_file_is_not_replaced_even_with_force(tmp_path):
    out = tmp_path / "r.odt"
    out.write_bytes(b"signed copy")
    out.chmod(0o444)
    r = cli("--lang", "sv", "report", "final", str(RICHEST), "--format", "odt", "-o", str(out), "--force")
    assert r.returncode == 1 and r.stderr.strip() == f"{out}: skrivskyddad; ersattes inte"
    assert out.read_bytes() == b"signed copy"


def test_a_project_with_errors_is_refused_with_validates_messages(write, tmp_path):
    bad = write(MINIMAL.replace("end = 2024-02-29", "end = 2022-01-01"))  # loads, but validate refuses it
    expected_lines = cli("--lang", "en", "validate", str(bad)).stdout.splitlines()
    assert any(f"{bad}:" in line and ":" in line for line in expected_lines)
    out = tmp_path / "r.pdf"
    r = export("final", bad, "pdf", out, lang="en")
    assert r.returncode == 1
    assert r.stderr.splitlines()[: len(expected_lines)] == expected_lines
    assert "fix the errors above first" in r.stderr
    assert not out.exists()


def test_an_unwritable_folder_gives_a_message_and_leaves_nothing(tmp_path):
    """A read-only file system (a real tmpfs remounted read-only, as root in CI)."""
    from tests.test_adversarial import tmpfs

    with tmpfs(tmp_path / "disk", "4m") as disk:
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        out = disk / "r.docx"
        r = export("final", RICHEST, "docx", out, lang="en")
        assert r.returncode == 1 and "Traceback" not in r.stderr
        assert r.stderr.strip() == f"{out}: not written: the disk can only be read"
        assert os.listdir(disk) == []


@pytest.mark.parametrize("error", ["ENOSPC", "EACCES"])
def test_a_failed_write_leaves_no_half_written_file(tmp_path, monkeypatch, capsys, error):
    """In-process: the write fails after the temp file was made; the old file stays, no temp file is left."""
    import errno

    from lilla_ratten.cli.export import write_report
    from lilla_ratten.model.document import Document, Paragraph, section

    out = tmp_path / "r.docx"
    out.write_bytes(b"old")
    code = getattr(errno, error)
    words = {"ENOSPC": "the disk is full", "EACCES": "you do not have permission"}[error]  # ours, not the OS's English

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    doc = Document("final_report", "T", [], [section("s", "S", Paragraph("x"))])
    assert write_report(doc, "docx", out, True, "P", "2024-01-01") == 1
    assert capsys.readouterr().err.strip() == f"{out}: not written: {words}"
    assert out.read_bytes() == b"old" and sorted(os.listdir(tmp_path)) == ["r.docx"]


# --- the chart block ----------------------------------------------------------------------


def test_a_chart_needs_one_value_per_category():
    from lilla_ratten.api import Chart, Series

    with pytest.raises(ValueError, match="series 'B' has 1 values for 2 categories"):
        Chart("T", ["x", "y"], [Series("A", [1, 2]), Series("B", [1])])


def test_a_value_left_out_is_an_empty_cell_and_no_bar_in_every_format(tmp_path):
    """A suppressed or unmeasured value (None) never appears as a number, in any format."""
    from lilla_ratten.api import Chart, Series
    from lilla_ratten.documents import RunningHead, render as document
    from lilla_ratten.model.document import Document, section
    from lilla_ratten.reports import render

    chart = Chart("Budget och utfall", ["Lön", "Resor"], [Series("Budget", [450000, 777777]), Series("Utfall", [461000, None])], money=True)
    chart2 = Chart("Antal", ["a", "b"], [Series("n", [None, 4])], unit="personer")
    doc = Document("final_report", "T", [], [section("s", "S", chart, chart2)])
    from lilla_ratten.i18n import set_language

    set_language("sv")
    md = render(doc, "md")
    assert "| Resor | 777\u00a0777 kr |  |" in md and "| a |  |" in md
    data = json.loads(render(doc, "json"))["sections"][0]["blocks"]
    assert data[1]["series"][0]["values"] == [None, 4] and data[1]["table"]["rows"][0] == ["a", None]
    # the PDF draws it: its text holds the bar labels and the table, never a stand-in for None
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(document(doc, "pdf", RunningHead("P", "2024-01-01")))
    if shutil.which("pdftotext"):
        text = pdf_text(pdf)
        assert "777 777" in text.replace("\u00a0", " ") and "None" not in text
    word = tmp_path / "c.docx"
    word.write_bytes(document(doc, "docx", RunningHead("P", "2024-01-01")))
    _w, _h, tables, pictures = read_docx(word)
    # the second chart has one bar, which compares nothing: its table alone (item 6 of issue 29)
    assert pictures == 1 and tables[1] == [["", "n"], ["a", ""], ["b", "4"]]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt"])
def test_tables_of_any_shape_are_written_in_every_format(fmt, tmp_path):
    """Found in review of the column widths: a cell with a line break crashed Word and
    OpenDocument (Pillow measures one line), and a long text in a numeric column left the
    PDF's other columns no room at all (reportlab, used then, refused to lay it out)."""
    from lilla_ratten.api import Table
    from lilla_ratten.documents import RunningHead, render as document
    from lilla_ratten.model.document import Document, section

    tables = [
        Table(["Rad", "Belopp", "Kommentar"], [["Lön", "658\u00a0944 kr", "första raden\nandra raden"]], numeric=[1]),
        Table(["Post", "Belopp"], [["Lön", "658\u00a0944 kr"], ["Övrigt", "ej redovisat, se bilaga " * 20]], numeric=[1]),
        Table(["Bara rubriker", "och inga rader"], []),
        Table(["A"], [["1", "fler celler", "än rubriker"], []], numeric=[0, 5]),
        Table([f"K{i}" for i in range(20)], [[f"{i * 1000}\u00a0kr" for i in range(20)]], numeric=list(range(20))),
    ]
    doc = Document("final_report", "T", [], [section("s", "S", *tables)])
    out = tmp_path / f"t.{fmt}"
    out.write_bytes(document(doc, fmt, RunningHead("P", "2024-01-01")))
    assert out.stat().st_size > 0


def test_column_widths_keep_amounts_whole_when_they_fit_and_never_pass_the_page():
    from lilla_ratten.documents.page import column_widths

    def measure(text, bold):  # five points a character, about DejaVu Sans at 9 points
        return 5.0 * len(text)

    # the richest sample's cost table: a header longer than its amounts must not squeeze them
    rows = [["Kostnader", "Budget", "Utfall", "Budget − utfall", "Kommentar"],
            ["Personalkostnader inkl. sociala avgifter", "658 944 kr", "658 944 kr", "0 kr", ""]]
    widths = column_widths(rows, {1, 2, 3}, 482, measure, pad=14)
    assert widths[1] >= measure("658 944 kr", False) + 14 and widths[2] >= measure("658 944 kr", False) + 14
    assert sum(widths) <= 482 + 1e-6
    # long text in a numeric column: the amounts may wrap, the other columns keep their words
    rows = [["Post", "Belopp"], ["Övrigt", "ej redovisat, se bilaga " * 20]]
    widths = column_widths(rows, {1}, 482, measure, pad=14)
    assert widths[0] >= measure("Övrigt", True) + 14 and sum(widths) <= 482 + 1e-6
    # a line break: each line measured on its own
    rows = [["A", "B"], ["kort\nkort", "x"]]
    assert column_widths(rows, set(), 482, measure, pad=0)[0] == measure("kort", False)


# --- the committee's yearly compilation (seed 004's layout) ----------------------------------


def test_the_compilation_groups_projects_by_organisation_with_their_figures(tmp_path):
    folder = SAMPLES / "utvecklingsmedel-2002-2003"
    out = tmp_path / "redovisning.docx"
    r = cli("--lang", "sv", "portfolio", str(folder), "--format", "docx", "--year", "2003", "-o", str(out))
    assert r.returncode == 0, r.stderr
    r = cli("--lang", "sv", "portfolio", str(folder), "--format", "json")
    projects = [p for p in json.loads(r.stdout)["data"]["projects"] if 2003 in p["active_years"]]
    assert len(projects) == 22  # seed 003: 22 of its 32 projects had money in 2003
    word, headings, tables, _p = read_docx(out)
    assert headings[0] == (0, "Redovisning av lokala utvecklingsprojekt 2003")
    assert word.sections[0].header.paragraphs[0].text.startswith("Redovisning av lokala utvecklingsprojekt 2003\t")
    organisations = [text for level, text in headings if level == 1][:-1]  # the last: all projects
    from lilla_ratten.reports.compilation import swedish_key

    assert organisations == sorted({p["organisation"] for p in projects}, key=swedish_key)
    # å, ä, ö after z and in that order, as a Swedish reader sorts (seed 004 ends with Östermalm)
    swedish = ["Bromma", "Zinkensdamm", "Årsta", "Älvsjö", "Östermalm"]
    assert sorted(reversed(swedish), key=swedish_key) == swedish
    # each project under its organisation, with its granted amount in its facts
    names = [(lvl, text) for lvl, text in headings if lvl == 2]
    assert sorted(n for _l, n in names) == sorted(p["name"] for p in projects)
    by_name = {p["name"]: p for p in projects}
    current = None
    for level, text in headings[1:]:
        if level == 1:
            current = text
        elif level == 2:
            assert by_name[text]["organisation"] == current
    facts = [f for f in docx_facts(word) if f.startswith("Beviljat:")]
    assert len(facts) == 22
    # the closing table: one row per project and the total of what was granted
    last = tables[-1]
    assert last[0] == ["Projekt", "Organisation", "Beviljat", "Förbrukat"] and len(last) == 1 + 22 + 1
    total = sum(p["granted"] or 0 for p in projects)
    assert last[-1][:3] == ["Totalt", "Projekt: 22", f"{total:,} kr".replace(",", "\u00a0")]


def test_the_compilation_takes_only_the_projects_of_the_year(write, tmp_path):
    write(MINIMAL, "a.toml")  # 2023-05-01 – 2024-02-29
    write(MINIMAL.replace('id = "test"', 'id = "old"').replace("Testprojekt", "Gammalt").replace("2023-05-01", "2020-01-01")
          .replace("end = 2024-02-29", "end = 2020-12-31").replace("2023-06-01", "2020-06-01").replace("2023-06-05", "2020-06-05")
          .replace("2023-10-01", "2020-10-01"), "b.toml")
    out = tmp_path / "r.odt"
    r = cli("--lang", "en", "portfolio", str(tmp_path), "--format", "odt", "--year", "2020", "-o", str(out))
    assert r.returncode == 0, r.stderr
    _odt, headings, tables, _f = read_odt(out)
    assert [h for h in headings if h[0] == 2] == [(2, "Gammalt")]
    assert tables[-1][-1][:2] == ["Total", "Projects: 1"]


# Seed 004, in its order: (project, organisation as the seed writes it)
SEED_004 = [
    ("Egenmakt – privatekonomi", "Hägersten-Liljeholmen stadsdelsförvaltning"),
    ("En plats för dig - verksamhetsutveckling i socialpsykiatri med tjänstedesign som metod", "Hägersten-Liljeholmen stadsdelsförvaltning"),
    ("Ett systematiskt, skyndsamt och tryggt förändringsarbete för en modern och hållbar socialtjänst", "Hässelby-Vällingby stadsdelsförvaltning"),
    ("Etableringscoach", "Kungsholmen, Norrmalm och Östermalm stadsdelsförvaltning"),
    ("Familjeorienterat arbetssätt", "Skarpnäck stadsdelsförvaltning"),
    ("Pilot intern-SIP", "Skärholmen stadsdelsförvaltning"),
    ("Alla barn i centrum (ABC) Ett universellt gruppstöd till föräldrar med barn i åldern 0-2 år", "Socialförvaltningen Framtid Stockholm"),
    ("Islandsprojektet – Stockholm", "Socialförvaltningen, socialjouren"),
    ("Nya Startpunkten", "Östermalm stadsdelsförvaltning"),
]


def test_the_2020_compilation_comes_back_from_its_projects(tmp_path):
    """`portfolio sample_projects/lum-2020 --format docx --year 2020`: seed 004's title,
    organisations and projects in its order, each project's text as the seed has it."""
    out = tmp_path / "bilaga.docx"
    r = cli("--lang", "sv", "portfolio", str(SAMPLES / "lum-2020"), "--format", "docx", "--year", "2020", "-o", str(out))
    assert r.returncode == 0, r.stderr
    word, headings, tables, _p = read_docx(out)
    assert headings[0] == (0, "Redovisning av lokala utvecklingsprojekt 2020")
    walked = [(level, text) for level, text in headings[1:] if level in (1, 2)]
    seed_order = []
    for name, organisation in SEED_004:
        if (1, organisation) not in seed_order:
            seed_order.append((1, organisation))
        seed_order.append((2, name))
    assert walked == [*seed_order, (1, "Samtliga projekt")]
    text = "\n".join(p.text for p in word.paragraphs)
    # a paragraph the seed's page break cut mid-sentence, whole again, and the last project's list
    assert "sysselsättningar. Efter att ha anpassat projektaktiviteterna" in text
    assert "bostad, samt hälsa och samlevnad" in text
    assert "2) Genomförande av hälsofrämjande och återhämtningsinriktade studiecirkel" in text
    assert [row[0] for row in tables[-1][1:-1]] == [name for name, _o in SEED_004]
    seed = ROOT.parent / "shared" / "seeds"
    for path in seed.glob("004_*.txt") if seed.is_dir() else []:  # beside the repository in CI and on the machines
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line) > 200:  # every whole paragraph of the seed is in the document
                assert " ".join(line.split()).lstrip("- ") in " ".join(text.split()), line[:60]
