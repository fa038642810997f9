"""Reports: project data → documents (status report, final report, summary) → Markdown / text / JSON."""

from __future__ import annotations

from lilla_ratten.model.document import Document
from lilla_ratten.model.text_safety import neutralise

FORMATS = ("md", "text", "json")


def render(doc: Document, fmt: str, width: int = 80) -> str:
    """``doc`` as text; terminal controls and bidi overrides in it are made inert in every format."""
    if fmt == "md":
        from lilla_ratten.reports.render_markdown import render as md

        return neutralise(md(doc))
    if fmt == "json":
        from lilla_ratten.reports.render_json import render as js

        return js(doc)
    if fmt == "text":
        from lilla_ratten.reports.render_text import render as txt

        return neutralise(txt(doc, width))
    raise ValueError(f"unknown format {fmt!r}")
