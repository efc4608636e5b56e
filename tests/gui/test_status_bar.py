"""The training status: samples/s over the last clock period, elapsed time only while running."""
import numpy as np
from PySide6.QtWidgets import QStatusBar

from gui.status_bar import TrainingStatus, fmt_time


class Clock:
    t = 100.0

    def __call__(self):
        return self.t


def steps(epoch, last_step, progress, n, batch):
    return {"epoch": np.array([epoch]), "step": np.array([last_step]), "progress": np.array([progress]),
            "batch_size": np.full(n, batch)}


def test_rate_elapsed_and_reset(qtbot):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    clock = Clock()
    status = TrainingStatus(bar, clock=clock)
    status.clock.stop()                       # the test refreshes by hand
    L = status.labels
    assert L["speed"].text() == "— samples/s" and L["elapsed"].text() == "elapsed 0:00"
    status.set_state("running")
    status.refresh()                          # marks the start of a rate period
    status.add_steps(steps(2, 150, 0.25, 100, 64))
    clock.t += 0.5
    status.refresh()
    assert L["speed"].text() == "12,800 samples/s"      # 6400 samples in 0.5 s
    assert (L["epoch"].text(), L["step"].text()) == ("epoch 2", "step 150")
    assert status.progress.value() == 250
    status.set_state("paused")
    clock.t += 60                              # paused: the clock of elapsed time stands
    status.refresh()
    assert L["elapsed"].text() == "elapsed 0:00" and L["speed"].text() == "— samples/s"
    status.set_state("running")
    clock.t += 3725
    status.refresh()
    assert L["elapsed"].text() == "elapsed 1:02:05"
    width = L["step"].width()
    status.add_steps(steps(9, 12_345_678, 0.5, 1, 64))
    status.refresh()
    assert L["step"].width() == width          # fixed size: no relayout of the bar
    status.reset()
    assert (L["epoch"].text(), L["step"].text(), L["elapsed"].text()) == ("epoch 0", "step 0", "elapsed 0:00")


def test_fmt_time():
    shown = [fmt_time(s) for s in (0, 59.9, 61, 3600, 36000 + 62)]
    assert shown == ["0:00", "0:59", "1:01", "1:00:00", "10:01:02"]
