"""Reports: project data → documents (status report, final report, summary) → Markdown / text / JSON."""

from __future__ import annotations

from lilla_ratten.model.document import Document

FORMATS = ("md", "text", "json")


def render(doc: Document, fmt: str, width: int = 80) -> str:
    if fmt == "md":
        from lilla_ratten.reports.render_markdown import render as md

        return md(doc)
    if fmt == "json":
        from lilla_ratten.reports.render_json import render as js

        return js(doc)
    if fmt == "text":
        from lilla_ratten.reports.render_text import render as txt

        return txt(doc, width)
    raise ValueError(f"unknown format {fmt!r}")
