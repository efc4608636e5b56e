"""The distributions panel draws exactly what core.layer_stats.layer_stats computed."""
import numpy as np
import pytest

from core import Network, layer_stats, presets
from core.trainer import Config, Step, Trainer
from gui.panels.distributions_panel import KINDS, DistributionsPanel


def train_with_stats(mnist, arch="deep", steps=24, every=6):
    """Train a small network and take layer_stats every ``every`` steps, as the worker would."""
    net = Network.from_spec(presets.get(arch), rng=np.random.default_rng(0))
    trainer = Trainer(net, mnist, Config(epochs=1, batch_size=32, max_train=32 * steps,
                                         evaluate_test=False, max_eval=100, seed=0))
    x, y = mnist.gather("train", trainer.val_idx[:128])
    out = []
    for ev in trainer.run():
        if isinstance(ev, Step) and ev.step % every == 0:
            out.append((layer_stats.layer_stats(net, x, y), ev.step))
    return net, out


@pytest.fixture
def panel(qtbot):
    p = DistributionsPanel()
    qtbot.addWidget(p)
    p.resize(900, 650)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_empty_state_then_bands_equal_the_percentiles_given(panel, mnist):
    assert panel.objectName() == "distributionsPanel"
    assert panel.stack.currentIndex() == 0                    # "press Start" hint
    net, results = train_with_stats(mnist)
    for stats, step in results:
        panel.update_stats(stats, step)
    assert panel.stack.currentIndex() == 1
    assert panel.layer_box.count() == 6
    steps = np.array([s for _, s in results])
    for j in (0, 3, 5):
        panel.layer_box.setCurrentIndex(j)
        for kind in KINDS:
            x, pct = panel.band_data(kind)
            np.testing.assert_array_equal(x, steps)
            np.testing.assert_allclose(pct, np.array([st["layers"][j][kind] for st, _ in results]))
            counts, edges = results[-1][0]["layers"][j][{"weights": "weight_hist",
                                                         "activations": "act_hist",
                                                         "gradients": "grad_hist"}[kind]]
            drawn_counts, drawn_edges = panel.hist_data(kind)
            np.testing.assert_array_equal(drawn_counts, counts)
            np.testing.assert_allclose(drawn_edges, edges)
            box = panel.hists[kind].bars.path().boundingRect()       # the bars as painted
            assert box.right() == pytest.approx(counts.max())
            assert (box.top(), box.bottom()) == pytest.approx((edges[0], edges[-1]))
    # the last weights band really is the network's current weight distribution
    panel.layer_box.setCurrentIndex(0)
    _, pct = panel.band_data("weights")
    np.testing.assert_allclose(pct[-1], np.percentile(net.parameters()["0.W"], layer_stats.TB_PERCENTILES),
                               rtol=1e-5, atol=1e-7)


def test_dead_units_and_gradient_curves_per_layer(panel, mnist):
    _, results = train_with_stats(mnist, steps=12, every=4)
    for stats, step in results:
        panel.update_stats(stats, step)
    assert sorted(panel.dead_curves) == [0, 1, 2, 3, 4]     # the output layer has no ReLU
    assert sorted(panel.grad_curves) == [0, 1, 2, 3, 4, 5]
    assert panel.dead_curves[2].getData()[0] is None        # only the tab in view is drawn
    panel.tabs.setCurrentIndex(1)
    x, y = panel.dead_curves[2].getData()
    np.testing.assert_allclose(y, [100 * st["layers"][2]["dead_fraction"] for st, _ in results])
    y = panel.grad_curves[5].yData                           # getData() is log10 here
    np.testing.assert_allclose(y, [st["layers"][5]["mean_abs_grad"] for st, _ in results])
    assert panel.grad_plot.ctrl.logYCheck.isChecked()


