"""Dates and money as a Swedish (or English) reader expects them.  No I/O."""

from __future__ import annotations

from datetime import date

from lilla_ratten.i18n import get_language


def day(value: date | None) -> str:
    return value.isoformat() if value is not None else "–"


def number(value: int) -> str:
    """A whole number in a table, grouped from five digits as the reader's language groups them
    (658 944; 2016 stays as it is, as Swedish writes four digits)."""
    if abs(value) < 10000:
        return str(value)
    if get_language() == "sv":
        return f"{value:,}".replace(",", "\u00a0").replace("-", "−")
    return f"{value:,}"


def decimal(value: float) -> str:
    """A measured value: 10 for 10.0, 2,5 in Swedish (2.5 in English)."""
    if value.is_integer():
        return number(int(value))
    return str(value).replace(".", ",") if get_language() == "sv" else str(value)


def money(amount: int | None) -> str:
    """Whole kronor, grouped the way the reader's language groups them."""
    if amount is None:
        return "–"
    if get_language() == "sv":
        return f"{amount:,} kr".replace(",", "\u00a0").replace("-", "−")
    return f"SEK {amount:,}"


def percent(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    text = f"{value:.{decimals}f}"
    if get_language() == "sv":
        text = text.replace(".", ",").replace("-", "−")
    return f"{text}\u00a0%"
