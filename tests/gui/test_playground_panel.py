"""The 2-D playground panel, driven as a learner would: live training in its own thread, the
heatmap and every neuron's picture against the network, instant architecture changes."""
import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QPointF

from core import cli, features, playground, toy_data
from core.network import Network
from gui.controller import TrainingController
from gui.panels.playground_panel import PlaygroundPanel


@pytest.fixture
def panel(qtbot):
    p = PlaygroundPanel()
    qtbot.addWidget(p)
    p.resize(1200, 650)
    p.show()
    qtbot.waitExposed(p)
    yield p
    p.play.setChecked(False)


def net_of(frame):
    net = Network.from_spec(frame.spec)
    net.load_snapshot(frame.params)
    return net


def wait_for_frame(qtbot, panel, check, timeout=10000):
    """Wait until a drawn frame satisfies ``check(frame)``."""
    qtbot.waitUntil(lambda: panel.frame is not None and check(panel.frame) and
                    panel.runner.thread._frame_free.is_set(), timeout=timeout)
    return panel.frame


def test_live_heatmap_and_pictures_are_the_network_on_the_grid(qtbot, panel, shot_dir):
    panel.play.setChecked(True)
    wait_for_frame(qtbot, panel, lambda f: f.epoch >= 20)
    panel.play.setChecked(False)
    qtbot.waitUntil(lambda: not panel.runner.thread.playing)
    frame = wait_for_frame(qtbot, panel, lambda f: True)
    net = net_of(frame)
    coords, points = playground.grid()
    size = len(coords)
    x = features.transform(points, frame.features)
    proba = net.predict_proba(x)[:, 1].reshape(size, size)
    np.testing.assert_allclose(panel.boundary.output(), proba, rtol=1e-5, atol=1e-6)
    record = []
    net.forward(x, record=record)
    shown = panel.neurons.pictures()
    assert len(shown) == len(frame.spec["layers"]) - 1
    for layer, pictures in enumerate(shown):
        for u, picture in enumerate(pictures):
            np.testing.assert_allclose(picture, record[layer][:, u].reshape(size, size), atol=1e-5)
    assert frame.history[-1, 4] >= 0.95          # the circle's recipe has solved it
    assert f"Epoch {frame.epoch} " in panel.stats.text()
    QCoreApplication.processEvents()             # let the layout catch up before the shot
    panel.grab().save(str(shot_dir / "playground_circle.png"))


def test_instant_architecture_rebuilds_and_keeps_training(qtbot, panel):
    panel.play.setChecked(True)
    wait_for_frame(qtbot, panel, lambda f: f.epoch >= 3)
    panel.network_controls.add_layer()                         # + : a second hidden layer
    frame = wait_for_frame(qtbot, panel, lambda f: len(f.spec["layers"]) == 3 and f.epoch >= 3)
    assert [layer["units"] for layer in frame.spec["layers"]] == [4, 4, 2]
    assert panel.play.isChecked()
    panel.network_controls.unit_spins[0].setValue(7)           # units of the first layer
    frame = wait_for_frame(qtbot, panel, lambda f: f.spec["layers"][0]["units"] == 7 and f.epoch >= 2)
    act = panel.network_controls.activation
    act.setCurrentIndex(act.findData("relu"))
    act.activated.emit(act.currentIndex())
    frame = wait_for_frame(qtbot, panel, lambda f: f.spec["layers"][0]["activation"] == "relu"
                           and f.epoch >= 2)
    assert len(panel.neurons.pictures()) == 2 and panel.neurons.pictures()[0].shape[0] == 7


def test_input_features_change_the_inputs(qtbot, panel):
    boxes = panel.network_controls.features
    boxes["x1_sq"].setChecked(True)
    boxes["x2_sq"].setChecked(True)
    boxes["x1"].setChecked(False)
    boxes["x2"].setChecked(False)
    while panel.network_controls.hidden:
        panel.network_controls.remove_layer()
    frame = wait_for_frame(qtbot, panel, lambda f: f.features == ("x1_sq", "x2_sq") and
                           len(f.spec["layers"]) == 1)
    assert frame.spec["input_shape"] == [2]
    panel.play.setChecked(True)                                  # no hidden layer, yet a circle
    frame = wait_for_frame(qtbot, panel, lambda f: len(f.spec["layers"]) == 1 and f.epoch >= 40)
    assert frame.history[-1, 4] >= 0.95
    assert panel.neurons.pictures() == []
    boxes["x1_sq"].setChecked(False)
    boxes["x2_sq"].setChecked(False)                             # the last input cannot go
    assert boxes["x2_sq"].isChecked()


