"""Issue 33, "done when": numbers planted in values, keys, ids, comments, plugin sections, file
names and git history; the output of every printing command, every message, commit text and
document is searched for them in full. None may appear."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from lilla_ratten.model.privacy import find_identity_numbers, normalise
from tests.conftest import MINIMAL
from tests.test_cli import cli

# a personnummer, a 10-digit one, a samordningsnummer, one born on 29 February 2000, and the
# same hidden by a soft hyphen and by fullwidth digits
PLANTED = ["19121212-1212", "811218-9876", "701063-2391", "000229-1235", "19121212\u00ad1212", "\uff18\uff11\uff11\uff12\uff11\uff18-9876"]
TAILS = ["1212-1212", "18-9876", "63-2391", "29-1235", "121212121212", "8112189876"]


def assert_masked(text: str, where: str) -> None:
    looked = normalise(text)
    assert find_identity_numbers(text) == [], (where, find_identity_numbers(text), text[-2000:])
    for number, tail in zip(PLANTED, TAILS, strict=True):
        assert number not in text and normalise(number) not in looked, (where, number, text[-2000:])
        assert tail not in looked.replace("\u00ad", ""), (where, tail, text[-2000:])


def run(*args: str) -> str:
    r = cli("--lang", "en", *args)
    out = r.stdout + r.stderr
    assert_masked(out, " ".join(args))
    return out


PLANTS = {
    "value": MINIMAL.replace('title = "Kartläggning klar"', 'title = "Hembesök hos 19121212-1212"'),
    "key": MINIMAL.replace('name = "Testprojekt"', 'name = "Testprojekt"\n19121212-1212 = "x"'),
    "id": MINIMAL.replace('id = "M1"', 'id = "811218-9876"'),
    "comment": "# deltagare 701063-2391\n" + MINIMAL,
    "leap-day": MINIMAL.replace("start = 2023-05-01", 'start = "000229-1235"'),  # a type error quoting it
    "soft-hyphen": MINIMAL.replace('title = "Kartläggning klar"', 'title = "Hos 19121212\u00ad1212"'),
    "fullwidth": MINIMAL.replace('title = "Kartläggning klar"', 'title = "Hos \uff18\uff11\uff11\uff12\uff11\uff18-9876"'),
    "enum": MINIMAL + '\n[[status_reports]]\nid = "SR1"\ndate = 2023-06-01\ntime = "19121212-1212"\n',
    "dangling": MINIMAL + '\n[[activities]]\nid = "A1"\ntitle = "Samtal"\nmilestone = "811218-9876"\n',
    "plugin-section": MINIMAL + '\n[ext.budget]\nversion = 1\n\n[[ext.budget.lines]]\nid = "19121212-1212"\nname = "Resor"\n',
    "unknown-plugin": MINIMAL + '\n[ext.nosuch]\nnote = "701063-2391"\n',
    "lessons": MINIMAL + '\n[[lessons]]\nid = "L1"\nkind = "worked"\ntext = "Hembesök hos 19121212-1212 gav mycket"\n',
}


@pytest.fixture
def planted(tmp_path) -> Path:
    folder = tmp_path / "projekt"
    folder.mkdir()
    for name, text in PLANTS.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    # file names that are numbers: one valid project, one with an error
    (folder / "19121212-1212.toml").write_text(MINIMAL, encoding="utf-8")
    (folder / "811218-9876.toml").write_text(MINIMAL.replace("end = 2024-02-29", "end = 2022-01-01"), encoding="utf-8")
    return folder


def test_every_file_with_a_number_is_refused_and_no_message_repeats_it(planted):
    for path in sorted(planted.glob("*.toml")):
        if path.name == "19121212-1212.toml":
            continue
        out = run("validate", str(path))
        assert "****" in out or path.name == "811218-9876.toml", (path.name, out)
        run("fmt", "--check", str(path))
        run("fmt", str(path))
        run("status", str(path))
        run("report", "final", "--format", "text", str(path))
        run("textconv", str(path))
    for name in ("value", "key", "plugin-section"):  # every kind and text format
        for kind in ("status", "final", "directive", "plan"):
            for fmt in ("md", "text", "json"):
                run("report", kind, "--format", fmt, str(planted / f"{name}.toml"))
    for name in ("value", "key", "id", "comment", "soft-hyphen", "fullwidth", "enum", "dangling", "plugin-section", "lessons"):
        assert cli("--lang", "en", "validate", str(planted / f"{name}.toml")).returncode == 1, name


def test_messages_quote_keys_values_and_ids_masked(planted):
    assert "unknown key 19121212-****" in run("validate", str(planted / "key.toml"))
    assert 'the text "000229-****"' in run("validate", str(planted / "leap-day.toml"))
    assert '"19121212-****" is not allowed here' in run("validate", str(planted / "enum.toml"))
    out = run("validate", str(planted / "dangling.toml"))
    assert "activities[A1].milestone" in out and "811218-****" in out


def test_documents_portfolio_lessons_and_review_show_no_number(planted, tmp_path):
    good = planted / "19121212-1212.toml"
    run("validate", str(good))
    run("status", str(good))
    for fmt in ("docx", "odt", "pdf"):
        target = tmp_path / f"report.{fmt}"
        run("report", "final", "--format", fmt, "-o", str(target), str(good))
        assert_masked(document_text(target), f"report {fmt}")
        target = tmp_path / f"portfolio.{fmt}"
        run("portfolio", "--format", fmt, "-o", str(target), str(planted))
        assert_masked(document_text(target), f"portfolio {fmt}")
    for fmt in ("md", "text", "json", "csv"):
        run("portfolio", "--format", fmt, str(planted))
    out = run("lessons", str(planted))
    assert "lessons.toml" in out  # refused, as status and portfolio refuse it
    for fmt in ("md", "text", "json"):
        run("lessons", "--format", fmt, str(planted))
    run("review", "--print", str(planted))
    run("plugins")
    run("new", str(tmp_path / "19121212-1212.toml"))
    run("new", str(planted / "19121212-1212.toml"))  # exists: the error begins with its name


def document_text(path: Path) -> str:
    if path.suffix == ".pdf":
        if shutil.which("pdftotext") is None:
            pytest.skip("poppler-utils not installed (.ci/install-system-deps installs it)")
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    return re.sub(r"<[^>]+>", "", xml)


# --- git history: diff, log, textconv, Dela's commit message, the merge driver ---------------------


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed on this machine")
def test_a_number_committed_by_mistake_is_never_shown_by_the_history(tmp_path):
    from lilla_ratten.reports.git_history import commit_message, entries
    from lilla_ratten.reports.history import textconv
    from lilla_ratten.storage import parse_project, read_project
    from lilla_ratten.storage.git_share import share

    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "a@example.org")
    git(repo, "config", "user.name", "Anna")
    path = repo / "projekt.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Projektet läggs upp")
    leaked = MINIMAL.replace('title = "Kartläggning klar"', 'title = "Hembesök hos 19121212-1212"')
    path.write_text(leaked, encoding="utf-8")
    git(repo, "commit", "-qam", "Hembesök hos 811218-9876 tillagt")  # committed by mistake, message too
    path.write_text(MINIMAL.replace('title = "Kartläggning klar"', 'title = "Hembesök hos F07"'), encoding="utf-8")

    out = run("diff", str(path))
    assert "19121212-**** → Hembesök hos F07" in out
    run("diff", "HEAD~1", "HEAD", str(path))
    assert "811218-****" in run("log", str(path))
    run("log", "-n", "1", str(path))
    git(repo, "show", "HEAD:projekt.toml")  # as git's textconv gets it:
    (tmp_path / "old.toml").write_text(leaked, encoding="utf-8")
    run("textconv", str(tmp_path / "old.toml"))
    assert_masked(textconv(parse_project(leaked, "x").project), "textconv()")
    for entry in entries(path):
        assert_masked(f"{entry.commit.subject} {entry.lines} {entry.error}", "history screen")

    message = commit_message(path, read_project(path).project)  # what Dela commits
    assert "Hembesök hos 19121212-**** → Hembesök hos F07" in message
    assert_masked(message, "commit message")
    share(path, "Ändrat: Hembesök hos 19121212-1212")  # a message from elsewhere: masked as committed
    assert_masked(git(repo, "log", "--format=%B", "-1").stdout, "the commit Dela made")

    # the merge driver: both sides changed the same title, one to a number
    base, ours, theirs = (tmp_path / n for n in ("base.toml", "ours.toml", "theirs.toml"))
    base.write_text(MINIMAL, encoding="utf-8")
    ours.write_text(MINIMAL.replace('title = "Kartläggning klar"', 'title = "Hembesök hos 19121212-1212"'), encoding="utf-8")
    theirs.write_text(MINIMAL.replace('title = "Kartläggning klar"', 'title = "Besök hos 811218-9876"'), encoding="utf-8")
    run("merge-driver", str(base), str(ours), str(theirs), "projekt.toml")


LEAKY_SAYS = '''
from lilla_ratten.api import Finding, Severity, hookimpl


@hookimpl
def lr_validate(project, sections, participants):
    return [Finding(("project", "name"), "participant {who} has no id yet", {"who": "19121212-1212"}, Severity.WARNING)]
'''

LEAKY_FAILS = '''
from lilla_ratten.api import hookimpl


@hookimpl
def lr_summary(project, sections, as_of, participants):
    raise ValueError("no row for 811218-9876")
'''


def test_a_plugin_quoting_or_failing_with_a_number_prints_it_masked(tmp_path, write):
    (tmp_path / "leaky_says.py").write_text(LEAKY_SAYS, encoding="utf-8")  # a plugin is named by its module
    (tmp_path / "leaky_fails.py").write_text(LEAKY_FAILS, encoding="utf-8")
    path = write(MINIMAL)
    env = {"PYTHONPATH": str(tmp_path)}
    plugins = ("--plugin", "leaky_says", "--plugin", "leaky_fails")  # modules as plugins
    outs = []
    for args in (("validate", str(path)), ("status", str(path)), ("plugins",), ("report", "final", str(path))):
        r = cli("--lang", "en", *plugins, *args, env=env)
        outs.append(r.stdout + r.stderr)
        assert_masked(outs[-1], " ".join(args))
    assert "participant 19121212-**** has no id yet" in outs[0]
    assert "811218-****" in outs[1] + outs[2]


@pytest.mark.parametrize("fmt", ["docx", "odt", "pdf", "md", "text", "json"])
def test_a_written_document_masks_a_number_whatever_built_it(tmp_path, fmt):
    """The app's export writes the project it holds; a plugin's section may quote anything:
    the document written masks every number, in its text, tables, lists, facts and page head."""
    from lilla_ratten.documents.files import write_document
    from lilla_ratten.model.document import Bullets, Document, Paragraph, Table, section

    doc = Document(
        "final",
        "Slutrapport 19121212-1212",
        [("Deltagare", "811218-9876")],
        [
            section(
                "s",
                "Hembesök hos 701063-2391",
                Paragraph("Samtal med 000229-1235 och 19121212\u00ad1212."),
                Table(["Vem", "Antal"], [["\uff18\uff11\uff11\uff12\uff11\uff18-9876", 3]]),
                sections=[section("t", "Lärdomar", Bullets(["Hos 19121212-1212 gick det bra"]))],
            )
        ],
    )
    target = tmp_path / f"rapport.{fmt}"
    assert write_document(doc, fmt, target, False, "Projekt 19121212-1212", "2024-01-31", author="811218-9876") is None
    text = document_text(target) if fmt in ("docx", "odt", "pdf") else target.read_text(encoding="utf-8")
    assert_masked(text if fmt != "json" else json.dumps(json.loads(text), ensure_ascii=False), fmt)
    assert "19121212-****" in text or fmt == "json"
    if fmt in ("docx", "odt"):  # the file's properties too
        with zipfile.ZipFile(target) as z:
            assert_masked("".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()), fmt + " zip")
