"""A bar chart in the terminal (textual-plotext): for what people would rather look at
than read — deadlines by month here; lateness by week, turnout through polling day and
the title pipeline in the plugins."""

from __future__ import annotations

from collections.abc import Sequence

from textual_plotext import PlotextPlot


class BarChart(PlotextPlot):
    """Labelled bars; call :meth:`show` with the labels and values."""

    DEFAULT_CSS = """
    BarChart { height: 14; }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.labels: tuple[str, ...] = ()
        self.values: tuple[int, ...] = ()

    def show(self, labels: Sequence[str], values: Sequence[int]) -> None:
        self.labels, self.values = tuple(labels), tuple(values)
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(self.title)
        if self.labels:
            plt.bar(list(self.labels), list(self.values))
        self.refresh()
