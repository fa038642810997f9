"""The app's cattrs converter: strict about types, precise about where a value is wrong.

cattrs on its own coerces (``str(5)``, ``int("7")``) and accepts a TOML
datetime for a ``date``; a project file that says something else than it means
must be refused instead, with the field's path and a message a person can act on.
Plugins structure their own sections with this same converter (``lilla_ratten.api``).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from enum import Enum
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.errors import AttributeValidationNote, IterableValidationNote

from lilla_ratten.i18n import N_
from lilla_ratten.model.findings import Finding, Path, Word

T = TypeVar("T")


class FieldError(ValueError):
    """A value of the wrong kind; ``message`` is an msgid translated when shown."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message.format(**params))
        self.message = message
        self.params = params


_KIND_NAMES = {
    str: N_("text"),
    int: N_("a whole number"),
    float: N_("a number"),
    bool: N_("true or false"),
    dt.date: N_("a date"),
    dt.datetime: N_("a date and time"),
    dt.time: N_("a time of day"),
    list: N_("a list"),
    dict: N_("a table"),
}


def kind_of(value: Any) -> str:
    """The kind of a TOML value in words (a ``Word``, translated where shown)."""
    for typ in (bool, dt.datetime, dt.date, dt.time, int, float, str, list, dict):
        if isinstance(value, typ):
            return Word(_KIND_NAMES[typ])
    return type(value).__name__


def _wrong(expected: str, value: Any) -> FieldError:
    return FieldError(N_("expected {expected}, got {got}"), expected=Word(expected), got=kind_of(value), value=value)


def _str(value: Any, cls: type) -> str:
    if cls is not str and issubclass(cls, Enum):
        return _enum(value, cls)
    if not isinstance(value, str):
        raise _wrong(N_("text"), value)
    return value


def _int(value: Any, cls: type) -> int:
    if cls is not int and issubclass(cls, Enum):
        return _enum(value, cls)
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float):
            raise FieldError(N_("expected a whole number, got {value}"), value=value)
        raise _wrong(N_("a whole number"), value)
    return value


def _float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _wrong(N_("a number"), value)
    return float(value)


def _bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise _wrong(N_("true or false"), value)
    return value


def _date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise FieldError(N_("expected a date like 2024-02-28, got a date and time ({value})"), value=value)
    if isinstance(value, str):
        raise FieldError(
            N_('expected a date like 2024-02-28 written without quotes, got the text "{value}"'), value=value
        )
    if not isinstance(value, dt.date):
        raise _wrong(N_("a date"), value)
    return value


def _enum(value: Any, cls: type[Enum]) -> Enum:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(m.value for m in cls)
        raise FieldError(N_('"{value}" is not allowed here; choose one of: {allowed}'), value=value, allowed=allowed)


# The hooks for a list's items and an optional value's type are looked up when first
# needed, not when the hook is made: cattrs generates (and compiles) a structuring function
# for each attrs class it looks up, and a project without grants or indicators needs none
# for them (the app's first frame on the richest sample: 23 generated, now 13).


def _list_hook_factory(converter: cattrs.Converter):
    def factory(cl: Any):
        (elem,) = typing.get_args(cl) or (Any,)
        inner = None

        def structure(value: Any, _: type) -> list:
            nonlocal inner
            if not isinstance(value, list):
                raise _wrong(N_("a list"), value)
            if inner is None:
                if not value:
                    return []
                inner = converter.get_structure_hook(elem)
            out, errors = [], []
            for i, item in enumerate(value):
                try:
                    out.append(inner(item, elem))
                except Exception as exc:  # noqa: BLE001 - collected and reported with the index
                    exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote(f"@ [{i}]", i, elem)]
                    errors.append(exc)
            if errors:
                raise cattrs.IterableValidationError(f"{len(errors)} error(s) in list", errors, cl)
            return out

        return structure

    return factory


