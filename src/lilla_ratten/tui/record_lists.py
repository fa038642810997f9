"""One way to change a list of records, the project's own or one a plugin declared.

The project's lists are changed in place through ``Session.change``. A plugin's list is
changed on a copy of its structured section, which is then stored as ``PaneContext.store``
stores a pane's: checked by the section's type and every plugin's ``lr_validate``, undoable,
kept in the unsaved copy. Ids are kept whole the same way for both: a renamed id is renamed
where other records name it, and a record others name is not deleted.

No Textual here: the editing flow (``tui/editing.py``) calls these.
"""

from __future__ import annotations

import copy
from typing import Any

import attrs

from lilla_ratten.i18n import _
from lilla_ratten.model.findings import Severity
from lilla_ratten.tui.collections import COLLECTIONS, Collection, fresh, place_in, plugin_collections
from lilla_ratten.tui.fields import FieldSpec, specs_for


def all_collections(host: Any) -> dict[str, Collection]:
    return {**COLLECTIONS, **plugin_collections(host)}


def _describe(item: Any, id_field: str) -> str:
    ident = str(getattr(item, id_field))
    words = next((getattr(item, a) for a in ("title", "name", "label", "text") if isinstance(getattr(item, a, None), str)), "")
    words = " ".join(words.split())
    return f"{ident} {words[:40]}".strip()


def form_specs(collection: Collection, project: Any, host: Any, record: Any = None) -> list[FieldSpec]:
    """The form's fields: a plugin's labels and vocabularies, a picker for each reference, and
    the choices the list computes for ``record`` (``Collection.options``)."""
    options: dict[str, tuple] = dict(collection.choices)
    everything = all_collections(host)
    for field, target in collection.references.items():
        other = everything.get(target)
        if other is not None and other.id_field:
            options[field] = tuple((getattr(item, other.id_field), _describe(item, other.id_field)) for item in other.items(project))
    if collection.options is not None and record is not None:  # the list's own choices, where it has them
        options.update(collection.options(project, host, attrs.asdict(record, recurse=False)))
    return specs_for(collection.cls, labels=collection.labels, options=options, shown=collection.fields,
                     keys=mapping_keys(collection, project, host))


def mapping_keys(collection: Collection, project: Any, host: Any) -> dict[str, tuple]:
    """A mapping field → the keys the plugin allows in it for this project (``RecordList.mappings``);
    a field whose keys could not be had (the plugin failed) is typed."""
    from lilla_ratten.tui.vocabularies import keys_of

    out = {}
    for name, declared in collection.mappings.items():
        keys = keys_of(host, project, collection.section, collection.section_type, collection.plugin, name, declared)
        if keys is not None:
            out[name] = keys
    return out


def _place(collection: Collection, index: int | None, length: int) -> tuple:
    where = ("ext", collection.section, *collection.path)
    return where if collection.single else (*where, length if index is None else index)


def checker(app: Any, collection: Collection, index: int | None):
    """As-you-type checks of a plugin's record: a duplicate id, then every plugin's
    ``lr_validate`` on the section with the record in place (its errors located in it)."""
    host, project = app.host, app.session.project
    before = collection.items(project)[index] if index is not None and collection.id_field else None
    old_id = getattr(before, collection.id_field) if before is not None else None

    def check(record: Any) -> list[tuple[tuple, str]]:
        section = fresh(project, collection.section, collection.section_type)
        problems: list[tuple[tuple, str]] = []
        if collection.single:
            section = _set_single(section, collection, record)
            place = _place(collection, index, 0)
        else:
            items = place_in(section, collection)
            place = _place(collection, index, len(items))
            at = len(items) if index is None else index
            items[at:at + 1] = [record]
        trial = copy.copy(project)
        trial.ext = dict(project.ext)
        try:
            host.store(trial, collection.section, section)
            new_id = getattr(record, collection.id_field) if old_id is not None else None
            if new_id != old_id:  # as it will be stored: with what names it renamed too
                _renamed(trial, host, collection, old_id, new_id)
        except Exception as exc:  # noqa: BLE001 - what cannot be written is a problem in the form
            return [*problems, ((), str(exc))]
        for finding in host.validate(trial):
            if finding.severity is Severity.ERROR and finding.path[: len(place)] == place:
                problems.append((finding.path[len(place):], finding.text()))
        return problems

    return check


