"""The plugin's own message catalogue (``locale/sv``), registered with the app."""

from __future__ import annotations

from pathlib import Path

from lilla_ratten import api

DOMAIN = "lilla_ratten_equality"
api.add_domain(DOMAIN, Path(__file__).parent / "locale")


def _(message: str) -> str:
    return api.dgettext(DOMAIN, message)
