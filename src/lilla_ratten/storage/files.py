"""Project files on disk: read and check, write canonically and atomically."""

from __future__ import annotations

import errno
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import define, field

from lilla_ratten.i18n import N_, _
from lilla_ratten.model.findings import Finding
from lilla_ratten.model.privacy import IDENTITY_NUMBER, find_identity_numbers, mask, might_hold_identity_number
from lilla_ratten.model.project import Project
from lilla_ratten.model.rules import DUPLICATE_ID, ID_LISTS, check
from lilla_ratten.storage.atomic import atomic_write, digest, encoded
from lilla_ratten.storage.converter import converter, structure
from lilla_ratten.storage.locate import LineIndex
from lilla_ratten.storage.migrations import SchemaError, migrate
from lilla_ratten.storage.problems import ConflictError, Problem, ProjectFileError
from lilla_ratten.storage.reader import TomlSyntaxError, parse_toml
from lilla_ratten.storage.safe_read import MAX_BYTES, file_digest, megabytes, read_file
from lilla_ratten.storage.value_checks import identity_number_findings, value_problems

if TYPE_CHECKING:  # comments and the writer are imported when a file is written (or its comments read)
    from lilla_ratten.storage.comments import Anchor, Notes


class _Digest(Enum):
    FROM_TEXT = "from the text"  # an Enum member: the cache pickles LoadedProject, and it stays itself


FROM_TEXT = _Digest.FROM_TEXT
FileState = tuple  # (path, inode, size, modified, changed): what git's index compares too


@define
class LoadedProject:
    """A project as read from disk, with what is needed to save it back safely."""

    path: Path
    project: Project
    # of the bytes read (None: a file not there yet); computed when first asked for, from
    # the text, which is those bytes decoded: only saving and conflict checks need it
    _digest: str | None | object = field(default=FROM_TEXT, alias="digest")
    problems: list[Problem] = field(factory=list)
    migrated_from: int | None = None
    index: LineIndex = field(factory=lambda: LineIndex(""))
    _notes: dict[Anchor, Notes] | None = field(default=None, alias="notes")
    # ``file_state`` of the file when it was read, if it can vouch for the bytes read (None:
    # unknown): while the file's state is still this, it holds them, and needs no hashing
    state: FileState | None = None

    @property
    def digest(self) -> str | None:
        if self._digest is FROM_TEXT:
            self._digest = digest(self.index.text.encode("utf-8"))  # valid UTF-8 encodes back to the same bytes
        return self._digest

    @digest.setter
    def digest(self, value: str | None) -> None:
        self._digest = value

    @property
    def notes(self) -> dict[Anchor, Notes]:
        """The file's comments, found when first asked for: only writing the file needs them."""
        if self._notes is None:
            self._notes = comments_of(self.index.text)
        return self._notes

    def located(self, findings: list[Finding]) -> list[Problem]:
        """Place findings made later (e.g. by plugins) on lines of the file as read."""
        lines = self.index.lines_of([f.path for f in findings])
        return [Problem.from_finding(f, str(self.path), line, self.project) for f, line in zip(findings, lines, strict=True)]

    def save(self, project: Project | None = None, *, force: bool = False, text: str | None = None) -> None:
        """Save (by default the project as loaded) over the file it came from, keeping comments.

        ``text``: the project already rendered with these notes (a caller that needs the
        text too renders it once: 2 s at 50 000 activities)."""
        if project is not None:
            self.project = project
        self.digest = save_project(self.project, self.path, expected_digest=self.digest, force=force, notes=self.notes, text=text)


def locate(findings: list[Finding], file: Path | str, index: LineIndex, data: Any = None) -> list[Problem]:
    lines = index.lines_of([f.path for f in findings])
    return [Problem.from_finding(f, str(file), line, data) for f, line in zip(findings, lines, strict=True)]


def identity_number_problems(text: str, file: str) -> list[Problem]:
    """A personnummer or samordningsnummer anywhere in the text, comments included."""
    if not might_hold_identity_number(text):  # one pass over the whole text; most files stop here
        return []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for found in find_identity_numbers(line):
            finding = Finding((), IDENTITY_NUMBER, {"number": mask(found)})
            problems.append(Problem.from_finding(finding, file, number))
    return problems


@define
class Parsed:
    project: Project | None
    problems: list[Problem]
    version: int | None = None
    index: LineIndex = field(factory=lambda: LineIndex(""))

    @property
    def notes(self) -> dict[Anchor, Notes]:
        return comments_of(self.index.text) if self.project is not None else {}


