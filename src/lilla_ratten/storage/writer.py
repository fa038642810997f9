"""The canonical TOML form of a project file.

One form, so that saving an unchanged project gives the same bytes and changing
one field changes one line:

* keys in the model's field order; unset (``None``) and default values left out;
* every list of tables as ``[[name]]`` blocks — tomli-w would write a list of
  short tables inline and flip the whole list's layout when one entry grows;
* text with line breaks as a multi-line string, so prose diffs by line;
* ``[ext.*]`` sections written back as they were read, in the same form.

tomli-w formats each single value; this module only decides the layout.
"""

from __future__ import annotations

from typing import Any

import tomli_w

from lilla_ratten.model.project import Project


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _key(key: str) -> str:
    line = tomli_w.dumps({key: 0})
    return line[: line.rindex(" = ")]


def _header(path: tuple[str, ...]) -> str:
    return ".".join(_key(k) for k in path)


def _value_line(key: str, value: Any) -> str:
    return tomli_w.dumps({key: value}, multiline_strings=True).rstrip("\n")


def _emit(out: list[str], path: tuple[str, ...], table: dict[str, Any], array_item: bool) -> None:
    plain = [(k, v) for k, v in table.items() if not isinstance(v, dict) and not _is_table_list(v)]
    nested = [(k, v) for k, v in table.items() if isinstance(v, dict) or _is_table_list(v)]
    if path and (array_item or plain or not nested):
        if out:
            out.append("")
        out.append(f"[[{_header(path)}]]" if array_item else f"[{_header(path)}]")
    out.extend(_value_line(k, v) for k, v in plain)
    for k, v in nested:
        if isinstance(v, dict):
            _emit(out, (*path, k), v, array_item=False)
        else:
            for item in v:
                _emit(out, (*path, k), item, array_item=True)


def dumps_table(data: dict[str, Any]) -> str:
    """Any TOML document as text in the canonical layout."""
    out: list[str] = []
    _emit(out, (), data, array_item=False)
    return "\n".join(out) + "\n"


def _prune(value: Any) -> Any:
    """Drop unset values and empty tables/lists that the model filled in by default."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items() if v is not None}
        return {k: v for k, v in pruned.items() if v != {} and v != []}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def to_document(project: Project, converter) -> dict[str, Any]:
    """The project as a plain TOML document (dicts, lists, scalars) in canonical order."""
    data = converter.unstructure(project)
    ext = data.pop("ext", {})
    doc = _prune(_drop_defaults(project, data))
    if ext:
        doc["ext"] = ext  # kept verbatim: never pruned or reordered
    return doc


def _drop_defaults(obj: Any, data: Any) -> Any:
    import attrs

    if attrs.has(type(obj)):
        out = {}
        for a in attrs.fields(type(obj)):
            if a.name not in data:
                continue
            value = getattr(obj, a.name)
            default = a.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = default.factory()
            if a.name != "schema" and value == default and not isinstance(value, (list, dict)):
                continue
            out[a.name] = _drop_defaults(value, data[a.name])
        return out
    if isinstance(obj, list):
        return [_drop_defaults(o, d) for o, d in zip(obj, data)]
    return data


def dumps(project: Project, converter) -> str:
    return dumps_table(to_document(project, converter))
