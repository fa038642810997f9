"""The app's git actions, kept out of ``app.py``: share ("Dela"), choose merge conflicts, history.

Sharing runs git in a worker thread (a push over a slow network must not freeze the
screen); what it did, or why it stopped, is said in a notification.
"""

from __future__ import annotations

from typing import Any

import attrs

from lilla_ratten.i18n import N_, _
from lilla_ratten.model import Project
from lilla_ratten.storage import ProjectFileError
from lilla_ratten.storage.git import GitError


SIDES = {"mine": N_("mine"), "theirs": N_("theirs"), "base": N_("what was there before both"), "both": N_("both")}


def _replace(project: Project, settled: Project) -> None:
    for a in attrs.fields(Project):
        setattr(project, a.name, getattr(settled, a.name))


# ---- conflicts -------------------------------------------------------------------------


def offer_conflicts(app: Any) -> None:
    """The file holds conflicts a merge recorded: show them, one at a time, to choose."""
    session = app.session
    if session is None or session.read_only or not session.project.conflicts:
        return
    from lilla_ratten.storage.merge import resolve
    from lilla_ratten.tui.screens.merge_conflicts import MergeConflicts

    def choose(index: int, side: str) -> None:
        conflict = session.project.conflicts[index]
        settled = resolve(session.project, index, side)
        session.change(_("chose {side} for {where}").format(side=_(SIDES[side]), where=conflict.where()), lambda p: _replace(p, settled))
        app.refresh_views()

    def finished(all_chosen: bool | None) -> None:
        if not all_chosen:
            app.notify(_("Conflicts left to choose: open them again with Ctrl+D or from the command palette."), severity="warning")
            return
        app.action_save()
        if not session.dirty:
            _offer_merge_commit(app)

    app.push_screen(MergeConflicts(lambda: session.project, choose, _theirs_name(session.path)), finished)


def _theirs_name(path) -> str:
    """Who "theirs" is: the author(s) of what the unfinished merge brings in (MERGE_HEAD)."""
    from lilla_ratten.storage.git_share import git, top_level

    try:
        top = top_level(path.parent)
        found = git(top, "log", "--format=%an", "HEAD..MERGE_HEAD", check=False).stdout.split("\n")
    except GitError:
        return ""
    names = list(dict.fromkeys(n.strip() for n in found if n.strip()))
    return ", ".join(names[:3]) + (" …" if len(names) > 3 else "")


def _offer_merge_commit(app: Any) -> None:
    from lilla_ratten.storage.git_share import DriverDidNotRun, ShareError, finish_merge, in_merge, top_level
    from lilla_ratten.tui.screens.confirm import Confirm

    try:
        merging = in_merge(top_level(app.session.path.parent))
    except GitError:
        return
    if not merging:
        return

    def answer(yes: bool | None) -> None:
        if not yes:
            app.notify(_("The merge is not finished; Ctrl+D finishes and shares it."))
            return
        try:
            left_out = finish_merge(app.session.path)
        except DriverDidNotRun as exc:
            _merged_now(app, str(exc))
            return
        except (ShareError, GitError) as exc:
            app.notify(str(exc), title=_("Merge not finished"), severity="error", timeout=20)
            return
        _say_left_out(app, left_out)
        _reload_if_changed(app)
        look_for_unsent(app)
        app.notify(_("The merge is committed. Ctrl+D shares it."))

    question = _("Every conflict is chosen and the file is saved. Finish the merge (a commit) now?")
    app.push_screen(Confirm(question, _("Finish the merge"), _("Later"), safe=True), answer)


# ---- share -----------------------------------------------------------------------------


def share(app: Any) -> None:
    """Save, commit with a message saying what changed, merge the others' changes, push."""
    session = app.session
    if session is None or app.read_only:
        return
    if session.project.conflicts:
        offer_conflicts(app)
        return
    if not _checked_removals(app):
        return
    if session.dirty:
        app.action_save()
        if session.dirty:
            return  # not saved: the app has said why
    from lilla_ratten.storage.git_share import in_merge, top_level

    try:
        if in_merge(top_level(session.path.parent)):  # the conflicts are chosen: the merge commit first
            _finish_then_share(app)
            return
    except GitError:
        pass  # not in a repository: sharing says so
    if not _set_up(app):
        return
    from lilla_ratten.reports.git_history import commit_message

    message = commit_message(session.path, session.project)
    app.notify(_("Sharing…"), timeout=3)
    _run(app, session.path, message)


