"""The equality plugin's own catalogue is complete and compiled."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

SRC = Path(__file__).resolve().parent.parent / "src" / "lilla_ratten_equality"
LOCALE = SRC / "locale" / "sv" / "LC_MESSAGES"


def test_every_equality_message_is_translated_and_compiled():
    found = {m[2] for m in extract_from_dir(str(SRC), keywords={"_": None, "tr": None, "_f": (2,)})}
    po = {m.id: m.string for m in read_po(open(LOCALE / "lilla_ratten_equality.po", "rb")) if m.id}
    missing = sorted(m for m in found if not po.get(m))
    assert missing == [], "run `make i18n` and translate: " + "; ".join(missing)
    mo = {m.id: m.string for m in read_mo(open(LOCALE / "lilla_ratten_equality.mo", "rb")) if m.id}
    assert mo == po


def test_swedish_report_words(tmp_path):
    from lilla_ratten.i18n import set_language
    from lilla_ratten_equality.text import _

    set_language("sv")
    try:
        assert _("Equality") == "Jämställdhet"
    finally:
        set_language("en")
