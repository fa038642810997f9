"""Language selection and message translation, shared by the CLI, reports and TUI.

Messages in the code are English msgids; Swedish (the default) comes from the
gettext catalogue in ``locale/sv``.  Plugins register their own catalogue domain
with :func:`add_domain` and translate through it.
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

DOMAIN = "lilla_ratten"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"

_language = DEFAULT_LANGUAGE
_translations: dict[str, _gettext.NullTranslations] = {}
_extra_domains: dict[str, Path] = {}


def language_from_environment(environ: os._Environ | dict | None = None) -> str:
    """The language the environment asks for: LILLA_RATTEN_LANG, then LC_ALL/LC_MESSAGES/LANG.

    A locale that names neither Swedish nor English (``C``, ``POSIX``, unset)
    gives Swedish, the product's default.
    """
    env = os.environ if environ is None else environ
    for var in ("LILLA_RATTEN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        for part in value.split(":"):
            code = part.split(".")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
    return DEFAULT_LANGUAGE


def set_language(code: str | None) -> str:
    """Choose the language for everything translated from now on; returns the one in force."""
    global _language
    code = (code or language_from_environment()).split("_")[0].lower()
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
    _language = code
    _translations.clear()
    return _language


def get_language() -> str:
    return _language


def add_domain(domain: str, locale_dir: Path) -> None:
    """Let a plugin ship its own catalogue: ``locale_dir/<lang>/LC_MESSAGES/<domain>.mo``."""
    _extra_domains[domain] = Path(locale_dir)
    _translations.pop(domain, None)


def _catalogue(domain: str) -> _gettext.NullTranslations:
    cat = _translations.get(domain)
    if cat is None:
        localedir = LOCALE_DIR if domain == DOMAIN else _extra_domains.get(domain, LOCALE_DIR)
        cat = _gettext.translation(domain, localedir, languages=[_language], fallback=True)
        _translations[domain] = cat
    return cat


def _(message: str) -> str:
    """Translate a message into the current language."""
    return _catalogue(DOMAIN).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue(DOMAIN).ngettext(singular, plural, n)


def dgettext(domain: str, message: str) -> str:
    return _catalogue(domain).gettext(message)


class Msgid(str):
    """A message marked with ``N_``: still the English msgid, and the catalogue it is translated from.

    A ``str`` like any other (compares, hashes and prints as the msgid), so it can stand where
    Textual keeps text it reads later: a key binding's description is translated when the
    footer is drawn (``shown``), in the language of that moment, not when its module was
    imported.
    """

    __slots__ = ("domain",)

    def __new__(cls, message: str, domain: str = DOMAIN) -> Msgid:
        self = super().__new__(cls, message)
        self.domain = domain
        return self

    def __reduce__(self):  # copies and pickles keep the domain
        return (Msgid, (str(self), self.domain))


def N_(message: str, domain: str = DOMAIN) -> str:
    """Mark a message for extraction without translating it yet (translated where shown).

    ``domain`` is a plugin's catalogue (``add_domain``), for text the app shows for it,
    such as its pane's key bindings.
    """
    return Msgid(message, domain)


def shown(text: str) -> str:
    """``text`` in the current language: a ``N_`` msgid from its own catalogue; any other
    string through the app's (text already translated comes back as it is)."""
    if isinstance(text, Msgid):
        return dgettext(text.domain, text)
    return _(text) if text else text
