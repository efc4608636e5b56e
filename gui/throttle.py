"""Live drawing on a budget, shared by every panel.

The training thread and the GUI thread share one GIL: every millisecond the GUI
thread spends in Python (pyqtgraph paints from Python) is a millisecond training
cannot run. So while training runs, the panels' redraws go through one
``DrawBudget``: it measures the GUI thread's CPU time (everything it does, signal
handling and painting included) and lets the next redraw run only while that
time stays under a share of the wall-clock time (5% by default; View → Live
drawing while training offers 15% and 40%, gui/live_drawing_menu.py). Redraws wait
in a queue, oldest first, so every visible panel gets its turn; each panel has
at most one redraw waiting. With one plot visible that means smooth updates; with
twelve panels floating it means each updates less often, and training keeps its
speed (see ``python -m gui.bench``).

When training is not running the budget steps aside: a request runs at once.

``LivePoller`` is the panels' shared clock for asking the worker for weights or
statistics: it ticks only while its panel is visible, training runs and the budget
is not deep in debt, and once more when a run starts and when it pauses or stops.
"""
from __future__ import annotations

import time
from collections import Counter, OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from .run_state import RunState

DEFAULT_SHARE = 0.05          # of wall-clock time the GUI thread may use while training runs
MAX_CREDIT_S = 0.025          # unspent time saved up for one larger frame
MAX_DEBT_S = 0.05             # a redraw is paid back, a one-off (first layout after Start) forgiven
GAP_MS = 20                   # at least this long between two redraws (their paint lands in between)


