"""The footer and `?` speak the language of the app being run, not the one the TUI was first imported in.

Key descriptions are `N_` msgids, translated as the footer is drawn (`tui/widgets/footer.py`):
one process can run a Swedish app and then an English one (the test kit's `lr_app(lang=…)`),
in either order, and each footer is in its own language — the plugins' keys too.
"""

from __future__ import annotations

import textwrap
from datetime import date

import pytest
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from lilla_ratten.i18n import N_, Msgid, get_language, set_language, shown
from lilla_ratten.testing import screen_text, show_plugin_tab

AS_OF = date(2023, 12, 1)
BUDGET = textwrap.dedent("""
    [ext.budget]
    version = 1

    [[ext.budget.lines]]
    id = "K1"
    budget = 600000
    category = "staff"
    name = "Personalkostnader"
    """)

WORDS = {  # what the footer says, and what `?` says, in each language
    "sv": {"keys": ["Spara", "Avsluta", "Hjälp"], "pane": "Transaktioner", "help": "flytta mellan fält och tabeller"},
    "en": {"keys": ["Save", "Quit", "Help"], "pane": "Transactions", "help": "move between the fields and tables"},
}


def _footer(app) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


async def _check(lr_app, host, path, lang: str) -> None:
    other = WORDS["en" if lang == "sv" else "sv"]
    words = WORDS[lang]
    async with lr_app(path, host, size=(120, 30), as_of=AS_OF, lang=lang) as pilot:
        app = pilot.app
        footer = _footer(app)
        for word in words["keys"]:
            assert word in footer, (lang, footer)
        for word in other["keys"]:
            assert word not in footer, (lang, footer)
        last_line = screen_text(app).rstrip("\n").splitlines()[-1]  # as a person reads it
        assert words["keys"][1] in last_line and other["keys"][1] not in last_line, last_line
        # a plugin's pane keys follow the same way, from the plugin's own catalogue
        await show_plugin_tab(pilot, "budget", "budget")
        app.screen.query_one("BudgetPane").query(DataTable).first().focus()
        await pilot.pause()
        await pilot.pause()
        footer = _footer(app)
        assert words["pane"] in footer and other["pane"] not in footer, (lang, footer)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert words["help"] in text and other["help"] not in text, (lang, text)


@pytest.mark.parametrize("order", [("sv", "en", "sv"), ("en", "sv", "en")])
async def test_each_app_draws_its_footer_in_its_own_language(order, lr_app, lr_host, lr_project):
    # whichever language imported the TUI first, the next app speaks its own
    host = lr_host("budget=lilla_ratten_budget.plugin")
    path = lr_project(BUDGET)
    for lang in order:
        await _check(lr_app, host, path, lang)


def test_a_marked_message_is_the_msgid_and_knows_its_catalogue():
    before = get_language()
    try:
        set_language("sv")
        text = N_("Save")
        assert text == "Save" and isinstance(text, str)  # stays a msgid until it is shown
        assert shown(text) == "Spara"
        plugin = N_("Transactions", "lilla_ratten_budget")
        import lilla_ratten_budget.text  # registers the plugin's catalogue

        assert isinstance(plugin, Msgid) and plugin.domain == "lilla_ratten_budget"
        assert shown(plugin) == "Transaktioner"
        assert shown("Redan översatt") == "Redan översatt"  # text translated already is left alone
        set_language("en")
        assert shown(text) == "Save" and shown(plugin) == "Transactions"
    finally:
        set_language(before)


def test_no_key_description_is_translated_at_import():
    # a `Binding(…, _("…"))` would freeze that key in the language of the first import again
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    frozen = [f"{path.relative_to(root)}:{n}" for base in ("src", "plugins") for path in (root / base).rglob("*.py")
              for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
              if re.search(r"Binding\(.*,\s*_\(", line)]
    assert frozen == []
