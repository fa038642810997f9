"""Changing the project from the app, kept out of ``app.py``: the forms for a list's records
and for the project's own tables, deleting, a new status report, marking one sent.

Every change goes through ``Session.change`` (undo, and the unsaved copy kept on disk).
"""

from __future__ import annotations

from typing import Any

from lilla_ratten.i18n import N_, _, ngettext

# the project's own tables, edited with the keys e, b, i and f
SECTIONS = {
    "project": N_("Project details"),
    "budget": N_("Budget in total"),
    "implementation": N_("Implementation in ordinary operations"),
    "final": N_("Final report texts"),
}


def edit_record(app: Any, collection_name: str, index: int | None, typed: dict | None = None) -> None:
    """The form for one record of a list (``index`` None: a new one), the project's or a plugin's;
    ``typed``: the text of that form when the app last ended with it open."""
    from lilla_ratten.tui import record_lists
    from lilla_ratten.tui.collections import find
    from lilla_ratten.tui.screens.record_form import RecordForm, blank

    session = app.session
    collection = find(collection_name, app.host)
    items = collection.items(session.project)
    if index is None:
        if session.read_only or collection.single:
            return
        first = ({collection.id_field: collection.next_id(session.project, app.host)} if collection.id_field
                 else record_lists.first_free_pair(collection, session.project, app.host))
        if collection.attr == "decision_points":  # the model's five, not B5: the first one missing
            from lilla_ratten.model.rules import DECISION_POINT_IDS

            missing = [b for b in DECISION_POINT_IDS if b not in collection.ids(session.project)]
            if not missing:
                app.notify(_("The project has every decision point of the model (B0–B4): choose one and press Enter."),
                           severity="warning", markup=False)
                return
            first = {"id": missing[0]}
        record = blank(collection.cls, **first)
        title = _("New: {what}").format(what=_(collection.title))
    else:
        record = items[index]
        ident = getattr(record, collection.id_field) if collection.id_field else index + 1
        title = _(collection.title) if collection.single else f"{_(collection.title)}: {ident}"
    locked = session.read_only or record_lists.frozen(collection, record)
    form = RecordForm(
        title, record, session.project, collection.attr, index, read_only=locked,
        specs=record_lists.form_specs(collection, session.project, app.host, record),
        options_for=(lambda values: collection.options(session.project, app.host, values)) if collection.options else None,
        checker=record_lists.checker(app, collection, index) if collection.section else None,
        taken=record_lists.taken(collection, session.project, index),
        kept_id=record_lists.kept_id(app, collection, record) if index is not None else None,
        draft={"form": "record", "list": collection.attr, "index": index, "id": _id_of(collection, record, index)}, typed=typed,
    )
    old_id = getattr(record, collection.id_field) if index is not None and collection.id_field else None

    def done(result: Any) -> None:
        if result is not None:
            apply_record(app, collection.attr, index, result, old_id)

    app.push_screen(form, done)


def _id_of(collection: Any, record: Any, index: int | None) -> str | None:
    return getattr(record, collection.id_field) if index is not None and collection.id_field else None


def apply_record(app: Any, attr: str, index: int | None, record: Any, old_id: str | None = None) -> None:
    from lilla_ratten.tui import record_lists
    from lilla_ratten.tui.collections import find

    collection = find(attr, app.host)
    record_lists.put(app, collection, index, record, old_id)
    app.refresh_views()
    if index is None:  # show the new row
        for table in app.screen.query("RecordTable"):
            if table.collection.attr == attr:
                table.select_index(len(collection.items(app.session.project)) - 1)


def edit_section(app: Any, attr: str, typed: dict | None = None) -> None:
    """Edit one of the project's own tables: details, budget, implementation, final report texts."""
    from lilla_ratten.tui.screens.record_form import RecordForm

    session = app.session
    title = _(SECTIONS[attr])
    record = getattr(session.project, attr)
    notice, advice = _budget_lines_count(app) if attr == "budget" else (None, None)
    form = RecordForm(title, record, session.project, attr, None, read_only=session.read_only, single=True,
                      specs=_section_specs(app, attr, record), draft={"form": "section", "list": attr}, typed=typed,
                      notice=notice, advice=advice)

    def done(result: Any) -> None:
        if result is not None:
            session.change(_("changed {id}").format(id=title), lambda p: setattr(p, attr, result))
            app.refresh_views()

    app.push_screen(form, done)


def delete_record(app: Any, collection_name: str, index: int) -> None:
    """Delete the record at ``index`` of a list, after asking: on the list's own title line
    (``RecordTable.ask``) — closing a modal question redrew the whole screen, most of the
    key that answers it at any length of list (issue 34)."""
    from lilla_ratten.tui import record_lists
    from lilla_ratten.tui.collections import find

    try:
        session = app.session
        collection = find(collection_name, app.host)
        if collection.single:
            return
        record = collection.items(session.project)[index]
        if record_lists.frozen(collection, record):
            app.notify(_("{id} has been sent and is kept as it is.").format(id=record.id), severity="warning")
            return
        refused = record_lists.not_deleted(app, collection, record)  # a sent report names it: nothing is moved
        if refused:
            app.notify(refused, severity="warning", timeout=10, markup=False)
            return
        pointing = record_lists.pointing_to(app, collection, record)
        if pointing:  # a delete would leave them naming nothing: move them to another record, or nothing
            _move_then_delete(app, collection, index, record, pointing)
            return
        ident = record_lists.name_of(collection, record, index, session.project)  # one without an id: by what it holds
        words = (getattr(record, "title", "") or getattr(record, "name", "") or "") if collection.id_field else ""

        def answer(yes: bool | None) -> None:
            # the record asked about, wherever it is now (a plugin's list may have changed under
            # the question); gone already: nothing is deleted
            items = collection.items(app.session.project)
            at = index if index < len(items) and items[index] is record else \
                next((i for i, item in enumerate(items) if item is record), None)
            if yes and at is not None:
                record_lists.remove(app, collection, at, _("deleted {id}").format(id=ident))
                app.refresh_views()

        question = _("Delete {what}?").format(what=" ".join(w for w in (ident, words) if w))
        tables = [t for t in app.screen.query("RecordTable") if t.collection.attr == collection.attr]
        asking = [t for t in tables if t.table.has_focus] or tables
        if asking:
            asking[0].ask(question, answer)
        else:  # no list of it on screen (asked for by a command): a dialog
            from lilla_ratten.tui.screens.confirm import Confirm

            app.push_screen(Confirm(question), answer)
    finally:
        release = getattr(app, "release_keys", None)
        if release is not None:  # held since d (RecordTable.action_delete): now for the question
            release()


