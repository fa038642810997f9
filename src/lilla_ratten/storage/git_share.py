"""Sharing a project file through git: set-up, commit, pull through the merge driver, push.

The ``git`` program is run plainly (``subprocess``), as ``storage/git.py`` reads with it:
the users' clones, credentials, hooks and remotes are configured for that program, and
a library (GitPython, pygit2) would either call it anyway or re-implement merging,
hooks and transports differently from what the user's ``git`` does.

Every failure is a ``ShareError`` whose text says, in the user's language, what did not
happen and that nothing was lost: the file is committed before anything is fetched,
and a merge this module cannot leave settled is aborted (``git merge --abort``).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from attrs import define

from lilla_ratten.i18n import _, N_, ngettext
from lilla_ratten.model.privacy import mask_identity_numbers
from lilla_ratten.storage.git import GitError
from lilla_ratten.storage.safe_read import read_file_bytes

DRIVER = "lilla-ratten"
ATTRIBUTES_LINE = f"*.toml diff={DRIVER} merge={DRIVER}"
TIMEOUT = 120  # a fetch or push over a slow network; beyond that it is said to have failed


class ShareError(Exception):
    """Sharing stopped; the message says why and what state the file is in."""


@define
class Setup:
    attributes: Path


@define
class Shared:
    committed: bool = False
    merged: bool = False  # someone else's changes came in (the file on disk changed)
    pushed: bool = False
    conflicts: bool = False  # the merge left recorded conflicts: choose in the app, then finish
    remote: str | None = None
    sent: bool = False  # something new reached the remote (pushed can be "already there")
    before_merge: str | None = None  # HEAD before the others' changes came in: what arrived is since


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise GitError(_("git is not installed")) from None
    except subprocess.TimeoutExpired:
        raise GitError(_("git {command} took longer than {seconds} s").format(command=args[0], seconds=TIMEOUT)) from None
    if check and result.returncode != 0:
        raise GitError(_last_line(result))
    return result


def _last_line(result: subprocess.CompletedProcess) -> str:
    """git's reason in words a social worker understands where it is one we know; otherwise a
    sentence saying so, with git's own English as its detail."""
    text = result.stderr or result.stdout or ""
    for pattern, words in PLAIN_GIT:
        found = re.search(pattern, text, re.S)
        if found:
            files = ", ".join(f.strip() for f in (found.groupdict().get("files") or "").splitlines() if f.strip())
            return _(words).format(files=files, op=found.groupdict().get("op") or "")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    said = [ln.split(":", 1)[1].strip() for ln in lines if ln.startswith(("error:", "fatal:"))]
    hints = [ln for ln in lines if not ln.startswith("hint:")]
    # git's own reason, not its closing "Aborting" or "Merge with strategy ort failed."
    detail = said[0] if said else (hints or lines or [""])[-1]
    # never git's English alone: our sentence says that it failed, git's words are the detail
    if not detail:
        return _("git stopped without giving a reason")
    return _("an error the app does not recognise (git's own words, in English: \u201c{detail}\u201d)").format(detail=detail)


# git's messages that reach a user, said plainly (docs/git.md lists them)
PLAIN_GIT = [
    (r"does not appear to be a git repository|Could not read from remote repository|unable to access|Could not resolve host",
     N_("the shared repository cannot be reached (no network, or its address is wrong)")),
    (r"not a git repository", N_("the folder is not in a git repository")),
    (r"Your local changes to the following files would be overwritten by merge:\s*\n(?P<files>(?:\s+\S.*\n)+)",
     N_("saved changes here that are not shared yet, in {files}, are in the way: share or undo them first")),
    (r"untracked working tree files would be overwritten by merge:\s*\n(?P<files>(?:\s+\S.*\n)+)",
     N_("files here that git does not keep, {files}, are in the way: move them away first")),
    (r"You have not concluded your (?P<op>cherry-pick|revert)",
     N_("a git {op} started here is not finished: finish it in a terminal (git {op} --continue, --skip or --abort) first")),
    (r"unmerged files|You have not concluded your merge|Merging is not possible because you have unmerged files",
     N_("a merge is not finished: choose in the conflicts first")),
    (r"Please tell me who you are|empty ident|unable to auto-detect email address",
     N_("git does not know your name and e-mail address yet (git config user.name and user.email)")),
]


