"""The parsed-project cache: a hit for the same bytes, a miss for any change, never wrong."""

from __future__ import annotations

import os
import pickle
import time

from lilla_ratten.i18n import set_language
from lilla_ratten.storage import cache
from lilla_ratten.storage.cache import read_project_cached
from tests.conftest import MINIMAL


def counting(monkeypatch):
    calls = []
    real = cache.read_project

    def spy(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(cache, "read_project", spy)
    return calls


def test_hit_for_the_same_bytes_miss_after_a_change(tmp_path, monkeypatch):
    monkeypatch.setenv("LILLA_RATTEN_CACHE", str(tmp_path / "cache"))
    calls = counting(monkeypatch)
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    first = read_project_cached(path)
    second = read_project_cached(path)
    assert len(calls) == 1 and second.project == first.project and second.path == path
    path.write_text(MINIMAL.replace("Testprojekt", "Nytt namn"), encoding="utf-8")
    third = read_project_cached(path)
    assert len(calls) == 2 and third.project.project.name == "Nytt namn"


def test_the_language_counts_only_for_an_entry_with_messages(tmp_path, monkeypatch):
    monkeypatch.setenv("LILLA_RATTEN_CACHE", str(tmp_path / "cache"))
    calls = counting(monkeypatch)
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL.replace("end = 2024-02-29", "end = 2023-01-01"), encoding="utf-8")
    english = read_project_cached(path).problems
    set_language("sv")
    swedish = read_project_cached(path).problems
    assert len(calls) == 2 and str(english[0]) != str(swedish[0])
    assert "slutet 2023-01-01 ligger före starten" in str(swedish[0])
    clean = tmp_path / "clean.toml"
    clean.write_text(MINIMAL, encoding="utf-8")
    read_project_cached(clean)
    set_language("en")
    assert read_project_cached(clean).problems == []
    assert len(calls) == 3  # no messages: the Swedish reading serves English too


def cache_bytes(folder) -> dict[str, int]:
    """Every file under the cache folder → its size on disk (bytes)."""
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def test_a_changed_file_replaces_its_entry_so_commits_do_not_grow_the_cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("LILLA_RATTEN_CACHE", str(folder))
    files = []
    for n in range(3):
        files.append(tmp_path / f"p{n}.toml")
        files[-1].write_text(MINIMAL.replace("Testprojekt", f"Projekt {n}"), encoding="utf-8")
        read_project_cached(files[-1])
    before = cache_bytes(folder)
    for commit in range(2):  # two one-line commits to one file, each viewed again
        files[0].write_text(MINIMAL.replace("Testprojekt", f"Projekt 0, version {commit}"), encoding="utf-8")
        for path in files:
            read_project_cached(path)
    after = cache_bytes(folder)
    print(f"cache: {sum(before.values())} bytes in {len(before)} files, after two commits {sum(after.values())} in {len(after)}")
    assert after.keys() == before.keys()
    assert abs(sum(after.values()) - sum(before.values())) < 100  # the longer name only
    assert read_project_cached(files[0]).project.project.name == "Projekt 0, version 1"


def test_over_the_size_cap_the_least_recently_used_entries_go(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("LILLA_RATTEN_CACHE", str(folder))
    calls = counting(monkeypatch)
    files = {}
    for name in "abcd":
        files[name] = tmp_path / f"{name}.toml"
        files[name].write_text(MINIMAL, encoding="utf-8")
    stale = folder / "00" / "killed-write.tmp"  # what a write killed half-way an hour ago leaves
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"x" * 1000)
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    read_project_cached(files["a"])
    (entry,) = folder.rglob("*.pickle")
    size = entry.stat().st_size
    monkeypatch.setenv("LILLA_RATTEN_CACHE_MAX_MB", str(2.5 * size / 1024 / 1024))  # room for two entries
    read_project_cached(files["b"])
    time.sleep(0.01)
    read_project_cached(files["a"])  # a hit: a is now used more recently than b
    time.sleep(0.01)
    read_project_cached(files["c"])  # three entries: the least recently used (b) goes
    assert sum(cache_bytes(folder).values()) <= 2.5 * size
    assert len(cache_bytes(folder)) == 2 and not stale.exists()
    read_project_cached(files["d"])  # a goes
    assert len(cache_bytes(folder)) == 2 and sum(cache_bytes(folder).values()) <= 2.5 * size
    calls.clear()
    for name in "dcba":
        read_project_cached(files[name])
    assert [p.name for p in calls] == ["b.toml", "a.toml"]  # d and c were still there


def test_a_corrupt_entry_is_ignored_and_off_means_off(tmp_path, monkeypatch):
    monkeypatch.setenv("LILLA_RATTEN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    read_project_cached(path)
    (entry,) = (tmp_path / "cache").rglob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert read_project_cached(path).project.project.name == "Testprojekt"
    with entry.open("rb") as fh:  # rewritten: a header, then the project
        pickle.load(fh)
        assert pickle.load(fh).project.project.name == "Testprojekt"
    monkeypatch.setenv("LILLA_RATTEN_CACHE", "off")
    calls = counting(monkeypatch)
    read_project_cached(path)
    read_project_cached(path)
    assert len(calls) == 2



def test_a_hit_is_used_even_where_the_entry_cannot_be_touched(tmp_path, monkeypatch):
    monkeypatch.setenv("LILLA_RATTEN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    read_project_cached(path)
    calls = counting(monkeypatch)

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")  # a cache folder shared read-only

    monkeypatch.setattr(cache.os, "utime", refused)
    assert read_project_cached(path).project.project.name == "Testprojekt"
    assert calls == []


class _Runs:
    """A pickle that runs code when read: it creates ``marker``."""

    def __init__(self, marker) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_an_entry_another_account_could_have_written_is_never_unpickled(tmp_path, monkeypatch):
    monkeypatch.setenv("LILLA_RATTEN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    read_project_cached(path)
    (entry,) = (tmp_path / "cache").rglob("*.pickle")
    assert entry.stat().st_mode & 0o077 == 0 and entry.parent.stat().st_mode & 0o077 == 0
    marker = tmp_path / "ran"
    planted = [lambda e: e.chmod(0o664)]  # writable by the group: someone else's to change
    if os.geteuid() == 0:
        planted.append(lambda e: os.chown(e, 65534, 65534))  # written by another account (nobody)
    for plant in planted:
        entry.write_bytes(pickle.dumps(_Runs(marker)))
        plant(entry)
        calls = counting(monkeypatch)
        assert read_project_cached(path).project.project.name == "Testprojekt"
        assert not marker.exists(), "a planted pickle was read"
        assert len(calls) == 1  # read from the file again, and the entry replaced by our own
        assert entry.stat().st_uid == os.geteuid() and entry.stat().st_mode & 0o077 == 0
        monkeypatch.undo()
        monkeypatch.setenv("LILLA_RATTEN_CACHE", str(tmp_path / "cache"))