def _set_up(app: Any) -> bool:
    """git's identity and, the first time, the shared repository, asked for in the app (not
    in a terminal): False while asking — sharing goes on when they are given."""
    from lilla_ratten.storage.git_share import git_setup_missing, set_up_git

    path = app.session.path
    try:
        missing = git_setup_missing(path)
    except GitError:
        return True  # not in a repository: sharing says so
    if getattr(app, "_local_only", False) and "remote" in missing:
        missing.remove("remote")  # said once in this session: versions are kept here only
    if not missing:
        return True
    from lilla_ratten.tui.screens.git_setup import GitSetup

    def given(answers: dict | None) -> None:
        if not answers:
            app.notify(_("Nothing was shared."), markup=False)
            return
        if answers.get("local"):
            app._local_only = True
            share(app)
            return
        try:
            set_up_git(path, answers)
        except GitError as exc:
            app.notify(str(exc), title=_("Not shared"), severity="error", timeout=20, markup=False)
            return
        share(app)

    app.hold_keys()  # typed on after Ctrl+D while git was asked: into the form (app_guards)
    app.push_screen(GitSetup(missing), given)
    return False


PUT_BACK, REMOVE = "put-back", "remove"


def _checked_removals(app: Any) -> bool:
    """Dela never removes a record the user did not delete without saying so: records in the
    last commit that are not in the file and were never in front of the user in this session
    (they came in by a pull while the user kept their own version) are named, and put back
    unless the user says they are to go. False: asked, sharing waits for the answer."""
    from lilla_ratten.reports.git_history import committed
    from lilla_ratten.tui.session import record_ids

    session = app.session
    head = committed(session.path)
    if head is None:
        return True
    gone = sorted(record_ids(head) - record_ids(session.project) - session.seen)
    if not gone:
        return True
    from lilla_ratten.tui.screens.choice import Choice

    named = "\n".join(f"  {_record_name(head, part, ident)}" for part, ident in gone)

    def answer(choice: str | None) -> None:
        if choice == PUT_BACK:
            session.change(_("put back records sharing would have removed"), lambda p: _put_back(p, head, gone))
            app.refresh_views()
            share(app)
        elif choice == REMOVE:
            session.seen |= set(gone)  # said and agreed: removed on purpose
            share(app)
        else:
            app.notify(_("Nothing was shared."), markup=False)

    question = _(
        "Sharing now would remove these from the shared version, but you did not delete them here: "
        "they came in from the others while you kept your own version.\n{records}\n\n"
        "Put them back and share, or remove them for everyone?"
    ).format(records=named)
    app.push_screen(
        Choice(question, [(PUT_BACK, _("Put back and share"), "primary"), (REMOVE, _("Remove for everyone"), "error"), ("back", _("Go back"), "default")]),
        answer,
    )
    return False


def _record_name(project: Project, part: str, ident: str) -> str:
    from lilla_ratten.reports.history import PARTS

    record = next(r for r in getattr(project, part) if getattr(r, "id", None) == ident)
    title = next((getattr(record, f) for f in ("title", "name", "text", "what") if isinstance(getattr(record, f, None), str)), "")
    kind = _(PARTS[part]) if part in PARTS else part
    return f"{kind} {ident}" + (f" «{title}»" if title else "")


def _put_back(project: Project, head: Project, gone: list[tuple[str, str]]) -> None:
    for part, ident in gone:
        getattr(project, part).append(next(r for r in getattr(head, part) if getattr(r, "id", None) == ident))


def _run(app: Any, path, message: str) -> None:
    # the merge rewrites the file while this runs: not a change "by someone else" to ask about
    app._asking_about_disk = True
    app.run_worker(lambda: _share_in_thread(app, path, message), thread=True, group="share", exclusive=True)


