"""Bringing files of an older ``schema`` up to the current one, on load.

``MIGRATIONS[n]`` turns a version-n document (plain TOML data) into version
n + 1.  Schema 1 is the first released format, so the chain is empty today;
when the format changes, add a step here and a test with a version-n file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lilla_ratten.model.project import SCHEMA_VERSION

Document = dict[str, Any]
MIGRATIONS: dict[int, Callable[[Document], Document]] = {}


class SchemaError(ValueError):
    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


def migrate(data: Document, current: int = SCHEMA_VERSION) -> tuple[Document, int]:
    """Return the document at ``current`` schema and the version it was written in."""
    from lilla_ratten.i18n import N_

    version = data.get("schema")
    if version is None:
        raise SchemaError(N_("no schema version: add `schema = {current}` as the first line"), current=current)
    if isinstance(version, bool) or not isinstance(version, int):
        raise SchemaError(N_("schema must be a whole number such as {current}"), current=current)
    if version > current:
        raise SchemaError(
            N_("written for schema {version}, newer than this Lilla Ratten understands ({current}): upgrade the app"),
            version=version,
            current=current,
        )
    original = version
    while version < current:
        step = MIGRATIONS.get(version)
        if step is None:
            raise SchemaError(N_("schema {version} is too old to read, no migration exists"), version=version)
        data = step(dict(data))
        version += 1
        data["schema"] = version
    return data, original
