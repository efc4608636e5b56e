"""Per-pixel-column downsampling of long curves (gui.curve_downsample) and its use by the
metrics panel: spikes survive, the drawn point count is bounded by the view's width, and a
zoom brings the detail back."""
import numpy as np

from gui.curve_downsample import Decimator, m4_indices


def noisy(n, seed=0):
    rng = np.random.default_rng(seed)
    return np.arange(n, dtype=float), 1.0 + 0.1 * rng.random(n)


def columns_extremes(x, y, x0, x1, width):
    col = np.floor((x - x0) * (width / (x1 - x0))).astype(int)
    inside = (col >= 0) & (col < width)
    lo = np.full(width, np.inf)
    hi = np.full(width, -np.inf)
    np.minimum.at(lo, col[inside], y[inside])
    np.maximum.at(hi, col[inside], y[inside])
    return lo, hi


def test_every_pixel_column_keeps_its_lowest_and_highest_point_and_its_ends():
    x, y = noisy(20_000)
    idx, _ = m4_indices(x, y, 0, len(x), 0.0, len(x), 300)
    assert np.all(np.diff(idx) > 0)                      # in order, each point once
    want_lo, want_hi = columns_extremes(x, y, 0.0, len(x), 300)
    got_lo, got_hi = columns_extremes(x[idx], y[idx], 0.0, len(x), 300)
    np.testing.assert_array_equal(got_lo, want_lo)
    np.testing.assert_array_equal(got_hi, want_hi)
    assert idx[0] == 0 and idx[-1] == len(x) - 1
    assert len(idx) <= 4 * 302


def test_a_single_spike_in_100k_points_is_still_drawn():
    x, y = noisy(100_000)
    y[61_234] = 9.0                                      # one diverging batch
    y[87_001] = -3.0
    idx = Decimator().indices(x, y, 0.0, 150_000.0, 800)
    assert 61_234 in idx and 87_001 in idx
    assert len(idx) <= 4 * 802


def test_the_drawn_point_count_stays_bounded_however_long_the_run():
    d = Decimator()
    counts = []
    for n in (10_000, 100_000, 1_000_000):
        x, y = noisy(n)
        counts.append(len(d.indices(x, y, -1.0, 1.5 * n, 1000)))
    assert max(counts) <= 4 * 1002
    assert counts[-1] < 1.2 * counts[0]


def test_growing_data_gives_the_same_points_as_taking_them_all_at_once():
    x, y = noisy(50_000, seed=3)
    d = Decimator()
    for n in range(1_000, 50_001, 7_000):                # frames of a growing run
        grown = d.indices(x[:n], y[:n], 0.0, 60_000.0, 640)
    fresh = Decimator().indices(x[:n], y[:n], 0.0, 60_000.0, 640)
    np.testing.assert_array_equal(grown, fresh)
    # earlier points changed (merged, cleared): the version says so and all is taken again
    y2 = y.copy()
    y2[:100] = 5.0
    again = d.indices(x[:n], y2[:n], 0.0, 60_000.0, 640, version=1)
    assert np.isin(np.arange(100), again).any() and y2[again].max() == 5.0


def test_few_points_are_all_drawn_and_a_zoom_brings_the_detail_back():
    x, y = noisy(5_000)
    d = Decimator()
    assert len(d.indices(x[:300], y[:300], 0.0, 400.0, 500)) == 300
    wide = d.indices(x, y, 0.0, 5_000.0, 200)
    assert len(wide) < 1_000
    zoomed = d.indices(x, y, 1_000.0, 1_200.0, 200)      # 200 points on 200 columns: every one
    np.testing.assert_array_equal(zoomed, np.arange(999, 1_202))


def fed(panel, qtbot, x: np.ndarray, loss: np.ndarray):
    """The panel shown at 900×600 with one batch per step of ``loss``, drawn."""
    panel.resize(900, 600)
    panel.show()
    qtbot.waitExposed(panel)
    n = len(x)
    panel.add_steps({"step": x + 1, "epoch": x // 100 + 1, "loss": loss, "acc": np.full(n, 0.5),
                     "lr": np.full(n, 0.01)})
    panel.redraw()
    return panel


