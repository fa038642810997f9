"""Reports as documents to send: Word (.docx), OpenDocument (.odt) and PDF.

The renderers take the same :class:`~lilla_ratten.model.document.Document` the Markdown,
text and JSON renderers take, so a plugin's section reaches every format with no code of
its own. Each format's library is imported only when that format is written: printing
commands and the TUI's first frame never load python-docx, odfdo, typst or Pillow.
"""

from __future__ import annotations

from lilla_ratten.documents.page import RunningHead
from lilla_ratten.model.document import Document

FORMATS = ("docx", "odt", "pdf")

__all__ = ["FORMATS", "RunningHead", "render"]


def render(doc: Document, fmt: str, head: RunningHead) -> bytes:
    """``doc`` as the bytes of a file in ``fmt``; ``head`` goes in every page's header."""
    if fmt == "docx":
        from lilla_ratten.documents.to_docx import render as docx

        return docx(doc, head)
    if fmt == "odt":
        from lilla_ratten.documents.to_odt import render as odt

        return odt(doc, head)
    if fmt == "pdf":
        from lilla_ratten.documents.to_pdf import render as pdf

        return pdf(doc, head)
    raise ValueError(f"unknown document format {fmt!r}")