def _finish_then_share(app: Any) -> None:
    from lilla_ratten.storage.git_share import DriverDidNotRun, ShareError, finish_merge

    try:
        left_out = finish_merge(app.session.path)
    except DriverDidNotRun as exc:
        _merged_now(app, str(exc))
        return
    except (ShareError, GitError) as exc:
        app.notify(str(exc), title=_("Not shared"), severity="error", timeout=20)
        return
    _say_left_out(app, left_out)
    _reload_if_changed(app)
    _run(app, app.session.path, "")


def _say_left_out(app: Any, files: list[str]) -> None:
    if files:
        app.notify(
            _("Changes in {files} were not put in the merge: they are still in those files, not shared; share them from there.").format(files=", ".join(files)),
            severity="warning", timeout=20, markup=False)


def _reload_if_changed(app: Any) -> None:
    """Finishing may have merged the file again (the driver had not run): show what is on disk."""
    session = app.session
    if not session.dirty and session.changed_on_disk():
        try:
            session.reload()
        except ProjectFileError as exc:
            app.notify(str(exc), title=_("Cannot reload"), severity="error", timeout=15)
            return
        app.refresh_views()


def _merged_now(app: Any, said: str) -> None:
    """git had kept only mine (the driver did not run): the merge is made now; choose."""
    app.notify(said, title=_("Merge not finished"), severity="warning", timeout=20, markup=False)
    _reload_if_changed(app)
    offer_conflicts(app)


def _share_in_thread(app: Any, path, message: str) -> None:
    from lilla_ratten.storage.git_share import ShareError
    from lilla_ratten.storage.git_share import share as git_share

    try:
        done = git_share(path, message)
    except (ShareError, GitError) as exc:
        app.call_from_thread(_failed, app, str(exc))
        return
    except Exception as exc:  # noqa: BLE001 - a worker's error would end the app; the file is on disk, saved
        app.call_from_thread(_failed, app, _("Sharing stopped: {error}").format(error=exc))
        return
    app.call_from_thread(_shared, app, done)


def look_for_unsent(app: Any) -> None:
    """Commits here that were never sent (offline at the last Dela): counted off the UI
    thread, shown in the header until sent."""
    session = app.session

    def count() -> None:
        from lilla_ratten.storage.git_share import unsent_count

        n = unsent_count(session.path)
        app.call_from_thread(_show_unsent, app, session, n)

    app.run_worker(count, thread=True, group="unsent", exclusive=True)


def _show_unsent(app: Any, session: Any, n: int) -> None:
    if app.session is session and session.unsent != n:
        session.unsent = n
        app._show_title()


def _failed(app: Any, error: str) -> None:
    app._asking_about_disk = False
    look_for_unsent(app)
    app.notify(error, title=_("Not shared"), severity="error", timeout=20)


def _shared(app: Any, done) -> None:
    app._asking_about_disk = False
    look_for_unsent(app)
    if done.merged:
        try:
            app.session.reload()  # the file on disk now holds the others' changes too
        except ProjectFileError as exc:
            app.notify(str(exc), title=_("Cannot reload"), severity="error", timeout=15)
            return
        app.refresh_views()
    if done.conflicts:
        app.notify(_("The others changed the same things: choose for each conflict."), severity="warning", timeout=15)
        offer_conflicts(app)
        return
    said = _("Committed.") if done.committed else _("Nothing new to commit.")
    if done.remote is None:
        said += " " + _("No shared repository is set up (git remote), so nothing was sent.")
    elif done.pushed and not done.sent:
        said += " " + (_("The others' changes merged in; nothing new to send.") if done.merged else _("Nothing new to send."))
    elif done.pushed:
        said += " " + (_("The others' changes merged in and all sent to the others.") if done.merged else _("Sent to the others."))
    arrived = _arrived(app.session.path, done)
    if arrived:
        said += "\n" + _("From the others:") + "\n" + "\n".join(f"  {line}" for line in arrived)
    app.notify(said, title=_("Shared") if done.sent else _("Committed only") if not done.pushed else _("Shared"), timeout=15, markup=False)


