"""The reader against toml-test's TOML 1.0.0 corpus (tests/data/toml-test): every valid file
parses to the expected values, every invalid one is refused with a syntax error (never
another exception). This is what any replacement of the reader must also pass."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, time
from pathlib import Path

import pytest

from lilla_ratten.storage.reader import TomlSyntaxError, parse_toml

CORPUS = Path(__file__).resolve().parent / "data" / "toml-test"
FILES = [f for f in (CORPUS / "files-toml-1.0.0").read_text().split() if f.endswith(".toml")]
VALID = [f for f in FILES if f.startswith("valid/")]
INVALID = [f for f in FILES if f.startswith("invalid/")]


def untag(value):
    """toml-test's tagged JSON → the Python values a TOML reader returns."""
    if isinstance(value, list):
        return [untag(v) for v in value]
    if isinstance(value, dict) and set(value) == {"type", "value"} and isinstance(value["value"], str):
        kind, text = value["type"], value["value"]
        if kind == "string":
            return text
        if kind == "integer":
            return int(text)
        if kind == "float":
            return float(text.replace("inf", "inf")) if text not in ("nan", "+nan", "-nan") else math.nan
        if kind == "bool":
            return text == "true"
        if kind == "datetime":
            return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        if kind == "datetime-local":
            return datetime.fromisoformat(text)
        if kind == "date-local":
            return date.fromisoformat(text)
        if kind == "time-local":
            return time.fromisoformat(text)
        raise ValueError(kind)
    if isinstance(value, dict):
        return {k: untag(v) for k, v in value.items()}
    return value


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b or (isinstance(a, datetime) and a == b)


def test_the_corpus_is_there():
    assert len(VALID) > 150 and len(INVALID) > 200


@pytest.mark.parametrize("name", VALID)
def test_valid(name):
    text = (CORPUS / name).read_bytes().decode("utf-8")
    expected = untag(json.loads((CORPUS / name).with_suffix(".json").read_text(encoding="utf-8")))
    assert same(parse_toml(text), expected)


@pytest.mark.parametrize("name", INVALID)
def test_invalid(name):
    raw = (CORPUS / name).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return  # the app refuses non-UTF-8 before parsing (tests/test_storage_errors.py::test_not_utf8)
    with pytest.raises(TomlSyntaxError):
        parse_toml(text)


# ---- the fast reader never disagrees with the strict one ----------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from lilla_ratten.storage import reader  # noqa: E402
from tests.strategies import keys, toml_values  # noqa: E402

SAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((CORPUS.parents[2] / "sample_projects").rglob("*.toml"))]


def strict(text: str):
    try:
        return ("ok", reader._tomllib().loads(text.removeprefix("\ufeff")))
    except (reader._tomllib().TOMLDecodeError, RecursionError):
        return ("error", None)


def ours(text: str):
    try:
        return ("ok", parse_toml(text))
    except TomlSyntaxError:
        return ("error", None)


@settings(max_examples=200, deadline=2000, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.dictionaries(keys, toml_values(3), max_size=6))
def test_same_values_as_the_strict_reader(data):
    import tomli_w

    text = tomli_w.dumps(data)
    assert same(ours(text)[1], strict(text)[1])


@settings(max_examples=300, deadline=2000, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.integers(0, 2**32 - 1), st.integers(1, 6), st.sampled_from(range(len(SAMPLE_TEXTS))))
def test_same_verdict_as_the_strict_reader_on_damaged_files(seed, n, which):
    import random

    from tests.test_fuzz import mutate

    text = mutate(SAMPLE_TEXTS[which], random.Random(seed), n)
    a, b = ours(text), strict(text)
    assert a[0] == b[0] and same(a[1], b[1])


def test_the_fast_reader_is_used_for_plain_files():
    assert reader.rtoml is not None, "rtoml is a dependency (pyproject.toml)"
    assert not reader._might_use_toml_11((CORPUS.parents[2] / "sample_projects" / "ingen-ska-lamnas-utanfor-2.toml").read_text())
    for text in ('t = 07:32', 'x = {a = 1,}', 'x = {a = 1,\n b = 2}', 'x = "\\x41"', 'x = "\\e"'):
        assert reader._might_use_toml_11(text), text
