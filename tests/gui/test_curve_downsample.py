"""Per-pixel-column downsampling of long curves (gui.curve_downsample) and its use by the
metrics panel: spikes survive, the drawn point count is bounded by the view's width, and a
zoom brings the detail back."""
import numpy as np

from gui.curve_downsample import Decimator, m4_indices
from gui.settled_canvas import SettledCanvas


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
    assert raw.settled > len(panel.raw_curve.curve.getData()[0])     # most of it in the canvas
    canvas = SettledCanvas.for_plot(panel.loss_plot)
    assert canvas.shown(raw) and canvas.shown(avg)
    panel.raw_box.setChecked(False)                      # hidden, settled part included
    assert not panel.raw_curve.isVisible() and not canvas.shown(raw) and canvas.shown(avg)
    panel.raw_box.setChecked(True)
    assert canvas.shown(raw)
    panel.add_steps({"step": [n + 1.0], "epoch": [n // 100 + 1], "loss": [1.05], "acc": [0.5], "lr": [0.01]})
    panel.redraw()                                       # a new batch: only the newest part is set
    assert raw.drawn()[0][-1] == n + 1 and 30.0 in raw.drawn()[1]
    panel.loss_plot.setXRange(50_000, 50_100, padding=0)  # the learner zooms in
    qtbot.waitUntil(lambda: len(raw.drawn()[0]) >= 100)
    xs, ys = raw.drawn()
    inside = (xs >= 50_000) & (xs <= 50_100)
    np.testing.assert_array_equal(xs[inside], np.arange(50_000, 50_101))
    np.testing.assert_array_equal(ys[inside], loss[49_999:50_100])



def test_on_a_log_axis_a_zero_loss_is_drawn_nowhere(metrics_panel, qtbot):
    x, loss = noisy(60_000)
    loss[10] = loss[-1] = 0.0                # log10(0) = -inf: a settled point and the newest
    panel = fed(metrics_panel, qtbot, x, loss)
    raw = panel._live[panel.raw_curve]
    canvas = SettledCanvas.for_plot(panel.loss_plot)
    assert raw.settled
    panel.log_box.setChecked(True)
    panel.redraw()
    assert raw.settled
    xs, ys = canvas.points(raw)                          # what the canvas draws, in log10
    assert 11 not in xs and len(xs) and np.isfinite(ys).all()
    np.testing.assert_allclose(ys[xs == 12], np.log10(loss[11]))
    tx, ty = panel.raw_curve.curve.getData()             # the newest points, on the item's line
    assert len(tx) > 1 and 60_000 not in tx and np.isfinite(ty).all()


def test_a_long_curve_of_few_points_per_column_settles_too():
    x, y = noisy(3_000)
    d = Decimator()
    first = d.indices(x[:2_000], y[:2_000], 0.0, 4_000.0, 2_000)   # all drawn: 1 per column
    gen = d.generation
    assert len(first) == 2_000 and d.stable == 1_999
    grown = d.indices(x, y, 0.0, 4_000.0, 2_000)
    assert d.generation == gen and d.stable == 2_999            # the first points stay as they were
    np.testing.assert_array_equal(grown[:2_000], first)


def test_settled_points_are_drawn_once_then_only_in_strips_that_match_a_whole_drawing(metrics_panel, qtbot):
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
    panel.loss_plot.setXRange(0, 1.2 * n, padding=0)
    panel._mark_all_dirty()
    panel.redraw()
    lives = list(panel._live.values()) + list(panel.epoch_curves.live.values())
    assert sum(live.settled > 0 for live in lives) == 8           # all dense curves, both plots
    canvases = [SettledCanvas.for_plot(p) for p in (panel.loss_plot, panel.acc_plot)]
    viewport = panel.glw.viewport()
    viewport.repaint()
    renders = [c.renders for c in canvases]
    rng = np.random.default_rng(1)
    for i in range(6):                                          # frames: new batches settle
        s = n + 1.0 + 1000 * i + np.arange(1000)
        panel.add_steps({"step": s, "epoch": np.full(1000, n // 100 + 1),
                         "loss": 0.1 + 0.1 * rng.random(1000), "acc": 0.9 + 0.05 * rng.random(1000),
                         "lr": np.full(1000, 0.01)})
        panel.redraw()
        viewport.repaint()
    assert [c.renders for c in canvases] == renders               # never the whole image again
    assert all(c.strips >= 3 for c in canvases)                   # ... but strips of it
    built = [c._image.copy() for c in canvases]
    for c in canvases:
        c._redraw_all()                                           # the same, drawn whole
    viewport.repaint()
    assert [c.renders for c in canvases] == [r + 1 for r in renders]
    for whole, strips in zip(canvases, built, strict=True):      # the same but for a few pixels
        a = np.frombuffer(whole._image.constBits(), np.uint32)   # where lines start and join
        b = np.frombuffer(strips.constBits(), np.uint32)
        assert a.shape == b.shape and np.count_nonzero(a != b) <= 20



def test_epoch_curves_are_not_set_again_when_the_view_changes_nor_at_a_new_epoch(metrics_panel, qtbot,
                                                                                 monkeypatch):
    import pyqtgraph as pg
    x, loss = noisy(200)
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
    assert set_on == []                                  # 200 batches, 3 epochs: all drawn already
    val = panel.epoch_curves.live[panel.val_loss_curve]
    np.testing.assert_array_equal(val.drawn()[0], [100, 200, 300])
    on_item = panel.val_loss_curve.getData()[0]
    assert on_item is None or len(on_item) == 0
    assert SettledCanvas.for_plot(panel.loss_plot).shown(val)      # points and symbols: in the canvas
    set_on.clear()
    panel.add_epoch({"step": 400, "epoch": 4, "train_loss": 0.9, "val_loss": 1.0,
                     "train_acc": 0.6, "val_acc": 0.6, "test_acc": 0.6})
    panel.redraw()
    assert epoch_items.isdisjoint(set_on)                # a new epoch: a strip of the canvas
    assert set_on == [panel.best_mark.star]              # (a new best validation loss: the star moves)
    np.testing.assert_array_equal(val.drawn()[0], [100, 200, 300, 400])


def test_an_exported_drawing_has_every_curve_as_lines_and_the_canvas_comes_back(metrics_panel, qtbot):
    x, loss = noisy(60_000)
    panel = fed(metrics_panel, qtbot, x, loss)
    raw = panel._live[panel.raw_curve]
    assert raw.settled                                   # on screen: mostly in the canvas image
    svg = panel.render_image("svg")
    assert b"<image" not in svg and b"<path" in svg      # vector lines, no picture of them
    panel.redraw()                                       # the next frame: the canvas again
    assert raw.settled and len(raw.drawn()[0]) <= 4 * (panel.loss_plot.vb.width() + 3)


def test_epoch_symbols_are_drawn_once_not_at_every_new_epoch(metrics_panel, qtbot):
    panel = metrics_panel
    for k in range(1, 41):
        panel.add_epoch({"step": 100 * k, "epoch": k, "train_loss": 1 / k, "val_loss": 1.1 / k,
                         "train_acc": 0.5, "val_acc": 0.5, "test_acc": 0.5})
        panel.redraw()
    # one picture of each curve's symbol in pyqtgraph's atlas (a colour name made a new brush,
    # so a new picture, at every epoch: 40 here)
    assert [len(c.scatter.fragmentAtlas) for c in panel.epoch_curves.keys] == [1] * 5
    assert len(panel.best_mark.star.scatter.fragmentAtlas) <= 1