class DrawBudget(QObject):
    """Runs queued redraws while the GUI thread's CPU share stays under ``share``."""

    def __init__(self, share: float = DEFAULT_SHARE, parent: QObject | None = None,
                 cpu_clock: Callable[[], float] = time.thread_time,
                 wall_clock: Callable[[], float] = time.perf_counter):
        super().__init__(parent)
        self._cpu_clock, self._wall_clock = cpu_clock, wall_clock     # tests pass their own
        self._share = float(share)
        self._active = False
        self._queue: OrderedDict[Callable[[], None], None] = OrderedDict()
        self._credit = 0.0
        self._cpu = self._wall = 0.0
        self.frames: Counter[str] = Counter()   # redraws run while active, by panel class
        self.frame_cpu: Counter[str] = Counter()    # their GUI-thread CPU seconds, by panel class
        self._open: tuple[str, float] | None = None  # the last redraw: its paint follows it
        self._timer = QTimer(self)              # runs only while something waits: no idle wake-ups
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._closer = QTimer(self)             # ends a redraw's bill once its paint is done
        self._closer.setSingleShot(True)
        self._closer.setInterval(GAP_MS)
        self._closer.timeout.connect(self._close_frame)

    # -- settings ------------------------------------------------------------------------------
    @property
    def share(self) -> float:
        return self._share

    def set_share(self, share: float) -> None:
        """Fraction of the time (0.01–1) the GUI thread may use while training runs."""
        if not 0.01 <= share <= 1.0:
            raise ValueError(f"drawing share must be between 0.01 and 1, not {share!r}")
        self._share = float(share)

    @property
    def active(self) -> bool:
        return self._active

    def set_active(self, active: bool) -> None:
        """On while training runs; off runs everything that waits, then steps aside."""
        if active == self._active:
            return
        self._active = active
        if active:
            self._credit = MAX_CREDIT_S
            self._cpu, self._wall = self._cpu_clock(), self._wall_clock()
            self.frames, self.frame_cpu, self._open = Counter(), Counter(), None
        else:
            self._timer.stop()
            while self._queue:
                fn, _ = self._queue.popitem(last=False)
                _call(fn)

    # -- requests ------------------------------------------------------------------------------
    def request(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` now (not training) or when its turn comes (training)."""
        if not self._active:
            _call(fn)
        elif fn not in self._queue:
            self._queue[fn] = None
            self._schedule(0)

    def cancel(self, fn: Callable[[], None]) -> None:
        self._queue.pop(fn, None)

    def pending(self) -> int:
        return len(self._queue)

    def has_room(self) -> bool:
        """False while the GUI thread is deep in debt (after an expensive frame): pollers
        skip a tick then rather than ask the worker for weights nobody can draw yet."""
        if not self._active:
            return True
        self._account()
        return self._credit > -MAX_CREDIT_S

    # -- the clock -------------------------------------------------------------------------------
    def _account(self) -> None:
        """Earn ``share`` of the wall-clock time since the last call, pay the CPU time used."""
        cpu, wall = self._cpu_clock(), self._wall_clock()
        self._credit += self._share * (wall - self._wall) - (cpu - self._cpu)
        self._credit = min(max(self._credit, -MAX_DEBT_S), MAX_CREDIT_S)
        self._cpu, self._wall = cpu, wall

    def _schedule(self, min_ms: int) -> None:
        """Wake up when the credit will have turned positive, if anything waits."""
        if not self._active or not self._queue or self._timer.isActive():
            return
        self._account()
        wait_ms = 0 if self._credit > 0 else 1000 * -self._credit / self._share
        self._timer.start(max(min_ms, int(wait_ms) + 1))

    def _tick(self) -> None:
        self._timer.stop()                          # (when called early) scheduled anew below
        self._account()
        if self._credit > 0 and self._queue:        # one redraw at a time: no long stalls
            self._close_frame()
            fn, _ = self._queue.popitem(last=False)
            name = type(getattr(fn, "__self__", fn)).__name__
            self.frames[name] += 1
            self._open = (name, self._cpu)
            _call(fn)
            self._closer.start()
        self._schedule(GAP_MS)

    def _close_frame(self) -> None:
        """Bill the GUI thread's CPU time since the last redraw began (its paint included,
        and anything else the thread did meanwhile) to that redraw's panel."""
        if self._open is not None:
            name, cpu = self._open
            self.frame_cpu[name] += self._cpu_clock() - cpu
            self._open = None


def _call(fn: Callable[[], None]) -> None:
    try:
        fn()
    except RuntimeError as e:           # the panel was deleted while its redraw waited
        if "already deleted" not in str(e):
            raise


_budget: DrawBudget | None = None


def draw_budget() -> DrawBudget:
    """The application's one budget (created on first use)."""
    global _budget
    if _budget is None:
        _budget = DrawBudget(parent=QCoreApplication.instance())
        _budget.destroyed.connect(_forget)
    return _budget


def _forget(*_) -> None:
    global _budget
    _budget = None


class LivePoller(QObject):
    """Emits ``wanted`` every ``interval_ms`` while its widget is visible, training runs
    and the draw budget has room.

    Also once when training starts (where it starts from), once when it stops or pauses
    (so the last weights are shown), and once when the widget becomes visible after
    training ran while it was hidden. It watches the widget's show and hide events
    (which Qt also delivers when a parent such as a tabbed-away dock is hidden or
    shown) through an event filter, before the widget's own handlers see them.
    """

    wanted = Signal()

    def __init__(self, widget: QWidget, interval_ms: int = 333):
        super().__init__(widget)
        self._widget = widget
        self._running = False
        self._stale = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self._widget:
            if event.type() == QEvent.Type.Show:
                self.shown()
            elif event.type() == QEvent.Type.Hide:
                self.hidden()
        return False

    def set_interval(self, ms: int) -> None:
        self.timer.setInterval(int(ms))

    def set_state(self, state: RunState) -> None:
        was_running, self._running = self._running, state == RunState.RUNNING
        if self._running and not self._widget.isVisible():
            self._stale = True
        if was_running != self._running and self._widget.isVisible():
            self.wanted.emit()          # the state the run starts from, or where it stopped
        self._sync()

    def shown(self) -> None:
        if self._stale:
            self._stale = False
            self.wanted.emit()
        self._sync()

    def hidden(self) -> None:
        if self._running:
            self._stale = True
        self._sync()

    def _sync(self) -> None:
        if self._running and self._widget.isVisible():
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()

    def _tick(self) -> None:
        if self._running and self._widget.isVisible() and draw_budget().has_room():
            self.wanted.emit()
