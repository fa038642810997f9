"""A team of three in real clones of one bare repository, many seeded rounds of edits and the
git operations people use (Dela, pull --rebase, stash pop, cherry-pick from a branch), the
conflicts chosen at random: every edit by anyone is on the shared line or was chosen against
in a conflict, and a record on the server never changes id (issue 30's "done when").

Bounded: ROUNDS rounds per seed and at most SECONDS per seed (later rounds are skipped,
the invariants are still checked on what ran). The first test drives ``storage.git_share``
(what the app's Dela runs) for many rounds; the second, fewer rounds (an app per round is
slow), drives the app itself with Pilot: edits in the app, Ctrl+D, each conflict chosen in
the chooser by its key, the merge finished from the app's question — while the others also
use git in a terminal (pull --rebase, stash pop, cherry-pick)."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import subprocess
import time

import attrs
import pytest

from lilla_ratten.model import Milestone
from lilla_ratten.storage import parse_project, read_project
from lilla_ratten.storage.git_share import ShareError, finish_merge, share
from lilla_ratten.storage.merge import BOTH, MINE, THEIRS, resolve
from tests.test_merge_driver import ENV, git, shared  # noqa: F401 - shared is a fixture

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed on this machine")

ROUNDS, SECONDS = 14, 120
PEOPLE = ("anna", "bertil", "cecilia")


class Team:
    def __init__(self, shared, tmp_path, rng: random.Random) -> None:
        self.repos = {who: shared(who) for who in PEOPLE}
        self.bare = tmp_path / "shared.git"
        self.rng = rng
        self.added: dict[str, str] = {}  # title token -> who added it
        self.lost: set[str] = set()  # tokens chosen against in a conflict, or knowingly replaced
        self.m3: set[str] = set()  # every title given to M3
        self.ids_seen: dict[str, str] = {}  # title token -> id it had on the server
        self.n = 0
        self.stats = {"conflicts chosen": 0, "renumbered": 0, "rounds": 0}
        self.local_id: dict[str, str] = {}  # title token -> id its author gave it

    def path(self, who):
        return self.repos[who] / "projekt.toml"

    # ---- edits -------------------------------------------------------------------------

    def edit(self, who: str) -> None:
        loaded = read_project(self.path(who))
        self.change(who, loaded.project)
        loaded.save()

    def change(self, who: str, p) -> None:
        """One edit by ``who`` of the project in front of them."""
        self.n += 1
        token = f"{who}-{self.n}"
        if self.rng.random() < 0.6:  # a new milestone under the next id this clone sees: often the same as another's
            ids = [int(m.id[1:]) for m in p.milestones if m.id[1:].isdigit()]
            # a change replaces what it changes, never edits a record in place (docs/architecture.md):
            # the app's writer reuses the text of records it has already written
            p.milestones = [*p.milestones, Milestone(id=f"M{max(ids) + 1}", title=token, planned=dt.date(2009, 6, 1))]
            self.added[token] = who
            self.local_id[token] = f"M{max(ids) + 1}"
        else:  # the shared M3's title: clashes with the others' edits of it
            self.lost |= _tokens(p.milestone("M3").title)  # replaced knowingly: it was in front of this person
            # replaced, never edited in place: the rule undo and the writer's kept texts rely on (docs/architecture.md)
            i = next(i for i, m in enumerate(p.milestones) if m.id == "M3")
            p.milestones[i] = attrs.evolve(p.milestones[i], title=token)
            self.m3.add(token)

    # ---- conflicts, chosen at random -----------------------------------------------------

    def choose_all(self, who: str) -> None:
        loaded = read_project(self.path(who))
        project = loaded.project
        while project.conflicts:
            self.stats["conflicts chosen"] += 1
            c = project.conflicts[0]
            choice = self.rng.choice([MINE, THEIRS, BOTH])
            if choice == BOTH and not (isinstance(c.mine, (str, dict)) and isinstance(c.theirs, type(c.mine)) and len(c.path) == 2):
                choice = MINE
            for side in (MINE, THEIRS, "base"):
                if choice == BOTH or side == choice:
                    continue
                value = getattr(c, side)
                self.lost |= _tokens(value)
            project = resolve(project, 0, choice)
        loaded.save(project)

    # ---- ways of sharing -------------------------------------------------------------------

    def dela(self, who: str) -> None:
        path = self.path(who)
        for _attempt in range(4):
            try:
                if git(self.repos[who], "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode == 0:
                    self.choose_all(who)
                    finish_merge(path)
                done = share(path, f"{who} delar")
            except ShareError as exc:
                if "conflict" in str(exc).lower() or "merge" in str(exc).lower():
                    continue
                raise
            if done.conflicts:
                self.choose_all(who)
                finish_merge(path)
                continue
            if done.pushed:
                return
        raise AssertionError(f"{who} could not share")

    def commit(self, who: str, message: str) -> None:
        git(self.repos[who], "commit", "-qam", message, check=False)

    def settle(self, who: str, cont: list[str]) -> None:
        """A rebase, cherry-pick or stash pop stopped on conflicts: choose, then go on."""
        repo = self.repos[who]
        for _step in range(20):
            if "[[conflicts]]" not in self.path(who).read_text(encoding="utf-8"):
                break
            self.choose_all(who)
            git(repo, "add", "projekt.toml")
            if not cont:
                break
            r = subprocess.run(["git", *cont], cwd=repo, capture_output=True, text=True, env={**ENV, "GIT_EDITOR": "true"})
            if r.returncode != 0 and "[[conflicts]]" not in self.path(who).read_text(encoding="utf-8"):
                # the choices gave back what is here already: the commit is empty, as a person
                # who chose so would skip it (its edits were chosen against, in self.lost)
                r = subprocess.run(["git", cont[0], "--skip"], cwd=repo, capture_output=True, text=True,
                                   env={**ENV, "GIT_EDITOR": "true"})
            if r.returncode == 0 and "[[conflicts]]" not in self.path(who).read_text(encoding="utf-8"):
                break

    def pull_rebase(self, who: str) -> None:
        self.commit(who, f"{who}: ändring")
        r = git(self.repos[who], "pull", "--rebase", check=False)
        if r.returncode != 0:
            self.settle(who, ["rebase", "--continue"])
        self.dela(who)

    def stash_pop(self, who: str) -> None:
        repo = self.repos[who]
        git(repo, "stash", "-q")
        git(repo, "pull", "-q", "--no-edit", check=False)
        if git(repo, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode == 0:
            self.dela(who)  # nothing of the stash is in it
        r = git(repo, "stash", "pop", check=False)
        if r.returncode != 0:
            self.settle(who, [])
            git(repo, "reset", "-q")  # stash pop leaves the file in the index as unmerged
            git(repo, "stash", "drop", "-q", check=False)
        self.dela(who)

    def cherry_pick(self, who: str) -> None:
        repo = self.repos[who]
        git(repo, "checkout", "-q", "-b", f"utkast-{self.n}")
        self.commit(who, f"{who}: utkast")
        git(repo, "checkout", "-q", "main")
        git(repo, "pull", "-q", "--no-edit", check=False)
        if git(repo, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode == 0:
            self.dela(who)
        r = git(repo, "cherry-pick", f"utkast-{self.n}", check=False)
        if r.returncode != 0:
            self.settle(who, ["cherry-pick", "--continue"])
        self.dela(who)

    # ---- what must hold ----------------------------------------------------------------------

    def server(self):
        text = git(self.bare, "show", "main:projekt.toml").stdout
        parsed = parse_project(text, "projekt.toml")
        assert parsed.project is not None, parsed.problems
        return parsed.project

    def check(self, final: bool = False) -> None:
        project = self.server()
        assert project.conflicts == []
        titles = {m.title: m.id for m in project.milestones}
        ids = [m.id for m in project.milestones]
        assert len(ids) == len(set(ids)), ids
        for token, ident in titles.items():
            if token in self.ids_seen:  # a record on the server never changes id
                assert self.ids_seen[token] == ident, (token, self.ids_seen[token], ident)
            self.ids_seen[token] = ident
        if final:
            missing = [t for t in self.added if t not in titles and t not in self.lost]
            assert missing == [], f"added and lost without anyone choosing: {missing}"
            self.stats["renumbered"] = sum(1 for t, i in titles.items() if t in self.local_id and self.local_id[t] != i)
            m3 = project.milestone("M3").title
            kept = _tokens(m3)  # both kept: one text after the other
            assert all(t in kept or t in self.lost for t in self.m3), (m3, self.m3 - self.lost)


def _tokens(value) -> set[str]:
    if isinstance(value, str):
        return {value, *value.split("\n\n")}
    if isinstance(value, dict):
        return {v for v in value.values() if isinstance(v, str)}
    return set()


@pytest.mark.parametrize("seed", [30, 3030])
def test_a_team_of_three_loses_nothing_over_many_random_rounds(shared, tmp_path, seed):
    rng = random.Random(seed)
    team = Team(shared, tmp_path, rng)
    started = time.monotonic()
    ways = [team.dela, team.pull_rebase, team.stash_pop, team.cherry_pick]
    for _round in range(ROUNDS):
        if time.monotonic() - started > SECONDS:
            break
        who = rng.choice(PEOPLE)
        for _edit in range(rng.randint(1, 2)):
            team.edit(who)
        way = rng.choice(ways)
        way(who)
        team.stats[way.__name__] = team.stats.get(way.__name__, 0) + 1
        team.stats["rounds"] += 1
        team.check()
    for who in PEOPLE * 2:  # everyone shares once more: all on the shared line
        team.dela(who)
    team.check(final=True)
    texts = {team.path(who).read_text(encoding="utf-8") for who in PEOPLE}
    assert len(texts) == 1  # the three clones agree
    print(seed, team.stats)
    # the rounds did what they are for: clashing ids renumbered, conflicts chosen, every way used
    assert team.stats["renumbered"] > 0 and team.stats["conflicts chosen"] > 0, team.stats
    assert all(team.stats.get(w.__name__, 0) > 0 for w in ways) or team.stats["rounds"] < ROUNDS, team.stats


# ---- the same team, the app driven by Pilot ----------------------------------------------------

APP_ROUNDS, APP_SECONDS = 12, 150


class AppTeam(Team):
    async def in_app(self, who: str, edits: int) -> None:
        """``who`` opens the app, makes ``edits`` edits there and presses Ctrl+D until
        everything is sent, choosing in the chooser and finishing the merge when asked."""
        from tests.test_tui_git import make_app

        app = make_app(self.path(who))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await self.answer(app, pilot)
            for _edit in range(edits):
                app.session.change("ändring", lambda p: self.change(who, p))
            for _attempt in range(6):
                await pilot.press("ctrl+d")
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                await self.answer(app, pilot)
                if self.all_sent(who) and not app.session.dirty:
                    self.stats["app"] = self.stats.get("app", 0) + 1
                    return
            raise AssertionError(f"{who}'s Dela did not get everything sent: {[n.message for n in app._notifications]}")

    async def answer(self, app, pilot) -> None:
        """What the app asks after Ctrl+D: each conflict chosen by its key (m, t, k), "finish
        the merge?" answered yes, a record about to be removed put back."""
        from lilla_ratten.tui.screens.choice import Choice
        from lilla_ratten.tui.screens.confirm import Confirm
        from lilla_ratten.tui.screens.merge_conflicts import MergeConflicts
        from lilla_ratten.storage.merge import can_keep_both

        for _step in range(60):
            screen = app.screen
            if isinstance(screen, MergeConflicts):
                c = app.session.project.conflicts[0]
                choice = self.rng.choice([MINE, THEIRS, BOTH])
                if choice == BOTH and not can_keep_both(c):
                    choice = MINE
                for side in (MINE, THEIRS, "base"):
                    if choice != BOTH and side != choice:
                        self.lost |= _tokens(getattr(c, side))
                self.stats["chosen in the app"] = self.stats.get("chosen in the app", 0) + 1
                await pilot.press({MINE: "m", THEIRS: "t", BOTH: "k"}[choice])
            elif isinstance(screen, Confirm):
                await pilot.press("y")
            elif isinstance(screen, Choice):
                await pilot.press("enter")  # its first button: put back and share
            else:
                return
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
        raise AssertionError("the app kept asking")

    def all_sent(self, who: str) -> bool:
        repo = self.repos[who]
        if git(repo, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode == 0:
            return False
        if git(repo, "status", "--porcelain", "--untracked-files=no", "--", "projekt.toml").stdout.strip():
            return False
        return git(repo, "rev-list", "--count", "origin/main..HEAD").stdout.strip() == "0"


@pytest.mark.parametrize("seed", [3031, 9])
async def test_a_team_of_three_in_the_app_loses_nothing_over_random_rounds(shared, tmp_path, seed):
    rng = random.Random(int(os.environ.get("LILLA_RATTEN_TEAM_SEED", seed)))  # another seed to try: set it
    team = AppTeam(shared, tmp_path, rng)
    started = time.monotonic()
    terminal = [team.pull_rebase, team.stash_pop, team.cherry_pick]
    for _round in range(APP_ROUNDS):
        if time.monotonic() - started > APP_SECONDS:
            break
        who = rng.choice(PEOPLE)
        if rng.random() < 0.3:  # someone works in a terminal with git meanwhile
            team.edit(who)
            way = rng.choice(terminal)
            way(who)
            team.stats[way.__name__] = team.stats.get(way.__name__, 0) + 1
        else:
            await team.in_app(who, rng.randint(1, 2))
        team.stats["rounds"] += 1
        team.check()
    for who in PEOPLE * 2:  # everyone presses Ctrl+D once more: all on the shared line
        await team.in_app(who, 0)
    team.check(final=True)
    texts = {team.path(who).read_text(encoding="utf-8") for who in PEOPLE}
    assert len(texts) == 1  # the three clones agree
    print(seed, team.stats)
    assert team.stats.get("chosen in the app", 0) > 0 and team.stats["renumbered"] > 0, team.stats
