"""The steps tab: a participants × rounds grid, distributions, transitions.

The grid takes typed levels only in its edit mode (Enter on a cell; Esc leaves it): outside
it a digit means what it means on every tab (``1`` the overview), never a level. The same
measurements are records the app edits in the tables above (``records.py``).

Imported only when the TUI builds the tab.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static
from textual_plotext import PlotextPlot

from lilla_ratten_steps.compute import Steps
from lilla_ratten_steps.section import Measurement, StepsSection
from lilla_ratten_steps.text import N_, _

NAME = "steps"


class StepsPane(Vertical):
    DEFAULT_CSS = """
    StepsPane { height: auto; }
    StepsPane DataTable { height: auto; max-height: 16; margin-bottom: 1; }
    StepsPane PlotextPlot { height: 14; }
    StepsPane .title { text-style: bold; padding: 0 1; }
    StepsPane.editing #grid-title { color: $warning; }
    """
    BINDINGS = [
        *(Binding(str(d), f"set_level({d})", show=False) for d in range(10)),
        Binding("x", "clear", N_("Clear cell")),
        Binding("escape", "stop_editing", N_("Stop typing levels")),
    ]

    def __init__(self, context) -> None:
        super().__init__()
        self.context = context
        self.editing = False  # typing levels into the grid: only after Enter on a cell

    def compose(self) -> ComposeResult:
        yield Label(self._title(), id="grid-title", classes="title")
        yield DataTable(id="grid", cursor_type="cell")
        yield Static("", id="distribution")
        yield PlotextPlot(id="chart")
        yield Label(_("Transitions between the first and the last round"), classes="title")
        yield DataTable(id="transitions", cursor_type="none")

    def _title(self) -> str:
        if self.context.read_only:  # the review: no entry keys, so none are named
            return _("Levels per participant and round (– = not measured)")
        if self.editing:
            return _("Typing levels: a digit sets the cell, x clears it, Esc stops (– = not measured)")
        return _("Levels per participant and round: Enter on a cell to type levels (– = not measured)")

    def on_data_table_cell_selected(self, event) -> None:
        if event.data_table.id == "grid" and not self.context.read_only:
            event.stop()
            self._edit(True)

    def _edit(self, on: bool) -> None:
        self.editing = on
        self.query_one("#grid-title", Label).update(self._title())
        self.set_class(on, "editing")
        self.refresh_bindings()

    def action_stop_editing(self) -> None:
        from textual.actions import SkipAction

        if not self.editing:
            raise SkipAction()  # Esc means what it means elsewhere
        self._edit(False)

    def on_descendant_blur(self, event) -> None:
        if self.editing and event.widget.id == "grid":  # left the grid: no more typing into it
            self._edit(False)

    def on_mount(self) -> None:
        self.context.on_change(self.redraw)
        self.redraw()

    def _section(self) -> StepsSection:
        return self.context.section(NAME) or StepsSection()

    def redraw(self) -> None:
        section = self._section()
        steps = Steps(section)
        grid = self.query_one("#grid", DataTable)
        where = grid.cursor_coordinate
        grid.clear(columns=True)
        grid.add_column(_("Participant"), key="participant")
        grid.add_column(_("Household"), key="household")
        plain = self.context.plain  # the file's text is text, never markup
        for r in steps.rounds:
            grid.add_column(plain(r.id), key=r.id)
        measured = {r.id: steps.measured(r.id) for r in steps.rounds}
        for p in section.participants:
            cells = [measured[r.id].get(p.id) for r in steps.rounds]
            grid.add_row(plain(p.id), plain(p.household), *(plain("–" if c is None else str(c)) for c in cells), key=p.id)
        if grid.row_count:
            grid.cursor_coordinate = where if where.row < grid.row_count else grid.cursor_coordinate
        main = steps.main_rounds()
        plt = self.query_one("#chart", PlotextPlot).plt
        plt.clear_data()
        plt.clear_figure()
        trans = self.query_one("#transitions", DataTable)
        trans.clear(columns=True)
        if len(main) >= 1:
            first, last = main[0], main[-1]
            d1, d2 = steps.distribution(first.id), steps.distribution(last.id)
            values = section.scale.values()
            text = "  ".join(f"{v}: {d1.counts.get(v, 0)} → {d2.counts.get(v, 0)}" for v in values)
            self.query_one("#distribution", Static).update(plain(
                _("{first} (n={n1}) → {last} (n={n2}):  ").format(first=first.id, n1=d1.n, last=last.id, n2=d2.n) + text
            ))
            plt.multiple_bar([str(v) for v in values], [[d1.counts.get(v, 0) for v in values], [d2.counts.get(v, 0) for v in values]],
                             labels=[first.id, last.id])
            plt.title(_("Participants per level"))
            matrix = steps.transitions(first.id, last.id)
            trans.add_column(plain(f"{first.id} \\ {last.id}"))
            for v in values:
                trans.add_column(plain(str(v)))
            for a in values:
                trans.add_row(plain(str(a)), *(plain(str(matrix[a][b])) for b in values))
        self.query_one("#chart", PlotextPlot).refresh()

    def _cell(self) -> tuple[str, str] | None:
        grid = self.query_one("#grid", DataTable)
        if grid.row_count == 0:
            return None
        key = grid.coordinate_to_cell_key(grid.cursor_coordinate)
        if key.column_key.value in ("participant", "household"):
            return None
        return key.row_key.value, key.column_key.value

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # only in the grid's edit mode (and never in the steering group's read-only review):
        # otherwise a digit goes on to the screen, where it changes tabs
        if action in ("set_level", "clear", "stop_editing"):
            return self.editing and not self.context.read_only
        return True

    def action_set_level(self, level: int) -> None:
        cell = self._cell()
        if cell is None or self.context.read_only:
            return
        section = self._section()
        if level not in section.scale.values():
            self.context.notify(_("{level} is not on the scale").format(level=level), warning=True)
            return
        participant, round_id = cell
        section.measurements = [m for m in section.measurements if not (m.participant == participant and m.round == round_id and m.domain is None)]
        section.measurements.append(Measurement(participant=participant, round=round_id, level=level))
        self.context.store(NAME, section, _("{participant} in {round}: level {level}").format(participant=participant, round=round_id, level=level))

    def action_clear(self) -> None:
        cell = self._cell()
        if cell is None or self.context.read_only:
            return
        section = self._section()
        participant, round_id = cell
        section.measurements = [m for m in section.measurements if not (m.participant == participant and m.round == round_id and m.domain is None)]
        self.context.store(NAME, section, _("{participant} in {round}: cleared").format(participant=participant, round=round_id))
