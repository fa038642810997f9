"""Finding project files under folders, for the portfolio, lessons and review."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

# not project files, however many of them a repository holds
IGNORED_NAMES = {"pyproject.toml", "Cargo.toml", "poetry.toml", "ruff.toml", ".ruff.toml", "uv.toml"}
IGNORED_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", "build", "dist"}


def project_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every ``*.toml`` under ``paths`` (recursively), files named directly included; sorted, no duplicates."""
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found.add(path)
            continue
        for candidate in path.rglob("*.toml"):
            parts = candidate.relative_to(path).parts
            if any(p in IGNORED_DIRS or p.startswith(".") for p in parts[:-1]):
                continue
            if candidate.name in IGNORED_NAMES or candidate.name.startswith("."):
                continue
            found.add(candidate)
    return sorted(found)