def test_switching_data_set_loads_its_recipe(qtbot, panel):
    combo = panel.data_controls.name
    combo.setCurrentIndex(combo.findData("spiral"))
    combo.activated.emit(combo.currentIndex())
    recipe = playground.RECIPES["spiral"]
    assert tuple(panel.network_controls.hidden) == recipe.hidden
    assert panel.lr.value() == pytest.approx(recipe.lr)
    frame = wait_for_frame(qtbot, panel, lambda f: len(f.spec["layers"]) == len(recipe.hidden) + 1)
    assert frame.epoch == 0


def test_data_controls_regenerate_the_shared_toy_set(qtbot, panel):
    dc = panel.data_controls
    dc.points.setValue(200)
    dc.test_share.setValue(50)
    dc.noise.setValue(0.0)
    ds = dc.dataset()
    expected = toy_data.load("circle", 0, n=200, noise=0.0, test_fraction=0.5)
    np.testing.assert_array_equal(ds.x_train, expected.x_train)
    assert len(panel.boundary.train_points.data) == 100 and len(panel.boundary.test_points.data) == 100
    before = panel.boundary.train_points.getData()[0].copy()
    dc.regenerate.click()
    assert dc.seed.value() == 1
    assert not np.array_equal(panel.boundary.train_points.getData()[0], before)
    panel.show_test.setChecked(False)
    assert not panel.boundary.test_points.isVisible()


def test_cli_and_gui_load_the_same_toy_set_for_a_seed(qtbot):
    controller = TrainingController()
    controller.settings.seed = 3
    try:
        for name in toy_data.TOY_SETS:
            assert controller.load_dataset(name)
            cli_set = cli.load_dataset(name, seed=3)
            for split in ("x_train", "y_train", "x_test", "y_test"):
                np.testing.assert_array_equal(getattr(controller.dataset, split), getattr(cli_set, split))
    finally:
        assert controller.shutdown(5000)


def test_step_trains_one_epoch_while_paused(qtbot, panel):
    wait_for_frame(qtbot, panel, lambda f: True)
    panel.step.click()
    frame = wait_for_frame(qtbot, panel, lambda f: f.epoch == 1)
    assert len(frame.history) == 1
    panel.reset.click()
    frame = wait_for_frame(qtbot, panel, lambda f: f.epoch == 0)
    assert len(frame.history) == 0


def test_a_stalled_linear_network_gets_a_hint(qtbot, panel):
    combo = panel.data_controls.name
    combo.setCurrentIndex(combo.findData("xor"))
    combo.activated.emit(combo.currentIndex())
    panel.network_controls.remove_layer()
    panel.play.setChecked(True)
    frame = wait_for_frame(qtbot, panel, lambda f: f.hint is not None, timeout=20000)
    assert frame.hint == playground.HINTS["linear"]
    assert panel.hint.isVisible()
    assert panel.hint.text() == QCoreApplication.translate("playground", playground.HINTS["linear"])


def test_hidden_panel_does_no_work(qtbot, panel):
    assert panel.runner.thread.isRunning()
    panel.play.setChecked(True)
    wait_for_frame(qtbot, panel, lambda f: f.epoch >= 1)
    panel.hide()
    assert not panel.runner.thread.isRunning()
    epoch = panel.session.trainer.epoch                 # safe: no thread runs now
    panel.show()
    assert panel.runner.thread.isRunning()
    wait_for_frame(qtbot, panel, lambda f: f.epoch > epoch)


def test_hovering_a_neuron_enlarges_it(qtbot, panel, shot_dir):
    frame = wait_for_frame(qtbot, panel, lambda f: True)
    pics = panel.neurons
    assert frame.pictures
    qtbot.mouseMove(pics, pics.tile_rect(1, 2).center().toPoint())
    qtbot.waitUntil(lambda: pics.hovered == (1, 2))
    assert pics.zoom_rect().width() > 2 * pics.tile_size()
    assert pics.caption(1, 2) == "Layer 1, neuron 3"
    pics.grab().save(str(shot_dir / "playground_neuron_zoom.png"))
    assert pics.tile_at(QPointF(-5, -5)) is None
    qtbot.mouseMove(pics, QPointF(2, pics.height() - 2).toPoint())
    qtbot.waitUntil(lambda: pics.hovered is None)
    assert pics.zoom_rect() is None
