"""Storage: TOML ⇄ model through cattrs, the canonical writer, atomic save, migrations."""

from lilla_ratten.storage.converter import converter, structure
from lilla_ratten.storage.files import (
    LoadedProject,
    parse_project,
    read_project,
    render,
    save_project,
)
from lilla_ratten.storage.problems import ConflictError, Problem, ProjectFileError, has_errors

__all__ = [
    "ConflictError",
    "LoadedProject",
    "Problem",
    "ProjectFileError",
    "converter",
    "has_errors",
    "parse_project",
    "read_project",
    "render",
    "save_project",
    "structure",
]