def test_set_model_clears_and_a_sigmoid_net_has_no_dead_plot(panel, mnist):
    _, results = train_with_stats(mnist, steps=6, every=3)
    panel.update_stats(*results[0])
    panel.set_model(presets.get("two_layer_net"), {})
    assert panel.stack.currentIndex() == 0 and panel.layer_box.count() == 0
    net = Network.from_spec(presets.get("two_layer_net"), rng=np.random.default_rng(1))
    x, y = mnist.gather("test", np.arange(64))
    panel.update_stats(layer_stats.layer_stats(net, x, y), 1)
    assert panel.dead_curves == {} and len(panel.grad_curves) == 2
    assert not panel.dead_plot.isVisible() and not panel.no_relu_note.isHidden()


def test_history_grows_past_its_capacity_and_a_repeated_step_replaces(panel, mnist):
    net = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(2))
    x, y = mnist.gather("test", np.arange(32))
    stats = layer_stats.layer_stats(net, x, y)
    panel.hide()                                               # no redraw per update: quick
    for step in range(1, 301):
        panel.update_stats(stats, step)
    panel.update_stats(stats, 300)
    panel.show()
    panel.finish_frame()                  # (the plots after the first wait for its paint)
    x_plot, pct = panel.band_data("gradients")
    assert len(x_plot) == 300 and x_plot[-1] == 300
    np.testing.assert_allclose(pct[123], stats["layers"][0]["gradients"])


def test_hidden_panel_draws_when_shown(qtbot, panel, mnist):
    panel.hide()
    _, results = train_with_stats(mnist, steps=6, every=3)
    panel.update_stats(*results[0])
    assert panel.band_data("weights")[0].size == 0            # not drawn while hidden
    panel.show()
    qtbot.waitUntil(lambda: panel.band_data("weights")[0].size == 1)


def test_a_new_frame_lays_out_no_axis_label_again(panel, mnist, monkeypatch):
    """Each frame brings a new iteration and a new histogram: the axes' labels stay as they
    are, the x axes compute their ticks only on the frames whose range grew (it grows in
    steps, not with every iteration), and the two upper band plots' x axes (alike: the third
    has the "iteration" label under it) compute them once for both."""
    import pyqtgraph as pg

    from gui.widgets.live_axis import LiveAxis
    net, results = train_with_stats(mnist, steps=30, every=3)
    for stats, step in results[:3]:
        panel.update_stats(stats, step)
    panel.grab()
    html, specs = [], []
    monkeypatch.setattr(pg.AxisItem, "_updateLabel", lambda self: html.append(self))
    original = LiveAxis.generateDrawSpecs
    monkeypatch.setattr(LiveAxis, "generateDrawSpecs",
                        lambda self, p: specs.append(self) or original(self, p))
    bottoms = [panel.band_plots[k].getAxis("bottom") for k in KINDS]
    ranges = [tuple(bottoms[0].range)]
    for stats, step in results[3:]:
        step *= 20                                       # (a long run: its x axis grows)
        panel.update_stats(stats, step)
        panel.grab()
        ranges.append(tuple(bottoms[0].range))
        assert ranges[-1][1] >= step                     # the newest iteration is in view
    changes = sum(a != b for a, b in zip(ranges[:-1], ranges[1:], strict=True))
    assert 0 < changes < len(results[3:])
    assert html == []
    assert specs.count(bottoms[0]) == changes
    assert specs.count(bottoms[1]) <= 1          # (once, when its text height caught up)
    assert bottoms[1]._specs is bottoms[0]._specs


