"""The axis ranges of the Loss and accuracy panel: they follow the data in jumps, not every
frame (a new range re-lays the axes out and makes every curve take its points again), and a
learner's zoom stays until the plot's "A" button hands the ranges back."""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg

from .metric_axes import loss_axis_range
from .widgets.stepped_ranges import grown_end

TIGHTEN_WAIT_S = 2.0      # while training runs, a y axis that could be tighter waits this long
#                           for an x-axis growth, which repaints the plot anyway
ROOM_SECONDS = 2.0        # while training runs, a growing x axis has room for this long at least
MAX_ROOM = 3.0            # ... but at most this many times the data: a third of the plot filled


def paced_minimum(last: float, pace: float) -> float:
    """The least end for an iteration axis from 0 that grows to show ``last``: room for
    ROOM_SECONDS at ``pace`` iterations a second (up to MAX_ROOM times the data), 200 at least."""
    return max(200.0, min(last + ROOM_SECONDS * max(pace, 0.0), MAX_ROOM * last))


class StepPace:
    """How many iterations a second the run being drawn makes, over the last ``window``
    seconds of frames (a fast net's x axis then grows by more than half again at a time, so
    that it does not jump two or three times a second: the toy net makes ~10 000 iterations
    a second, and its axis grew 6 times in its first 4 seconds)."""

    def __init__(self, window: float = 1.0, clock: Callable[[], float] = time.monotonic):
        self.window, self._clock = window, clock
        self._seen: deque[tuple[float, float]] = deque()

    def update(self, step: float) -> float:
        """Iterations a second, now that the newest is ``step``; 0 until known."""
        now = self._clock()
        seen = self._seen
        if seen and step < seen[-1][1]:
            seen.clear()                              # a new run
        seen.append((now, float(step)))
        while len(seen) > 2 and now - seen[1][0] >= self.window:
            seen.popleft()
        (t0, s0), (t1, s1) = seen[0], seen[-1]
        return (s1 - s0) / (t1 - t0) if t1 > t0 else 0.0

    def reset(self) -> None:
        self._seen.clear()


