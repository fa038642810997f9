"""How the pages of a document look (issue 29, item 6), read from the printed pages.

The PDF is read with poppler's pdftotext page by page; Word and OpenDocument files are
printed to PDF by LibreOffice, as a reader's would be, and read the same way.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, SAMPLES
from tests.test_cli import cli
from tests.test_documents import RICHEST, expected, export, report_json

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.replace("\u00a0", " ").split()) for page in text.split("\f")]


def printed(path: Path, tmp_path: Path) -> Path:
    """The file as a PDF: itself, or LibreOffice's print of a .docx or .odt."""
    if path.suffix == ".pdf":
        return path
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "printed"), str(path)], capture_output=True, check=True, timeout=180)
    return tmp_path / "printed" / f"{path.stem}.pdf"


def short_tables_document():
    """Thirty short tables, each after text of another length, so that some fall at a page's foot."""
    from lilla_ratten.model.document import Document, Facts, Paragraph, Table, section

    filler = ("Genom att frigöra en socialsekreterare att arbeta med ett begränsat antal barnfamiljer "
              "fokuserat mot självförsörjning har utrymme funnits att motivera föräldrar. ")
    sections = []
    for i in range(1, 31):
        rows = [[f"T{i}R{j}", f"{j * 1000}\u00a0kr"] for j in range(1, 5)]
        sections.append(section(
            f"s{i}", f"Avsnitt {i}",
            Paragraph(filler * (1 + i % 7)),
            Paragraph(f"Följande gäller tabell {i}:"),
            Table(["Post", "Belopp"], rows, numeric=[1], caption=f"Tabell {i} slut."),
            Paragraph(filler * (i % 3)),
            Facts([(f"F{i}L{j}", f"{j}00 kr") for j in range(1, 5)]),
        ))
    return Document("final_report", "Tabeller", [], sections)


@needs_poppler
@pytest.mark.parametrize("fmt", ["pdf", pytest.param("docx", marks=needs_libreoffice), pytest.param("odt", marks=needs_libreoffice)])
def test_a_short_table_its_caption_and_its_lead_in_are_never_split_over_two_pages(fmt, tmp_path):
    """The 4-row income table broke after its first row, and a caption was left at a page's
    foot; "Budget:" was left at a page's foot and "Utfall:" went to the next."""
    from lilla_ratten.documents import RunningHead, render

    out = tmp_path / f"t.{fmt}"
    out.write_bytes(render(short_tables_document(), fmt, RunningHead("P", "2024-01-01", "Sida")))
    texts = pages(printed(out, tmp_path))
    assert len(texts) >= 4  # the tables fall at page feet several times

    def page_of(text: str) -> int:
        (page,) = [n for n, t in enumerate(texts) if text in t]
        return page

    moved = 0
    for i in range(1, 31):
        parts = [f"Följande gäller tabell {i}:", *(f"T{i}R{j} " for j in range(1, 5)), f"Tabell {i} slut."]
        where = {page_of(p) for p in parts}
        assert len(where) == 1, (i, parts, where)
        facts = {page_of(f"F{i}L{j}:") for j in range(1, 5)}
        assert len(facts) == 1, (i, facts)
        moved += page_of(f"Avsnitt {i} ") != page_of(f"T{i}R1 ")
    assert moved  # some tables did fall at a page's foot, and went whole to the next page


def cell_words(doc: dict) -> set[str]:
    """The words of every table cell and every label–value row."""
    _headings, tables, _charts = expected(doc)
    facts = [f"{f['label']} {f['value']}" for f in doc["facts"]]
    facts += [f"{i['label']} {i['value']}" for s in doc["sections"] for b in s["blocks"] if b["type"] == "facts" for i in b["items"]]
    # a line may break after a dash ("november–" "februari") or a slash, which breaks no word
    cells = re.sub(r"[–/-]", " ", " ".join([*(c for t in tables for row in t for c in row), *facts]).replace("\u00a0", " "))
    return {w.strip(".,:;()") for w in cells.split() if len(w) > 3}


