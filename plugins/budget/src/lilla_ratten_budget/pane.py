"""The budget tab: lines with variances, a chart, a line's transactions, and the ledger import.

Imported only when the TUI builds the tab (Textual and plotext are not loaded by the CLI).
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, Static
from textual_plotext import PlotextPlot

from lilla_ratten import api

from lilla_ratten_budget.compute import kronor, kronor_and_ore, reconcile
from lilla_ratten_budget.importer import LedgerError, apply, plan, read_extract
from lilla_ratten_budget.section import BudgetSection
from lilla_ratten_budget.text import N_, _

NAME = "budget"


class BudgetPane(Vertical):
    DEFAULT_CSS = """
    BudgetPane { height: auto; }
    BudgetPane DataTable { height: auto; max-height: 14; margin-bottom: 1; }
    BudgetPane PlotextPlot { height: 14; }
    BudgetPane #import { height: auto; display: none; }
    BudgetPane #import.open { display: block; }
    BudgetPane .title { text-style: bold; padding: 0 1; }
    """
    BINDINGS = [
        Binding("t", "drill", N_("Transactions")),
        Binding("i", "toggle_import", N_("Import ledger")),
    ]

    def __init__(self, context) -> None:
        super().__init__()
        self.context = context
        self._preview = None

    def compose(self) -> ComposeResult:
        yield Label(_("Budget and outcome per line"), classes="title")
        yield DataTable(id="lines", cursor_type="row")
        yield Static("", id="totals")
        yield Label(_("Transactions of the selected line (t)"), classes="title")
        yield DataTable(id="transactions", cursor_type="row")
        with Vertical(id="import"):
            yield Label(_("Import a ledger extract (SIE 4 or CSV)"), classes="title")
            yield Input(placeholder=_("path to the extract, then Enter for a preview"), id="ledger-path")
            yield Static("", id="preview")
            with Horizontal():
                yield Button(_("Import"), id="do-import", variant="primary", disabled=True)
        yield PlotextPlot(id="chart")

    def on_mount(self) -> None:
        lines = self.query_one("#lines", DataTable)
        lines.add_columns(_("Line"), _("Budget"), _("Outcome"), _("Budget − outcome"), "")
        self.query_one("#transactions", DataTable).add_columns(_("Date"), _("Voucher"), _("Account"), _("Text"), _("Amount"))
        self.context.on_change(self.redraw)
        self.redraw()

    def _section(self) -> BudgetSection:
        return self.context.section(NAME) or BudgetSection()

    def redraw(self) -> None:
        budget = self._section()
        rec = reconcile(budget)
        table = self.query_one("#lines", DataTable)
        table.clear()
        for line in rec.lines:
            flag = "(!)" if rec.flagged(line) else ""
            outcome = api.money(line.outcome) if line.outcome is not None else _("not reported")
            variance = api.money(line.variance) if line.variance is not None else ""
            plain = self.context.plain  # the file's text is text: a line named "[kr]" shows "[kr]"
            table.add_row(*map(plain, (line.name, api.money(line.budget), outcome, variance, flag)), key=line.id)
        unmapped = sum(rec.unmapped.values())
        core = self.context.project.budget
        if not rec.lines and (core.total is not None or core.outcome is not None):
            # no lines yet: the project's budget in total is the one figure, here as on the overview
            self.query_one("#totals", Static).update(self.context.plain(_(
                "No budget lines yet: the budget in total is {budget}, outcome {outcome} (key b). Add lines with a to break it down."
            ).format(budget=api.money(core.total) if core.total is not None else "–",
                     outcome=api.money(core.outcome) if core.outcome is not None else "–")))
            self._chart(rec)
            return
        text = _("Total budget {budget}, outcome {outcome}.").format(
            budget=api.money(rec.budget_total),
            outcome=api.money(rec.outcome_total) if rec.outcome_total is not None else _("incomplete"),
        )
        if unmapped:
            text += " " + _("{amount} in ledger rows is not mapped to any line.").format(amount=api.money(kronor(unmapped)))
        text += " " + _("(!) = variance beyond {n} per cent.").format(n=rec.tolerance)
        self.query_one("#totals", Static).update(self.context.plain(text))
        self._chart(rec)

    def _chart(self, rec) -> None:
        plt = self.query_one("#chart", PlotextPlot).plt
        plt.clear_data()
        plt.clear_figure()
        if rec.lines:
            names = [line.id for line in rec.lines]
            plt.multiple_bar(names, [[line.budget for line in rec.lines], [line.outcome or 0 for line in rec.lines]],
                             labels=[_("budget"), _("outcome")])
            plt.title(_("Budget and outcome per line (kr)"))
        self.query_one("#chart", PlotextPlot).refresh()

    def action_drill(self) -> None:
        lines = self.query_one("#lines", DataTable)
        if lines.row_count == 0:
            return
        line_id = lines.coordinate_to_cell_key(lines.cursor_coordinate).row_key.value
        rows = self.query_one("#transactions", DataTable)
        rows.clear()
        for t in self._section().transactions:
            if t.line == line_id:
                cells = (str(t.date), t.voucher or "", t.account, t.text, kronor_and_ore(t.amount))
                rows.add_row(*map(self.context.plain, cells))
        rows.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "lines":
            self.action_drill()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # read-only (steering-group review): the import is neither shown nor run
        return not (self.context.read_only and action == "toggle_import")

    def action_toggle_import(self) -> None:
        if self.context.read_only:
            return
        box = self.query_one("#import")
        box.toggle_class("open")
        if box.has_class("open"):
            self.query_one("#ledger-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        budget = self._section()
        try:
            preview = plan(budget, read_extract(Path(event.value.strip())), Path(event.value.strip()).name)
        except (LedgerError, OSError, ValueError) as exc:
            self.query_one("#preview", Static).update(self.context.plain("✗ " + str(exc)))
            self.query_one("#do-import", Button).disabled = True
            return
        names = {line.id: line.name for line in budget.lines}
        lines = [_("{new} new rows, {dup} already imported, {bal} balance-sheet rows skipped").format(
            new=len(preview.new), dup=preview.duplicates, bal=preview.skipped_balance)]
        lines += [f"  {names.get(k, k)}: {api.money(kronor(v))}" for k, v in sorted(preview.per_line.items())]
        lines += ["  " + _("unmapped account {account}: {amount}").format(account=a, amount=api.money(kronor(v))) for a, v in sorted(preview.unmapped.items())]
        self.query_one("#preview", Static).update(self.context.plain("\n".join(lines)))
        self._preview = (event.value.strip(), preview)
        self.query_one("#do-import", Button).disabled = not preview.new

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id != "do-import" or self._preview is None:
            return
        path, preview = self._preview
        budget = self._section()
        apply(budget, plan(budget, read_extract(Path(path)), Path(path).name))
        self.context.store(NAME, budget, _("imported {n} ledger rows").format(n=len(preview.new)))
        self.context.notify(_("Imported {n} rows; save with Ctrl+S.").format(n=len(preview.new)))
        self._preview = None
        self.query_one("#do-import", Button).disabled = True
        self.query_one("#import").remove_class("open")
