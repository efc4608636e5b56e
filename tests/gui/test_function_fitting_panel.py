"""The function-fitting panel: a live regression whose curve and unit shares are the network's."""
import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication

from core import fitting
from core.network import Network
from gui.panels.function_fitting_panel import FunctionFittingPanel


@pytest.fixture
def panel(qtbot):
    p = FunctionFittingPanel()
    qtbot.addWidget(p)
    p.resize(900, 560)
    p.show()
    qtbot.waitExposed(p)
    yield p
    p.play.setChecked(False)


def wait_for_frame(qtbot, panel, check, timeout=20000):
    qtbot.waitUntil(lambda: panel.frame is not None and check(panel.frame) and
                    panel.runner.thread._frame_free.is_set(), timeout=timeout)
    return panel.frame


def test_live_fit_of_sin_reaches_twice_the_noise_variance(qtbot, panel, shot_dir):
    assert panel.function.currentData() == "sin"
    panel.play.setChecked(True)
    frame = wait_for_frame(qtbot, panel, lambda f: f.epoch >= fitting.FitRecipe().epochs)
    panel.play.setChecked(False)
    assert frame.history[-1, 2] <= 2 * panel.data.noise_variance
    net = Network.from_spec(frame.spec)
    net.load_snapshot(frame.params)
    xs, ys = panel.curve.getData()
    np.testing.assert_allclose(ys, net.forward(xs[:, None].astype(np.float32))[:, 0], atol=1e-5)
    shares = np.column_stack([item.getData()[1] for item in panel.part_items])
    np.testing.assert_allclose(shares.sum(axis=1) + frame.bias, ys, atol=1e-4)
    assert f"Epoch {frame.epoch} " in panel.stats.text()
    QCoreApplication.processEvents()
    panel.grab().save(str(shot_dir / "function_fitting_sin.png"))


def test_changing_the_network_rebuilds_it_and_keeps_training(qtbot, panel):
    panel.play.setChecked(True)
    wait_for_frame(qtbot, panel, lambda f: f.epoch >= 3)
    panel.units.setValue(3)
    panel.layers.setValue(2)
    frame = wait_for_frame(qtbot, panel, lambda f: [layer["units"] for layer in f.spec["layers"]]
                           == [3, 3, 1] and f.epoch >= 3)
    assert frame.parts.shape[1] == 3 and panel.play.isChecked()
    assert sum(item.isVisible() for item in panel.part_items) == 3
    panel.parts.setChecked(False)
    assert not any(item.isVisible() for item in panel.part_items)


def test_new_data_are_drawn_and_trained_on(qtbot, panel):
    panel.function.setCurrentIndex(panel.function.findData("abs"))
    panel.function.activated.emit(panel.function.currentIndex())
    panel.points.setValue(50)
    xs, ys = panel.train_points.getData()
    assert len(xs) == 40 and np.allclose(panel.truth.getData()[1], np.abs(panel.truth.getData()[0]))
    frame = wait_for_frame(qtbot, panel, lambda f: True)
    assert frame.epoch == 0
    panel.step.click()
    wait_for_frame(qtbot, panel, lambda f: f.epoch == 1)


def test_hidden_panel_does_no_work(qtbot, panel):
    panel.play.setChecked(True)
    wait_for_frame(qtbot, panel, lambda f: f.epoch >= 1)
    panel.hide()
    assert not panel.runner.thread.isRunning()
    panel.show()
    assert panel.runner.thread.isRunning()
