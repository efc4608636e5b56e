"""FeaturesPanel: first-layer weights as 28×28 tiles ("before" kept, "now" follows
snapshots), paging, conv filters, change view, and the message for non-image data."""
import numpy as np
import pytest

from core import Network, Trainer, presets
from core.trainer import Config
from gui.panels.features_panel import FeaturesPanel
from gui.widgets.mosaic import mosaic_zoom


def trained(name, mnist, steps_data=512):
    """(spec, params before, params after a short training on a subset)."""
    spec = presets.get(name)
    net = Network.from_spec(spec, np.random.default_rng(0))
    before = net.snapshot()
    trainer = Trainer(net, mnist, Config(epochs=1, batch_size=64, max_train=steps_data, max_eval=64,
                                         evaluate_test=False))
    for _ in trainer.run():
        pass
    return spec, before, net.snapshot()


def tile(image, k, shape, n_cols, zoom=1):
    """Tile k of a mosaic (1-cell gaps), back at one value per pixel."""
    h, w = shape[0] * zoom, shape[1] * zoom
    r, c = divmod(k, n_cols)
    return image[r * (h + 1):r * (h + 1) + h, c * (w + 1):c * (w + 1) + w][::zoom, ::zoom]


def scaled(t):
    return t / np.abs(t).max()


@pytest.fixture
def panel(qtbot):
    p = FeaturesPanel()
    qtbot.addWidget(p)
    p.resize(800, 600)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_empty_state(panel):
    assert panel.objectName() == "featuresPanel"
    assert panel.stack.currentWidget() is panel.message_label
    assert "image data" in panel.message_label.text()


def test_tiles_are_unit_weights_now_and_before(panel, mnist):
    spec, before, after = trained("mlp", mnist)
    panel.set_model(spec, before)
    panel.update_snapshot(after, 8)
    assert panel.mode == "dense" and panel.page_count() == 1
    now_img, before_img = panel.now_view.matrix(), panel.before_view.matrix()
    assert now_img.shape == (10 * 29 - 1, 10 * 29 - 1)
    for k in (0, 37, 99):
        np.testing.assert_allclose(tile(now_img, k, (28, 28), 10),
                                   scaled(after["0.W"][:, k].reshape(28, 28)), rtol=1e-6)
        np.testing.assert_allclose(tile(before_img, k, (28, 28), 10),
                                   scaled(before["0.W"][:, k].reshape(28, 28)), rtol=1e-6)
    assert not np.allclose(now_img, before_img, equal_nan=True)      # training changed them
    assert panel.now_view.levels() == (-1.0, 1.0)
    assert "step 8" in panel.now_title.text()
    text = panel.now_view.readout_at(29 * 3 + 5, 29 * 7 + 9)          # unit 37, pixel (5, 9)
    w_now, w_before = after["0.W"][5 * 28 + 9, 37], before["0.W"][5 * 28 + 9, 37]
    assert text.startswith("unit 37, pixel (5, 9): w = ")
    assert f"{w_now:.3g}".replace("-", "\u2212") in text
    assert f"{w_before:.3g}".replace("-", "\u2212") in text


def test_change_since_start(panel, mnist):
    spec, before, after = trained("mlp", mnist)
    panel.set_model(spec, before)
    panel.update_snapshot(after, 8)
    panel.show_combo.setCurrentIndex(1)
    assert panel.show_change()
    diff = (after["0.W"] - before["0.W"])[:, 12].reshape(28, 28)
    np.testing.assert_allclose(tile(panel.now_view.matrix(), 12, (28, 28), 10), scaled(diff),
                               rtol=1e-5, atol=1e-6)
    assert "Change since start" in panel.now_title.text()


def test_paging_shows_units_100_and_up(panel):
    spec = presets.get("mlp2")                                         # 256 hidden units
    params = Network.from_spec(spec, np.random.default_rng(0)).snapshot()
    panel.set_model(spec, params)
    assert panel.page_count() == 3 and panel.next_button.isVisible()
    assert not panel.prev_button.isEnabled()
    panel.next_button.click()
    assert panel.page() == 1 and panel.first_unit() == 100
    assert panel.page_label.text() == "units 100–199 of 256"
    np.testing.assert_allclose(tile(panel.now_view.matrix(), 0, (28, 28), 10),
                               scaled(params["0.W"][:, 100].reshape(28, 28)), rtol=1e-6)
    assert panel.now_view.readout_at(0, 0).startswith("unit 100,")
    panel.set_page(99)                                                 # clamped to the last page
    assert panel.page() == 2 and not panel.next_button.isEnabled()
    img = panel.now_view.matrix()
    np.testing.assert_allclose(tile(img, 55, (28, 28), 10),
                               scaled(params["0.W"][:, 255].reshape(28, 28)), rtol=1e-6)
    assert np.isnan(tile(img, 56, (28, 28), 10)).all()                 # empty slots stay blank


def test_conv_filters_before_and_now(panel):
    spec = presets.get("cnn")
    before = Network.from_spec(spec, np.random.default_rng(0)).snapshot()
    after = Network.from_spec(spec, np.random.default_rng(1)).snapshot()
    panel.set_model(spec, before)
    panel.update_snapshot(after, 3)
    assert panel.mode == "conv"
    z = mosaic_zoom((5, 5))
    for k in (0, 15):
        np.testing.assert_allclose(tile(panel.now_view.matrix(), k, (5, 5), 4, z),
                                   scaled(after["0.W"][k, 0]), rtol=1e-6)
        np.testing.assert_allclose(tile(panel.before_view.matrix(), k, (5, 5), 4, z),
                                   scaled(before["0.W"][k, 0]), rtol=1e-6)
    assert panel.page_label.text() == "filters 0–15 of 16"
    assert not panel.next_button.isVisible()
    assert panel.now_view.readout_at(0, 0).startswith("filter 0, pixel (0, 0)")


def test_toy_data_gets_a_clear_message(panel):
    spec = presets.get("mlp")
    panel.set_model(spec, Network.from_spec(spec, np.random.default_rng(0)).snapshot())
    toy = presets.get("toy")
    panel.set_model(toy, Network.from_spec(toy, np.random.default_rng(0)).snapshot())
    assert panel.mode is None
    assert panel.stack.currentWidget() is panel.message_label
    text = panel.message_label.text()
    assert "only for image data" in text and "2 numbers" in text
    panel.show_combo.setCurrentIndex(1)                                # nothing to redraw: no crash
    panel.update_snapshot(Network.from_spec(toy, np.random.default_rng(1)).snapshot(), 5)  # ignored
    assert panel.stack.currentWidget() is panel.message_label


def test_before_view_can_be_hidden(panel):
    spec = presets.get("mlp")
    panel.set_model(spec, Network.from_spec(spec, np.random.default_rng(0)).snapshot())
    panel.compare_check.setChecked(False)
    assert not panel.before_view.isVisible() and panel.now_view.isVisible()


def test_snapshot_requests_follow_the_throttle(qtbot, panel):
    panel.poller.timer.setInterval(10)
    with qtbot.waitSignals([panel.snapshot_wanted] * 2, timeout=2000):
        panel.set_training_state("running")
    panel.hide()
    assert not panel.poller.timer.isActive()
    with qtbot.assertNotEmitted(panel.snapshot_wanted, wait=40):
        pass