def _arrived(path, done) -> list[str]:
    """What the others' changes brought into the file (their additions, values that replaced
    mine, records renumbered), in the words of the history; the first few."""
    if not done.merged or not done.before_merge:
        return []
    from lilla_ratten.reports.git_history import parse_version
    from lilla_ratten.reports.history import changes
    from lilla_ratten.storage.git import show

    try:
        before, _e1 = parse_version(show(path, done.before_merge), str(path))
        after, _e2 = parse_version(show(path, "HEAD"), str(path))
    except GitError:
        return []
    if before is None or after is None:
        return []
    lines = changes(before, after)
    return lines[:6] + ([_("… and {n} more (h: history)").format(n=len(lines) - 6)] if len(lines) > 6 else [])


# ---- history ---------------------------------------------------------------------------


def show_history(app: Any) -> None:
    """The history screen at once; the commits are read in a thread and shown as they come
    (a file with 5 000 commits took a minute to read, with the app frozen)."""
    session = app.session
    if session is None:
        return
    from lilla_ratten.tui.screens.history_screen import HistoryScreen

    screen = HistoryScreen()
    app.push_screen(screen)
    path, project, as_of = session.path, session.project, app.as_of
    app.run_worker(lambda: _read_history(app, screen, path, project, as_of), thread=True, group="history", exclusive=True)


FIRST, BATCH = 10, 100  # the first ten are shown as soon as they are read, the rest in batches


def _read_history(app: Any, screen: Any, path, project: Project, as_of) -> None:
    """The first entries, then "since the meeting" (found by asking git, not by reading every
    version: it is there within a second at 5 000 commits), then the rest as the user
    scrolls towards them (``screen.wanted``)."""
    from textual.worker import get_current_worker

    from lilla_ratten.reports.git_history import entry_lines, heading, iter_entries

    worker = get_current_worker()

    def post(call, *args) -> bool:
        if screen.closed or worker.is_cancelled:
            return False
        try:
            app.call_from_thread(call, *args)
        except RuntimeError:  # the app has ended
            return False
        return True

    def wait_for_scrolling(read: int) -> bool:
        """False: the screen is gone (or the app)."""
        if read < screen.wanted:
            return True
        if not post(screen.waiting):
            return False
        while True:
            screen.more.clear()
            if read < screen.wanted:
                return True
            screen.more.wait(0.25)
            if screen.closed or worker.is_cancelled:
                return False

    batch: list[tuple[str, list[str]]] = []
    read = 0
    try:
        entries = iter_entries(path)
        try:
            for entry in entries:
                batch.append((heading(entry), entry_lines(entry)))
                read += 1
                if read == FIRST or len(batch) >= BATCH or read >= screen.wanted:
                    if not post(screen.add, batch):
                        return
                    batch = []
                if read == FIRST and not post(screen.show_since, *_since(path, project, as_of)):
                    return
                if not wait_for_scrolling(read):
                    return
        finally:
            entries.close()  # its git processes end with it
        post(screen.add, batch)
        if read < FIRST and not post(screen.show_since, *_since(path, project, as_of)):
            return
    except GitError as exc:
        post(screen.show_since, None, [], _("No history: {error}").format(error=exc))
        post(screen.finished, " ")
        return
    post(screen.finished)


def _since(path, project: Project, as_of) -> tuple[str | None, list[str], str]:
    """(heading, lines, note) of "since the last steering-group meeting"."""
    from lilla_ratten.reports.git_history import last_meeting, since

    meeting = last_meeting(project, as_of)
    if meeting is None:
        return None, [], _("No steering-group meeting yet (no decision point held, no status report sent).")
    found = since(path, project, meeting)
    if found.commit is None:
        return None, [], _("git has no version from before the last steering-group meeting ({date}).").format(date=meeting)
    lines = []
    for change in found.changes:
        marks = [change.authors]
        if change.unshared:
            marks.append(_("not sent yet"))
        if change.uncommitted:
            marks.append(_("not shared yet"))
        lines.append(f"{change.line} ({', '.join(marks)})")
    return _("Since the last steering-group meeting ({date}):").format(date=meeting), lines, ""
