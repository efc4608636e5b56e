"""The training part of the status bar: epoch, step, samples/s, elapsed time and a
progress bar for the current epoch.

Steps only update numbers; the labels are refreshed by a 4 Hz clock. The labels
have fixed sizes, wide enough for long runs: a label of fixed size does not ask the
status bar to lay itself out again each time its text changes (the GUI thread's
time is training's time, see gui/throttle.py).
"""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from .run_state import RunState

CLOCK_MS = 250


class TrainingStatus(QObject):
    def __init__(self, bar: QStatusBar, clock=time.perf_counter):
        super().__init__(bar)
        self._now = clock
        self.labels = {k: QLabel() for k in ("epoch", "step", "speed", "elapsed")}
        widest = {"epoch": self.tr("epoch {0}").format(9999),
                  "step": self.tr("step {0}").format(99999999),
                  "speed": self.tr("{0:,.0f} samples/s").format(9999999),
                  "elapsed": self.tr("elapsed {0}").format("99:59:59")}
        for key, label in self.labels.items():
            label.setObjectName(f"status_{key}")
            size = label.fontMetrics().size(0, widest[key])
            label.setFixedSize(size.width() + 12, max(size.height(), label.sizeHint().height()))
            bar.addPermanentWidget(label)
        self.progress = QProgressBar()
        self.progress.setObjectName("epochProgress")
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(160)
        self.progress.setFormat(self.tr("epoch %p%"))
        bar.addPermanentWidget(self.progress)
        self._rate_mark: float | None = None
        self._samples = 0
        self.reset()
        self.clock = QTimer(self)
        self.clock.setInterval(CLOCK_MS)
        self.clock.timeout.connect(self.refresh)
        self.clock.start()

    def reset(self) -> None:
        """A new network: nothing trained yet."""
        self._elapsed, self._run_started = 0.0, None
        self._last = (0, 0, 0.0)                  # epoch, step, progress of the newest batch
        self._show(0, 0, None, 0.0)

    def set_state(self, state: RunState) -> None:
        """The clock of elapsed time runs only while training runs."""
        now = self._now()
        if state == RunState.RUNNING and self._run_started is None:
            self._run_started = now
        elif state != RunState.RUNNING and self._run_started is not None:
            self._elapsed += now - self._run_started
            self._run_started = None
        self._rate_mark = None

    def add_steps(self, cols: dict) -> None:
        """Only remember: the labels are refreshed by the clock, a few times a second."""
        self._last = (int(cols["epoch"][-1]), int(cols["step"][-1]), float(cols["progress"][-1]))
        self._samples += int(cols["batch_size"].sum())

    def elapsed(self) -> float:
        extra = self._now() - self._run_started if self._run_started is not None else 0.0
        return self._elapsed + extra

    def refresh(self) -> None:
        now = self._now()
        rate = None
        if self._run_started is not None and self._rate_mark is not None and now > self._rate_mark:
            rate = self._samples / (now - self._rate_mark)
        self._rate_mark, self._samples = now, 0
        epoch, step, progress = self._last
        self.progress.setValue(int(1000 * progress))
        self._show(epoch, step, rate, self.elapsed())

    def _show(self, epoch: int, step: int, rate, elapsed: float) -> None:
        L = self.labels
        L["epoch"].setText(self.tr("epoch {0}").format(epoch))
        L["step"].setText(self.tr("step {0}").format(step))
        L["speed"].setText(self.tr("{0:,.0f} samples/s").format(rate) if rate else self.tr("— samples/s"))
        L["elapsed"].setText(self.tr("elapsed {0}").format(fmt_time(elapsed)))


def fmt_time(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
