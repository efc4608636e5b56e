"""Live drawing at a frame rate, shared by every panel.

Training runs in a process of its own (``gui.worker``), so drawing no longer takes
the interpreter lock from it; but every millisecond the GUI thread spends painting
is a millisecond of a processor core (a 2-core laptop has one for each) and a
millisecond the window answers nothing. So while training runs, the panels'
redraws go through one ``DrawBudget``, which does two things:

- **A frame rate per panel.** A panel asks for a redraw when new data arrived
  (``request``); the budget runs it at once if the panel's last frame is at least
  ``1 / rate`` seconds old, else when it will be (6 frames a second by default, so
  that a panel fed new data 10 times a second measures at least 5 redraws a second;
  View → Live drawing while training offers 2 and 10, gui/live_drawing_menu.py).
  Each panel has at most one redraw waiting, so data that arrives faster than the
  rate is drawn once, newest first; a panel with nothing new does no work.
- **A guard on the cost.** Each frame is timed (the GUI thread's CPU time for the
  redraw call and for the event-loop pass that paints it). Frames are paid from a
  credit that grows by ``share`` of the wall-clock time; while it is spent, frames
  wait (oldest first), so an expensive panel slows down to what the share allows
  instead of slowing training down. Only frames are billed: the GUI thread's other
  work (signals, the status bar) is not the panels' to pay for.

When training is not running the budget steps aside: a request runs at once.

``LivePoller`` is the panels' shared clock for asking the worker for weights or
statistics: it ticks at the budget's frame rate (unless given an interval) while its
panel is visible, training runs and the budget is not in debt, and once more when a
run starts and when it pauses or stops. ``python -m gui.bench`` prints each panel's
frame rate and cost.
"""
from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from .run_state import RunState

DEFAULT_RATE = 6.0            # frames a second per panel while training runs
DEFAULT_SHARE = 0.25          # of wall-clock time that frames (redraw + paint) may use
MAX_CREDIT_S = 0.025          # unspent time saved up for one larger frame
MAX_DEBT_S = 0.05             # a frame is paid back, a one-off (first layout after Start) forgiven
GAP_MS = 8                    # at least this long between two frames: other events run in between


def _name(fn: Callable) -> str:
    return type(getattr(fn, "__self__", fn)).__name__


