"""Why a file could not be read or written, in the user's language (the OS says it in English)."""

from __future__ import annotations

import errno
import os

from lilla_ratten.i18n import N_, _

_WORDS = {
    errno.ENOENT: N_("there is no such file or folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.EACCES: N_("you do not have permission"),
    errno.EPERM: N_("you do not have permission"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk can only be read"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ELOOP: N_("a link points to itself in a loop"),
    errno.EIO: N_("the disk could not be read (input/output error)"),
    errno.EEXIST: N_("the file already exists"),
}


def os_error_text(exc: OSError) -> str:
    """The reason in words; an error already said in our words (``strerror`` set by us), or one we have
    no words for, keeps its text."""
    words = _WORDS.get(exc.errno) if exc.errno is not None else None
    ours = exc.strerror is not None and exc.errno is not None and exc.strerror != os.strerror(exc.errno)
    if words is not None and not ours:
        return _(words)
    return str(exc.strerror or exc)
