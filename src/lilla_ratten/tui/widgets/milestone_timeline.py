"""Milestones on a time axis: planned (o) against done (x), late ones joined by a line.

Imported only when the Milestones tab is first shown: plotting costs nothing at start-up.
"""

from __future__ import annotations

from datetime import date

from textual_plotext import PlotextPlot

from lilla_ratten.i18n import _


class MilestoneTimeline(PlotextPlot):
    DEFAULT_CSS = "MilestoneTimeline { height: 14; }"

    def show(self, project, as_of: date) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        milestones = project.milestones
        if not milestones:
            self.refresh()
            return
        plt.date_form("Y-m-d")
        ys = list(range(len(milestones), 0, -1))
        planned = [m.planned.strftime("%Y-%m-%d") for m in milestones]
        plt.scatter(planned, ys, marker="o", label=_("planned"))
        done = [(m.done.strftime("%Y-%m-%d"), y) for m, y in zip(milestones, ys, strict=True) if m.done]
        if done:
            plt.scatter([d for d, _y in done], [y for _d, y in done], marker="x", label=_("done"))
        for m, y in zip(milestones, ys, strict=True):
            # an open milestone is late until today, or until the project's end if that came first
            until = min(as_of, project.project.end)
            end = m.done or (until if until > m.planned else None)
            if end and end != m.planned:
                plt.plot([m.planned.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d")], [y, y], marker="dot")
        plt.yticks(ys, [m.id for m in milestones])
        plt.title(_("Milestones: planned (o) and done (x)"))
        self.refresh()
