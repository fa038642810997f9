"""Small-cell protection for tables with margins (statistical disclosure control).

Primary suppression hides every cell below the threshold.  Secondary suppression then
hides more cells until no row or column equation (cells + total) has exactly one hidden
item, so a hidden value cannot be computed back from the totals shown.  Margins and the
grand total count as *known* — they are often stated elsewhere in the same report (the
"N = 180 beside 177 shown" failure) — so protection never relies on hiding them, except
that a margin below the threshold is itself hidden and its line merged away.
"""

from __future__ import annotations

from attrs import define, field


@define
class Protected:
    rows: list[str]
    cols: list[str]
    cells: list[list[int]]
    hidden: set[tuple[int, int]] = field(factory=set)  # interior cells not shown
    primary: int = 0  # hidden because below the threshold
    secondary: int = 0  # hidden so that a primary one cannot be recomputed
    hidden_rows: set[int] = field(factory=set)  # whole rows whose total is below the threshold
    hidden_cols: set[int] = field(factory=set)

    @property
    def row_totals(self) -> list[int]:
        return [sum(r) for r in self.cells]

    @property
    def col_totals(self) -> list[int]:
        return [sum(r[j] for r in self.cells) for j in range(len(self.cols))]

    @property
    def total(self) -> int:
        return sum(self.row_totals)

    def shown(self, i: int, j: int) -> int | None:
        return None if (i, j) in self.hidden else self.cells[i][j]

    def row_total_shown(self, i: int) -> int | None:
        return None if i in self.hidden_rows else self.row_totals[i]

    def col_total_shown(self, j: int) -> int | None:
        return None if j in self.hidden_cols else self.col_totals[j]


def protect(rows: list[str], cols: list[str], cells: list[list[int]], threshold: int) -> Protected:
    p = Protected(rows, cols, [list(r) for r in cells])
    n_rows, n_cols = len(rows), len(cols)
    for i in range(n_rows):
        for j in range(n_cols):
            if 0 < cells[i][j] < threshold:
                p.hidden.add((i, j))
    p.primary = len(p.hidden)
    # A line whose total is below the threshold is a small group however it is split.
    for i, t in enumerate(p.row_totals):
        if 0 < t < threshold:
            p.hidden_rows.add(i)
            p.hidden.update((i, j) for j in range(n_cols) if cells[i][j] > 0)
    for j, t in enumerate(p.col_totals):
        if 0 < t < threshold:
            p.hidden_cols.add(j)
            p.hidden.update((i, j) for i in range(n_rows) if cells[i][j] > 0)
    _protect_margins(p)
    _secondary(p)
    p.secondary = len(p.hidden) - p.primary
    return p


def _protect_margins(p: Protected) -> None:
    # the margin equations (row totals = grand total, col totals = grand total) must not
    # let a hidden margin be recomputed either
    for hidden, totals in ((p.hidden_rows, p.row_totals), (p.hidden_cols, p.col_totals)):
        if len(hidden) == 1:
            candidates = sorted((t, k) for k, t in enumerate(totals) if k not in hidden and t > 0)
            if candidates:
                hidden.add(candidates[0][1])
    for i in p.hidden_rows:
        p.hidden.update((i, j) for j in range(len(p.cols)) if p.cells[i][j] > 0)
    for j in p.hidden_cols:
        p.hidden.update((i, j) for i in range(len(p.rows)) if p.cells[i][j] > 0)


def _secondary(p: Protected) -> None:
    n_rows, n_cols = len(p.rows), len(p.cols)
    changed = True
    while changed:
        changed = False
        lines = [[(i, j) for j in range(n_cols)] for i in range(n_rows) if i not in p.hidden_rows]
        lines += [[(i, j) for i in range(n_rows)] for j in range(n_cols) if j not in p.hidden_cols]
        for line in lines:
            hidden = [c for c in line if c in p.hidden]
            if len(hidden) != 1:
                continue
            # hide the smallest other cell of the line; a zero only when nothing else is left
            others = sorted((p.cells[i][j] == 0, p.cells[i][j], (i, j)) for i, j in line if (i, j) not in p.hidden)
            if others:
                p.hidden.add(others[0][2])
                changed = True
