"""A cache of read projects keyed by the file's content, for repeated portfolio views.

Reading 1 000 project files is mostly TOML parsing and structuring; a steering group
looking at the same repository again should not pay for it twice. An entry is keyed
by the SHA-256 of the file's bytes together with its path, the app's version and the
message language, so any change to the file (or to the app) misses the cache. Entries
are pickles in the user's own cache folder (``$LILLA_RATTEN_CACHE``, else
``$XDG_CACHE_HOME/lilla-ratten``, else ``~/.cache/lilla-ratten``; ``LILLA_RATTEN_CACHE=off``
turns it off). A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from lilla_ratten import __version__
from lilla_ratten.i18n import get_language
from lilla_ratten.storage.files import LoadedProject, read_project
from lilla_ratten.storage.safe_read import read_file_bytes

FORMAT = 2  # 2: comments are no longer kept in the entry (found again when a file is written)


def cache_dir() -> Path | None:
    configured = os.environ.get("LILLA_RATTEN_CACHE")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lilla-ratten"


def read_project_cached(path: Path | str) -> LoadedProject:
    """``read_project``, answered from the cache when this very content was read before.

    Raises ``ProjectFileError`` like ``read_project`` (failures are not cached).
    """
    path = Path(path)
    folder = cache_dir()
    if folder is None:
        return read_project(path)
    try:
        raw = read_file_bytes(path)
    except OSError:
        return read_project(path)  # which says why, as a located problem
    key = hashlib.sha256(f"{FORMAT}|{__version__}|{get_language()}|{path.resolve()}|".encode() + raw).hexdigest()
    entry = folder / key[:2] / f"{key}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        with entry.open("rb") as fh:
            loaded = pickle.load(fh)
        if isinstance(loaded, LoadedProject):
            loaded.path = path
            return loaded
    loaded = read_project(path)
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        # replaced in one step so a reader never sees half an entry; no fsync: a lost entry is only a miss
        fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(loaded, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    return loaded
