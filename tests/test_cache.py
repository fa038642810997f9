"""The parsed-project cache: a hit for the same bytes, a miss for any change, never wrong."""

from __future__ import annotations

import pickle

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


def test_language_is_part_of_the_key(tmp_path, monkeypatch):
    monkeypatch.setenv("LILLA_RATTEN_CACHE", str(tmp_path / "cache"))
    calls = counting(monkeypatch)
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL.replace("end = 2024-02-29", "end = 2023-01-01"), encoding="utf-8")
    english = read_project_cached(path).problems
    set_language("sv")
    swedish = read_project_cached(path).problems
    assert len(calls) == 2 and str(english[0]) != str(swedish[0])


def test_a_corrupt_entry_is_ignored_and_off_means_off(tmp_path, monkeypatch):
    monkeypatch.setenv("LILLA_RATTEN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "p.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    read_project_cached(path)
    (entry,) = (tmp_path / "cache").rglob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert read_project_cached(path).project.project.name == "Testprojekt"
    assert pickle.loads(entry.read_bytes()).project.project.name == "Testprojekt"  # rewritten
    monkeypatch.setenv("LILLA_RATTEN_CACHE", "off")
    calls = counting(monkeypatch)
    read_project_cached(path)
    read_project_cached(path)
    assert len(calls) == 2