def unsent_count(path: Path) -> int:
    """How many commits of the file's clone its upstream branch does not have yet (0 outside
    git or without an upstream): what waits here until sharing works again."""
    try:
        top = top_level(Path(path).parent)
    except GitError:
        return 0
    result = git(top, "rev-list", "--count", "@{upstream}..HEAD", check=False)
    return int(result.stdout.strip() or 0) if result.returncode == 0 else 0


def unsent_note(top: Path, remote: str, branch: str) -> str:
    """" N versions not sent yet." — what waits here until sharing works again."""
    ref = f"refs/remotes/{remote}/{branch}"
    known = git(top, "rev-parse", "-q", "--verify", ref, check=False).returncode == 0
    result = git(top, "rev-list", "--count", f"{ref}..HEAD" if known else "HEAD", check=False)
    n = int(result.stdout.strip() or 0) if result.returncode == 0 else 0
    return " " + ngettext("{n} version here is not sent yet.", "{n} versions here are not sent yet.", n).format(n=n) if n else ""


def driver_command() -> str:
    """The Python that runs this program now: the first place the clone's wrapper looks."""
    return f"{shlex.quote(sys.executable)} -m lilla_ratten"


WRAPPER = "lilla-ratten/run"  # in the clone's git folder: found by git at run time, never committed
WRAPPED = '"$(git rev-parse --git-common-dir)/' + WRAPPER + '"'
NOT_FOUND = 3  # the wrapper's exit code when no Python with the program is left


def _wrapper_text(command: str) -> str:
    """A small shell script git runs for merges and diffs: the Python this was set up with,
    else any ``python3``/``python`` that has the program, else ``lilla-ratten`` on PATH; so a
    moved or rebuilt venv does not leave git without the driver (it said nothing and kept
    mine, issue 30). Nothing found: an error and a failing exit, so git marks the file
    unmerged and the app refuses to finish the merge."""
    python = command.removesuffix(" -m lilla_ratten")
    return (
        "#!/bin/sh\n"
        "# Lilla Ratten's merge and diff drivers for this clone (written by git-setup and by Dela).\n"
        f"py={python}\n"
        'if [ -x "$py" ]; then exec "$py" -m lilla_ratten "$@"; fi\n'
        "for py in python3 python; do\n"
        '  if command -v "$py" >/dev/null 2>&1 && "$py" -c "import lilla_ratten" 2>/dev/null; then exec "$py" -m lilla_ratten "$@"; fi\n'
        "done\n"
        'if command -v lilla-ratten >/dev/null 2>&1; then exec lilla-ratten "$@"; fi\n'
        'echo "lilla-ratten: the program was not found (its Python has moved?): install it again and run lilla-ratten git-setup" >&2\n'
        f"exit {NOT_FOUND}\n"
    )


def top_level(folder: Path) -> Path:
    result = git(folder, "rev-parse", "--show-toplevel", check=False)
    if result.returncode != 0:
        raise GitError(_("not in a git repository"))
    return Path(result.stdout.strip())


def git_dir(top: Path) -> Path:
    found = Path(git(top, "rev-parse", "--git-common-dir").stdout.strip())
    return found if found.is_absolute() else top / found


def configure(top: Path, command: str) -> None:
    """The per-clone part: the commands git runs for diffs and merges of project files —
    through the wrapper in the clone's git folder, looked up when git runs it."""
    wrapper = git_dir(top) / WRAPPER
    wrapper.parent.mkdir(parents=True, exist_ok=True)
    text = _wrapper_text(command)
    if not wrapper.exists() or wrapper.read_text(encoding="utf-8") != text:
        wrapper.write_text(text, encoding="utf-8")
    wrapper.chmod(0o755)
    wanted = {
        f"merge.{DRIVER}.name": "Lilla Ratten project files, merged by record and field",
        f"merge.{DRIVER}.driver": f"sh {WRAPPED} merge-driver %O %A %B %P",
        f"diff.{DRIVER}.textconv": f"sh {WRAPPED} textconv",
    }
    for key, value in wanted.items():
        if git(top, "config", "--get", key, check=False).stdout.strip() != value:
            git(top, "config", key, value)


