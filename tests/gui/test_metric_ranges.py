"""The Loss and accuracy panel's axis ranges (gui.metric_ranges): the x axis grows by half again,
or by seconds of a fast run's iterations; while training runs, a tighter y axis waits for an x
growth (which repaints the plot anyway), at most two seconds."""
import numpy as np
import pyqtgraph as pg
import pytest


def test_step_pace_counts_iterations_a_second_over_its_window():
    from gui.metric_ranges import StepPace
    now = [0.0]
    pace = StepPace(window=1.0, clock=lambda: now[0])
    assert pace.update(0) == 0.0                      # one frame: not known yet
    for k in range(1, 11):                            # 1000 iterations a second, 10 frames a second
        now[0] = k / 10
        rate = pace.update(100 * k)
    assert rate == pytest.approx(1000.0)
    now[0] = 1.1
    assert pace.update(1100 + 1000) == pytest.approx(2000 / 1.0, rel=0.1)   # faster: within a window
    now[0] = 1.2
    assert pace.update(5) == 0.0                      # steps went back: a new run


def test_a_fast_run_grows_the_x_axis_by_seconds_of_iterations_at_most_threefold(qtbot):
    from gui.metric_ranges import MAX_ROOM, ROOM_SECONDS, MetricRanges
    w = pg.GraphicsLayoutWidget()
    qtbot.addWidget(w)
    loss, acc = w.addPlot(row=0, col=0), w.addPlot(row=1, col=0)
    acc.setXLink(loss)
    ranges = MetricRanges(loss, acc)
    assert ranges.grow_x(300, pace=0.0) and ranges.x_max == pytest.approx(450)   # slow: half again
    assert ranges.grow_x(1000, pace=500.0)                                         # seconds' room
    assert ranges.x_max == pytest.approx(1000 + ROOM_SECONDS * 500) and ranges.x_max > 1500
    assert ranges.grow_x(3000, pace=1e6) and ranges.x_max == pytest.approx(MAX_ROOM * 3000)
    assert not ranges.grow_x(5000, pace=1e6)          # fits: no growth


def test_while_training_a_tighter_y_axis_waits_for_an_x_growth_or_two_seconds(qtbot):
    from gui.metric_ranges import TIGHTEN_WAIT_S, MetricRanges
    w = pg.GraphicsLayoutWidget()
    qtbot.addWidget(w)
    loss, acc = w.addPlot(row=0, col=0), w.addPlot(row=1, col=0)
    acc.setXLink(loss)
    now = [0.0]
    ranges = MetricRanges(loss, acc, clock=lambda: now[0])
    ranges.grow_x(100)
    ranges.fit_loss([np.array([2.3])], False, wait=True)             # a first range: at once
    assert ranges.y_range == (0.0, 2.5)
    ranges.grow_x(150)                                               # no growth at this frame
    ranges.fit_loss([np.array([0.5])], False, wait=True)             # could be tighter: waits
    assert ranges.y_range == (0.0, 2.5)
    ranges.fit_loss([np.array([9.0])], False, wait=True)             # outgrown: at once
    assert ranges.y_range[1] >= 9.0
    ranges.fit_loss([np.array([0.5])], False, wait=True)
    now[0] = TIGHTEN_WAIT_S - 0.1
    ranges.fit_loss([np.array([0.5])], False, wait=True)
    assert ranges.y_range[1] >= 9.0                                  # still waiting ...
    now[0] = TIGHTEN_WAIT_S + 0.1
    ranges.fit_loss([np.array([0.5])], False, wait=True)
    assert ranges.y_range == pytest.approx((0.0, 0.6))              # ... not longer than that
    ranges.fit_loss([np.array([0.1])], False, wait=True)             # tighter again: waits ...
    assert ranges.y_range == pytest.approx((0.0, 0.6))
    ranges.grow_x(1000)                                              # ... for the x axis's growth
    ranges.fit_loss([np.array([0.1])], False, wait=True)
    assert ranges.y_range == pytest.approx((0.0, 0.12))
    ranges.grow_x(1001)
    ranges.fit_loss([np.array([0.01])], False)                       # not training: at once
    assert ranges.y_range[1] < 0.1
    steps = np.arange(400.0)
    epochs = {k: np.zeros(0) for k in ("step", "train_acc", "val_acc", "test_acc")}
    ranges.fit_acc(np.full(400, 0.95), steps, epochs, 100.0, wait=True)   # a higher bottom waits
    assert ranges.acc_bottom == 0.0
    ranges.grow_x(5000)
    ranges.fit_acc(np.full(400, 0.95), steps, epochs, 100.0, wait=True)
    assert ranges.acc_bottom == 90.0
    ranges.grow_x(5001)
    ranges.fit_acc(np.full(400, 0.5), steps, epochs, 100.0, wait=True)    # lower: at once
    assert ranges.acc_bottom == 0.0
