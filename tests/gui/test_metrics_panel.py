import csv

import numpy as np
import pytest

from gui.metric_series import GrowBuffer, moving_average


def cols(start, n, loss=None):
    k = np.arange(start, start + n)
    return {"step": k, "epoch": np.ones(n, int), "loss": np.linspace(2, 1, n) if loss is None else loss,
            "acc": np.full(n, 0.5), "lr": np.full(n, 0.01)}


@pytest.fixture
def panel(metrics_panel):
    return metrics_panel


def test_moving_average_and_grow_buffer():
    v = np.array([1.0, 2, 3, 4, 5])
    np.testing.assert_allclose(moving_average(v, 2), [1, 1.5, 2.5, 3.5, 4.5])
    b = GrowBuffer(2)
    for chunk in ([1, 2], [3], [4, 5, 6]):
        b.extend(chunk)
    np.testing.assert_array_equal(b.view(), [1, 2, 3, 4, 5, 6])


def test_empty_state_then_plots(panel):
    assert panel.stack.currentWidget() is panel.hint
    assert "Start" in panel.hint.text()
    panel.add_steps(cols(1, 10))
    panel.redraw()
    assert panel.stack.currentWidget() is panel.glw
    x, y = panel._live[panel.raw_curve].drawn()
    np.testing.assert_array_equal(x, np.arange(1, 11))
    np.testing.assert_array_equal(panel.raw_curve.curve.getData()[0], np.arange(1, 11))   # shown


def test_non_finite_batches_are_never_drawn(panel):
    loss = np.array([1.0, np.nan, np.inf, 0.5])
    panel.add_steps(cols(1, 4, loss))
    panel.add_epoch({"step": 4, "epoch": 1, "train_loss": np.nan, "val_loss": 0.4, "train_acc": 0.5,
                     "val_acc": 0.6, "test_acc": None})
    panel.redraw()
    panel.finish_frame()                               # (the accuracy plot: after the loss plot's paint)
    s = panel.series()
    np.testing.assert_array_equal(s["step_step"], [1, 4])
    assert np.isfinite(panel._live[panel.raw_curve].drawn()[1]).all()
    assert len(panel.train_loss_curve.getData()[0] or []) == 0
    np.testing.assert_allclose(panel.val_acc_curve.getData()[1], [60.0])


def test_marker_readout_and_csv(panel, tmp_path):
    panel.add_steps(cols(1, 20))
    panel.add_epoch({"step": 20, "epoch": 1, "train_loss": 1.5, "val_loss": 1.4, "train_acc": 0.5,
                     "val_acc": 0.55, "test_acc": 0.52})
    panel.mark_setting("lr", 0.001, 11)
    assert panel._markers[0][1] == "Learning rate → 0.001"
    text = panel.show_readout(19)
    assert "iteration 20" in text and "validation accuracy (end of epoch) 55.00%" in text
    path = tmp_path / "m.csv"
    assert panel.export_csv(str(path)) == 20
    rows = list(csv.DictReader(path.open()))
    assert rows[-1]["validation_accuracy"] == "0.55" and rows[0]["validation_accuracy"] == ""
    panel.export_image(str(tmp_path / "m.png"))
    assert (tmp_path / "m.png").stat().st_size > 1000
    panel.clear()
    assert panel.series()["step_step"].size == 0 and not panel._markers