class DrawBudget(QObject):
    """Runs each panel's redraw at most ``rate`` times a second while training runs, and
    all frames together within ``share`` of the time."""

    def __init__(self, share: float = DEFAULT_SHARE, parent: QObject | None = None,
                 cpu_clock: Callable[[], float] = time.thread_time,
                 wall_clock: Callable[[], float] = time.perf_counter, rate: float = DEFAULT_RATE):
        super().__init__(parent)
        self._cpu_clock, self._wall_clock = cpu_clock, wall_clock     # tests pass their own
        self._share = self._rate = 0.0
        self.set_share(share)
        self.set_rate(rate)
        self._active = False
        self._queue: dict[Callable[[], None], float] = {}   # redraw -> when it may run (wall s)
        self._last: dict[Callable[[], None], float] = {}    # redraw -> when it last ran
        self._credit = 0.0
        self._wall = 0.0
        self.frames: Counter[str] = Counter()      # frames run while active, by panel class
        self.frame_cpu: Counter[str] = Counter()   # their CPU seconds, redraw and paint
        self.call_cpu: Counter[str] = Counter()    # CPU seconds of the redraw calls alone
        self.merged: Counter[str] = Counter()      # requests merged into a frame then drawn
        self._merging: Counter[Callable[[], None]] = Counter()   # ... into one still waiting
        self.costs: defaultdict[str, list[float]] = defaultdict(list)  # each frame's CPU seconds
        self._last_panel: str | None = None
        self._open: tuple[str, float, bool] | None = None   # (panel, CPU s at its start, the rest of
        #                                                      its last frame?): its paint follows
        self._timer = QTimer(self)              # runs only while something waits: no idle wake-ups
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._closer = QTimer(self)             # ends a frame's bill once the event loop painted it
        self._closer.setSingleShot(True)
        self._closer.setInterval(0)
        self._closer.timeout.connect(self._close_frame)

    # -- settings ------------------------------------------------------------------------------
    @property
    def share(self) -> float:
        return self._share

    def set_share(self, share: float) -> None:
        """Fraction of the time (0.01–1) that frames may use while training runs."""
        if not 0.01 <= share <= 1.0:
            raise ValueError(f"drawing share must be between 0.01 and 1, not {share!r}")
        self._share = float(share)

    @property
    def rate(self) -> float:
        return self._rate

    def set_rate(self, rate: float) -> None:
        """Frames a second (0.5–60) each panel may draw while training runs."""
        if not 0.5 <= rate <= 60.0:
            raise ValueError(f"frame rate must be between 0.5 and 60 a second, not {rate!r}")
        self._rate = float(rate)

    @property
    def active(self) -> bool:
        return self._active

    def set_active(self, active: bool) -> None:
        """On while training runs; off runs everything that waits, then steps aside."""
        if active == self._active:
            return
        self._active = active
        self._last.clear()
        if active:
            self._credit = MAX_CREDIT_S
            self._wall = self._wall_clock()
            self.frames, self.frame_cpu, self.call_cpu = Counter(), Counter(), Counter()
            self.merged, self._merging = Counter(), Counter()
            self.costs, self._open = defaultdict(list), None
        else:
            self._timer.stop()
            self._close_frame()
            self._merging.clear()
            while self._queue:
                fn = next(iter(self._queue))
                del self._queue[fn]
                _call(fn)

    # -- requests ------------------------------------------------------------------------------
    def request(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` now (not training), or once its panel's last frame is ``1 / rate`` old."""
        if not self._active:
            _call(fn)
        elif fn in self._queue:
            self._merging[fn] += 1              # the rate held it back: drawn with the newer data
        else:
            self._queue[fn] = self._last.get(fn, float("-inf")) + 1.0 / self._rate
            self._schedule(0)

    def run_part(self, fn: Callable[[], None], panel: str | None = None) -> None:
        """Run ``fn``, the rest of a frame its panel split into event-loop passes of their own
        (a 60 Hz timer then waits for one part, not the whole), billed to that frame: the call
        and the pass that paints it. The panel is ``fn``'s class unless named (``last_panel``:
        the frame run last). Not training: just run it."""
        if not self._active:
            _call(fn)
            return
        self._close_frame()
        self._run(fn, panel or _name(fn), part=True)

    @property
    def last_panel(self) -> str | None:
        """The panel (class name) whose frame or part ran last while training."""
        return self._last_panel

    def cancel(self, fn: Callable[[], None]) -> None:
        """Forget a waiting request (its panel has nothing new to show after all); requests
        merged into it were not held back then, so they are not counted."""
        self._queue.pop(fn, None)
        self._merging.pop(fn, None)

    def pending(self) -> int:
        return len(self._queue)

    def has_room(self) -> bool:
        """False while frames are deep in debt (after an expensive one): pollers skip a
        tick then rather than ask the worker for data nobody can draw yet."""
        if not self._active:
            return True
        self._account()
        return self._credit > -MAX_CREDIT_S

    # -- the clock -------------------------------------------------------------------------------
    def _account(self) -> None:
        """Earn ``share`` of the wall-clock time since the last call."""
        wall = self._wall_clock()
        self._credit = min(self._credit + self._share * (wall - self._wall), MAX_CREDIT_S)
        self._wall = wall

    def _schedule(self, min_ms: int) -> None:
        """Wake up when the next waiting redraw is due and the credit is positive."""
        if not self._active or not self._queue or self._timer.isActive():
            return
        self._account()
        due = min(self._queue.values()) - self._wall
        if self._credit <= 0:
            due = max(due, -self._credit / self._share)
        self._timer.start(max(min_ms, int(1000 * due) + 1 if due > 0 else 0))

    def _tick(self) -> None:
        self._timer.stop()                          # (when called early) scheduled anew below
        self._close_frame()
        self._account()
        if self._credit > 0 and self._queue:
            fn = min(self._queue, key=self._queue.__getitem__)    # the longest due
            if self._queue[fn] <= self._wall:
                del self._queue[fn]
                self._last[fn] = self._wall
                name = _name(fn)
                self.frames[name] += 1
                if fn in self._merging:
                    self.merged[name] += self._merging.pop(fn)
                self._run(fn, name, part=False)     # one frame per tick: no long stalls
        self._schedule(GAP_MS)

    def _run(self, fn: Callable[[], None], name: str, part: bool) -> None:
        """Call ``fn`` and open its bill; the closer ends it once its paint is done."""
        cpu = self._cpu_clock()
        self._last_panel = name
        _call(fn)
        self.call_cpu[name] += self._cpu_clock() - cpu
        self._open = (name, cpu, part)
        self._closer.start()

    def _close_frame(self) -> None:
        """Bill a frame's CPU time, from its redraw call until the event loop has painted it."""
        if self._open is not None:
            name, cpu, part = self._open
            self._open = None
            cost = self._cpu_clock() - cpu
            self.frame_cpu[name] += cost
            if part and self.costs[name]:
                self.costs[name][-1] += cost       # (the rest of that panel's last frame)
            else:
                self.costs[name].append(cost)
            self._credit = max(self._credit - cost, -MAX_DEBT_S)


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
    """Emits ``wanted`` every ``interval_ms`` (by default once a frame at the draw budget's
    rate, read when training starts) while its widget is visible, training runs and the
    draw budget has room.

    Also once when training starts (where it starts from), once when it stops or pauses
    (so the last weights are shown), and once when the widget becomes visible after
    training ran while it was hidden. It watches the widget's show and hide events
    (which Qt also delivers when a parent such as a tabbed-away dock is hidden or
    shown) through an event filter, before the widget's own handlers see them.
    """

    wanted = Signal()

    def __init__(self, widget: QWidget, interval_ms: int | None = None):
        super().__init__(widget)
        self._widget = widget
        self._fixed = interval_ms is not None
        self._running = False
        self._stale = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms if self._fixed else _frame_ms())
        self.timer.timeout.connect(self._tick)
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        # getattr: while a panel is torn down, Python's cycle collector may have cleared this
        # wrapper's attributes before Qt stops sending the widget's events here
        if watched is getattr(self, "_widget", None):
            if event.type() == QEvent.Type.Show:
                self.shown()
            elif event.type() == QEvent.Type.Hide:
                self.hidden()
        return False

    def set_interval(self, ms: int) -> None:
        self._fixed = True
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
                if not self._fixed:
                    self.timer.setInterval(_frame_ms())
                self.timer.start()
        else:
            self.timer.stop()

    def _tick(self) -> None:
        if self._running and self._widget.isVisible() and draw_budget().has_room():
            self.wanted.emit()


def _frame_ms() -> int:
    return max(1, round(1000 / draw_budget().rate))