@needs_poppler
@pytest.mark.parametrize("fmt", ["pdf", pytest.param("docx", marks=needs_libreoffice), pytest.param("odt", marks=needs_libreoffice)])
def test_no_word_is_broken_inside_a_table_cell(fmt, tmp_path):
    """ "kartläggnin|g", "Stadsdelsförvaltning|ens": every word of every table cell and
    label–value row is printed whole, on one line."""
    out = tmp_path / f"r.{fmt}"
    assert export("final", RICHEST, fmt, out).returncode == 0
    text = subprocess.run(["pdftotext", str(printed(out, tmp_path)), "-"], capture_output=True, text=True).stdout
    printed_words = {w.strip(".,:;()") for w in re.sub(r"[–/-]", " ", text.replace("\u00a0", " ")).split()}
    missing = sorted(w for w in cell_words(report_json("final", RICHEST)) if w not in printed_words)
    assert missing == []


@needs_poppler
@needs_libreoffice
@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_the_page_header_has_the_name_at_the_left_and_the_date_at_the_right(fmt, tmp_path):
    """Word's header ran the name into the date ("…bistånd2026-12-04"): a tab stop past the Letter page's."""
    long = "Barnperspektivet och ekonomiskt bistånd i Rinkeby-Kista stadsdelsförvaltning, ett långt namn"
    from lilla_ratten.documents import RunningHead, render
    from lilla_ratten.model.document import Document, Paragraph, section

    out = tmp_path / f"h.{fmt}"
    out.write_bytes(render(Document("final_report", "T", [], [section("s", "S", Paragraph("Text."))]), fmt,
                           RunningHead(long, "2024-02-28", "Sida")))
    layout = subprocess.run(["pdftotext", "-layout", "-l", "1", str(printed(out, tmp_path)), "-"], capture_output=True, text=True).stdout
    first = next(line for line in layout.splitlines() if line.strip())
    assert re.fullmatch(r"\s*Barnperspektivet och ekonomiskt bistånd i Rinkeby-Kista\S*…\s{3,}2024-02-28\s*", first), first
    last = [line for line in layout.splitlines() if line.strip()][-1]
    assert last.strip() == "Sida 1" and len(last) - len(last.lstrip()) > 20  # the page number in the middle


@needs_poppler
@needs_libreoffice
@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_label_value_blocks_are_aligned(fmt, tmp_path):
    """Every value of the header block starts at the same place, however long its label."""
    out = tmp_path / f"r.{fmt}"
    assert export("final", RICHEST, fmt, out).returncode == 0
    layout = subprocess.run(["pdftotext", "-layout", "-l", "1", str(printed(out, tmp_path)), "-"], capture_output=True, text=True).stdout
    starts = set()
    for label, value in [("Projektets namn:", "Ingen ska"), ("Beviljat belopp:", "400"), ("År:", "2023"),
                         ("Inlämnad till", "2024-02-28")]:
        (line,) = [line for line in layout.splitlines() if line.lstrip().startswith(label)]
        starts.add(line.index(value))
    assert len(starts) == 1, starts