def test_axes_follow_the_data_in_round_steps(panel):
    n = 1000
    c = cols(1, n, loss=np.linspace(2.3, 0.1, n))
    c["acc"] = np.linspace(0.1, 0.97, n) ** 0.2          # climbs fast, then creeps up
    panel.add_steps(c)
    panel.redraw()
    panel.finish_frame()
    (_, _), (lo, hi) = panel.loss_plot.vb.viewRange()
    assert lo < 0 < 2.3 < 2.5 <= hi < 2.7                  # 0 to 2.5, a little padding
    (_, _), (lo, hi) = panel.acc_plot.vb.viewRange()
    late = 100 * c["acc"][n // 2:]
    assert 60 <= lo <= late.min() - 3 and 100 <= hi <= 101      # zoomed to the late gains
    panel.add_steps(cols(n + 1, 300))                      # accuracy falls back to 50%
    panel.redraw()
    panel.finish_frame()
    assert panel.acc_plot.vb.viewRange()[1] == pytest.approx([-2, 102])


def test_a_user_zoom_on_the_accuracy_stays(panel):
    c = cols(1, 1000)
    c["acc"] = np.full(1000, 0.95)
    panel.acc_plot.vb.setYRange(40, 60, padding=0)
    panel._on_user_zoom()
    panel.add_steps(c)
    panel.redraw()
    assert panel.acc_plot.vb.viewRange()[1] == pytest.approx([40, 60])
    panel._on_auto_button()
    panel.redraw()
    assert panel.acc_plot.vb.viewRange()[1][0] >= 80


def test_axes_carry_no_si_prefix(panel):
    """A loss below 0.001 once read "loss (x0.001)" with ticks up to 800: no SI units here."""
    panel.add_steps(cols(1, 300, loss=np.linspace(0.0008, 0.0002, 300)))
    panel.redraw()
    for plot in (panel.loss_plot, panel.acc_plot):
        for side in ("left", "bottom"):
            axis = plot.getAxis(side)
            assert axis.autoSIPrefixScale == 1.0 and "x0" not in axis.labelString()
    assert "loss" in panel.loss_plot.getAxis("left").labelString()


def test_epoch_symbols_give_way_to_lines_when_epochs_are_many(panel):
    from gui.panels.metrics_panel import MAX_EPOCH_SYMBOLS

    def add(k):
        panel.add_epoch({"step": k, "epoch": k, "train_loss": 1.0, "val_loss": 1.0, "train_acc": 0.5,
                         "val_acc": 0.5, "test_acc": 0.5})
    add(1)
    panel.redraw()
    assert panel.val_loss_curve.opts["symbol"] == "s" and panel.test_acc_curve.opts["symbol"] == "t"
    for k in range(2, MAX_EPOCH_SYMBOLS + 2):
        add(k)
    panel._mark_all_dirty()
    panel.redraw()
    assert all(c.opts["symbol"] is None for c in panel.epoch_curves.keys)
    x, _ = panel.epoch_curves.live[panel.val_loss_curve].drawn()
    assert len(x) == MAX_EPOCH_SYMBOLS + 1                        # every point still drawn
    panel.clear()
    add(1)
    panel.redraw()
    assert panel.train_loss_curve.opts["symbol"] == "o"


def test_running_average_grows_like_the_full_moving_average():
    from gui.metric_series import RunningAverage
    rng = np.random.default_rng(1)
    v = rng.random(5_000)
    r = RunningAverage()
    for n in (1, 7, 50, 51, 999, 5_000):
        np.testing.assert_allclose(r.update(v[:n], 50, 0), moving_average(v[:n], 50))
    np.testing.assert_allclose(r.update(v, 20, 0), moving_average(v, 20))       # a new window
    w = v.copy()
    w[:10] = 3.0                                                                 # rows merged
    np.testing.assert_allclose(r.update(w, 20, 1), moving_average(w, 20))


def test_a_frame_paints_the_loss_plot_then_the_accuracy_plot_in_passes_of_their_own(panel, qtbot):
    """Here an x-axis growth, which repaints each plot whole."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication
    qtbot.waitExposed(panel)
    panel.add_steps(cols(1, 100))
    panel.redraw()                                   # (the plots replace the hint: laid out,
    for _ in range(5):                               # resized, drawn for their size, painted)
        QApplication.processEvents()
    assert not panel._after_paint.pending
    loss_vb, acc_vb = panel.loss_plot.vb, panel.acc_plot.vb
    assert acc_vb.viewRange()[0][1] == pytest.approx(loss_vb.viewRange()[0][1])
    painted = []                                     # (the accuracy plot's x range then, region)

    class Watch(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                painted.append((acc_vb.viewRange()[0][1], event.region()))
            return False

    watch = Watch()
    panel.glw.viewport().installEventFilter(watch)
    old_end = loss_vb.viewRange()[0][1]
    panel.add_steps(cols(101, 400))
    panel.redraw()                                   # x grows: 500 batches no longer fit
    new_end = loss_vb.viewRange()[0][1]
    assert new_end > 2 * old_end and acc_vb.viewRange()[0][1] == pytest.approx(old_end)   # not yet
    qtbot.waitUntil(lambda: acc_vb.viewRange()[0][1] == pytest.approx(new_end))
    panel.glw.viewport().removeEventFilter(watch)
    to_view = panel.glw.mapFromScene
    acc_area = to_view(acc_vb.sceneBoundingRect()).boundingRect()
    loss_area = to_view(loss_vb.sceneBoundingRect()).boundingRect()
    first = [region for end, region in painted if end == pytest.approx(old_end)]
    later = [region for end, region in painted if end == pytest.approx(new_end)]
    assert first and later
    def covered(regions, area) -> float:
        """The share of ``area`` the paints of ``regions`` covered."""
        union = regions[0]
        for r in regions[1:]:
            union = union.united(r)
        part = union.intersected(area)
        return sum(r.width() * r.height() for r in part) / (area.width() * area.height())

    assert covered(first, loss_area) > 0.95          # the loss plot repainted whole, with the
    assert covered(first, acc_area) < 0.5            # accuracy plot's newest points at most
    assert covered(later, acc_area) > 0.95           # then the accuracy plot, in a later pass
    assert covered(later, loss_area) < 0.5


def test_while_training_a_growing_axis_is_painted_before_the_curves_take_their_new_points(panel, qtbot):
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from gui.throttle import draw_budget
    qtbot.waitExposed(panel)
    panel.add_steps(cols(1, 100))
    panel.redraw()
    for _ in range(5):
        QApplication.processEvents()
    panel.finish_frame()
    loss_vb, acc_vb = panel.loss_plot.vb, panel.acc_plot.vb
    loss_curve, acc_curve = panel._live[panel.avg_curve], panel._live[panel.batch_acc_curve]
    painted = []                               # (loss x end, its newest point, acc x end, its newest)

    class Watch(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                painted.append((loss_vb.viewRange()[0][1], loss_curve.drawn()[0].max(),
                                acc_vb.viewRange()[0][1], acc_curve.drawn()[0].max()))
            return False
    watch = Watch()
    draw_budget().set_active(True)
    try:
        old_end = loss_vb.viewRange()[0][1]
        panel.glw.viewport().installEventFilter(watch)
        panel.add_steps(cols(101, 400))
        panel.redraw()
        new_end = loss_vb.viewRange()[0][1]
        assert new_end > 2 * old_end                     # the axis at once,
        assert loss_curve.drawn()[0].max() == 100        # the curve as it was
        qtbot.waitUntil(lambda: acc_curve.drawn()[0].max() == 500 and not panel._after_paint.pending)
    finally:
        draw_budget().set_active(False)
        panel.glw.viewport().removeEventFilter(watch)
    assert loss_curve.drawn()[0].max() == 500
    assert painted[0][:2] == (new_end, 100)              # painted with the new range, old points
    assert (new_end, 500) in [p[:2] for p in painted]    # then with the new points
    acc_new = [p for p in painted if p[2] == pytest.approx(new_end)]
    assert acc_new and acc_new[0][3] == 100              # the accuracy plot likewise


def test_while_training_the_loss_plots_epoch_curves_follow_its_iteration_curves_after_a_paint(panel, qtbot):
    from PySide6.QtCore import QEvent, QObject

    from gui.throttle import draw_budget
    qtbot.waitExposed(panel)

    def epoch(k, step):
        panel.add_epoch({"step": step, "epoch": k, "train_loss": 1.0, "val_loss": 1.1, "train_acc": 0.5,
                         "val_acc": 0.5, "test_acc": 0.5})
    panel.add_steps(cols(1, 100))
    epoch(1, 100)
    panel.redraw()
    panel.finish_frame()
    steps, val = panel._live[panel.avg_curve], panel.epoch_curves.live[panel.val_loss_curve]
    painted = []                                       # (newest iteration drawn, newest epoch's)

    class Watch(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                painted.append((steps.drawn()[0].max(), val.drawn()[0].max()))
            return False
    watch = Watch()
    panel.glw.viewport().installEventFilter(watch)
    draw_budget().set_active(True)
    try:
        panel.add_steps(cols(101, 20))                 # (the x axis has room for them)
        epoch(2, 120)
        panel.redraw()
        assert steps.drawn()[0].max() == 120 and val.drawn()[0].max() == 100   # the epoch waits
        qtbot.waitUntil(lambda: not panel._after_paint.pending)
    finally:
        draw_budget().set_active(False)
        panel.glw.viewport().removeEventFilter(watch)
    assert val.drawn()[0].max() == 120
    assert painted[0] == (120, 100) and (120, 120) in painted
