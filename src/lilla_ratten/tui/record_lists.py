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

from lilla_ratten.i18n import _, ngettext
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


def first_free_pair(collection: Collection, project: Any, host: Any) -> dict[str, Any]:
    """A new record of a list without ids whose records are told apart by what they name (a
    measurement: a participant at a round): the first combination no record holds yet, the
    earlier fields moving first — every participant at the first round, then at the next — so
    `a` after `a` offers the next one to enter, not the one just entered. {} when every
    combination is held or the list names nothing."""
    import itertools

    from lilla_ratten.tui.participant_picks import published

    named = {**collection.references, **dict.fromkeys(collection.participants)}
    required = {a.name for a in attrs.fields(collection.cls) if a.default is attrs.NOTHING}
    if collection.id_field or not named or not set(named) <= required:
        return {}  # an optional reference (a mapping rule's line) stays as the user leaves it
    everything = all_collections(host)
    fields = [a.name for a in attrs.fields(collection.cls) if a.name in named]  # in the record's order
    choices = []
    for field in fields:
        if field in collection.participants:
            choices.append([p.id for p in published(project, host)])
            continue
        other = everything.get(named[field])
        if other is None or not other.id_field:
            return {}
        choices.append(other.ids(project))
    held = {tuple(getattr(item, f, None) for f in fields) for item in collection.items(project)}
    for combination in itertools.product(*reversed(choices)):  # the last field outermost
        values = tuple(reversed(combination))
        if values not in held:
            return dict(zip(fields, values))
    return {}


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


def frozen(collection: Collection, record: Any) -> bool:
    """A record kept as it is: a status report once sent (a snapshot of what was sent). Its form
    is read-only, and nothing rewrites it: not a delete, a move or a renamed id it names."""
    return collection.attr == "status_reports" and getattr(record, "sent", None) is not None


def name_of(collection: Collection, record: Any, index: int, project: Any = None) -> str:
    """A record as the user knows it: its id, or for one without an id what it holds — the
    plugin's ``describe`` (``P2 vid R1``), else its first columns as the table shows them."""
    if collection.id_field:
        return str(getattr(record, collection.id_field))
    if collection.describe:
        values = {f.name: _cell_text(collection, f.name, record) for f in attrs.fields(type(record))}
        return " ".join(collection.describe.format(**values).split())
    shown = [cell(project, record, None) for _title, cell in collection.columns[:3]
             if project is not None or getattr(cell, "item_only", False)]  # a mapping's labels need the project
    return ", ".join(t for t in shown if t) or str(index + 1)


def _cell_text(collection: Collection, field: str, record: Any) -> str:
    from lilla_ratten.tui.collections import _f

    return _f(field, collection.choices.get(field))(None, record, None)


def _kind(collection: Collection) -> str:
    """The list's title without its explanation: "Regler för kontering", not "… (den första som passar gäller)"."""
    return _(collection.title).split(" (")[0]


def _naming(app: Any, collection: Collection, record: Any) -> list[tuple[Collection, Any, str]]:
    """(list, record, how it is named) of every record that names ``record``'s id."""
    if not collection.id_field:
        return []
    ident = getattr(record, collection.id_field)
    out = []
    for other, field in _referrers(app.host, collection):
        for j, item in enumerate(other.items(app.session.project)):
            if getattr(item, field) == ident:
                out.append((other, item, f"{name_of(other, item, j, app.session.project)} ({_kind(other)})"))
    return out


def pointing_to(app: Any, collection: Collection, record: Any) -> list[str]:
    """The records that name ``record``'s id and may be moved, e.g. ``A3 (Activity plan)``."""
    return [name for other, item, name in _naming(app, collection, record) if not frozen(other, item)]


def kept_pointing(app: Any, collection: Collection, record: Any) -> list[str]:
    """The records kept as they are (``frozen``) that name ``record``'s id: while one does, the
    record is neither deleted nor renamed, or what was sent would name something else or nothing."""
    return [name for other, item, name in _naming(app, collection, record) if frozen(other, item)]


def kept_id(app: Any, collection: Collection, record: Any) -> str | None:
    """Why the form may not change ``record``'s id, or None."""
    kept = kept_pointing(app, collection, record)
    if not kept:
        return None
    return ngettext("{sent} has been sent and names {id}: what was sent is kept as it is, so the id stays",
                    "{sent} have been sent and name {id}: what was sent is kept as it is, so the id stays",
                    len(kept)).format(sent=", ".join(kept), id=getattr(record, collection.id_field))


def not_deleted(app: Any, collection: Collection, record: Any) -> str | None:
    """Why ``record`` cannot be deleted at all (records kept as sent name it), or None."""
    kept = kept_pointing(app, collection, record)
    if not kept:
        return None
    return ngettext("{id} is not deleted: {sent} has been sent and names it, and what was sent is kept as it is.",
                    "{id} is not deleted: {sent} have been sent and name it, and what was sent is kept as it is.",
                    len(kept)).format(sent=", ".join(kept), id=getattr(record, collection.id_field))


