"""The keys and values a plugin's mapping field may take (``RecordList.mappings``), for a project.

A plugin declares them as ``MappingKey``s, or as a function of its section for keys the
project declares itself (the equality plugin's dimensions). The form makes a picker of each
key; the table says each pair by its labels ("kön: kvinna, ålder: 18-29"); the file keeps
the keys and values themselves.

No Textual here: the form (``screens/record_form.py``) and the lists (``collections.py``) call these.
"""

from __future__ import annotations

from typing import Any

from lilla_ratten.i18n import get_language
from lilla_ratten.plugins.specs import MappingKey

# (section, field, the plugin's function) → (the raw table the keys were made from, language, the
# keys): made again only when the section changes (each store and undo puts a new raw table) or
# the language does; two lists of a section may each have a field of one name
_made: dict[tuple[str, str, Any], tuple[Any, str, tuple[MappingKey, ...] | None]] = {}


def normal(keys: Any) -> tuple[MappingKey, ...]:
    """The declared keys with each value a ``(value, label)`` of strings, a key once (the first)."""
    out: dict[str, MappingKey] = {}
    for key in keys or ():
        if not isinstance(key, MappingKey):
            raise TypeError(f"a mapping's keys are api.MappingKey, not {type(key).__name__}")
        values = tuple((str(v[0]), str(v[1])) if isinstance(v, tuple) else (str(v), str(v)) for v in key.values)
        out.setdefault(str(key.key), MappingKey(str(key.key), str(key.label), tuple(dict(values).items())))
    return tuple(out.values())


def keys_of(host: Any, project: Any, section: str, section_type: type, plugin: str | None, field: str,
            declared: Any) -> tuple[MappingKey, ...] | None:
    """What ``declared`` allows in ``project``; ``None`` when the plugin's function failed (the
    plugin is then switched off, and the field typed as if nothing were declared)."""
    from lilla_ratten.plugins.manager import PluginCallbackError
    from lilla_ratten.tui.collections import fresh

    if not callable(declared):
        return normal(declared)
    raw, language = project.ext.get(section), get_language()
    made = _made.get((section, field, declared))
    if made is not None and made[0] is raw and made[1] == language:
        return made[2]

    def ask(copy: Any) -> tuple[MappingKey, ...]:
        return normal(declared(copy))

    try:
        keys = host.call_back(plugin, "RecordList.mappings", ask, fresh(project, section, section_type))
    except PluginCallbackError:
        keys = None
    _made[(section, field, declared)] = (raw, language, keys)
    return keys


def text(keys: tuple[MappingKey, ...] | None, value: dict | None) -> str:
    """A mapping as the table shows it: each pair by its labels; what is not declared as it is."""
    if not value:
        return ""
    if keys is None:
        return ", ".join(f"{k} = {v}" for k, v in value.items())
    by_key = {k.key: k for k in keys}
    out = []
    for k, v in value.items():
        key = by_key.get(k)
        shown = dict(key.values).get(v, v) if key is not None else v
        out.append(f"{key.label if key is not None else k}: {' '.join(str(shown).split())}")
    return ", ".join(out)


def cell(host: Any, section: str, section_type: type, plugin: str | None, field: str, declared: Any):
    """The table's cell for a mapping field with declared keys (the project's, not the item's own:
    a dimension's label may change, so the list computes it again on every show)."""

    def shown(project: Any, item: Any, as_of: Any) -> str:
        return text(keys_of(host, project, section, section_type, plugin, field, declared), getattr(item, field))

    return shown
