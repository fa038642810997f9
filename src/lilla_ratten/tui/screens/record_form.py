"""A form for one record, built from its attrs fields, that checks as you type."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import attrs

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from lilla_ratten.i18n import N_, _
from lilla_ratten.model.findings import Finding, Severity
from lilla_ratten.model.record_rules import RecordRules
from lilla_ratten.model.rules import DUPLICATE_ID, text_findings
from lilla_ratten.reports.labels import label
from lilla_ratten.storage.converter import converter, structure
from lilla_ratten.tui.fields import FieldSpec, ParseError, parse, show, specs_for
from lilla_ratten.tui.text import plain

_YES_NO = "yes", "no"
KEEP_AFTER = 0.4  # seconds: what is typed reaches the unsaved store at most this late


class RecordForm(ModalScreen[Any]):
    """Edits a copy of one record; dismisses with the new record, or ``None`` on cancel."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "save", N_("Save"), priority=True),
    ]

    def __init__(self, title: str, record: Any, project: Any, collection: str, index: int | None, *, read_only=False, single=False,
                 specs: list[FieldSpec] | None = None, checker: Callable[[Any], list[tuple[tuple, str]]] | None = None,
                 taken: dict[str, int] | None = None, kept_id: str | None = None, draft: dict | None = None, typed: dict | None = None,
                 options_for: Callable[[dict], dict] | None = None, notice: str | None = None,
                 advice: Callable[[Any], list[str]] | None = None):
        """``specs`` the fields as a plugin declares them (default: from the record's class);
        ``checker(record)`` the problems of the record in its place, ``(path in the record, text)``
        (default: the project's rules about the record in its place, model/record_rules.py).
        ``draft`` says which record this is (``tui/form_drafts.py``): what is typed is then kept
        beside the unsaved copy as it is typed; ``typed`` the text of such a form to put back.
        ``options_for(values)``: the pickers' choices for the record as chosen so far (field →
        ((value, label), …)), asked again when a choice changes (a chapter's report → what it may follow).
        ``notice``: a sentence under the title (what else decides, e.g. the budget lines that count);
        ``advice(record)``: warnings about the record as typed that no rule of the project's says
        (another part of the file that wins over it)."""
        super().__init__()
        self.title_text = title
        self.record = record
        self.cls = type(record)
        self.project = project
        self.collection = collection
        self.index = index
        self.read_only = read_only
        self.single = single  # a table of its own ([project], [final] …) rather than an item of a list
        self.specs = list(specs) if specs is not None else specs_for(self.cls)
        self.checker = checker
        self.kept_id = kept_id  # why the id may not change (a sent report names it), or None
        self.taken = taken or {}  # the other records' ids → their place (1-based): a duplicate is flagged as typed
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.draft = None if read_only else draft
        self.typed = typed or {}
        self._keep_timer = None
        self.options_for = options_for
        self.notice = notice
        self.advice = advice
        self._rules: RecordRules | None = None
        self._said: str | None = None  # what #problems shows

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Label(plain(self.title_text), classes="form-title")
            # a read-only form names no key that does nothing there
            hint = _("Esc close · Tab next field") if self.read_only else _("Ctrl+S save · Esc cancel · Tab next field")
            yield Label(hint, classes="hint")
            yield Static("", id="problems")
            if self.read_only and not getattr(self.app, "read_only", False):  # the review says so in its header
                yield Static(_("Read only: a sent status report is a snapshot; write a new report to correct it."), classes="notice")
            if self.notice:
                yield Static(plain(self.notice), classes="notice", id="form-notice")
            for spec in self.specs:
                if spec.kind == "nested":
                    continue
                with Horizontal(classes="field"):
                    yield Label(plain(spec.label + (" *" if spec.required else "")), classes="field-label")
                    yield self._widget(spec)
            with Horizontal(classes="buttons"):
                if not self.read_only:
                    yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("Close") if self.read_only else _("Cancel"), id="cancel")

    def _widget(self, spec: FieldSpec):
        value = getattr(self.record, spec.name)
        wid = f"f-{spec.name}"
        if spec.kind == "choice":
            options = [(plain(label(c)), c.value) for c in spec.choices]
            return Select(
                options, value=value.value if value is not None else Select.NULL,
                allow_blank=not spec.required, prompt="–", id=wid, disabled=self.read_only, compact=True,
            )
        if spec.kind == "pick":
            options = [(plain(shown), value) for value, shown in spec.options]
            if value is not None and value not in {v for v, _l in spec.options}:  # a name that points nowhere: kept, visible
                options.append((plain(str(value)), value))
            return Select(  # nothing to pick yet (no household for a participant): blank, and said so
                options, value=value if value is not None else Select.NULL,
                allow_blank=not spec.required or not options, prompt="–", id=wid, disabled=self.read_only, compact=True,
            )
        if spec.kind == "bool":
            shown = Select.NULL if value is None and spec.blank else ("yes" if value else "no")
            return Select([(_("yes"), "yes"), (_("no"), "no")], value=shown, prompt="–",
                          allow_blank=spec.blank, id=wid, disabled=self.read_only, compact=True)
        if spec.kind == "picks":  # a picker per key the plugin declares: labels shown, keys kept
            from lilla_ratten.tui.widgets.mapping_picker import MappingPicker

            return MappingPicker(spec.keys, value, id=wid, disabled=self.read_only)
        if spec.kind in ("prose", "lines", "mapping"):
            return TextArea(show(spec, value), id=wid, classes="prose", read_only=self.read_only, compact=True)
        placeholder = {"date": "ÅÅÅÅ-MM-DD" if _("Date") == "Datum" else "YYYY-MM-DD", "dates": "2024-02-28, 2024-05-31"}.get(spec.kind, "")
        return Input(show(spec, value), placeholder=placeholder, id=wid, disabled=self.read_only, compact=True)

    def _raw(self, spec: FieldSpec) -> Any:
        widget = self.query_one(f"#f-{spec.name}")
        if isinstance(widget, Select):
            value = widget.value
            if spec.kind == "bool":
                return None if value is Select.NULL else value == "yes"
            return None if value is Select.NULL else value
        if isinstance(widget, TextArea):
            return widget.text
        return widget.value

    def candidate(self) -> tuple[Any | None, list[str]]:
        """The record as typed, and every problem with it in plain words."""
        data: dict[str, Any] = {}
        problems: list[str] = []
        for spec in self.specs:
            if spec.kind == "nested":  # not in the form: as it was
                value = getattr(self.record, spec.name)
                if value is not None:
                    data[spec.name] = converter.unstructure(value)
                continue
            raw = self._raw(spec)
            if isinstance(raw, str):  # as validate would say it, before it reaches the unsaved copy
                problems += [f"{spec.label}: {f.text()}" for f in text_findings(raw)]
            if spec.kind in ("choice", "bool", "pick"):
                if raw is None and spec.required:
                    first = _("add one to its list first") if spec.kind == "pick" and not spec.options else ""
                    problems.append(f"{spec.label}: {_('required')}" + (f" ({first})" if first else ""))
                elif raw is not None:
                    data[spec.name] = raw
                continue
            try:
                value = parse(spec, raw)
            except ParseError as exc:
                problems.append(f"{spec.label}: {exc}")
                continue
            if value is not None and value != []:
                data[spec.name] = value
            if spec.name == "id" and self.kept_id and value != getattr(self.record, "id", value):
                problems.append(f"{spec.label}: {self.kept_id}")
            if spec.name == "id" and value in self.taken:
                problems.append(f"{spec.label}: {Finding((), DUPLICATE_ID, {'id': value, 'first': self.taken[value]}).text()}")
        if problems:
            return None, problems
        record, findings = structure(data, self.cls)
        if record is None:
            return None, [f"{self._label(f.path)}: {f.text()}" for f in findings]
        if self.checker is not None:
            problems += [f"{self._label(path)}: {text}" for path, text in self.checker(record)]
            return (record if not problems else None), problems
        # the project's own rules about this record in its place, as validate says them: what the
        # rest of the project brings is gathered once, not a copy and a check of it at every key
        if self._rules is None or self._rules.stale():
            self._rules = RecordRules(self.project, self.collection, self.index, single=self.single)
        place = self._rules.place
        for finding in self._rules.findings(record, getattr(self.app, "as_of", None)):
            said = f"{self._label(finding.path[len(place):])}: {finding.text()}"
            # a warning is said as validate says it, and does not stop the save
            (problems if finding.severity is Severity.ERROR else self.warnings).append(said)
        if self.advice is not None:
            self.warnings += self.advice(record)
        return (record if not problems else None), problems

    def _label(self, path: tuple) -> str:
        name = next((p for p in path if isinstance(p, str)), "")
        spec = next((s for s in self.specs if s.name == name), None)
        return spec.label if spec else name

    def _update(self) -> None:
        self.warnings = []
        _record, errors = self.candidate()
        self.errors = list(dict.fromkeys(errors))  # the form's own id check and the rules' say it alike
        text = "\n".join(["✗ " + p for p in self.errors] + ["⚠ " + w for w in dict.fromkeys(self.warnings)])
        if text != self._said:  # a new text lays the screen out again: not at a key that changes nothing here
            self._said = text
            problems = self.query_one("#problems", Static)
            problems.update(plain(text))  # a problem may quote what was typed
            problems.display = bool(text)  # docked over the fields: takes no line when there is nothing to say
        if not self.read_only:
            self.query_one("#save", Button).disabled = bool(self.errors)

    def _shown(self, spec: FieldSpec) -> Any:
        """The field as its widget holds it (the text typed, the value chosen), for keeping."""
        widget = self.query_one(f"#f-{spec.name}")
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        return widget.text if isinstance(widget, TextArea) else widget.value

    def _put_back(self, typed: dict) -> None:
        """The text of a form the app ended with, into its fields."""
        from textual.widgets._select import InvalidSelectValueError

        for spec in self.specs:
            if spec.kind == "nested" or spec.name not in typed:
                continue
            widget, value = self.query_one(f"#f-{spec.name}"), typed[spec.name]
            if isinstance(widget, Select):
                with contextlib.suppress(InvalidSelectValueError):  # a choice no longer there: left as it was
                    widget.value = Select.NULL if value is None else value
            elif isinstance(widget, TextArea):
                widget.text = str(value)
            elif spec.kind == "picks":
                if isinstance(value, dict):  # (a form kept when the field was typed: left as it was)
                    widget.value = value
            else:
                widget.value = str(value)

    def _keep_soon(self) -> None:
        # at most one write in flight per KEEP_AFTER of typing: a key costs no more than this check
        if self.draft is not None and self._keep_timer is None:
            self._keep_timer = self.set_timer(KEEP_AFTER, self._keep_typed)

    def _keep_typed(self) -> None:
        self._keep_timer = None
        session = getattr(self.app, "session", None)
        if session is None or self.draft is None:
            return
        fields = {spec.name: self._shown(spec) for spec in self.specs if spec.kind != "nested"}
        session.keep_form({**self.draft, "title": self.title_text, "fields": fields})

    def dismiss(self, result: Any = None):
        if self.draft is not None:  # saved into the project, or thrown away: nothing to bring back
            if self._keep_timer is not None:
                self._keep_timer.stop()
                self._keep_timer = None
            self.draft = None
            session = getattr(self.app, "session", None)
            if session is not None:
                session.forget_form()
        return super().dismiss(result)

    def on_mount(self) -> None:
        self._initial = self._typed()
        if self.typed:
            self._put_back(self.typed)
            self._keep_soon()
        self._update()
        # start where typing is needed: the first required field still empty, else the first field
        shown = [spec for spec in self.specs if spec.kind != "nested"]
        empty = [spec for spec in shown if spec.required and self._raw(spec) in (None, "", {})]
        if (empty or shown) and not self.read_only:
            self.query_one(f"#f-{(empty or shown)[0].name}").focus()
        release = getattr(self.app, "release_keys", None)
        if release is not None:  # keys typed while the form opened go into it (app_guards)
            self.call_after_refresh(release)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._update()
        self._keep_soon()

    def on_select_changed(self, event: Select.Changed) -> None:
        if self.options_for is not None:
            self._refresh_options()
        self._update()
        self._keep_soon()

    def _refresh_options(self) -> None:
        """The pickers whose choices depend on what is chosen now; a value still offered stays chosen."""
        values = {spec.name: self._raw(spec) for spec in self.specs if spec.kind != "nested"}
        for name, options in self.options_for(values).items():
            spec = next((s for s in self.specs if s.name == name and s.kind == "pick"), None)
            if spec is None or tuple(options) == spec.options:
                continue
            index = self.specs.index(spec)
            self.specs[index] = spec = attrs.evolve(spec, options=tuple(options))
            widget = self.query_one(f"#f-{name}", Select)
            kept = widget.value
            shown = [(plain(label_), value) for value, label_ in spec.options]
            if kept is not Select.NULL and kept == getattr(self.record, name) and kept not in {v for v, _l in spec.options}:
                shown.append((plain(str(kept)), kept))  # the file's own value, pointing nowhere: kept, visible
            with widget.prevent(Select.Changed):
                widget.set_options(shown)
                if kept is not Select.NULL and kept in {v for _l, v in shown}:
                    widget.value = kept

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._update()
        self._keep_soon()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (self.read_only and action == "save")

    def action_save(self) -> None:
        if self.read_only:
            return
        record, problems = self.candidate()
        if record is None:
            self._update()
            self.notify(_("Not saved: fix what is marked first."), severity="warning")
            return
        self.dismiss(record)

    def _typed(self) -> tuple:
        return tuple(self._raw(spec) for spec in self.specs if spec.kind != "nested")

    def action_cancel(self) -> None:
        if self.read_only or self._typed() == self._initial:
            self.dismiss(None)
            return
        from lilla_ratten.tui.screens.confirm import Confirm

        def answer(yes: bool | str | None) -> None:
            if yes:
                self.dismiss(None)

        # what was typed is not thrown away by one key
        self.app.push_screen(Confirm(_("Throw away what you typed in this form?"), _("Throw away"), _("Go back")), answer)


def blank(cls: type, **values: Any) -> Any:
    """A new record whose required fields are still empty, for the form to fill in."""
    kwargs = {a.name: None for a in attrs.fields(cls) if a.default is attrs.NOTHING}
    kwargs.update(values)
    return cls(**kwargs)
