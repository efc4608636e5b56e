"""How many layer statistics a second a run computes: as many as the panels shown want.

Statistics cost the GUI process CPU time (a CNN's ~20 ms each, at 6 a second a tenth of a
core) and, on two cores, some of training's speed. A panel that uses them says how many a
second it wants now (``stats_rate()``): the Distributions panel draws them live while it is
shown (as often as frames), the coach reads them for its rules, shown or not (once a second is
plenty). ``StatsRate`` asks them whenever one of them is shown or hidden and tells the
controller (``stats_rate_changed``), which tells a running worker.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject

IDLE_RATE = 1.0        # a second when no panel asks for any (the run's end has its own)


class StatsRate(QObject):
    def __init__(self, panels: Iterable, controller, parent: QObject | None = None):
        super().__init__(parent)
        self._panels = [p for p in panels if hasattr(p, "stats_rate")]
        self._controller = controller
        controller.stats_rate_of = self.rate
        for panel in self._panels:
            panel.installEventFilter(self)

    def rate(self) -> float:
        return max((float(p.stats_rate()) for p in self._panels), default=IDLE_RATE) or IDLE_RATE

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._controller.stats_rate_changed()
        return False
