"""A form that was open when the app ended: offered back, and reopened with what was typed.

The open form keeps its text beside the unsaved copy as it is typed (``RecordForm`` →
``Session.keep_form`` → ``storage.unsaved``); a killed terminal leaves it there. The next
session on the file asks, after the unsaved changes themselves, whether to bring it back,
and reopens the same form — the same record, found by its id, or a new one — with each
field as it was typed. Brought back or thrown away, it is not offered again.
"""

from __future__ import annotations

from typing import Any

from lilla_ratten.i18n import _


async def offer(app: Any) -> None:
    """Ask about a form left open, once the plugins (whose lists it may be in) are loaded."""
    await app.started.wait()
    session = app.session
    draft = session.found_form if session is not None else None
    if draft is None:
        return
    from lilla_ratten.tui.screens.confirm import ALSO, Confirm

    title = str(draft.data.get("title") or "")
    question = _("A form was open when the app ended: {title}, kept {kept}.\n\nBring back the form you were typing in?").format(
        title=title, kept=draft.kept.strftime("%Y-%m-%d %H:%M"))

    def answer(choice: bool | str | None) -> None:
        if choice == ALSO:
            if reopen(app, draft.data):
                session.discard_found_form(draft)  # the form open now keeps it as this session's own
        elif choice is True:
            session.discard_found_form(draft)
        # "later" (No, Esc): offered again next time

    app.push_screen(Confirm(question, _("Throw it away"), _("Later"), also=_("Bring back the form")), answer)


def reopen(app: Any, data: dict) -> bool:
    """Open the form ``data`` describes with its typed text; False if there is no such form now."""
    from lilla_ratten.tui import editing
    from lilla_ratten.tui.collections import find

    typed = data.get("fields") or {}
    kind, name = data.get("form"), data.get("list")
    if kind == "status_report":
        editing.new_status_report(app, typed=typed)
        return True
    if kind == "section" and name in editing.SECTIONS:
        editing.edit_section(app, name, typed=typed)
        return True
    if kind != "record":
        return False
    try:
        collection = find(name, app.host)
    except (KeyError, TypeError, AttributeError):  # a plugin's list, the plugin gone
        app.notify(_("The form cannot be brought back: its list is not here."), severity="warning", markup=False)
        return False
    items = collection.items(app.session.project)
    index, ident = data.get("index"), data.get("id")
    if ident is not None and collection.id_field:  # the record by its id: the list may have moved
        index = next((j for j, item in enumerate(items) if getattr(item, collection.id_field) == ident), None)
    elif not isinstance(index, int) or not 0 <= index < len(items):
        index = None
    if index is None and collection.single:
        index = 0
    _show_tab_of(app, collection)  # closed, the form leaves the user on its list, not the overview
    editing.edit_record(app, collection.attr, index, typed=typed)
    return True


def _show_tab_of(app: Any, collection: Any) -> None:
    from lilla_ratten.tui.tabs import TABS

    screen = app.screen
    if not hasattr(screen, "show_tab"):
        return
    if collection.section is not None:  # its lists are on the tab named for its section (tui/plugin_tabs.py)
        screen.show_tab(f"plugin-{collection.plugin}-{collection.section}")
        return
    tab_id = next((tab for tab, _title, lists in TABS if collection.attr in lists), None)
    if tab_id is not None:
        screen.show_tab(tab_id)