def _add_line(file: Path) -> None:
    text = file.read_text(encoding="utf-8") if file.exists() else ""
    lines = text.splitlines()
    if ATTRIBUTES_LINE in lines:
        return
    old = f"*.toml diff={DRIVER}"  # the textconv-only line the README used to give
    lines = [ATTRIBUTES_LINE if ln.strip() == old else ln for ln in lines]
    if ATTRIBUTES_LINE not in lines:
        lines.append(ATTRIBUTES_LINE)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def setup(folder: Path, command: str) -> Setup:
    """``git-setup``: the committed ``.gitattributes`` line and this clone's config."""
    top = top_level(folder)
    configure(top, command)
    _add_line(top / ".gitattributes")
    return Setup(top / ".gitattributes")


def ensure_driver(top: Path, command: str) -> None:
    """Before sharing: the driver set up in this clone only (``.git/info/attributes``),
    so sharing never adds a file to the user's commit that they did not write."""
    configure(top, command)
    attributes = top / ".gitattributes"
    if attributes.exists() and ATTRIBUTES_LINE in attributes.read_text(encoding="utf-8").splitlines():
        return
    info = Path(git(top, "rev-parse", "--git-path", "info/attributes").stdout.strip())
    _add_line(info if info.is_absolute() else top / info)


def git_setup_missing(path: Path) -> list[str]:
    """What git needs before this clone can share: ``name``/``email`` (who signs each
    version) and ``remote`` (no shared repository yet), in that order."""
    top = top_level(Path(path).resolve().parent)
    missing = [key for key in ("name", "email") if not git(top, "config", f"user.{key}", check=False).stdout.strip()]
    if not git(top, "remote").stdout.split():
        missing.append("remote")
    return missing


def set_up_git(path: Path, answers: dict[str, str]) -> None:
    """This clone's identity (``user.name``/``user.email``, this clone only) and its first
    remote (``origin``), as given in the app."""
    top = top_level(Path(path).resolve().parent)
    for key in ("name", "email"):
        if answers.get(key):
            git(top, "config", f"user.{key}", answers[key])
    if answers.get("remote"):
        git(top, "remote", "add", "origin", answers["remote"])


