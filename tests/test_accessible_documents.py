"""Documents a public body may publish and archive as they are (issue 29, item 7).

Every PDF is tagged PDF/UA-1 and PDF/A-2a: read back with pikepdf, its structure tree holds
the headings, tables with header cells and figures with alternative text, every text on
every page is marked content (tagged, or an artifact such as the page header), the file
declares its language, title, PDF/A and PDF/UA in its XMP, an output intent, and embeds
every font. Word and OpenDocument files carry the report's language (sv-SE), a real title,
author and dates; LibreOffice, opening them, reads them as Swedish.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import MINIMAL, SAMPLES
from tests.test_cli import REPORTS, cli
from tests.test_documents import RICHEST, expected, export, report_json

TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


def structure(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every element of the structure tree, depth first."""
    out: list[pikepdf.Dictionary] = []

    def walk(node) -> None:
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                out.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return out


def unmarked_text(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """Text-showing operators outside any marked-content sequence: (page, operator)."""
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        depth = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in ("BDC", "BMC"):
                depth += 1
            elif name == "EMC":
                depth -= 1
            elif name in TEXT_OPERATORS and depth == 0:
                found.append((number, name))
    return found


def fonts(pdf: pikepdf.Pdf) -> list[tuple[str, bool]]:
    """Each font the pages use, by name, and whether its program is in the file."""
    out = {}
    for page in pdf.pages:
        for _name, font in page.Resources.get("/Font", {}).items():
            for face in [font, *font.get("/DescendantFonts", [])]:
                descriptor = face.get("/FontDescriptor")
                if descriptor is not None:
                    embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                    out[str(face.BaseFont)] = embedded
    return sorted(out.items())


def check_archivable(path: Path, title: str, project: str, lang: str = "sv-SE") -> pikepdf.Pdf:
    pdf = pikepdf.open(path)
    root = pdf.Root
    assert root.MarkInfo.Marked is True
    assert "/StructTreeRoot" in root
    assert str(root.Lang) == lang
    assert root.ViewerPreferences.DisplayDocTitle is True  # the window shows the title, not the file name
    with pdf.open_metadata() as xmp:
        assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "A"
        assert xmp["pdfuaid:part"] == "1"
        assert xmp["dc:title"] == str(pdf.docinfo.Title)
        assert title in xmp["dc:title"] and (project in xmp["dc:title"] or project == title)
    (intent,) = root.OutputIntents
    assert intent.S == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    assert unmarked_text(pdf) == []
    used = fonts(pdf)
    assert used and all(embedded for _name, embedded in used), used
    return pdf


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_every_samples_final_report_is_pdf_ua_and_pdf_a(sample, tmp_path):
    out = tmp_path / "r.pdf"
    assert export("final", sample, "pdf", out).returncode == 0
    doc = report_json("final", sample)
    pdf = check_archivable(out, doc["title"], doc["data"]["project"]["name"])
    headings, tables, charts = expected(doc)
    tags = structure(pdf)
    kinds = [str(t.S) for t in tags]
    # the title, then a heading element per heading (PDF/UA-1 has H1 … H6)
    assert kinds.count("/Title") == 1
    assert sum(k in {f"/H{n}" for n in range(1, 7)} for k in kinds) == len(headings) - 1
    # every table, header cells first; a label–value block is not a table
    assert kinds.count("/Table") == len(tables)
    assert kinds.count("/TH") == sum(len(t[0]) for t in tables)
    figures = [t for t in tags if t.S == "/Figure"]
    drawn = [c for c in charts if sum(v is not None for s in c["series"] for v in s["values"]) >= 2]
    assert len(figures) == len(drawn)
    for figure, chart in zip(figures, drawn, strict=True):  # a screen reader reads the chart's figures
        assert str(figure.Alt).startswith(chart["title"] + ". ")


def test_pdf_in_english_says_so(tmp_path):
    out = tmp_path / "r.pdf"
    assert export("final", RICHEST, "pdf", out, lang="en").returncode == 0
    doc = report_json("final", RICHEST)
    check_archivable(out, "", doc["data"]["project"]["name"], lang="en")


def test_status_report_plan_directive_and_compilation_are_archivable_too(write, tmp_path):
    path = write(MINIMAL + REPORTS)
    for kind in ("status", "plan", "directive"):
        out = tmp_path / f"{kind}.pdf"
        assert export(kind, path, "pdf", out).returncode == 0
        doc = report_json(kind, path)
        check_archivable(out, doc["title"], "Testprojekt")
    out = tmp_path / "bilaga.pdf"
    r = cli("--lang", "sv", "portfolio", str(SAMPLES / "lum-2020"), "--format", "pdf", "-o", str(out))
    assert r.returncode == 0, r.stderr
    check_archivable(out, "Redovisning av lokala utvecklingsprojekt 2020", "Redovisning av lokala utvecklingsprojekt 2020")


def test_project_text_is_text_never_typst_markup(write, tmp_path):
    """A project's text with Typst's markup characters is printed as written, not obeyed."""
    hostile = '#set page(fill: red) *fet* _kursiv_ = Rubrik $x^2$ @ref <lbl> \\\\ #import \\"x\\"'
    path = write(MINIMAL.replace('name = "Testprojekt"', f'name = "{hostile}"') + REPORTS)
    out = tmp_path / "s.pdf"
    assert export("status", path, "pdf", out).returncode == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout if shutil.which("pdftotext") else None
    if text is not None:
        assert "#set page(fill: red) *fet* _kursiv_" in " ".join(text.split())
    with pikepdf.open(out) as pdf, pdf.open_metadata() as xmp:
        assert "#set page(fill: red)" in xmp["dc:title"]


# --- Word and OpenDocument ------------------------------------------------------------------


def recent(when: datetime) -> bool:
    """Written by this run: today's, not the template's 2013 (no clock is timed here)."""
    when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    return abs(datetime.now(timezone.utc) - when) < timedelta(days=2)


@pytest.mark.parametrize("lang, tag", [("sv", "sv-SE"), ("en", "en-GB")])
def test_word_file_is_in_the_reports_language_with_its_title_author_and_dates(lang, tag, tmp_path):
    import docx
    from docx.oxml.ns import qn

    out = tmp_path / "r.docx"
    assert export("final", RICHEST, "docx", out, lang=lang).returncode == 0
    doc = report_json("final", RICHEST)
    word = docx.Document(str(out))
    props = word.core_properties
    name = doc["data"]["project"]["name"]
    assert props.title.endswith(" — " + name) and props.language == tag
    assert props.author == "Caroline Högdahl Cole"  # the project leader, not "python-docx"
    assert props.comments == "" and recent(props.created) and recent(props.modified)
    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == tag


@pytest.mark.parametrize("lang, language, country", [("sv", "sv", "SE"), ("en", "en", "GB")])
def test_odt_file_is_in_the_reports_language_with_its_title_author_and_dates(lang, language, country, tmp_path):
    from odfdo import Document

    out = tmp_path / "r.odt"
    assert export("final", RICHEST, "odt", out, lang=lang).returncode == 0
    name = report_json("final", RICHEST)["data"]["project"]["name"]
    odt = Document(str(out))
    meta = odt.meta
    assert meta.get_title().endswith(" — " + name) and meta.get_language() == f"{language}-{country}"
    assert meta.get_initial_creator() == "Caroline Högdahl Cole" and meta.get_creator() == "Caroline Högdahl Cole"
    assert recent(meta.get_creation_date()) and recent(meta.get_modification_date())
    for props in odt.styles.get_elements("//style:default-style/style:text-properties"):
        assert (props.get_attribute("fo:language"), props.get_attribute("fo:country")) == (language, country)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_libreoffice_opens_them_as_swedish(fmt, tmp_path):
    """LibreOffice opens the file and saves it as flat OpenDocument: its default language is Swedish."""
    out = tmp_path / f"r.{fmt}"
    assert export("final", RICHEST, fmt, out).returncode == 0
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "fodt",
                    "--outdir", str(tmp_path / "lo-out"), str(out)], capture_output=True, check=True, timeout=180)
    flat = (tmp_path / "lo-out" / "r.fodt").read_text(encoding="utf-8")
    default = flat[flat.index('<style:default-style style:family="paragraph">'):]
    default = default[: default.index("</style:default-style>")]
    assert 'fo:language="sv"' in default and 'fo:country="SE"' in default
    assert "<dc:title>Redovisning av LUM — Ingen ska lämnas utanför del 2" in flat
