"""WeightsPanel: the heatmap shows W as stored (rows = inputs, columns = units), layers
switch, snapshots redraw, conv kernels form a grid, and snapshot requests are throttled."""
import math

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from core import Network, presets
from gui.panels.weights_panel import (
    ROBUST_PERCENTILE,
    WeightsPanel,
    _high_percentile,
    _round_up,
    _symmetric_levels,
)
from gui.widgets.heatmap import symmetric_levels
from gui.widgets.live_axis import LiveAxis
from gui.widgets.mosaic import mosaic_zoom


def snapshot(name, seed=0):
    return Network.from_spec(presets.get(name), np.random.default_rng(seed)).snapshot()


@pytest.fixture
def panel(qtbot):
    p = WeightsPanel()
    qtbot.addWidget(p)
    p.resize(800, 600)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_empty_state_says_what_to_do(panel):
    assert panel.objectName() == "weightsPanel"
    assert panel.stack.currentWidget() is panel.empty_label
    assert "Build or train" in panel.empty_label.text()
    assert not panel.controls.isVisible()


def test_mlp_layer0_is_shown_as_stored_with_its_biases(panel):
    params = snapshot("mlp")
    panel.set_model(presets.get("mlp"), params)
    panel.finish_frame()                             # (the biases: after the weights' paint)
    assert panel.stack.currentWidget() is panel.heatmap
    assert [panel.layer_combo.itemData(i) for i in range(panel.layer_combo.count())] == ["0.W", "1.W"]
    np.testing.assert_array_equal(panel.heatmap.matrix(), params["0.W"])   # (784, 100): row = input
    np.testing.assert_array_equal(panel.bias_shown(), params["0.b"])
    neg, pos = (item.path().boundingRect() for item in panel.bias_paths)   # the bars as painted
    b = params["0.b"]
    assert neg.top() == pytest.approx(b.min()) and pos.bottom() == pytest.approx(b.max())
    assert panel.heatmap.plot.getAxis("left").labelText == "input pixel"
    assert panel.heatmap.plot.getAxis("bottom").labelText == "hidden unit"
    w = float(params["0.W"][345, 12])
    assert panel.heatmap.readout_at(345, 12) == \
        f"pixel 345 (row 12, col 9) → unit 12: w = {w:.4g}".replace("-", "\u2212")


def test_switching_layer_shows_the_next_matrix(panel):
    params = snapshot("mlp")
    panel.set_model(presets.get("mlp"), params)
    panel.select_layer("1.W")
    np.testing.assert_array_equal(panel.heatmap.matrix(), params["1.W"])
    assert panel.heatmap.plot.getAxis("bottom").labelText == "output unit (class)"
    assert panel.heatmap.readout_at(7, 3).startswith("unit 7 of layer 0 → class 3: w = ")


def test_levels_are_symmetric_and_robust_is_a_toggle(panel):
    params = snapshot("mlp")
    panel.set_model(presets.get("mlp"), params)
    w = params["0.W"]
    top = float(np.percentile(np.abs(w), ROBUST_PERCENTILE))
    assert panel.robust_check.isChecked()
    assert panel.heatmap.levels() == pytest.approx(_round_up((-top, top)))
    panel.robust_check.setChecked(False)
    top = float(np.abs(w).max())
    assert panel.heatmap.levels() == pytest.approx(_round_up((-top, top)))


@pytest.mark.parametrize(("top", "rounded"), [(0.2734, 0.3), (0.3, 0.3), (0.3001, 0.4), (3.01, 4.0),
                                              (0.0999, 0.1), (1e-5, 1e-5), (123.4, 150.0), (0.995, 1.0),
                                              (0.81, 1.0), (0.11, 0.12), (5.5, 6.0), (0.024, 0.025)])
def test_colour_levels_end_on_the_next_step_rounded_up(top, rounded):
    assert _round_up((-top, top)) == (-rounded, rounded)
    assert _round_up(None) is None


def test_the_colour_scale_stays_while_the_weights_move_within_a_step(panel, monkeypatch):
    params = snapshot("mlp")
    panel.set_model(presets.get("mlp"), params)
    panel.heatmap.grab()                       # (laid out for the first snapshot)
    laid_out = []
    axis = panel.heatmap.colorbar.axis
    monkeypatch.setattr(axis, "generateDrawSpecs", lambda p: laid_out.append(1))
    levels = panel.heatmap.levels()
    for k in range(1, 6):                      # every weight 0.1 % larger at each snapshot
        panel.update_snapshot({n: v * (1 + k / 1000) for n, v in params.items()}, k)
        assert panel.heatmap.levels() == levels
    panel.heatmap.grab()
    assert axis.range == pytest.approx(list(levels)) and not laid_out