class MetricRanges:
    """x (shared by both plots), the loss axis and the accuracy axis's bottom."""

    def __init__(self, loss_plot: pg.PlotItem, acc_plot: pg.PlotItem,
                 clock: Callable[[], float] = time.monotonic):
        self.loss_plot, self.acc_plot = loss_plot, acc_plot
        self.acc_bottom = 0.0
        self.x_max = 0.0
        self.y_range: tuple[float, float] | None = None
        self.user_zoomed = False
        self._clock = clock
        self._grew = False                   # the x axis grew at this frame
        self._tighter_since: dict[str, float] = {}   # axis -> since when it could be tighter

    def reset(self) -> None:
        """Follow the data again from scratch (a new run, the "A" button)."""
        self._tighter_since.clear()
        self.user_zoomed = False
        self.x_max = 0.0
        self.y_range = None
        self.set_acc_bottom(0.0, force=True)

    def refit(self, x: bool = True) -> None:
        """Fit the loss axis afresh at the next frame (other runs shown, a log axis), and the
        x axis too if ``x`` and the learner has not zoomed."""
        if x and not self.user_zoomed:
            self.x_max = 0.0
        self.y_range = None

    def grow_x(self, last: float, follow_later: bool = False, pace: float = 0.0) -> bool:
        """Follow the data in jumps (half again as much room each time) rather than every
        frame, so the axes are not re-laid-out 10 times a second; while training runs at
        ``pace`` iterations a second, with room for ROOM_SECONDS of it (up to MAX_ROOM times
        the data). A user's zoom stays. True if the x axis grew. ``follow_later``: the
        accuracy plot (whose x range is linked to the loss plot's) keeps its range until
        ``follow_x``: a growth repaints a plot whole, and painted one at a time, each pauses
        the event loop half as long."""
        end = None if self.user_zoomed else grown_end(last, self.x_max, minimum=paced_minimum(last, pace))
        self._grew = end is not None
        if end is None:
            return False
        self.x_max = end
        # (pyqtgraph tells linked views of a new range when it next lays the view out)
        self.acc_plot.vb.blockLink(follow_later)
        self.loss_plot.setXRange(0, self.x_max, padding=0.02)
        self.loss_plot.vb.updateMatrix()     # the new transform now, not during the paint,
        return True                          # which would then ask for a second one

    def follow_x(self) -> None:
        """The accuracy plot takes the loss plot's x range (after ``grow_x(follow_later=True)``)."""
        self.acc_plot.vb.blockLink(False)
        self.acc_plot.vb.linkedXChanged()
        self.acc_plot.vb.updateMatrix()

    def _now_or_later(self, axis: str, tighter: bool, wait: bool) -> bool:
        """Whether to apply a new range of ``axis`` now. One that only makes the axis tighter
        (every point is still shown without it) waits, while ``wait`` (training runs), for an
        x-axis growth, up to TIGHTEN_WAIT_S: each change repaints the plot whole."""
        if not (tighter and wait) or self._grew:
            self._tighter_since.pop(axis, None)
            return True
        since = self._tighter_since.setdefault(axis, self._clock())
        if self._clock() - since < TIGHTEN_WAIT_S:
            return False
        del self._tighter_since[axis]
        return True

    def fit_acc(self, batch_acc: np.ndarray, steps: np.ndarray, epochs: dict, late_acc_min: float,
                wait: bool = False) -> None:
        """0–100% at first; once the second half of the run is all above 60%, from a round
        number below it up to 100%, so that the late, small gains can be seen (the start of
        the curve then runs in from below). ``batch_acc``: the batch accuracy's moving
        average (0–1) at ``steps``; ``epochs``: the epoch series. A user's zoom stays.
        ``wait``: a higher bottom may wait (``_now_or_later``)."""
        if self.user_zoomed or len(batch_acc) < 200:
            return
        half = steps[len(batch_acc) // 2]
        late = epochs["step"] >= half
        values = np.concatenate([[100 * batch_acc[len(batch_acc) // 2:].min()]] +
                                [100 * epochs[k][late] for k in ("train_acc", "val_acc", "test_acc")])
        values = values[np.isfinite(values)]
        low = min(float(values.min()) if values.size else 0.0, late_acc_min)
        bottom = 0.0 if low < 60 else 10 * np.floor((low - 3) / 10)
        if bottom == self.acc_bottom:
            self._tighter_since.pop("acc", None)
        elif self._now_or_later("acc", bottom > self.acc_bottom, wait):
            self.set_acc_bottom(bottom)

    def set_acc_bottom(self, bottom: float, force: bool = False) -> None:
        if force or bottom != self.acc_bottom:
            self.acc_bottom = bottom
            self.acc_plot.setYRange(bottom, 100, padding=0.02)
            self.acc_plot.vb.updateMatrix()  # (now, not while painting: one paint)

    def fit_loss(self, values: list[np.ndarray], log: bool, wait: bool = False) -> None:
        """Loss axis from 0 to a round number above the highest of ``values`` (on a log axis:
        whole decades), changed only when the curve outgrows it or falls below a third of it,
        so the axis is not redrawn every frame. A user's zoom stays. ``wait``: a tighter
        range may wait (``_now_or_later``)."""
        if self.user_zoomed:
            return
        new = loss_axis_range(np.concatenate(values), log, self.y_range)
        if new is None or new == self.y_range:
            self._tighter_since.pop("loss", None)
            return
        old = self.y_range
        tighter = old is not None and old[0] <= new[0] and new[1] <= old[1]
        if self._now_or_later("loss", tighter, wait):
            self.y_range = new
            self.loss_plot.setYRange(*new, padding=0.02)
            self.loss_plot.vb.updateMatrix()