def _move_then_delete(app: Any, collection: Any, index: int, record: Any, pointing: list[str]) -> None:
    from lilla_ratten.tui import record_lists
    from lilla_ratten.tui.screens.move_references import MoveReferences

    ident = getattr(record, collection.id_field)
    others = [(i, shown) for i, shown in record_lists.others_of(app, collection, index)]
    if not others:  # nowhere to move them
        app.notify(
            ngettext("{id} is not deleted: {others} names it. Change it first.",
                     "{id} is not deleted: {others} name it. Change them first.", len(pointing)).format(
                id=ident, others=", ".join(pointing)),
            severity="warning", timeout=10, markup=False,
        )
        return
    question = ngettext("{id} is named by {others}. Move it to another record and delete {id}?",
                        "{id} is named by {others}. Move them to another record and delete {id}?", len(pointing)).format(
        id=ident, others=", ".join(pointing))

    def moved(target: str | None) -> None:
        if target is not None:
            record_lists.move_and_remove(app, collection, index, ident, target,
                                         _("deleted {id}, moved to {other}").format(id=ident, other=target))
            app.refresh_views()

    # a move that would bring an error (validate's and the plugins' checks) is refused in the dialog, with why
    app.push_screen(MoveReferences(question, others, lambda target: record_lists.move_refused(app, collection, index, ident, target)), moved)


def _budget_lines_count(app: Any) -> tuple[str | None, Any]:
    """When a plugin's budget lines count over ``[budget]`` (reports/budget_figures), the budget
    form says so, and warns as a total is typed that disagrees with them — as ``validate`` does."""
    from lilla_ratten.formatting import money
    from lilla_ratten.reports.budget_figures import LINES, budget_figures_as_of

    figures = budget_figures_as_of(app.session.project, app.as_of, app.host)
    if figures.source != LINES or figures.budget is None:
        return None, None
    notice = _("The budget lines on the Budget tab count: {budget}. What is typed here is kept, and shown only "
               "where there are no lines.").format(budget=money(figures.budget))

    def advice(record: Any) -> list[str]:
        total = getattr(record, "total", None)
        if total is None or total == figures.budget:
            return []
        return [_("Budget in total: the budget lines come to {lines}, not {total}; the lines count").format(
            lines=money(figures.budget), total=money(total))]

    return notice, advice


def _section_specs(app: Any, attr: str, record: Any) -> Any:
    """The project's type is picked from the types the app knows (lum, lansstyrelsen, a plugin's),
    not typed: the type chooses the final report's form."""
    from lilla_ratten.tui.fields import specs_for

    if attr != "project" or app.host is None:
        return None
    from lilla_ratten.plugins.specs import ProjectType

    types = tuple((t.name, f"{t.name}: {t.title}") for _plugin, t in app.host.collect("lr_project_types", ProjectType))
    return specs_for(type(record), options={"type": types}) if types else None


def new_status_report(app: Any, typed: dict | None = None) -> None:
    """A status report drafted from the project as it stands (``n``)."""
    from lilla_ratten.reports.status_draft import draft
    from lilla_ratten.tui.screens.record_form import RecordForm

    if app.session.read_only:
        return
    from lilla_ratten.tui import record_lists
    from lilla_ratten.tui.collections import find

    record = draft(app.session.project, app.as_of, app.host)
    reports = find("status_reports", app.host)
    form = RecordForm(_("New status report {id}").format(id=record.id), record, app.session.project, "status_reports", None,
                      specs=record_lists.form_specs(reports, app.session.project, app.host),  # the milestone picked
                      taken=record_lists.taken(reports, app.session.project, None),
                      draft={"form": "status_report"}, typed=typed)
    app.push_screen(form, lambda r: r is not None and apply_record(app, "status_reports", None, r))


def mark_sent(app: Any) -> None:
    """The status report under the cursor is sent: dated, and read-only from now on."""
    session = app.session
    tables = [t for t in app.screen.query("RecordTable") if t.collection.attr == "status_reports" and t.table.has_focus]
    if not tables or session.read_only:
        return
    index = tables[0]._current_index()
    if index is None:
        return
    report = session.project.status_reports[index]
    if report.sent is not None:
        return

    def mark(project):  # a new record, not this one changed: undo keeps the old one (Session.change)
        import attrs

        from lilla_ratten.model.derived import as_sent

        # what it shows of the rest of the project is kept with it: what was sent is what is shown
        sent = project.status_reports[index]
        project.status_reports[index] = attrs.evolve(sent, sent=app.as_of, as_sent=as_sent(project, sent))

    session.change(_("marked {id} sent").format(id=report.id), mark)
    app.notify(_("{id} is marked sent {date}; it is now read-only.").format(id=report.id, date=app.as_of))
    app.refresh_views()
    app.preview_status_report(str(index))  # the preview says it is sent, not "draft"