def test_update_snapshot_redraws_and_keeps_the_layer(panel):
    spec = presets.get("mlp")
    panel.set_model(spec, snapshot("mlp", 0))
    panel.select_layer("1.W")
    newer = snapshot("mlp", 1)
    panel.update_snapshot(newer, 50)
    np.testing.assert_array_equal(panel.heatmap.matrix(), newer["1.W"])
    assert "step 50" in panel.info_label.text()
    panel.set_model(spec, snapshot("mlp", 2))             # same shapes: a reset keeps the layer
    assert panel.current_name() == "1.W"
    panel.set_model(presets.get("toy"), snapshot("toy"))  # another network starts at layer 0
    assert panel.current_name() == "0.W"


def test_hidden_panel_draws_when_shown(qtbot, panel):
    panel.set_model(presets.get("mlp"), snapshot("mlp", 0))
    panel.hide()
    newer = snapshot("mlp", 1)
    panel.update_snapshot(newer, 10)
    assert not np.array_equal(panel.heatmap.matrix(), newer["0.W"])
    panel.show()
    qtbot.waitUntil(lambda: np.array_equal(panel.heatmap.matrix(), newer["0.W"]), timeout=2000)


@pytest.mark.parametrize("name, layer, n_cols", [("cnn", "0.W", 4), ("cnn", "2.W", 16)])
def test_conv_kernels_form_a_grid(panel, name, layer, n_cols):
    params = snapshot(name)
    panel.set_model(presets.get(name), params)
    panel.select_layer(layer)
    panel.finish_frame()
    w = params[layer]
    f, c, kh, kw = w.shape
    zoom = mosaic_zoom((kh, kw)) if f * c <= 100 else 1
    n_tiles = f * c
    rows = math.ceil(n_tiles / n_cols)
    h, wd = kh * zoom, kw * zoom
    image = panel.heatmap.matrix()
    assert image.shape == (rows * (h + 1) - 1, n_cols * (wd + 1) - 1)
    k = 5                                           # tile 5 = filter 5 // c, channel 5 % c
    r, q = divmod(k, n_cols)
    tile = image[r * (h + 1):r * (h + 1) + h, q * (wd + 1):q * (wd + 1) + wd]
    np.testing.assert_array_equal(tile[::zoom, ::zoom], w[k // c, k % c])
    assert np.isnan(image[h]).all()                 # a gap row between tiles
    np.testing.assert_array_equal(panel.bias_shown(), params[layer[:-1] + "b"])
    assert panel.heatmap.readout_at(0, 0).startswith("filter 0 · channel 0 · kernel row 0, col 0")


def test_snapshot_requests_only_while_visible_and_running(qtbot, panel):
    panel.poller.timer.setInterval(10)
    assert not panel.poller.timer.isActive()
    with qtbot.assertNotEmitted(panel.snapshot_wanted, wait=40):
        panel.set_training_state("idle")
    with qtbot.waitSignals([panel.snapshot_wanted] * 3, timeout=2000):
        panel.set_training_state("running")
    # pausing asks once more for the final weights, then stops asking
    with qtbot.waitSignal(panel.snapshot_wanted, timeout=1000):
        panel.set_training_state("paused")
    assert not panel.poller.timer.isActive()
    with qtbot.assertNotEmitted(panel.snapshot_wanted, wait=40):
        pass
    panel.set_training_state("running")
    assert panel.poller.timer.isActive()
    panel.hide()
    assert not panel.poller.timer.isActive()
    with qtbot.assertNotEmitted(panel.snapshot_wanted, wait=40):
        pass
    with qtbot.waitSignal(panel.snapshot_wanted, timeout=1000):   # catch up on being shown
        panel.show()
    assert panel.poller.timer.isActive()
    panel.set_training_state("finished")
    assert not panel.poller.timer.isActive()


def test_hidden_panel_never_asks(qtbot):
    p = WeightsPanel()
    qtbot.addWidget(p)
    p.poller.timer.setInterval(10)
    with qtbot.assertNotEmitted(p.snapshot_wanted, wait=40):
        p.set_training_state("running")
        p.set_training_state("paused")
    assert not p.poller.timer.isActive()


def test_hidden_parent_stops_the_requests(qtbot):
    """A dock tabbed away hides the panel's parent, not the panel: that must count too."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget
    dock = QWidget()
    qtbot.addWidget(dock)
    panel = WeightsPanel()
    QVBoxLayout(dock).addWidget(panel)
    dock.show()
    qtbot.waitExposed(dock)
    panel.set_training_state("running")
    assert panel.poller.timer.isActive()
    dock.hide()
    assert not panel.isVisible() and not panel.poller.timer.isActive()
    with qtbot.waitSignal(panel.snapshot_wanted, timeout=2000):    # catch up when shown again
        dock.show()
    assert panel.poller.timer.isActive()
    panel.set_training_state("finished")


@pytest.mark.parametrize("percentile", [ROBUST_PERCENTILE, 100.0])
def test_the_panels_colour_levels_are_the_heatmaps(percentile):
    w = np.random.default_rng(4).normal(scale=0.05, size=(784, 100)).astype(np.float32)
    a = np.abs(w).ravel()
    ours = _symmetric_levels(a, float(a.max()), percentile)
    assert ours == pytest.approx(symmetric_levels(w, percentile), rel=1e-6)
    w[3, 4] = np.nan                                   # left to the heatmap, which skips NaN
    assert _symmetric_levels(np.abs(w).ravel(), float(np.abs(w).max()), percentile) is None
    assert _symmetric_levels(np.zeros(5, np.float32), 0.0, percentile) is None


def test_the_colour_bar_axis_follows_the_levels(panel, qtbot):
    params = snapshot("mlp")
    panel.set_model(presets.get("mlp"), params)
    panel.show()
    qtbot.waitExposed(panel)
    bar = panel.heatmap.colorbar
    assert isinstance(bar.axis, LiveAxis) and bar.getAxis("right") is bar.axis
    panel.update_snapshot({k: 2 * v for k, v in params.items()}, 7)
    lo, hi = panel.heatmap.levels()
    assert bar.axis.range == pytest.approx([lo, hi])
    assert bar.axis.isVisible() and bar.axis.style["showValues"]


def test_the_bias_axis_follows_the_layer_kind_across_snapshots(panel):
    params = snapshot("cnn")
    panel.set_model(presets.get("cnn"), params)
    names = [n for n in panel._names]
    conv = next(n for n in names if params[n].ndim == 4)
    dense = next(n for n in names if params[n].ndim == 2)
    plot, vb = panel.bias_plot, panel.bias_plot.vb
    for name in (conv, dense, conv, dense):
        panel.select_layer(name)
        for step in (1, 2):                     # a second snapshot keeps the same set-up
            panel.update_snapshot(params, step)
            bottom = plot.getAxis("bottom")
            if name == conv:
                assert bottom.isVisibleTo(plot) and bottom.labelText == "filter"
                assert vb.linkedView(vb.XAxis) is None
                assert vb.viewRange()[0] == pytest.approx([-0.6, len(panel.bias_shown()) - 0.4])
            else:
                assert not bottom.isVisibleTo(plot)
                assert vb.linkedView(vb.XAxis) is panel.heatmap.plot.vb


class _PaintCounter(QObject):
    def __init__(self):
        super().__init__()
        self.n = 0

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.n += 1
            self.regions = [*getattr(self, "regions", []), event.region().boundingRect()]
        return False


def _settle(qtbot):
    for _ in range(5):
        QApplication.processEvents()


def test_a_snapshot_is_painted_in_two_passes_the_weights_then_the_biases(panel, qtbot):
    """The biases are drawn once the weights are painted, in an event-loop pass of their own
    (a frame was 4-5 ms at once), and the bias view's new range is applied when they are drawn,
    not during their paint (which made the view paint its bias plot a second time)."""
    spec = presets.get("mlp")
    panel.set_model(spec, snapshot("mlp", 0))
    viewport = panel.heatmap.graphics.viewport()
    counter = _PaintCounter()
    viewport.installEventFilter(counter)
    for seed in (1, 2, 3):
        _settle(qtbot)
        counter.n, counter.regions = 0, []
        newer = snapshot("mlp", seed)
        newer["0.b"] = newer["0.b"] + seed * 0.05          # a new bias range every frame
        panel.update_snapshot(newer, seed)
        qtbot.waitUntil(lambda: counter.n >= 2, timeout=2000)
        _settle(qtbot)
        assert counter.n == 2
        bias_area = panel.heatmap.graphics.mapFromScene(panel.bias_plot.sceneBoundingRect()).boundingRect()
        weights, biases = counter.regions
        assert not weights.intersects(bias_area)               # the weights' paint: not the biases
        assert bias_area.adjusted(-2, -2, 2, 2).contains(biases)   # then only theirs


@pytest.mark.parametrize("seed", range(6))
def test_the_high_percentile_is_numpys(seed):
    """Found among the largest values only, it is np.percentile's value (ties, sorted input,
    sizes that take the plain way included)."""
    rng = np.random.default_rng(seed)
    for n in (10, 900, 5000, 78_400, 123_457):
        a = np.abs(rng.standard_t(3, size=n)).astype(np.float32)
        if seed % 2:
            a = np.round(a, 1).astype(np.float32)         # many ties
        if seed % 3 == 0:
            a = np.sort(a)                                # the sample sees the smallest first
        if seed == 5:
            a[::16] += 100                                # the sample sees only the largest
        for q in (90.0, 99.0, 99.5, 99.9):
            assert _high_percentile(a, q) == pytest.approx(float(np.percentile(a, q)), rel=1e-6)


def test_the_bias_range_holds_while_the_bars_fit_it(panel):
    """Snapshots whose biases stay within the bias plot's range (and fill most of it) leave
    the range, so its axes, alone; outgrowing or shrinking well inside it refits it."""
    spec = presets.get("mlp")
    params = snapshot("mlp")
    params["0.b"] = np.random.default_rng(3).normal(scale=0.1, size=params["0.b"].shape).astype(np.float32)
    panel.set_model(spec, params)
    vb = panel.bias_plot.vb

    def shown_with(factor, step):
        newer = dict(params, **{"0.b": params["0.b"] * factor})
        panel.update_snapshot(newer, step)
        np.testing.assert_array_equal(panel.bias_shown(), newer["0.b"])
        lo, hi = vb.viewRange()[1]
        top = float(np.abs(newer["0.b"]).max())
        assert lo < -top and hi > top                        # every bar fits
        assert top > 0.7 * hi                                # and fills most of the range
        return lo, hi

    first = shown_with(1.0, 1)
    assert shown_with(0.9, 2) == first and shown_with(1.03, 3) == first
    grown = shown_with(1.5, 4)
    assert grown[1] > first[1]
    assert shown_with(0.5, 5)[1] < grown[1]                  # well inside: narrowed again
    vb.setYRange(-5, 5)                                      # a zoom is undone by the next snapshot
    assert shown_with(0.5, 6)[1] < 1
    panel.select_layer("1.W")                                # another layer: its own range
    top = float(np.abs(params["1.b"]).max()) or 1.0
    assert vb.viewRange()[1][1] == pytest.approx(top * 1.05 * 1.1)


def test_a_snapshot_with_unchanged_weights_draws_nothing_new(panel, qtbot, monkeypatch):
    """The same weights again (the snapshot taken on pausing, say) render no new image and
    set no new bars; changed weights do, with the colours pyqtgraph gives them."""
    spec = presets.get("mlp")
    params = snapshot("mlp")
    params["0.b"] = np.linspace(-0.2, 0.3, params["0.b"].size).astype(np.float32)
    panel.set_model(spec, params)
    panel.finish_frame()
    panel.heatmap.graphics.grab()
    image = panel.heatmap.image
    renders, paths = [], []
    original_render = type(image).render
    monkeypatch.setattr(type(image), "render", lambda self: renders.append(1) or original_render(self))
    for item in panel.bias_paths:
        monkeypatch.setattr(item, "setPath", lambda path: paths.append(path))
    before = panel.heatmap.graphics.grab().toImage()
    panel.update_snapshot({k: v.copy() for k, v in params.items()}, 2)
    panel.finish_frame()
    after = panel.heatmap.graphics.grab().toImage()
    assert renders == [] and paths == []
    assert after == before
    assert "step 2" in panel.info_label.text()
    changed = {k: v.copy() for k, v in params.items()}
    changed["0.W"][5, 7] += 0.3
    changed["0.b"][3] = -0.1
    panel.update_snapshot(changed, 3)
    panel.finish_frame()
    panel.heatmap.graphics.grab()
    assert renders == [1] and len(paths) == 2
    np.testing.assert_array_equal(panel.heatmap.matrix(), changed["0.W"])
