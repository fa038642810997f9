"""Writing a report to a file from the command line (``report final|status FILE --format
docx|odt|pdf [-o OUT]``): the checks and the writing are ``documents.files``'s, shared with the app."""

from __future__ import annotations

import sys
from pathlib import Path

from lilla_ratten.documents.files import (  # noqa: F401 - the command line's names for them
    DOCUMENT_FORMATS,
    TEXT_SUFFIXES,
    default_target,
    safe_name,
    target_problem,
    write_document,
)
from lilla_ratten.i18n import _
from lilla_ratten.model.document import Document


def write_report(
    doc: Document, fmt: str, target: Path, force: bool, project: str, date: str, source: Path | None = None, author: str = ""
) -> int:
    """Write ``doc`` to ``target``; say what was written, or why not (exit status 1)."""
    problem = write_document(doc, fmt, target, force, project, date, source, author)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    print(_("{path}: written").format(path=target))
    return 0
