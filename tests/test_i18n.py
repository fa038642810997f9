"""Swedish is complete and in sync with the code; English is the msgids themselves."""

from __future__ import annotations

import re
import subprocess
import sys

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from lilla_ratten.i18n import _, language_from_environment, set_language
from tests.conftest import ROOT

LOCALE = ROOT / "src" / "lilla_ratten" / "locale" / "sv" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[sr]|%[sr]")


def catalogue():
    with open(LOCALE / "lilla_ratten.po", "rb") as fh:
        return read_po(fh)


def source_msgids() -> set[str]:
    found = extract_from_dir(
        str(ROOT / "src" / "lilla_ratten"),
        keywords={"_": None, "N_": None, "ngettext": (1, 2)},
    )
    return {m[2] if isinstance(m[2], str) else m[2][0] for m in found}


def test_every_message_in_the_code_has_a_swedish_translation():
    po = catalogue()
    missing = sorted(m for m in source_msgids() if not (po.get(m) and all(po.get(m).string if isinstance(po.get(m).string, tuple) else (po.get(m).string,))))
    assert missing == [], "run `make i18n` and translate: " + "; ".join(missing)


def test_placeholders_are_kept_in_translations():
    bad = []
    for msg in catalogue():
        if msg.id and msg.string:
            ids = (msg.id,) if isinstance(msg.id, str) else msg.id
            strings = (msg.string,) if isinstance(msg.string, str) else msg.string
            for text in strings:  # every plural form keeps the placeholders
                if sorted(PLACEHOLDER.findall(ids[-1])) != sorted(PLACEHOLDER.findall(text)):
                    bad.append((msg.id, text))
    assert bad == []


def test_compiled_catalogue_matches_the_po_file():
    def key(value):  # a plural's ids and strings are a list in the .mo, a tuple in the .po
        return tuple(value) if isinstance(value, (list, tuple)) else value

    with open(LOCALE / "lilla_ratten.mo", "rb") as fh:
        mo = {key(m.id): key(m.string) for m in read_mo(fh) if m.id}
    po = {key(m.id): key(m.string) for m in catalogue() if m.id and not m.fuzzy}
    assert mo == po, "run `make i18n` to recompile the catalogue"


def test_swedish_is_the_default():
    assert language_from_environment({}) == "sv"
    assert language_from_environment({"LANG": "C.UTF-8"}) == "sv"
    assert language_from_environment({"LANG": "en_US.UTF-8"}) == "en"
    assert language_from_environment({"LANG": "en_US.UTF-8", "LILLA_RATTEN_LANG": "sv"}) == "sv"
    set_language("sv")
    assert _("Final report: {name}") == "Slutrapport: {name}"
    set_language("en")
    assert _("Final report: {name}") == "Final report: {name}"


def test_cli_help_is_swedish_without_stray_english():
    r = subprocess.run(
        [sys.executable, "-m", "lilla_ratten", "--help"],
        capture_output=True,
        text=True,
        env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert r.returncode == 0
    assert r.stdout.startswith("användning: lilla-ratten")
    for english in ("usage:", "show this help", "positional arguments", "options:"):
        assert english not in r.stdout


def test_cli_error_is_swedish():
    r = subprocess.run(
        [sys.executable, "-m", "lilla_ratten", "report", "final"],
        capture_output=True,
        text=True,
        env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert r.returncode == 2
    assert "fel:" in r.stderr and "error" not in r.stderr




def test_vocabularies_sharing_a_word_keep_their_own_label():
    # str enums with the same value were one dict key: an activity of kind "other" read "Övrigt",
    # the lesson topic's capitalised heading
    from lilla_ratten.model import ActivityKind, ActivityStatus, ChangeStatus, LessonTopic
    from lilla_ratten.reports.labels import label

    set_language("sv")
    assert (label(ActivityKind.OTHER), label(LessonTopic.OTHER)) == ("övrigt", "Övrigt")
    assert label(ActivityStatus.DONE) == label(ChangeStatus.DONE) == "klar"