def test_the_panel_draws_a_bounded_number_of_points_keeps_spikes_and_zooms_in(metrics_panel, qtbot):
    n = 120_000
    x, loss = noisy(n)
    loss[77_777] = 30.0
    panel = fed(metrics_panel, qtbot, x, loss)
    width = panel.loss_plot.vb.width() * panel.glw.devicePixelRatioF()
    raw, avg = panel._live[panel.raw_curve], panel._live[panel.avg_curve]
    xs, ys = raw.drawn()                                 # settled part and newest part
    assert len(xs) <= 4 * (width + 3)
    assert 30.0 in ys                                    # the spike is drawn
    assert len(avg.drawn()[0]) <= 4 * (width + 3)
    assert raw.settled is not None and len(raw.settled.getData()[0]) > len(panel.raw_curve.getData()[0])
    panel.add_steps({"step": [n + 1.0], "epoch": [n // 100 + 1], "loss": [1.05], "acc": [0.5], "lr": [0.01]})
    panel.redraw()                                       # a new batch: only the newest part is set
    assert raw.drawn()[0][-1] == n + 1 and 30.0 in raw.drawn()[1]
    panel.loss_plot.setXRange(50_000, 50_100, padding=0)  # the learner zooms in
    qtbot.waitUntil(lambda: len(raw.drawn()[0]) >= 100)
    xs, ys = raw.drawn()
    inside = (xs >= 50_000) & (xs <= 50_100)
    np.testing.assert_array_equal(xs[inside], np.arange(50_000, 50_101))
    np.testing.assert_array_equal(ys[inside], loss[49_999:50_100])
    panel.raw_box.setChecked(False)                      # hidden, settled part included
    assert not panel.raw_curve.isVisible() and (raw.settled is None or not raw.settled.isVisible())


def test_on_a_log_axis_the_settled_part_checks_for_a_zero_loss_too(metrics_panel, qtbot):
    x, loss = noisy(60_000)
    loss[10] = 0.0                                       # log10(0) = -inf: must not be drawn
    panel = fed(metrics_panel, qtbot, x, loss)
    raw = panel._live[panel.raw_curve]
    assert raw.settled.opts["skipFiniteCheck"]           # linear axis: all finite, no check
    panel.log_box.setChecked(True)
    panel.redraw()
    assert not raw.settled.opts["skipFiniteCheck"] and not panel.raw_curve.opts["skipFiniteCheck"]
    xs, ys = raw.settled.getData()                       # what is drawn, in log10
    assert len(xs) and np.isfinite(ys[xs != 11]).all()


def test_a_long_curve_of_few_points_per_column_settles_too():
    x, y = noisy(3_000)
    d = Decimator()
    first = d.indices(x[:2_000], y[:2_000], 0.0, 4_000.0, 2_000)   # all drawn: 1 per column
    gen = d.generation
    assert len(first) == 2_000 and d.stable == 1_999
    grown = d.indices(x, y, 0.0, 4_000.0, 2_000)
    assert d.generation == gen and d.stable == 2_999            # the first points stay as they were
    np.testing.assert_array_equal(grown[:2_000], first)


def test_the_settled_parts_are_painted_once_not_at_every_frame(metrics_panel, qtbot, monkeypatch):
    # eight plot-wide cached images (three batch curves, five epoch curves) in a big window: Qt's
    # pixmap cache must hold them all, or every repaint evicts and paints them again
    import pyqtgraph as pg
    panel = metrics_panel
    n = 60_000
    x, noise = noisy(n)
    fed(panel, qtbot, x, 2.3 * np.exp(-x / 10_000) + noise)    # curves across the whole plot
    panel.resize(1600, 1000)
    for k in range(1, 2_001):                                   # tiny toy-set epochs: many
        v = 2.3 * np.exp(-k / 300) + 0.05 * np.sin(k / 7)
        a = 1 - np.exp(-k / 300) + 0.02 * np.cos(k / 5)
        panel.add_epoch({"step": 30 * k, "epoch": k, "train_loss": v, "val_loss": v + 0.1,
                         "train_acc": a, "val_acc": a - 0.05, "test_acc": a - 0.04})
    panel.loss_plot.setXRange(0, n, padding=0)                  # each curve as wide as the plot
    panel._mark_all_dirty()
    panel.redraw()
    items = [live.settled for live in list(panel._live.values()) + list(panel.epoch_curves.live.values())
             if live.settled is not None]
    assert len(items) == 8
    for item in items:                      # not the plot's own: redone at every change of the view
        assert not item.opts["autoDownsample"] and not item.opts["clipToView"]
    settled = {item.curve for item in items}
    painted = []
    paint = pg.PlotCurveItem.paint
    monkeypatch.setattr(pg.PlotCurveItem, "paint",
                        lambda self, *a: (painted.append(self), paint(self, *a))[1])
    viewport = panel.glw.viewport()
    viewport.repaint()                                          # the images are made
    assert settled <= set(painted)
    for i in range(3):                                          # frames: only the newest points
        painted.clear()
        panel.add_steps({"step": [n + 1.0 + i], "epoch": [n // 100 + 1], "loss": [1.05], "acc": [0.5],
                         "lr": [0.01]})
        panel.redraw()
        viewport.repaint()
        assert not settled & set(painted)


def test_curves_drawn_whole_are_not_set_again_when_only_the_view_changes(metrics_panel, qtbot, monkeypatch):
    import pyqtgraph as pg
    x, loss = noisy(300)
    panel = fed(metrics_panel, qtbot, x, loss)
    for k in (100, 200, 300):
        panel.add_epoch({"step": k, "epoch": k // 100, "train_loss": 1.0, "val_loss": 1.1,
                         "train_acc": 0.5, "val_acc": 0.5, "test_acc": 0.5})
    panel.redraw()
    epoch_items = set(panel.epoch_curves.keys)
    set_on = []
    original = pg.PlotDataItem.setData
    monkeypatch.setattr(pg.PlotDataItem, "setData", lambda item, *a, **k: (set_on.append(item),
                                                                          original(item, *a, **k))[1])
    panel.loss_plot.setXRange(0, 5_000, padding=0)       # the axis grows: pyqtgraph follows alone
    panel.redraw()
    assert set_on == []                                  # 300 batches, 3 epochs: all drawn already
    np.testing.assert_array_equal(panel.val_loss_curve.getData()[0], [100, 200, 300])
    set_on.clear()
    panel.add_epoch({"step": 400, "epoch": 4, "train_loss": 0.9, "val_loss": 1.0,
                     "train_acc": 0.6, "val_acc": 0.6, "test_acc": 0.6})
    panel.redraw()                                       # a new epoch: its curves are set again
    assert epoch_items <= set(set_on)
    np.testing.assert_array_equal(panel.val_loss_curve.getData()[0], [100, 200, 300, 400])