@needs_poppler
@needs_libreoffice
def test_odt_is_printed_in_the_pdfs_sans_serif(tmp_path):
    out = tmp_path / "r.odt"
    assert export("final", RICHEST, "odt", out).returncode == 0
    fonts = subprocess.run(["pdffonts", str(printed(out, tmp_path))], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= names and not any("Serif" in n for n in names), names


def test_word_and_odt_charts_have_labels_of_8_points_or_more():
    """The PNG is 16 cm wide at 100 pixels a centimetre; its smallest text was 24 pixels (6.8 points)."""
    from lilla_ratten.documents import chart_png

    pixels_per_point = chart_png.WIDTH / 16 / (72 / 2.54)
    assert min(chart_png.SMALL, chart_png.LABEL, chart_png.TITLE) / pixels_per_point >= 8


def test_a_chart_of_one_bar_is_not_drawn():
    from lilla_ratten.documents.page import drawn
    from lilla_ratten.model.document import Chart, Series

    assert not drawn(Chart("T", ["a"], [Series("n", [4])]))
    assert not drawn(Chart("T", ["a", "b"], [Series("n", [None, 4])]))
    assert drawn(Chart("T", ["a", "b"], [Series("n", [0, 4])]))


def test_the_compilations_year_is_the_one_all_projects_share(write, tmp_path):
    """`portfolio lum-2020 --format pdf` without --year: the real compilation's title, with its year 2020."""
    out = tmp_path / "b.pdf"
    r = cli("--lang", "sv", "portfolio", str(SAMPLES / "lum-2020"), "--format", "pdf", "-o", str(out))
    assert r.returncode == 0, r.stderr
    import pikepdf

    assert str(pikepdf.open(out).docinfo.Title) == "Redovisning av lokala utvecklingsprojekt 2020"
    # two projects sharing no year: all of them, and no year in the title
    write(MINIMAL, "a.toml")  # 2023-05-01 – 2024-02-29
    write(MINIMAL.replace('id = "test"', 'id = "old"').replace("2023-05-01", "2020-01-01").replace("2024-02-29", "2020-12-31"), "b.toml")
    out = tmp_path / "c.pdf"
    r = cli("--lang", "sv", "portfolio", str(tmp_path / "a.toml"), str(tmp_path / "b.toml"), "--format", "pdf", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert str(pikepdf.open(out).docinfo.Title) == "Redovisning av lokala utvecklingsprojekt"


def page_header(path: Path) -> str:
    """The page header's text as each format holds it (the PDF's: the first line of page 1)."""
    if path.suffix == ".docx":
        import docx

        return docx.Document(str(path)).sections[0].header.paragraphs[0].text
    if path.suffix == ".odt":
        from odfdo import Document

        return Document(str(path)).get_style("master-page", "Standard").get_page_header().text_recursive.strip()
    return subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout.splitlines()[0].strip()


@pytest.mark.parametrize("fmt", ["docx", "odt", pytest.param("pdf", marks=needs_poppler)])
def test_the_final_reports_page_header_shows_its_own_date_or_none(fmt, write, tmp_path):
    """The day it was signed or sent; a report the file gives no date shows none in its header,
    neither the day it is made as of nor the day it is printed (issue 29: the Länsstyrelsen
    report's header showed the export date)."""
    from datetime import date

    path = write(MINIMAL + "\n[final]\nsubmitted = 2024-03-01\n")
    out = tmp_path / f"r.{fmt}"
    assert export("final", path, fmt, out, "--as-of", "2024-06-30").returncode == 0
    assert re.search(r"\s2024-03-01$", page_header(out)), page_header(out)
    draft = write(MINIMAL, "draft.toml")
    assert export("final", draft, fmt, out, "--as-of", "2024-06-30", "--force").returncode == 0
    header = page_header(out)
    assert "2024-06-30" not in header and date.today().isoformat() not in header
    assert not re.search(r"\d{4}-\d{2}-\d{2}", header) and header.startswith("Testprojekt"), header


def test_a_sample_without_a_date_of_its_own_prints_none_in_any_format(tmp_path):
    """Länsstyrelsen's final report (the sample reconstructing it) records no date: no header says one."""
    sample = SAMPLES / "systematisk-uppfoljning-ensamkommande.toml"
    for fmt in ("docx", "odt", *(["pdf"] if shutil.which("pdftotext") else [])):
        out = tmp_path / f"s.{fmt}"
        assert export("final", sample, fmt, out).returncode == 0
        header = page_header(out)
        assert header.startswith("Systematisk uppföljning") and not re.search(r"\d{4}-\d{2}-\d{2}", header), (fmt, header)


def test_the_directive_is_dated_by_its_decision_and_an_undecided_plan_not_at_all(write, tmp_path):
    from datetime import date

    path = write(MINIMAL + """
[[decision_points]]
id = "B1"
date = 2023-04-20
decision = "continue"

[[decision_points]]
id = "B2"
planned = 2023-06-01
""")
    out = tmp_path / "p.docx"
    r = export("directive", path, "docx", out, "--as-of", "2024-06-30")
    assert r.returncode == 0, r.stderr
    assert page_header(out).endswith("\t2023-04-20")
    # B2 not decided yet: the plan has no date of its own
    assert export("plan", path, "docx", out, "--as-of", "2024-06-30", "--force").returncode == 0
    header = page_header(out)
    assert "\t" not in header and not re.search(r"\d{4}-\d{2}-\d{2}", header) and date.today().isoformat() not in header


def pdf_sizes() -> tuple[float, list[float]]:
    """The PDF's title size and heading sizes by level, as report.typ sets them."""
    from lilla_ratten.documents.to_pdf import __file__ as to_pdf

    typ = (Path(to_pdf).parent / "report.typ").read_text(encoding="utf-8")
    title = float(re.search(r"#show title: set text\(size: ([\d.]+)pt\)", typ).group(1))
    levels = dict(re.findall(r"#show heading\.where\(level: (\d)\): set text\(size: ([\d.]+)pt\)", typ))
    return title, [float(levels[str(n)]) for n in range(1, len(levels) + 1)]


def test_word_headings_are_black_bold_dejavu_at_the_pdfs_sizes(tmp_path):
    """The template's headings are blue Cambria (issue 29: Word did not look like the PDF)."""
    import docx
    from docx.oxml.ns import qn

    out = tmp_path / "r.docx"
    assert export("final", RICHEST, "docx", out, "--as-of", "2024-03-15").returncode == 0
    styles = docx.Document(str(out)).styles
    title, levels = pdf_sizes()
    assert levels[1] > levels[2] and title > levels[0] > levels[1]  # the PDF's own steps
    for name, size in [("Title", title), *((f"Heading {n}", levels[n - 1]) for n in range(1, 6))]:
        style = styles[name]
        color = style.element.rPr.find(qn("w:color"))
        assert color.get(qn("w:val")) == "000000" and color.get(qn("w:themeColor")) is None, name
        assert style.font.name == "DejaVu Sans" and style.element.rPr.rFonts.get(qn("w:asciiTheme")) is None, name
        assert style.font.size.pt == size and style.font.bold is True and style.font.italic is False, name
    assert styles["Normal"].font.name == "DejaVu Sans" and styles["Normal"].font.size.pt == 10
    assert styles["Title"].element.pPr.find(qn("w:pBdr")) is None  # no blue rule under the title


def test_odt_headings_are_black_bold_upright_at_the_pdfs_sizes(tmp_path):
    """odfdo's template gave level 3 the 14 pt of level 2 (issue 29: "Oktober 2023" as large as its chapter)."""
    from odfdo import Document

    out = tmp_path / "r.odt"
    assert export("final", RICHEST, "odt", out, "--as-of", "2024-03-15").returncode == 0
    odt = Document(str(out))
    title, levels = pdf_sizes()

    def text_props(name: str):
        return odt.styles.get_element(f"//style:style[@style:name='{name}']/style:text-properties")

    assert text_props("Title").get_attribute("fo:font-size") == f"{title:g}pt"
    assert text_props("Heading").get_attribute("style:font-name") == "DejaVu Sans"
    for level, size in enumerate(levels, start=1):
        props = text_props(f"Heading_20_{level}")
        assert props.get_attribute("fo:font-size") == f"{size:g}pt", level
        assert props.get_attribute("fo:color") == "#000000" and props.get_attribute("fo:font-weight") == "bold", level
        assert props.get_attribute("fo:font-style") == "normal", level


def word_heights(pdf: Path, word: str) -> list[float]:
    """The heights of ``word`` wherever it is printed (pdftotext's boxes: the font's size)."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [float(y2) - float(y1) for y1, y2 in re.findall(rf'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{word}</word>', boxes)]


@needs_poppler
@needs_libreoffice
@pytest.mark.parametrize("fmt", ["odt", "docx"])
def test_libreoffice_prints_a_level_3_heading_smaller_than_level_2(fmt, tmp_path):
    """As LibreOffice lays it out: "Oktober 2023" (level 3) below "Uppföljning och utvärdering" (level 2)."""
    out = tmp_path / f"r.{fmt}"
    assert export("final", RICHEST, fmt, out, "--as-of", "2024-03-15").returncode == 0
    pdf = printed(out, tmp_path)
    level3, level2 = word_heights(pdf, "Oktober"), word_heights(pdf, "Uppföljning")
    assert level3 and level2, (level3, level2)
    assert max(level3) < max(level2) * 0.95, (level3, level2)


@needs_poppler
@pytest.mark.parametrize("fmt", ["pdf", pytest.param("docx", marks=needs_libreoffice), pytest.param("odt", marks=needs_libreoffice)])
def test_a_table_that_fits_a_page_goes_whole_to_the_next_and_a_longer_one_flows(fmt, tmp_path):
    """The 32-project compilation's closing table left seven rows on a last page of their own;
    a table taller than a page still flows, its header repeated, and loses no row."""
    from lilla_ratten.documents import RunningHead, render
    from lilla_ratten.model.document import Document, Paragraph, Table, section

    filler = Paragraph("Genom att frigöra en socialsekreterare att arbeta med ett begränsat antal barnfamiljer " * 30)
    fits = Table(["Projekt", "Belopp"], [[f"Kort{i} projekt", f"{i}\u00a0000 kr"] for i in range(30)], numeric=[1], caption="Den korta slut.")
    long = Table(["Projekt", "Belopp"], [[f"Lang{i} projekt", f"{i}\u00a0000 kr"] for i in range(120)], numeric=[1])
    doc = Document("compilation", "T", [], [section("a", "A", filler, fits), section("b", "B", filler, long)])
    out = tmp_path / f"t.{fmt}"
    out.write_bytes(render(doc, fmt, RunningHead("P", "2024-01-01", "Sida")))
    texts = pages(printed(out, tmp_path))
    short = {n for n, t in enumerate(texts) for i in range(30) if f"Kort{i} projekt" in t} | {n for n, t in enumerate(texts) if "Den korta slut." in t}
    assert len(short) == 1, short
    where = [n for i in range(120) for n, t in enumerate(texts) if f"Lang{i} projekt" in t]
    assert len(where) == 120 and len(set(where)) >= 2  # every row printed, over more than one page
    assert all(texts[n].count("Projekt Belopp") >= 1 for n in set(where))  # the header on each of its pages


def test_in_word_a_table_that_fits_a_page_keeps_its_rows_together_and_a_longer_one_may_break():
    """Word keeps a table on one page when each row's paragraphs keep with the next: read
    from the file, as Word reads it (the test above sees LibreOffice print it so); a longer
    table may break between rows, never inside one."""
    import io

    import docx

    from lilla_ratten.documents import RunningHead, render
    from lilla_ratten.model.document import Document, Table, section

    fits = Table(["Projekt", "Belopp"], [[f"Kort{i}", f"{i}\u00a0000 kr"] for i in range(30)], numeric=[1], caption="Slut.")
    long = Table(["Projekt", "Belopp"], [[f"Lang{i}", f"{i}\u00a0000 kr"] for i in range(120)], numeric=[1])
    doc = Document("compilation", "T", [], [section("a", "A", fits, long)])
    word = docx.Document(io.BytesIO(render(doc, "docx", RunningHead("P", "2024-01-01", "Sida"))))
    first, second = [t for t in word.tables if t.style.name == "Table Grid"]
    assert all(p.paragraph_format.keep_with_next for row in first.rows for c in row.cells for p in c.paragraphs)
    assert not any(p.paragraph_format.keep_with_next for row in second.rows for c in row.cells for p in c.paragraphs)
    assert all(row._tr.trPr.xpath("./w:cantSplit") for t in (first, second) for row in t.rows)


def test_a_tables_caption_is_small_grey_and_upright_in_word_and_odt_as_in_the_pdf(tmp_path):
    """The templates' captions were blue and bold (Word) and 12 pt italic, larger than the text (ODT)."""
    import docx
    from odfdo import Document

    typ = (Path(__file__).parents[1] / "src/lilla_ratten/documents/report.typ").read_text(encoding="utf-8")
    assert "#let cell-size = 9pt" in typ and "fill: luma(27%), t.caption" in typ  # the PDF's caption
    word, odt = tmp_path / "r.docx", tmp_path / "r.odt"
    assert export("final", RICHEST, "docx", word, "--as-of", "2024-03-15").returncode == 0
    assert export("final", RICHEST, "odt", odt, "--as-of", "2024-03-15").returncode == 0
    opened = docx.Document(str(word))
    assert any(p.style.name == "Caption" for p in opened.paragraphs)
    caption = opened.styles["Caption"].font
    assert (str(caption.color.rgb), caption.size.pt, caption.bold, caption.italic, caption.name) == ("454545", 9, False, False, "DejaVu Sans")
    document = Document(str(odt))
    assert document.body.get_paragraphs(style="Caption")
    props = document.styles.get_element("//style:style[@style:name='Caption']/style:text-properties")
    assert (props.get_attribute("fo:font-size"), props.get_attribute("fo:font-style"), props.get_attribute("fo:color")) == ("9pt", "normal", "#454545")