def taken(collection: Collection, project: Any, index: int | None) -> dict[str, int]:
    """The ids the other records of the list have, and where (1-based), for the form's duplicate check."""
    if collection.id_field is None or collection.single:
        return {}
    out: dict[str, int] = {}
    for j, item in enumerate(collection.items(project)):
        if j != index:
            out.setdefault(getattr(item, collection.id_field), j + 1)
    return out


def _set_single(section: Any, collection: Collection, record: Any) -> Any:
    """Put a single record at its path; returns the section (the record itself for path "")."""
    if not collection.path:
        return record
    setattr(place_in(section, collection), collection.path[-1], record)
    return section


def _referrers(host: Any, collection: Collection) -> list[tuple[Collection, str]]:
    """(list, field) of every record field that names ids of ``collection``."""
    return [(c, f) for c in all_collections(host).values() for f, target in c.references.items() if target == collection.attr]


def pointing_to(app: Any, collection: Collection, record: Any) -> list[str]:
    """The records that name ``record``'s id, e.g. ``Activity plan A3``."""
    if not collection.id_field:
        return []
    ident = getattr(record, collection.id_field)
    project = app.session.project
    out = []
    for other, field in _referrers(app.host, collection):
        for j, item in enumerate(other.items(project)):
            if getattr(item, field) == ident:
                name = getattr(item, other.id_field) if other.id_field else str(j + 1)
                out.append(f"{_(other.title)} {name}")
    return out


def others_of(app: Any, collection: Collection, index: int) -> list[tuple[str, str]]:
    """(id, shown) of the list's other records: what may take over the references to one deleted."""
    items = collection.items(app.session.project)
    return [(getattr(item, collection.id_field), _describe(item, collection.id_field)) for j, item in enumerate(items) if j != index]


def move_and_remove(app: Any, collection: Collection, index: int, old: str, new: str, what: str) -> None:
    """What names ``old`` names ``new`` now, and the record at ``index`` is gone: one change."""
    host = app.host
    if collection.section is None:
        def edit(project):
            _renamed(project, host, collection, old, new)
            getattr(project, collection.attr).pop(index)

        app.session.change(what, edit)
        return
    section = fresh(app.session.project, collection.section, collection.section_type)
    for other, field in _referrers(host, collection):  # in this section: moved before it is checked
        if other.section == collection.section:
            for item in other.items_of(section):
                if getattr(item, field) == old:
                    setattr(item, field, new)
    place_in(section, collection).pop(index)
    _store(app, collection, section, what, (old, new))


def _renamed(project: Any, host: Any, collection: Collection, old: str, new: str) -> None:
    """Every reference to ``old`` in ``project`` now names ``new`` (the change's own edit)."""
    by_section: dict[str, Any] = {}
    for other, field in _referrers(host, collection):
        if other.section is None:
            # a new record in its place, never this one changed: undo shares the records
            # (Session.snapshot) and the lists keep their cells by record (RecordTable)
            items = getattr(project, other.attr)
            for i, item in enumerate(items):
                if getattr(item, field) == old:
                    items[i] = attrs.evolve(item, **{field: new})
            continue
        section = by_section.setdefault(other.section, fresh(project, other.section, other.section_type))
        for item in other.items_of(section):
            if getattr(item, field) == old:
                setattr(item, field, new)
    for name, section in by_section.items():
        host.store(project, name, section)


