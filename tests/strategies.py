"""Hypothesis strategies that build any model the attrs classes allow."""

from __future__ import annotations

import datetime as dt
import types
import typing
from enum import Enum

import attrs
from hypothesis import strategies as st

from lilla_ratten.model import Project

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
keys = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=10)


def toml_values(depth: int = 2) -> st.SearchStrategy:
    scalars = st.one_of(
        text,
        st.integers(-(2**63), 2**63 - 1),
        st.floats(allow_nan=False),
        st.booleans(),
        st.dates(),
    )
    if depth == 0:
        return scalars
    inner = toml_values(depth - 1)
    return st.one_of(
        scalars,
        st.lists(scalars, max_size=3),
        st.dictionaries(keys, inner, max_size=3),
        st.lists(st.dictionaries(keys, inner, max_size=3), min_size=1, max_size=3),
    )


def for_type(tp) -> st.SearchStrategy:
    if attrs.has(tp):
        attrs.resolve_types(tp)
        return st.builds(
            tp, **{f.name: for_type(f.type) for f in attrs.fields(tp) if f.name not in ("ext", "schema")}
        )
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is list:
        return st.lists(for_type(args[0]), max_size=3)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(for_type(a) for a in args))
    if tp is type(None):
        return st.none()
    if isinstance(tp, type) and issubclass(tp, Enum):
        return st.sampled_from(list(tp))
    simple = {
        str: text,
        int: st.integers(-(2**63), 2**63 - 1),
        float: st.floats(allow_nan=False),
        bool: st.booleans(),
        dt.date: st.dates(),
        typing.Any: st.one_of(st.none(), text, st.integers(-(2**63), 2**63 - 1), st.dates()),  # a conflict's sides
    }
    return simple[tp]


projects = st.builds(
    lambda project, ext: attrs.evolve(project, ext=ext),
    for_type(Project),
    st.dictionaries(keys, st.dictionaries(keys, toml_values(), max_size=3), max_size=2),
)
