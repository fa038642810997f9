"""Opening a project file without hanging on it or drowning in it.

A FIFO named ``*.toml`` (in a folder the portfolio walks, or given by name) blocked every
command forever in ``read()``; a 200 MB file took 2.3 GB to format. So a file is opened
without blocking, must be a regular file, and may be at most ``MAX_BYTES``.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from lilla_ratten.i18n import N_, _, get_language

# The richest sample is 32 KB; 1 000 milestones and 2 000 activities make about 400 KB.
MAX_BYTES = 10_000_000

_KINDS = {
    stat.S_IFIFO: N_("a named pipe (FIFO)"),
    stat.S_IFSOCK: N_("a socket"),
    stat.S_IFCHR: N_("a character device"),
    stat.S_IFBLK: N_("a block device"),
    stat.S_IFDIR: N_("a folder"),
}


class NotAProjectFile(OSError):
    """Not something to read as a project file; ``strerror`` says why, in the user's language."""


def not_regular(mode: int) -> str:
    """Why a file of this ``st_mode`` is not read, in the user's language."""
    kind = _KINDS.get(stat.S_IFMT(mode), N_("something else"))
    return _("it is {kind}, not a regular file").format(kind=_(kind))


def open_regular(path: Path | str) -> BinaryIO:
    """A regular file opened to read bytes; ``NotAProjectFile`` for a FIFO, device, socket or
    folder (checked on the open file, without blocking). The caller checks the size it allows."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAProjectFile(errno.EINVAL, not_regular(info.st_mode))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_file_bytes(path: Path | str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``OSError`` otherwise (never blocks)."""
    return read_file(path, limit)[0]


def read_file(path: Path | str, limit: int = MAX_BYTES) -> tuple[bytes, os.stat_result]:
    """``read_file_bytes``, and the file's status taken before its bytes were read: a later
    status that equals it means the file was not written since (``files.FileState``)."""
    fd, info = _open_regular(path, limit)
    try:
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:  # it grew while being read
            raise NotAProjectFile(errno.EFBIG, _("it grew beyond {limit} MB while being read").format(limit=megabytes(limit)))
        return data, info
    finally:
        os.close(fd)


def file_digest(path: Path | str, limit: int = MAX_BYTES) -> str:
    """The SHA-256 of a regular file of at most ``limit`` bytes, read a piece at a time: a save's
    check that the file is still the version read does not hold a second 9 MB copy of it."""
    import hashlib

    fd, _info = _open_regular(path, limit)
    try:
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    finally:
        os.close(fd)


def _open_regular(path: Path | str, limit: int) -> tuple[int, os.stat_result]:
    """A descriptor of ``path``, opened without blocking, if it is a regular file of at most ``limit`` bytes."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAProjectFile(errno.EINVAL, not_regular(info.st_mode))
        if info.st_size > limit:
            raise NotAProjectFile(
                errno.EFBIG,
                _("it is {size} MB; a project file may be at most {limit} MB (a rich project is well under 1 MB)").format(
                    size=megabytes(info.st_size), limit=megabytes(limit)
                ),
            )
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def megabytes(size: int) -> str:
    text = f"{size / 1_000_000:.1f}"
    return text.replace(".", ",") if get_language() == "sv" else text
