"""Milestones on a time axis: planned (o) against done (x), late ones joined by a line.

Imported only when the Milestones tab is first shown: plotting costs nothing at start-up.
"""

from __future__ import annotations

from datetime import date

from textual_plotext import PlotextPlot

from lilla_ratten.i18n import _


def time_span(project) -> tuple[date, date]:
    """The project's period, widened to every milestone date, so the axis reads as the calendar."""
    dates = [project.project.start, project.project.end]
    for m in project.milestones:
        dates += [m.planned] + ([m.done] if m.done else [])
    return min(dates), max(dates)


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
        # the lines first, so the o and x drawn after them stay visible
        for m, y in zip(milestones, ys, strict=True):
            # an open milestone is late until today, or until the project's end if that came first
            until = min(as_of, project.project.end)
            end = m.done or (until if until > m.planned else None)
            if end and end != m.planned:
                plt.plot([m.planned.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d")], [y, y], marker="dot")
        # no legend box: the title says what o and x are, and a legend would hide the first rows
        planned = [m.planned.strftime("%Y-%m-%d") for m in milestones]
        plt.scatter(planned, ys, marker="o")
        done = [(m.done.strftime("%Y-%m-%d"), y) for m, y in zip(milestones, ys, strict=True) if m.done]
        if done:
            plt.scatter([d for d, _y in done], [y for _d, y in done], marker="x")
        first, last = time_span(project)
        if first == last:  # a one-day project: a week either side, so the axis is not degenerate
            first, last = date.fromordinal(first.toordinal() - 7), date.fromordinal(last.toordinal() + 7)
        plt.xlim(first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d"))
        plt.ylim(0.5, len(milestones) + 0.5)  # no milestone on the frame
        plt.yticks(ys, [m.id for m in milestones])
        plt.title(_("Milestones: planned (o) and done (x)"))
        self.refresh()
