"""Fuzzing the loader and the validator: whatever the file holds, the answer is a clear
message or a valid model — never an unexpected exception, never a hang.

Examples per property: $LR_FUZZ_EXAMPLES (default 40 in `make test`; `make fuzz` runs
2 500 for each of the four properties, 10 000 in all). Each example must finish within
the deadline (hypothesis fails a slow one), which is the "never a hang" bound.
"""

from __future__ import annotations

import os
import random
from datetime import date, timedelta

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lilla_ratten.plugins.manager import PluginHost
from lilla_ratten.storage import Problem, parse_project, render
from lilla_ratten.storage.files import LoadedProject
from tests.conftest import MINIMAL, SAMPLES
from tests.strategies import keys, toml_values

EXAMPLES = int(os.environ.get("LR_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=2000, suppress_health_check=list(HealthCheck), derandomize=EXAMPLES <= 100)
HOST = PluginHost.load()  # the first-party plugins' checks are fuzzed too
SAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.toml"))]


def check(text: str) -> None:
    """The property: problems that are Problems with a message, or a project the validators accept to run on."""
    parsed = parse_project(text, "fuzz.toml")
    assert all(isinstance(p, Problem) and str(p).strip() for p in parsed.problems)
    if parsed.project is None:
        assert parsed.problems, "no project and no reason given"
        return
    findings = HOST.validate(parsed.project)
    loaded = LoadedProject(path=None, project=parsed.project, digest="", problems=parsed.problems, index=parsed.index)
    for problem in loaded.located(findings):
        assert str(problem).strip()
    assert not HOST.failures, [f.error for f in HOST.failures]  # a first-party plugin crashed on this input
    render(parsed.project)  # and what was read can be written


@FUZZ
@given(st.text(max_size=400))
def test_any_text(text):
    check(text)


@FUZZ
@given(st.dictionaries(keys, toml_values(3), max_size=6))
def test_valid_toml_of_the_wrong_shape(data):
    check(tomli_w.dumps(data))


@FUZZ
@given(st.dictionaries(st.sampled_from(["project", "milestones", "activities", "status_reports", "budget", "ext", "lessons"]),
                       toml_values(3), max_size=4))
def test_known_tables_with_wrong_contents(data):
    check("schema = 1\n" + tomli_w.dumps(data))


MUTATIONS = ("delete_line", "duplicate_line", "swap_lines", "drop_char", "insert_char", "change_value", "truncate")


def mutate(text: str, rng: random.Random, n: int) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(n):
        if not lines:
            break
        kind = rng.choice(MUTATIONS)
        i = rng.randrange(len(lines))
        if kind == "delete_line":
            del lines[i]
        elif kind == "duplicate_line":
            lines.insert(i, lines[i])
        elif kind == "swap_lines":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind in ("drop_char", "insert_char") and lines[i]:
            k = rng.randrange(len(lines[i]))
            c = rng.choice('"[]=.,{}\\\n#0aä-') if kind == "insert_char" else ""
            lines[i] = lines[i][:k] + c + lines[i][k + (kind == "drop_char"):]
        elif kind == "change_value" and " = " in lines[i]:
            key = lines[i].split(" = ", 1)[0]
            value = rng.choice(['""', "0", "-1", "true", "1979-05-27", "[]", "{}", '"x"', "9999-12-31", "0001-01-01",
                                "1e308", "inf", '"' + "å" * 2000 + '"', "2024-02-30"])
            lines[i] = f"{key} = {value}\n"
        elif kind == "truncate":
            lines = lines[:i]
    return "".join(lines)


@FUZZ
@given(st.integers(0, 2**32 - 1), st.integers(1, 8), st.sampled_from(range(len(SAMPLE_TEXTS))))
def test_mutated_sample_files(seed, n, which):
    check(mutate(SAMPLE_TEXTS[which], random.Random(seed), n))


# ---- extremes, once each -----------------------------------------------------------


def milestones(n: int) -> str:
    start = date(2023, 5, 1)
    return "".join(f'\n[[milestones]]\nid = "M{i}"\ntitle = "Milstolpe {i}"\nplanned = {start + timedelta(days=i % 300)}\n'
                   for i in range(n))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(MINIMAL.split("[[milestones]]")[0] + milestones(10_000), id="10 000 milestones"),
        pytest.param(MINIMAL.replace('name = "Testprojekt"', 'name = "' + "Å" * 1_000_000 + '"'), id="a 1 MB name"),
        pytest.param(MINIMAL.replace("start = 2023-05-01", "start = 0001-01-01").replace("end = 2024-02-29", "end = 9999-12-31"),
                     id="dates at the TOML limits"),
        pytest.param(MINIMAL + "\n[ext.deep]\nx = " + "[" * 5000 + "]" * 5000 + "\n", id="arrays 5 000 deep"),
        pytest.param(MINIMAL + "\n[ext.deep]\nx = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n", id="inline tables 3 000 deep"),
        pytest.param(MINIMAL.replace("planned = 2023-06-01", "planned = 2023-06-01T10:00:00+01:00"), id="a datetime for a date"),
        pytest.param(MINIMAL + "\n" + "# kommentar\n" * 100_000, id="100 000 comment lines"),
    ],
)
def test_extremes(text):
    check(text)