def comments_of(text: str) -> dict[Anchor, Notes]:
    """The comments of a project file's text that parsed, anchored for the writer.

    Read again from the text rather than kept from the first reading, so that commands
    that never write (validate, report, portfolio) do not walk every line for them.
    """
    if "#" not in text:
        return {}
    from lilla_ratten.storage.comments import extract

    data, _version = migrate(parse_toml(text))
    return extract(text, data)


def _line_of(text: str, number: int | None) -> str | None:
    """Line ``number`` (1-based, as tomli counts: by line feeds) of ``text``."""
    if number is None:
        return None
    lines = text.removeprefix("\ufeff").split("\n", number)
    return lines[number - 1] if number <= len(lines) else None


def conflict_marker_line(text: str) -> int | None:
    """The line of git's first ``<<<<<<<`` conflict marker, when the file has a pair of them."""
    if "\n>>>>>>> " not in text and not text.startswith(">>>>>>> "):
        return None
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("<<<<<<< "):
            return n
    return None


# A file's map from values to lines is built whole and kept for the findings placed later (a
# plugin's) up to this many characters; above it the first batch of findings is placed by a walk that
# keeps only their lines and where each table starts, later batches by walking their tables: at 9 MB
# the whole map held 75 MiB, more than the project.
FORGET_LINES_ABOVE = 1_000_000


def parse_project(text: str, file: str) -> Parsed:
    """Everything wrong with a project file's text, and the project when it could be built."""
    problems = identity_number_problems(text, file)
    try:
        data = parse_toml(text)
    except TomlSyntaxError as exc:
        marker = conflict_marker_line(text)
        if marker is not None:  # git merged it line by line: say so, and how to go on (issue 30)
            finding = Finding((), N_(
                "git left conflict markers in the file (lines starting with <<<<<<<, ======= and >>>>>>>): "
                "it was merged line by line because this clone's merge driver is not set up. Keep one version "
                "between each pair of markers and delete the marker lines in a text editor, or run "
                "'git merge --abort', then 'lilla-ratten git-setup', and merge again"))
            return Parsed(None, [Problem.from_finding(finding, file, marker), *problems])
        from lilla_ratten.storage.toml_words import syntax_finding

        line_text = _line_of(text, exc.line)
        return Parsed(None, [Problem.from_finding(syntax_finding(exc.message, line_text), file, exc.line), *problems])
    index = LineIndex(text, keep_map=len(text) <= FORGET_LINES_ABOVE)
    problems += value_problems(text, data, file, index, problems)
    try:
        data, version = migrate(data)
    except SchemaError as exc:
        return Parsed(None, [*locate([Finding(("schema",), exc.message, exc.params)], file, index), *problems])
    project, findings = structure(data, Project, fast=True)
    if project is None:
        return Parsed(None, [*locate(findings, file, index, data), *problems], version)
    problems = sorted([*locate(check(project), file, index, data), *problems], key=lambda p: p.line or 0)
    return Parsed(project, problems, version, index)


def read_project(path: Path | str) -> LoadedProject:
    """Read a project file; raises ``ProjectFileError`` when it cannot be understood at all."""
    path = Path(path)
    try:
        raw, info = read_file(path)
    except OSError as exc:
        from lilla_ratten.storage.os_errors import os_error_text

        finding = Finding((), N_("cannot be read: {error}"), {"error": os_error_text(exc)})
        raise ProjectFileError([Problem.from_finding(finding, str(path), None)]) from None
    hashed = _digest_beside(raw)
    text = _text_of(path, raw)
    del raw  # the bytes read are not kept beside the text while it is parsed (9 MiB at the limit)
    parsed = parse_project(text, str(path))
    if parsed.project is None:
        raise ProjectFileError(parsed.problems)
    migrated = parsed.version if parsed.version != parsed.project.schema else None
    return LoadedProject(path, parsed.project, problems=parsed.problems, migrated_from=migrated, index=parsed.index,
                         digest=hashed(), state=file_state(path, info, vouching=True))