def others_of(app: Any, collection: Collection, index: int) -> list[tuple[str, str]]:
    """(id, shown) of the list's other records: what may take over the references to one deleted."""
    items = collection.items(app.session.project)
    return [(getattr(item, collection.id_field), _describe(item, collection.id_field)) for j, item in enumerate(items) if j != index]


def move_refused(app: Any, collection: Collection, index: int, old: str, new: str) -> str | None:
    """Why moving what names ``old`` to ``new`` (and deleting ``old``) is refused: the errors it
    would bring, checked as ``validate`` checks (the core rules and every plugin's
    ``lr_validate``) on a copy; None when it brings none."""
    from collections import Counter

    from lilla_ratten.model.rules import check

    host, project = app.host, app.session.project

    def errors(p: Any) -> list[Any]:
        found = [*check(p), *(host.validate(p) if host is not None else ())]
        return [f for f in found if f.severity is Severity.ERROR]

    def key(f: Any) -> tuple:  # not by place: the delete moves the records after it up one
        return f.message, tuple(sorted((k, str(v)) for k, v in f.params.items() if k != "first"))

    trial = _trial(project)
    try:
        _moved(trial, host, collection, index, old, new)
    except Exception as exc:  # noqa: BLE001 - what cannot be stored is a reason, said
        return str(exc)
    before = Counter(key(f) for f in errors(project))
    brought = []
    for f in errors(trial):
        if before[key(f)]:
            before[key(f)] -= 1
        else:
            brought.append(f)
    if not brought:
        return None
    return said(app, brought, trial)


def _trial(project: Any) -> Any:
    """A copy of ``project`` a move may be tried on: its lists and ``ext`` are its own, the records
    shared — a move replaces records, never edits one (``_renamed``), and a plugin's section is
    stored anew; no deep copy of 50 000 activities to check one delete."""
    trial = copy.copy(project)
    for name in COLLECTIONS:
        setattr(trial, name, list(getattr(project, name)))
    trial.ext = dict(project.ext)
    return trial


def _moved(project: Any, host: Any, collection: Collection, index: int, old: str, new: str) -> None:
    """``move_and_remove``'s edit, on ``project`` (a trial copy)."""
    if collection.section is None:
        _renamed(project, host, collection, old, new)
        getattr(project, collection.attr).pop(index)
        return
    section = fresh(project, collection.section, collection.section_type)
    place_in(section, collection).pop(index)
    host.store(project, collection.section, section)
    _renamed(project, host, collection, old, new)


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


def said(app: Any, findings: list[Any], project: Any = None) -> str:
    """Findings in a plugin's lists as the user knows them: the list's title, the record's id,
    the field's label (``Hushåll F02, Sammansättning: …``), never ``ext.steps.households[#1]``;
    ``project``: the one they were found in, when not the session's (a trial)."""
    project = project if project is not None else app.session.project
    return "\n".join(f"{place_of(app, f, project)[0]}: {f.text()}" for f in findings)


def place_of(app: Any, finding: Any, project: Any) -> tuple[str, Collection | None, int | None]:
    """(how the app names where ``finding`` is, the list holding its record, the record's
    index) — list and index None when it is in no record a form opens."""
    from lilla_ratten.storage.problems import display_path

    path = tuple(finding.path)
    lists = sorted((c for c in all_collections(app.host).values() if c.section), key=lambda c: -len(c.path))
    for c in lists:
        if path[:2] != ("ext", c.section) or path[2:2 + len(c.path)] != c.path:
            continue
        rest, where, index = path[2 + len(c.path):], _(c.title), 0 if c.single else None
        if not c.single and rest and isinstance(rest[0], int):
            items = c.items(project)
            ident = name_of(c, items[rest[0]], rest[0], project) if rest[0] < len(items) else rest[0] + 1
            where, rest, index = f"{where} {ident}", rest[1:], rest[0] if rest[0] < len(items) else None
        field = next((x for x in rest if isinstance(x, str)), None)
        if field is not None:
            labels = {s.name: s.label for s in specs_for(c.cls, labels=c.labels)}
            where = f"{where}, {labels.get(field, field)}"
        return where, c, index
    where = display_path(path, project)
    own = COLLECTIONS.get(path[0]) if path and isinstance(path[0], str) else None
    if own is not None and len(path) > 1 and isinstance(path[1], int) and path[1] < len(own.items(project)):
        return where, own, path[1]
    return where, None, None


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
        error = any(f.severity is Severity.ERROR for f in findings)  # as validate will say it: an error is not a warning
        title = (_("Stored, with errors: {what}") if error else _("Stored, with warnings: {what}")).format(what=what)
        app.notify(said(app, findings), title=title, severity="error" if error else "warning", timeout=15, markup=False)
