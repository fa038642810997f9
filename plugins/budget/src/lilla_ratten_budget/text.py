"""The plugin's own message catalogue (``locale/sv``), registered with the app."""

from __future__ import annotations

from pathlib import Path

from lilla_ratten import api

DOMAIN = "lilla_ratten_budget"
api.add_domain(DOMAIN, Path(__file__).parent / "locale")


def _(message: str) -> str:
    return api.dgettext(DOMAIN, message)


def N_(message: str) -> str:
    """Translated where the app shows it, from this catalogue: key binding descriptions, so the
    footer follows the language the app speaks now, not the one it spoke at import."""
    return api.N_(message, DOMAIN)


def tr(message: str) -> str:
    """Translate now: findings carry their text already in the user's language."""
    return _(message)