def file_state(path: Path | str, info: os.stat_result | None = None, *, vouching: bool = False) -> FileState | None:
    """What tells whether a file was written since: its inode, size and times (None: no file).

    ``vouching``: only if these times can vouch for the content (they are a second or more
    old); a write within the same tick of the file system's clock could leave them the same."""
    try:
        info = info or os.stat(path)
    except OSError:
        return None
    if vouching and time.time_ns() - info.st_mtime_ns <= 1_000_000_000:
        return None
    return (str(path), info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


LARGE_BYTES = 1_000_000  # above this, the hashing is worth a thread


def _digest_beside(raw: bytes) -> Callable[[], str | _Digest]:
    """The digest of ``raw`` for a large file, hashed on a thread while the text is parsed
    (hashlib lets go of the interpreter meanwhile), not in the frame of the first change or
    save that needs it (18 ms at 9 MB). A small file's is computed from the text when first
    asked for: the first frame does not even import hashlib (3 ms)."""
    if len(raw) < LARGE_BYTES:
        return lambda: FROM_TEXT
    out: list[str] = []
    thread = threading.Thread(target=lambda: out.append(digest(raw)), name="digest", daemon=True)
    thread.start()

    def result() -> str:
        thread.join()
        return out[0]

    return result


def _text_of(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        finding = Finding((), N_("not UTF-8 text (byte {byte} at position {pos})"), {"byte": hex(raw[exc.start]), "pos": exc.start})
        raise ProjectFileError([Problem.from_finding(finding, str(path), line)]) from None


def render(project: Project, notes: dict[Anchor, Notes] | None = None, conv: Any = converter) -> str:
    """The canonical text of a project, with the comments of the file it came from."""
    from lilla_ratten.storage.writer import dumps

    return dumps(project, conv, notes)


def save_project(
    project: Project,
    path: Path | str,
    *,
    expected_digest: str | None,
    force: bool = False,
    notes: dict[Anchor, Notes] | None = None,
    text: str | None = None,
) -> str:
    """Write ``project`` canonically and atomically; return the digest of what was written.

    ``expected_digest`` is the digest of the file as it was read (``None`` for a
    new file).  If the file on disk is no longer that, someone else changed it
    and ``ConflictError`` is raised unless ``force``.
    """
    path = Path(path)
    clashing = duplicate_id_problems(project, str(path))
    if clashing:  # comments are kept by id: written, each would be copied onto every item of that id
        raise ProjectFileError(clashing)
    text = render(project, notes) if text is None else text
    if identity_number_problems(text, str(path)):
        # named by field, as the lines of the text not yet written mean nothing to the user
        data = converter.unstructure(project)
        found = list(identity_number_findings(data))
        refused = [Problem.from_finding(f, str(path), None, data) for f in found]
        refused = refused or identity_number_problems(text, str(path))  # in a comment: its line is all there is
        note = Finding((), N_("not saved: remove the identity number first"))
        raise ProjectFileError([*refused, Problem.from_finding(note, str(path), None)])
    # encoded a megabyte at a time, here and when written: the 9 MB text is not held again as bytes
    size = sum(len(piece) for piece in encoded(text))
    if size > MAX_BYTES:  # written, it could not be opened again
        finding = Finding(
            (),
            N_("not saved: it would be {size} MB, and a project file may be at most {limit} MB. The file on disk is unchanged"),
            {"size": megabytes(size), "limit": megabytes(MAX_BYTES)},
        )
        raise ProjectFileError([Problem.from_finding(finding, str(path), None)])
    import hashlib

    written = hashlib.sha256()
    try:
        _may_replace(path)
        if not force:
            current = file_digest(path) if path.exists() else None
            if current != expected_digest:
                raise ConflictError(str(path))
        atomic_write(path, _hashed(encoded(text), written))
    except OSError as exc:  # disk full, read-only file system or folder: the file on disk is as it was
        from lilla_ratten.storage.os_errors import os_error_text

        finding = Finding((), N_("not saved: {error}. The file on disk is unchanged"), {"error": os_error_text(exc)})
        raise ProjectFileError([Problem.from_finding(finding, str(path), None)]) from None
    return written.hexdigest()


def _hashed(pieces: Iterable[bytes], hasher: Any) -> Iterator[bytes]:
    for piece in pieces:
        hasher.update(piece)
        yield piece


def _repeats(items: list) -> bool:
    ids = [item.id for item in items]
    return len(set(ids)) != len(ids)


def _may_replace(path: Path) -> None:
    """A file the user could not write is not replaced (a rename in its folder would)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if os.access(path, os.W_OK) and mode & 0o222:
        return
    if os.statvfs(path).f_flag & os.ST_RDONLY:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))
    raise PermissionError(
        errno.EACCES,
        _("the file is read-only (mode {mode:o}); make it writable first (chmod u+w) if it should change").format(
            mode=mode & 0o777
        ),
    )


def duplicate_id_problems(project: Project, file: str) -> list[Problem]:
    """Two items of one list with the same id: the file cannot be written until one is renamed."""
    if not any(_repeats(getattr(project, name)) for name in ID_LISTS):
        return []  # the whole check (to say where) only then: 78 ms of every save at 50 000 activities
    found = [f for f in check(project) if f.message == DUPLICATE_ID]
    if not found:
        return []
    note = Finding((), N_("not saved: give each item its own id first (lilla-ratten validate lists them)"))
    return [*(Problem.from_finding(f, file, None, project) for f in found), Problem.from_finding(note, file, None)]