def test_a_long_history_is_drawn_with_one_vertex_per_pixel_column_keeping_its_extremes(panel, mnist):
    net = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(3))
    x, y = mnist.gather("test", np.arange(32))
    stats, rng = layer_stats.layer_stats(net, x, y), np.random.default_rng(0)
    panel.hide()
    sent = []
    for step in range(1, 3001):             # the first layer's weights spread more and more
        sent.append(np.sort(rng.normal(scale=1 + step / 1000, size=9)))
        first = dict(stats["layers"][0], weights=sent[-1])
        panel.update_stats(dict(stats, layers=[first] + stats["layers"][1:]), step)
    panel.show()
    sent = np.array(sent)
    xs, pct = panel.band_data("weights")
    width = panel.band_plots["weights"].vb.width()
    assert 50 <= len(xs) <= max(width // 2, 50) and width < 3000      # a vertex per 2 columns
    assert pct[:, 0].min() == sent[:, 0].min() and pct[:, 8].max() == sent[:, 8].max()
    assert pct[:, 1].min() == sent[:, 1].min() and pct[:, 7].max() == sent[:, 7].max()


def test_a_frame_with_nothing_new_sets_no_path(panel, mnist, monkeypatch):
    from PySide6.QtWidgets import QGraphicsPathItem
    _, results = train_with_stats(mnist, steps=12, every=3)
    for stats, step in results:
        panel.update_stats(stats, step)
    paths = []
    monkeypatch.setattr(QGraphicsPathItem, "setPath", lambda self, path: paths.append(path))
    panel.tabs.setCurrentIndex(1)
    panel.tabs.setCurrentIndex(0)          # drawn again: the same data
    panel.redraw()
    assert paths == []
    panel.update_stats(*train_with_stats(mnist, steps=15, every=15)[1][-1])
    assert len(paths) == 3 * (4 + 1)       # a new sample: 4 fills and the histogram per kind


def test_ranges_follow_the_data_in_steps_until_the_learner_zooms(panel, mnist):
    _, results = train_with_stats(mnist, steps=60, every=2)
    band = panel.band_plots["weights"]
    ranges = []
    for stats, step in results:
        panel.update_stats(stats, step)
        (x0, x1), (y0, y1) = band.vb.viewRange()
        lo, hi = panel.band_data("weights")[1].min(), panel.band_data("weights")[1].max()
        assert x0 <= 0 and step <= x1 and y0 <= lo and hi <= y1         # all of it in view
        ranges.append((x1, y0, y1))
    assert len(set(ranges)) < len(ranges) // 2                        # not a new range per frame
    band.vb.setXRange(10, 20, padding=0)
    band.vb.sigRangeChangedManually.emit([True, True])                 # as a mouse zoom does
    panel.update_stats(*results[-1][:1], results[-1][1] + 100)
    assert band.vb.viewRange()[0] == [10, 20]                          # the learner's zoom stays
    band.autoBtn.clicked.emit(band.autoBtn)                            # the "A" button
    panel.redraw()
    assert band.vb.viewRange()[0][1] >= results[-1][1] + 100
    assert not any(band.vb.autoRangeEnabled())                         # still in steps


def test_a_cut_off_bar_is_labelled_with_its_count_inside_the_plot(panel, mnist):
    _, results = train_with_stats(mnist, steps=12, every=4)
    for stats, step in results:
        panel.update_stats(stats, step)
    label = panel.hists["activations"].label       # ReLU outputs: the bin of zeros dwarfs the rest
    counts, _ = panel.hist_data("activations")
    assert label.isVisible() and label.text() == f"{int(counts.max()):,} ▸"
    vb = panel.hist_plots["activations"].vb
    (x0, x1), (y0, y1) = vb.viewRange()
    assert label.x() == x1 < counts.max()                # at the right edge, the bar cut off there
    assert y0 < label.y() < y1
    view = panel.dist_view.viewportTransform()           # all of it inside the plot, in pixels
    box = label.deviceTransform(view).mapRect(label.boundingRect())
    assert view.mapRect(vb.sceneBoundingRect()).contains(box)


def test_the_histograms_are_drawn_once_the_bands_are_painted_in_a_pass_of_their_own(panel, mnist, qtbot):
    _, results = train_with_stats(mnist, steps=12, every=4)
    for stats, step in results[:-1]:
        panel.update_stats(stats, step)
    panel.finish_frame()
    before, _ = panel.hist_data("weights")
    before = before.copy()
    stats, step = results[-1]
    panel.update_stats(stats, step)
    x, _ = panel.band_data("weights")
    assert x[-1] == step                                   # the bands at once
    counts, _ = stats["layers"][0]["weight_hist"]
    np.testing.assert_array_equal(panel.hist_data("weights")[0], before)    # the histograms wait
    assert panel._after_paint.pending
    qtbot.waitUntil(lambda: not panel._after_paint.pending)                  # ... for the paint
    np.testing.assert_array_equal(panel.hist_data("weights")[0], counts)


def test_each_band_plot_then_the_histograms_is_drawn_after_the_paint_of_the_one_before(panel, mnist, qtbot):
    from PySide6.QtCore import QEvent, QObject
    _, results = train_with_stats(mnist, steps=12, every=4)
    for stats, step in results[:-1]:
        panel.update_stats(stats, step)
    panel.finish_frame()
    stats, step = results[-1]
    counts, _ = stats["layers"][0]["weight_hist"]

    def state():
        bands = tuple(bool(panel.band_data(kind)[0][-1] == step) for kind in KINDS)
        return bands + (bool(np.array_equal(panel.hist_data("weights")[0], counts)),)
    painted = []

    class Watch(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                painted.append(state())
            return False
    watch = Watch()
    panel.dist_view.viewport().installEventFilter(watch)
    panel.update_stats(stats, step)
    assert state() == (True, False, False, False)          # the first band plot at once
    qtbot.waitUntil(lambda: not panel._after_paint.pending and state() == (True,) * 4)
    panel.dist_view.viewport().removeEventFilter(watch)
    stages = [(True, False, False, False), (True, True, False, False), (True, True, True, False)]
    assert list(dict.fromkeys(s for s in painted if s in stages)) == stages   # each painted, in turn


def test_while_training_the_other_band_plots_take_a_grown_x_axis_when_they_are_drawn(panel, mnist, qtbot):
    from gui.throttle import draw_budget
    _, results = train_with_stats(mnist, steps=12, every=4)
    stats = results[0][0]
    panel.update_stats(stats, 10)
    panel.finish_frame()
    first, second = (panel.band_plots[k].vb for k in KINDS[:2])
    old_end = first.viewRange()[0][1]
    draw_budget().set_active(True)
    try:
        panel.update_stats(stats, 1000)                     # far past the axis's end: it grows
        panel.redraw()                                      # (the budget's frame, now)
        new_end = first.viewRange()[0][1]
        assert new_end > 5 * old_end
        assert second.viewRange()[0][1] == pytest.approx(old_end)     # not yet: drawn later
        qtbot.waitUntil(lambda: not panel._after_paint.pending)
    finally:
        draw_budget().set_active(False)
    assert second.viewRange()[0][1] == pytest.approx(new_end) and not second.linksBlocked
    assert panel.band_plots[KINDS[2]].vb.viewRange()[0][1] == pytest.approx(new_end)


def test_while_training_a_fast_run_grows_the_x_axis_by_seconds_of_iterations(panel, mnist, qtbot):
    """As the Loss panel's: a toy net's ~10 000 iterations a second grew the axis by half
    again 6 times in 4 seconds, each a whole repaint of the three band plots."""
    from gui.metric_ranges import MAX_ROOM, ROOM_SECONDS, StepPace
    from gui.throttle import draw_budget
    _, results = train_with_stats(mnist, steps=12, every=4)
    stats = results[0][0]
    now = [0.0]
    panel._pace = StepPace(clock=lambda: now[0])
    first = panel.band_plots[KINDS[0]].vb
    draw_budget().set_active(True)
    try:
        panel.update_stats(stats, 1000)
        panel.redraw()
        now[0] = 1.0
        panel.update_stats(stats, 11_000)                   # 10 000 iterations a second
        panel.redraw()
        end_training = first.viewRange()[0][1]
        qtbot.waitUntil(lambda: not panel._after_paint.pending)
    finally:
        draw_budget().set_active(False)
    room = min(11_000 + ROOM_SECONDS * 10_000, MAX_ROOM * 11_000)
    assert end_training == pytest.approx(room, rel=0.05)    # (the plot's 2 % padding)
    panel._bands_auto()                                     # not training: half again
    panel.update_stats(stats, 11_001)
    panel.redraw()
    assert first.viewRange()[0][1] == pytest.approx(1.5 * 11_001, rel=0.05)
