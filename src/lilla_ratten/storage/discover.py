"""Finding project files under folders, for the portfolio, lessons and review."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from lilla_ratten.i18n import _
from lilla_ratten.storage.os_errors import os_error_text
from lilla_ratten.storage.safe_read import not_regular

# not project files, however many of them a repository holds
IGNORED_NAMES = {"pyproject.toml", "Cargo.toml", "poetry.toml", "ruff.toml", ".ruff.toml", "uv.toml"}
IGNORED_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", "build", "dist"}


def project_files(paths: Iterable[str | Path], refused: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Every ``*.toml`` under ``paths`` (recursively), files named directly included; sorted, no duplicates.

    What is found in a folder is used only if it is a regular file inside that folder: a
    committed link to ``/etc/passwd`` or to another checkout is not read, nor a FIFO that
    would block the reader. Those left out are added to ``refused`` as (path, reason).
    """
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found.add(path)
            continue
        root = path.resolve()
        for candidate in path.rglob("*.toml"):
            parts = candidate.relative_to(path).parts
            if any(p in IGNORED_DIRS or p.startswith(".") for p in parts[:-1]):
                continue
            if candidate.name in IGNORED_NAMES or candidate.name.startswith("."):
                continue
            why = _outside_or_irregular(candidate, root, path)
            if why is None:
                found.add(candidate)
            elif refused is not None:
                refused.append((candidate, why))
    if refused is not None:
        refused.sort()
    return sorted(found)


def _outside_or_irregular(candidate: Path, root: Path, folder: Path) -> str | None:
    # rglob does not enter linked folders, so only the file itself can lead outside
    try:
        mode = os.lstat(candidate).st_mode
        if stat.S_ISLNK(mode):
            if not Path(os.path.realpath(candidate)).is_relative_to(root):
                return _("not read: a link to a file outside {folder}").format(folder=folder)
            mode = os.stat(candidate).st_mode  # a link inside the folder is as good as its target
    except OSError as exc:
        return _("not read: {error}").format(error=os_error_text(exc))
    return None if stat.S_ISREG(mode) else _("not read: {error}").format(error=not_regular(mode))