def _is_optional(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args


def _optional_hook_factory(converter: cattrs.Converter):
    # cattrs' own hook for ``X | None`` looks up X's hook again for every value
    def factory(cl: Any):
        (inner_type,) = (a for a in typing.get_args(cl) if a is not type(None))
        inner = None

        def structure(value: Any, _: type):
            nonlocal inner
            if value is None:
                return None
            if inner is None:
                inner = converter.get_structure_hook(inner_type)
            return inner(value, inner_type)

        return structure

    return factory


def _check_table(converter: cattrs.Converter):
    def factory(cl: type):
        inner = cattrs.gen.make_dict_structure_fn(cl, converter, _cattrs_forbid_extra_keys=True)

        def structure(value: Any, _: type):
            if not isinstance(value, dict):
                raise _wrong(N_("a table"), value)
            return inner(value, cl)

        return structure

    return factory


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed_validation)
    # These replace cattrs' coercing defaults.  They are dispatched on the class's
    # MRO, so the str and int hooks also receive str- and int-based enums.
    for typ, hook in ((str, _str), (int, _int), (float, _float), (bool, _bool), (dt.date, _date)):
        conv.register_structure_hook(typ, hook)
    conv.register_structure_hook_func(lambda t: isinstance(t, type) and issubclass(t, Enum), _enum)
    conv.register_structure_hook_factory(
        lambda t: typing.get_origin(t) is list or t is list, _list_hook_factory(conv)
    )
    conv.register_structure_hook_factory(attrs.has, _check_table(conv))
    conv.register_structure_hook_factory(_is_optional, _optional_hook_factory(conv))
    conv.register_unstructure_hook_func(lambda t: isinstance(t, type) and issubclass(t, Enum), lambda e: e.value)
    conv.register_unstructure_hook(dt.date, lambda d: d)
    return conv


converter = make_converter()
# The same hooks without cattrs' detailed validation, for the app's own model: its generated
# code is about half the size, so compiling it costs half (≈8 ms of the app's first frame
# for a rich project), and it runs faster.  It accepts and refuses exactly what
# ``converter`` does; only a refusal's words differ, so a document it refuses is structured
# again by ``converter`` for the findings.  Hooks a plugin registers on ``converter``
# (``lilla_ratten.api``) are not in it, so it is used only where the caller asks (``fast``).
_undetailed = make_converter(detailed_validation=False)


def structure(data: Any, cls: type[T], *, conv: cattrs.Converter = converter, fast: bool = False) -> tuple[T | None, list[Finding]]:
    """Structure ``data`` as ``cls``; on failure, no object and one finding per wrong value.

    ``fast``: the app's own classes (the project), first without detailed validation."""
    if fast and conv is converter:
        try:
            return _undetailed.structure(data, cls), []
        except Exception:  # noqa: BLE001, S110 - said in detail just below
            pass
    try:
        return conv.structure(data, cls), []
    except Exception as exc:  # noqa: BLE001 - every cattrs failure becomes findings
        return None, list(findings_from_error(exc))


def findings_from_error(exc: BaseException, path: Path = ()) -> typing.Iterator[Finding]:
    """Walk cattrs' nested exception groups and turn each leaf into a located finding."""
    for note in getattr(exc, "__notes__", []):
        if isinstance(note, AttributeValidationNote):
            path = (*path, note.name)
        elif isinstance(note, IterableValidationNote):
            path = (*path, note.index)
    if isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield Finding((*path, key), N_("unknown key {key}"), {"key": key})
    elif isinstance(exc, BaseExceptionGroup):
        for sub in exc.exceptions:
            yield from findings_from_error(sub, path)
    elif isinstance(exc, KeyError):
        yield Finding(path, N_("required but missing"))
    elif isinstance(exc, FieldError):
        yield Finding(path, exc.message, exc.params)
    elif isinstance(exc, TypeError) and "required" in str(exc) and "argument" in str(exc):
        yield Finding(path, N_("required but missing"))
    else:
        yield Finding(path, N_("invalid value: {error}"), {"error": exc})
