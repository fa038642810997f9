"""A cache of read projects, for repeated portfolio views.

Reading 1 000 project files is mostly TOML parsing and structuring; a steering group
looking at the same repository again should not pay for it twice. There is one entry per
project file (named by its absolute path), and it is used only if its header matches the
SHA-256 of the file's bytes and the app's version, so any change to the file (or to the
app) misses, and the new reading replaces the old one: a commit does not grow the cache.
Its messages are in the language they were made in, so an entry with messages (problems)
is used only in that language; one without is used in any.

Entries are pickles in the user's own cache folder (``$LILLA_RATTEN_CACHE``, else
``$XDG_CACHE_HOME/lilla-ratten``, else ``~/.cache/lilla-ratten``; ``LILLA_RATTEN_CACHE=off``
turns it off). The folder is kept under ``$LILLA_RATTEN_CACHE_MAX_MB`` (default 256) by
removing the least recently used entries (a hit sets the entry's modification time).
A cache that cannot be read or written is simply not used.

Reading a pickle runs whatever code it names, so an entry is read only if it belongs to
the account reading it and no one else may write it (as ssh treats ``~/.ssh``): whoever
could plant one could as well change that account's ``~/.bashrc``. The read-only review
over SSH writes no cache at all (its account's home is root's; docs/ssh-review.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import tempfile
import time
from pathlib import Path

from lilla_ratten import __version__
from lilla_ratten.i18n import get_language
from lilla_ratten.storage.files import LoadedProject, read_project
from lilla_ratten.storage.safe_read import read_file_bytes

FORMAT = 7  # 2: comments no longer kept in the entry (found again when a file is written); 3: one entry per path;
# 4: projects gained grants, funder_reports, outcomes (an older pickle would lack them);
# 5: LoadedProject's digest is computed when first asked for (an older pickle has no _digest slot)
# 6: projects gained chapters; 7: LoadedProject gained the file's state when read
DEFAULT_MAX_MB = 256
STALE_TEMP_SECONDS = 60  # a younger temp file may be another process's write under way


def cache_dir() -> Path | None:
    configured = os.environ.get("LILLA_RATTEN_CACHE")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lilla-ratten"


def max_bytes() -> int:
    try:
        return int(float(os.environ.get("LILLA_RATTEN_CACHE_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024)
    except ValueError:
        return DEFAULT_MAX_MB * 1024 * 1024


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
    content = hashlib.sha256(f"{FORMAT}|{__version__}|".encode() + raw).hexdigest()
    name = hashlib.sha256(f"{FORMAT}|{path.resolve()}".encode()).hexdigest()
    entry = folder / name[:2] / f"{name}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        with entry.open("rb") as fh:
            if not _own(os.fstat(fh.fileno())):
                raise ValueError("not this account's own entry")
            made_for, language = pickle.load(fh)  # the header: read before the (large) project
            if made_for == content and language in (None, get_language()):
                loaded = pickle.load(fh)
                if isinstance(loaded, LoadedProject):
                    with contextlib.suppress(OSError):  # a cache it may not write is still read
                        os.utime(entry)  # used now: the last to be evicted
                    if folder in _known:
                        _known[folder].used(entry)
                    loaded.path = path
                    return loaded
    loaded = read_project(path)
    header = (content, get_language() if loaded.problems else None)  # only messages depend on the language
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # replaced in one step so a reader never sees half an entry; no fsync: a lost entry is only a miss
        fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(header, fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(loaded, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        _sizes(folder).stored(entry)
    return loaded


def _own(info: os.stat_result) -> bool:
    """An entry this account wrote and only it can change: reading a pickle runs what it says,
    so one that another account could have written (a shared or planted folder) is not read."""
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class _Sizes:
    """The entries of one cache folder, by last use, read once per process and then kept up to date."""

    def __init__(self, folder: Path) -> None:
        self.entries: dict[Path, tuple[float, int]] = {}  # entry → (last use, bytes)
        now = time.time()
        for sub in _scandir(folder):
            if not sub.is_dir(follow_symlinks=False):
                continue
            for item in _scandir(Path(sub.path)):
                with contextlib.suppress(OSError):
                    info = item.stat(follow_symlinks=False)
                    if item.name.endswith(".pickle"):
                        self.entries[Path(item.path)] = (info.st_mtime, info.st_size)
                    elif item.name.endswith(".tmp") and now - info.st_mtime > STALE_TEMP_SECONDS:
                        os.unlink(item.path)  # a write that was killed half-way

    def used(self, entry: Path) -> None:
        if entry in self.entries:
            self.entries[entry] = (time.time(), self.entries[entry][1])

    def stored(self, entry: Path) -> None:
        with contextlib.suppress(OSError):
            self.entries[entry] = (time.time(), entry.stat().st_size)
        self.evict(max_bytes(), keep=entry)

    def evict(self, limit: int, keep: Path) -> None:
        total = sum(size for _used, size in self.entries.values())
        if total <= limit:
            return
        for entry, (_used, size) in sorted(self.entries.items(), key=lambda item: item[1][0]):
            if total <= limit:
                break
            if entry == keep:
                continue
            with contextlib.suppress(OSError):
                entry.unlink()
            del self.entries[entry]
            total -= size


_known: dict[Path, _Sizes] = {}


def _sizes(folder: Path) -> _Sizes:
    if folder not in _known:
        _known[folder] = _Sizes(folder)
    return _known[folder]


def _scandir(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as it:
            return list(it)
    except OSError:
        return []
