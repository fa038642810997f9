"""Atomic replacement of a file: readers see the old bytes or the new, never a mix."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

TEMP_SUFFIX = ".lr-tmp"
STALE_SECONDS = 60  # a temp file this old is a killed save's leftover, not one under way


def digest(data: bytes) -> str:
    import hashlib  # here, not above: opening a project (the app's first frame) needs no digest yet

    return hashlib.sha256(data).hexdigest()


def encoded(text: str, step: int = 1 << 20) -> Iterator[bytes]:
    """``text`` as UTF-8, a megabyte at a time: written so, a 9 MB text is not also held as 9 MB of bytes."""
    for at in range(0, len(text), step):
        yield text[at:at + step].encode("utf-8")


def atomic_write(path: Path, data: bytes | Iterable[bytes], mode: int | None = None) -> None:
    """Write to a hidden temp file beside ``path``, fsync it, rename it over ``path``, fsync the folder.
    ``data``: the bytes, or the bytes in pieces (``encoded``).

    The file keeps its permissions and, where the user may set it, its group (a new one gets
    what ``open`` would give it), or ``mode``. A symbolic link is kept: its target is what is
    replaced, from a temp file in the target's folder (a rename cannot cross file systems).
    """
    path = Path(os.path.realpath(path))
    remove_stale_temp_files(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            for piece in [data] if isinstance(data, bytes) else data:
                fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            before = path.stat()
        except FileNotFoundError:  # a new file: what open() would have given it, not mkstemp's 0600
            before = None
        if mode is None:
            if before is not None:
                mode = before.st_mode & 0o7777
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
        if before is not None:
            _keep_owner(tmp, before)
        os.chmod(tmp, mode)  # after chown, which may clear set-id bits
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _keep_owner(tmp: str, before: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as this user may.

    A shared project folder (0640, group ``users``) must stay readable by the group after a
    save; an ordinary user can set the group only to one of their own, root can set both."""
    current = os.stat(tmp)
    if (current.st_uid, current.st_gid) == (before.st_uid, before.st_gid):
        return
    for uid, gid in ((before.st_uid, before.st_gid), (-1, before.st_gid)):
        try:
            os.chown(tmp, uid, gid)
            return
        except OSError:  # not permitted: keep what the user's own files get
            continue


def stale_temp_files(folder: Path) -> list[Path]:
    """Temp files a killed save left behind; they are hidden and never read as projects."""
    return sorted(Path(folder).glob(f".*{TEMP_SUFFIX}"))


def remove_stale_temp_files(path: Path, now: float | None = None) -> int:
    """Delete this file's temp files older than ``STALE_SECONDS`` (a save killed mid-way
    leaves one); younger ones may belong to a save under way in another process."""
    import time

    now = time.time() if now is None else now
    removed = 0
    for tmp in Path(path).parent.glob(f".{glob_escape(Path(path).name)}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > STALE_SECONDS:
                tmp.unlink()
                removed += 1
    return removed


def glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)