def put(app: Any, collection: Collection, index: int | None, record: Any, old_id: str | None = None) -> None:
    """Add (``index`` None) or replace a record, as one undoable change."""
    session, host = app.session, app.host
    what = (_("added {id}") if index is None else _("changed {id}")).format(
        id=getattr(record, collection.id_field) if collection.id_field else _(collection.title))
    new_id = getattr(record, collection.id_field) if collection.id_field else None
    rename = old_id is not None and new_id != old_id

    if collection.section is None:
        def edit(project):
            items = getattr(project, collection.attr)
            if index is None:
                items.append(record)
            else:
                items[index] = record
            if rename:
                _renamed(project, host, collection, old_id, new_id)

        session.change(what, edit)
        return

    section = fresh(session.project, collection.section, collection.section_type)
    if collection.single:
        section = _set_single(section, collection, record)
    else:
        items = place_in(section, collection)
        if index is None:
            items.append(record)
        else:
            items[index] = record
    new = _place(collection, None, len(place_in(section, collection)) - 1) if index is None and not collection.single else None
    _store(app, collection, section, what, rename and (old_id, new_id), new=new)


def remove(app: Any, collection: Collection, index: int, what: str) -> None:
    if collection.section is None:
        app.session.change(what, lambda p: getattr(p, collection.attr).pop(index))
        return
    section = fresh(app.session.project, collection.section, collection.section_type)
    place_in(section, collection).pop(index)
    _store(app, collection, section, what, None)


def said(app: Any, findings: list[Any]) -> str:
    """Findings in a plugin's lists as the user knows them: the list's title, the record's id,
    the field's label (``Hushåll F02, Sammansättning: …``), never ``ext.steps.households[#1]``."""
    from lilla_ratten.storage.problems import display_path

    project = app.session.project
    lists = sorted((c for c in all_collections(app.host).values() if c.section), key=lambda c: -len(c.path))
    out = []
    for f in findings:
        path, where = tuple(f.path), None
        for c in lists:
            if path[:2] != ("ext", c.section) or path[2:2 + len(c.path)] != c.path:
                continue
            rest, where = path[2 + len(c.path):], _(c.title)
            if not c.single and rest and isinstance(rest[0], int):
                items = c.items(project)
                ident = getattr(items[rest[0]], c.id_field) if c.id_field and rest[0] < len(items) else rest[0] + 1
                where, rest = f"{where} {ident}", rest[1:]
            field = next((x for x in rest if isinstance(x, str)), None)
            if field is not None:
                labels = {s.name: s.label for s in specs_for(c.cls, labels=c.labels)}
                where = f"{where}, {labels.get(field, field)}"
            break
        out.append(f"{where or display_path(f.path, project)}: {f.text()}")
    return "\n".join(out)


def _store(app: Any, collection: Collection, section: Any, what: str, rename: Any, new: tuple | None = None) -> None:
    """Store a plugin's changed section as a pane's store does; what it brings that validate
    would report (outside the record, which the form checked) is said at once.

    ``new``: the place of a record just added. A warning inside it is not said then: it is
    what a fresh record still lacks (a household before its participants, who are entered
    after it and name it) — the user is in the middle of entering it, so it is left to
    ``validate``, as a form leaves "required" unsaid until its field is reached. What the
    add changes elsewhere, and any error, is still said."""
    host = app.host
    name = collection.section
    findings = host.check_section(app.session.project, name, section)
    if new is not None:
        findings = [f for f in findings if f.severity is Severity.ERROR or tuple(f.path[:len(new)]) != new]

    def edit(project):
        host.store(project, name, section)
        if rename:
            _renamed(project, host, collection, *rename)

    app.session.change(what, edit)
    if findings:
        severity = "error" if any(f.severity is Severity.ERROR for f in findings) else "warning"
        app.notify(said(app, findings), title=_("Stored, with warnings: {what}").format(what=what), severity=severity, timeout=15, markup=False)