def in_merge(top: Path) -> bool:
    return git(top, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode == 0


def _branch(top: Path) -> str:
    result = git(top, "symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if result.returncode != 0:
        raise ShareError(_("git is not on a branch (detached HEAD): nothing was committed. Ask someone used to git to check out a branch."))
    return result.stdout.strip()


def _remote_branch(top: Path, branch: str) -> str:
    """The branch on the remote this one follows (``main`` for a local ``master`` set up with
    ``push -u origin HEAD:main``); by default the same name."""
    merge = git(top, "config", f"branch.{branch}.merge", check=False).stdout.strip()
    return merge.removeprefix("refs/heads/") if merge.startswith("refs/heads/") else branch


def _remote(top: Path, branch: str) -> str | None:
    configured = git(top, "config", f"branch.{branch}.remote", check=False).stdout.strip()
    if configured:
        return configured
    remotes = git(top, "remote").stdout.split()
    return "origin" if "origin" in remotes else (remotes[0] if remotes else None)


def recorded_conflicts(path: Path) -> int:
    """How many ``[[conflicts]]`` the file holds now (0 if it cannot be read as a project)."""
    from lilla_ratten.storage.files import parse_project

    try:
        parsed = parse_project(read_file_bytes(path).decode("utf-8"), str(path))
    except (OSError, UnicodeDecodeError):
        return 0
    return len(parsed.project.conflicts) if parsed.project is not None else 0


def share(path: Path, message: str, command: str | None = None) -> Shared:
    """Commit ``path`` with ``message``, merge what the others shared, send it back."""
    path = Path(path).resolve()
    try:
        top = top_level(path.parent)
    except GitError as exc:
        raise ShareError(_("{file} is not in a git repository: nothing to share with ({error}).").format(file=path.name, error=exc)) from None
    if in_merge(top):
        raise ShareError(_("A merge is not finished yet: choose in the conflicts first, then finish the merge."))
    branch = _branch(top)
    ensure_driver(top, command or driver_command())
    rel = str(path.relative_to(top))
    done = Shared()
    git(top, "add", "--", rel)
    if git(top, "diff", "--cached", "--quiet", "--", rel, check=False).returncode == 1:
        # a commit message is in every clone for ever: never a personnummer in full (issue 33)
        result = git(top, "commit", "-q", "-m", mask_identity_numbers(message), "--", rel, check=False)
        if result.returncode != 0:
            git(top, "reset", "-q", "--", rel, check=False)
            raise ShareError(
                _("git refused the commit: {error}. Your file is saved and unchanged; nothing was sent.").format(error=_last_line(result))
            )
        done.committed = True
    done.remote = _remote(top, branch)
    if done.remote is None:
        return done
    tracked = bool(git(top, "config", f"branch.{branch}.merge", check=False).stdout.strip())
    remote_branch = _remote_branch(top, branch)
    for _attempt in range(3):
        _pull(top, rel, done, remote_branch)
        if done.conflicts:
            return done
        # -u only for a branch that follows none yet: never re-point one the user set up
        upstream = [] if tracked else ["-u"]
        there = git(top, "rev-parse", "-q", "--verify", f"refs/remotes/{done.remote}/{remote_branch}", check=False).stdout.strip()
        if there and there == git(top, "rev-parse", "HEAD").stdout.strip():
            done.pushed = True  # the remote has it all already: nothing is sent, and the app says so
            return done
        result = git(top, "push", "-q", *upstream, done.remote, f"HEAD:refs/heads/{remote_branch}", check=False)
        if result.returncode == 0:
            done.pushed = done.sent = True
            return done
        error = result.stderr or ""
        if "rejected" not in error and "fetch first" not in error and "non-fast-forward" not in error:
            raise ShareError(
                _("Could not send to the shared repository: {error}. Your change is committed here; press Share again later.").format(
                    remote=done.remote, error=_last_line(result)
                ) + unsent_note(top, done.remote, remote_branch)
            )
    raise ShareError(_("The shared repository kept getting new changes while sending; your change is committed here: press Share again.").format(remote=done.remote))


def _pull(top: Path, rel: str, done: Shared, branch: str) -> None:
    """Fetch, then merge the remote branch (through the merge driver) if there is one."""
    fetched = git(top, "fetch", "-q", done.remote, check=False)
    if fetched.returncode != 0:
        raise ShareError(
            _("Nothing was fetched or sent: {error}. Your change is committed here; press Share again later.").format(
                remote=done.remote, error=_last_line(fetched)
            ) + unsent_note(top, done.remote, branch)
        )
    theirs = f"refs/remotes/{done.remote}/{branch}"
    if git(top, "rev-parse", "-q", "--verify", theirs, check=False).returncode != 0:
        return  # the branch is not there yet: the push creates it
    before = git(top, "rev-parse", "HEAD").stdout.strip()
    said = _("Merged the others' changes").format(remote=done.remote)
    merged = git(top, "merge", "-q", "--no-edit", "-m", said, theirs, check=False)
    if merged.returncode == 0:
        if git(top, "rev-parse", "HEAD").stdout.strip() != before:
            done.merged = True
            done.before_merge = done.before_merge or before
        return
    unmerged = git(top, "diff", "--name-only", "--diff-filter=U").stdout.split()
    if unmerged == [rel] and recorded_conflicts(top / rel):
        done.merged = done.conflicts = True
        done.before_merge = done.before_merge or before
        return
    git(top, "merge", "--abort", check=False)
    if unmerged:
        raise ShareError(
            _("The others' changes clash in files the app cannot settle ({files}); the merge was undone and your commit is kept here. Ask someone used to git.").format(
                files=", ".join(unmerged)
            )
        )
    raise ShareError(
        _("The others' changes could not be merged: {error}. The merge was undone and your commit is kept here.").format(
            error=_last_line(merged)
        )
    )


# ---- the driver ran, or the merge is made now ------------------------------------------

RAN_LOG = "lilla-ratten/merged"  # "path<TAB>blob id of mine" for each merge the driver made
KEEP_LOG = 500


def blob_id(data: bytes, object_format: str = "sha1") -> str:
    """git's id of a blob holding ``data`` in a repository of ``object_format`` (``sha1``,
    or ``sha256`` for ``git init --object-format=sha256``)."""
    import hashlib

    return hashlib.new(object_format, b"blob %d\0" % len(data) + data).hexdigest()


def object_format(top: Path) -> str:
    """The hash the repository names its objects by (``extensions.objectFormat``; SHA-1 unless set)."""
    found = git(top, "config", "--get", "extensions.objectformat", check=False).stdout.strip().lower()
    return found if found in ("sha1", "sha256") else "sha1"


def note_driver_ran(top: Path, rel: str, mine: bytes) -> None:
    """The driver merged ``rel`` (mine as git gave it): finishing that merge is allowed."""
    log = git_dir(top) / RAN_LOG
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        lines = log.read_text(encoding="utf-8").splitlines()[-KEEP_LOG:] if log.exists() else []
        lines.append(f"{rel}\t{blob_id(mine, object_format(top))}")
        log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError:
        pass  # not noted: finishing merges the file again in the app, which is the same merge


def shared_versions(top: Path, rel: str) -> list[str]:
    """The file as the remote's branches hold it (what others may already have seen)."""
    refs = [r for r in git(top, "for-each-ref", "--format=%(refname)", "refs/remotes", check=False).stdout.split()
            if not r.endswith("/HEAD")][:20]
    if not refs:
        return []
    asked = "".join(f"{r}:{rel}\n" for r in refs).encode("utf-8")
    try:
        result = subprocess.run(["git", "cat-file", "--batch"], cwd=top, input=asked, capture_output=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return []
    out, seen, at = result.stdout, set(), 0
    texts = []
    while at < len(out):
        end = out.index(b"\n", at)
        head = out[at:end].split()
        at = end + 1
        if len(head) != 3:
            continue  # "… missing": not on that branch
        size = int(head[2])
        if head[0] not in seen:
            seen.add(head[0])
            texts.append(out[at : at + size].decode("utf-8", errors="replace"))
        at += size + 1
    return texts


@define
class Remerged:
    files: list[str]
    conflicts: int


def merge_where_driver_did_not_run(top: Path) -> Remerged:
    """Each project file git left unmerged without the driver having run (a stale driver
    path: git kept mine, no markers, no conflicts) is merged now by the same engine,
    from git's three versions; the caller must not finish the merge while ``conflicts``."""
    from lilla_ratten.storage.atomic import atomic_write
    from lilla_ratten.storage.merge import THEIRS_SIDE, NotAProjectFile, merge_texts

    stages: dict[str, dict[str, str]] = {}
    for entry in git(top, "ls-files", "-u", "-z").stdout.split("\0"):
        if "\t" in entry:
            info, rel = entry.split("\t", 1)
            _mode, sha, stage = info.split()
            stages.setdefault(rel, {})[stage] = sha
    log = git_dir(top) / RAN_LOG
    ran = set(log.read_text(encoding="utf-8").splitlines()) if log.exists() else set()
    done = Remerged([], 0)
    for rel, found in stages.items():
        if "2" not in found or "3" not in found or f"{rel}\t{found['2']}" in ran:
            continue
        attr = git(top, "check-attr", "merge", "--", rel).stdout.strip()
        if not attr.endswith(f": {DRIVER}"):
            continue
        blob = lambda stage: git(top, "cat-file", "blob", found[stage]).stdout if stage in found else None  # noqa: E731
        mine = blob("2")
        try:
            merged = merge_texts(blob("1"), mine, blob("3"), rel, shared=shared_versions(top, rel), renumber=THEIRS_SIDE)
        except NotAProjectFile:
            continue  # not a project file: git's markers, which the app recognises
        atomic_write(top / rel, merged.text.encode("utf-8"))
        note_driver_ran(top, rel, mine.encode("utf-8"))
        done.files.append(rel)
        done.conflicts += len(merged.conflicts)
    return done


class DriverDidNotRun(ShareError):
    """The merge is made now; its conflicts are to be chosen before it is finished."""


def finish_merge(path: Path, command: str | None = None) -> list[str]:
    """After the last conflict is chosen and the file saved: the merge commit — after the
    clone's driver set-up is repaired, and only once every project file was merged by the
    engine (``DriverDidNotRun`` when that merge is made now and left conflicts). Returns the
    other files whose staged edits were left out of the merge commit (``unstage_foreign``)."""
    path = Path(path).resolve()
    top = top_level(path.parent)
    if not in_merge(top):
        return []
    ensure_driver(top, command or driver_command())
    redone = merge_where_driver_did_not_run(top)
    if redone.conflicts:
        raise DriverDidNotRun(
            _("Lilla Ratten's merge had not run for {files} (git could not find the program), so git had kept only your "
              "version. It is merged now: choose in the {n} conflicts, then finish the merge.").format(
                files=", ".join(redone.files), n=redone.conflicts)
        )
    rel = str(path.relative_to(top))
    left_out = unstage_foreign(top, {rel, *redone.files})
    git(top, "add", "--", *([rel] + [f for f in redone.files if f != rel]))
    result = git(top, "commit", "-q", "--no-edit", check=False)
    if result.returncode != 0:
        raise ShareError(_("git refused the merge commit: {error}. The file is saved.").format(error=_last_line(result)))
    return left_out


def _blob(top: Path, rev: str, rel: str) -> tuple[str, str] | None:
    """(mode, blob id) of ``rel`` at ``rev``, or None where it is not there."""
    line = git(top, "ls-tree", rev, "--", rel, check=False).stdout.split("\t", 1)[0].split()
    return (line[0], line[2]) if len(line) == 3 else None


def _merge_tree(top: Path, merge_head: str) -> str | None:
    """The tree git's merge of HEAD and ``merge_head`` gives (clean files as git merged them;
    ``git merge-tree --write-tree``, git 2.38 or later), or None where git cannot make it."""
    made = git(top, "merge-tree", "--write-tree", "--no-messages", "HEAD", merge_head, check=False)
    first = made.stdout.split("\n", 1)[0].strip()
    return first if made.returncode in (0, 1) and re.fullmatch(r"[0-9a-f]{40,64}", first) else None


def unstage_foreign(top: Path, own: set[str]) -> list[str]:
    """Mid-merge, take out of the index every staged change that is neither one of ``own``
    (the file being shared, the ones merged by the engine) nor what git's merge brought: a
    merge commit takes the whole index (git allows no commit of one path during a merge), so
    an edit staged in another file would be swept into it under the others' names. The edit
    stays in that file, unstaged. Where both sides changed a file, what the merge brought is
    git's own merge of it (``git merge-tree``, made again); an edit staged on top of it is
    taken out likewise. Returns the files taken out."""
    merge_head = git(top, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).stdout.strip()
    if not merge_head:
        return []
    base = git(top, "merge-base", "HEAD", merge_head, check=False).stdout.strip()
    staged = git(top, "diff", "--cached", "--name-only", "-z", "--no-renames", "HEAD").stdout.split("\0")
    out = []
    merged_tree: list[str | None] = []  # git's merge of the two lines, made once if needed
    for rel in (f for f in staged if f and f not in own):
        ours, theirs = _blob(top, "HEAD", rel), _blob(top, merge_head, rel)
        was = _blob(top, base, rel) if base else None
        if ours != was and theirs != was and ours != theirs:
            if not merged_tree:
                merged_tree.append(_merge_tree(top, merge_head))
            if merged_tree[0] is None:
                continue  # git cannot say what its merge gave: the index is left as it is
            expected = _blob(top, merged_tree[0], rel)
        else:
            expected = theirs if ours == was else ours  # what the merge brought, or ours untouched
        entry = git(top, "ls-files", "-s", "--", rel).stdout.split()
        now = (entry[0], entry[1]) if len(entry) >= 2 else None
        if now == expected:
            continue
        if expected is None:
            git(top, "rm", "-q", "--cached", "--", rel)
        else:
            git(top, "update-index", "--add", "--cacheinfo", f"{expected[0]},{expected[1]},{rel}")
        out.append(rel)
    return out
