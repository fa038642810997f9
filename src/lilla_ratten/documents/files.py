"""Where a report is written as a file, and writing it safely: shared by the command line
(``report … --format docx|odt|pdf``) and the app's export dialog.

The target is checked before anything is rendered; the document is rendered in memory and
written to a temp file beside the target, then renamed over it, so a failed export leaves
the folder as it was: no half-written file, and an existing file unchanged.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

from lilla_ratten.i18n import _
from lilla_ratten.model.document import Document, masked

DOCUMENT_FORMATS = ("docx", "odt", "pdf")
TEXT_SUFFIXES = {"md": "md", "text": "txt", "json": "json"}
# what Windows, macOS or a USB stick's FAT refuse in a name, and controls
_ILLEGAL = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def safe_name(name: str) -> str:
    """``name`` with the characters a file name may not hold replaced by ``_``."""
    cleaned = _ILLEGAL.sub("_", name).strip(" .")
    return cleaned or "_"


def default_target(project_file: str, label: str, fmt: str) -> Path:
    """Beside the project file: ``<project>-<label>.<format>``."""
    source = Path(project_file)
    suffix = fmt if fmt in DOCUMENT_FORMATS else TEXT_SUFFIXES[fmt]
    return source.with_name(f"{safe_name(source.stem)}-{safe_name(label)}.{suffix}")


def target_problem(target: Path, force: bool, source: Path | None = None) -> str | None:
    """Why ``target`` cannot be written, or ``None``; checked before anything is rendered."""
    if source is not None and target.exists() and target.resolve() == source.resolve():
        return _("{path}: is the project file itself; not replaced").format(path=target)
    if target.is_dir():
        return _("{path}: is a folder; name a file to write").format(path=target)
    if not target.parent.is_dir():
        return _("{path}: no such folder: {folder}").format(path=target, folder=target.parent)
    if target.exists() or target.is_symlink():
        if not force:
            return _("{path}: exists; not replaced (--force replaces it)").format(path=target)
        if not target.is_file():
            return _("{path}: not a regular file; not replaced").format(path=target)
        if not target.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            return _("{path}: read-only; not replaced").format(path=target)
    return None


def render_bytes(doc: Document, fmt: str, project: str, date: str, author: str = "") -> bytes:
    # a written document never holds an identity number in full, whatever built it (issue 33)
    doc, project, author = masked(doc), masked(project), masked(author)
    if fmt in DOCUMENT_FORMATS:
        from lilla_ratten.documents import RunningHead, render

        return render(doc, fmt, RunningHead(project, date, _("Page"), author))
    from lilla_ratten.reports import render

    return render(doc, fmt).encode("utf-8")


def write_document(
    doc: Document, fmt: str, target: Path, force: bool, project: str, date: str, source: Path | None = None, author: str = ""
) -> str | None:
    """Write ``doc`` to ``target``; ``None`` when written, else why not (in the user's language).
    ``source``, the project file, is never overwritten, even with ``force``. ``date`` is the
    report's own date, in every page header; ``author`` goes in the file's properties."""
    from lilla_ratten.storage.atomic import atomic_write

    problem = target_problem(target, force, source)
    if problem:
        return problem
    data = render_bytes(doc, fmt, project, date, author)
    try:
        atomic_write(target, data)
    except OSError as exc:  # read-only or full file system, no permission: nothing is left behind
        from lilla_ratten.storage.os_errors import os_error_text

        return _("{path}: not written: {error}").format(path=target, error=os_error_text(exc))
    return None
