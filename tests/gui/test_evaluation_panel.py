"""The evaluation panel shows core.evaluation's numbers for a direct prediction, and its
gallery lists exactly the samples of the chosen confusion-matrix cell."""
import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import Qt

from core import Network, data, evaluation, presets
from core.trainer import Config, Trainer
from gui.panels.evaluation_panel import EvaluationPanel
from gui.widgets.sample_gallery import MAX_THUMBS


@pytest.fixture(scope="module")
def small_mnist(mnist):
    """MNIST with a 2000-image test set, to keep each evaluation short."""
    return dataclasses.replace(mnist, x_test=mnist.x_test[:2000], y_test=mnist.y_test[:2000])


def trained(ds, arch="mlp", n=3000, epochs=1):
    net = Network.from_spec(presets.get(arch), rng=np.random.default_rng(0))
    trainer = Trainer(net, ds, Config(epochs=epochs, batch_size=64, max_train=n, max_eval=200,
                                      evaluate_test=False, seed=0))
    for _ in trainer.run():
        pass
    return net, trainer.step


@pytest.fixture(scope="module")
def mnist_net(small_mnist):
    return trained(small_mnist)


def direct(net, ds):
    x, y = ds.gather("test", np.arange(len(ds.y_test)))
    proba = net.predict_proba(x)
    return y, proba, proba.argmax(axis=1)


@pytest.fixture
def panel(qtbot):
    p = EvaluationPanel()
    qtbot.addWidget(p)
    p.resize(900, 650)
    p.show()
    qtbot.waitExposed(p)
    return p


def load(qtbot, panel, ds, net, step):
    """Data set and model arrive while the panel is visible and idle: it evaluates by itself."""
    panel.set_dataset(ds)
    with qtbot.waitSignal(panel.evaluated, timeout=20000):
        panel.set_model(net.spec, net.snapshot())
        panel.update_snapshot(net.snapshot(), step)
        assert panel.task.busy                   # the work runs off the GUI thread


def captions(panel):
    return [panel.gallery.item(k).text() for k in range(panel.gallery.count())]


def test_matrix_bars_and_default_gallery_equal_a_direct_prediction(qtbot, panel, small_mnist, mnist_net):
    assert panel.objectName() == "evaluationPanel"
    assert panel.stack.currentIndex() == 0 and not panel.eval_button.isEnabled()
    net, step = mnist_net
    load(qtbot, panel, small_mnist, net, step)
    y, proba, pred = direct(net, small_mnist)
    cm = evaluation.confusion_matrix(y, pred, 10)
    np.testing.assert_array_equal(panel.result["cm"], cm)
    np.testing.assert_array_equal(panel.cell_texts(), cm)          # the numbers written in the cells
    share = cm / cm.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(panel.matrix.matrix(), share, rtol=1e-6)
    np.testing.assert_allclose(panel.acc_bars.opts["height"], 100 * np.diag(cm) / cm.sum(axis=1))
    assert panel.overall_line.value() == pytest.approx(100 * np.mean(pred == y))
    assert f"{100 * np.mean(pred == y):.2f} %" in panel.status.text()
    wrong = np.flatnonzero(pred != y)
    shown = panel.gallery_indices()
    assert len(shown) == min(MAX_THUMBS, len(wrong)) and set(shown) <= set(wrong)
    conf = proba[shown, pred[shown]]
    assert np.all(np.diff(conf) <= 1e-7)                             # most confident mistakes first
    assert conf[0] == pytest.approx(proba[wrong, pred[wrong]].max())
    for i, text in zip(shown, captions(panel), strict=True):
        assert text == f"{y[i]} → {pred[i]}\n{proba[i, pred[i]]:.0%}"


def test_clicking_a_cell_lists_exactly_its_samples(qtbot, panel, small_mnist, mnist_net):
    net, step = mnist_net
    load(qtbot, panel, small_mnist, net, step)
    y, proba, pred = direct(net, small_mnist)
    cm = evaluation.confusion_matrix(y, pred, 10)
    off = cm - np.diag(np.diag(cm))
    row, col = np.unravel_index(np.argmax(off), off.shape)           # the most common mistake
    pos = panel.matrix.cell_widget_pos(int(row), int(col))
    with qtbot.waitSignal(panel.matrix.cell_clicked) as blocker:
        qtbot.mouseClick(panel.matrix.graphics.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [row, col]
    expected = np.flatnonzero((y == row) & (pred == col))
    assert sorted(panel.gallery_indices()) == expected.tolist()
    assert panel.gallery_indices() == evaluation.cell_indices(y, proba, row, col).tolist()
    assert all(t.startswith(f"{row} → {col}\n") for t in captions(panel))
    assert f"True {row}, predicted {col}" in panel.gallery_title.text()
    assert not panel.all_button.isHidden()
    # a diagonal cell: the correct ones, capped at MAX_THUMBS
    panel.select_cell(1, 1)
    correct_1 = np.flatnonzero((y == 1) & (pred == 1))
    assert panel.gallery_indices() == evaluation.cell_indices(y, proba, 1, 1)[:MAX_THUMBS].tolist()
    assert len(correct_1) > MAX_THUMBS and "showing 200" in panel.gallery_title.text()
    panel.all_button.click()
    assert set(panel.gallery_indices()) <= set(np.flatnonzero(pred != y)) and panel.cell is None


def test_auto_refresh_when_training_pauses_and_finishes(qtbot, panel, small_mnist, mnist_net):
    net, step = mnist_net
    load(qtbot, panel, small_mnist, net, step)
    panel.set_training_state("running")
    fresh = Network.from_spec(net.spec, rng=np.random.default_rng(5))  # "newer weights"
    panel.update_snapshot(fresh.snapshot(), step + 10)
    assert not panel.task.busy                                      # no evaluation while running
    assert "pause to refresh" in panel.status.text()
    with qtbot.waitSignal(panel.snapshot_wanted):
        panel.set_training_state("paused")
    with qtbot.waitSignal(panel.evaluated, timeout=20000):
        panel.update_snapshot(fresh.snapshot(), step + 11)
    assert panel.result["step"] == step + 11
    _, _, pred = direct(fresh, small_mnist)
    np.testing.assert_array_equal(panel.result["pred"], pred)
    # finishing: the controller sends a final snapshot by itself
    panel.set_training_state("running")
    with qtbot.assertNotEmitted(panel.snapshot_wanted):
        panel.set_training_state("finished")
    with qtbot.waitSignal(panel.evaluated, timeout=20000):
        panel.update_snapshot(net.snapshot(), step + 20)
    assert panel.result["step"] == step + 20


def test_evaluate_now_asks_a_live_worker_for_weights_else_uses_its_own(qtbot, panel, small_mnist,
                                                                    mnist_net):
    net, step = mnist_net
    load(qtbot, panel, small_mnist, net, step)
    panel.set_training_state("running")
    with qtbot.waitSignal(panel.snapshot_wanted):
        panel.eval_button.click()
    assert not panel.task.busy
    with qtbot.waitSignal(panel.evaluated, timeout=20000):
        panel.update_snapshot(net.snapshot(), step + 3)
    panel.set_training_state("idle")
    with qtbot.waitSignal(panel.evaluated, timeout=20000):
        panel.eval_button.click()


def test_hidden_panel_evaluates_when_shown(qtbot, panel, small_mnist, mnist_net):
    net, step = mnist_net
    load(qtbot, panel, small_mnist, net, step)
    panel.set_training_state("running")
    panel.hide()
    with qtbot.assertNotEmitted(panel.snapshot_wanted):
        panel.set_training_state("paused")
    with qtbot.waitSignal(panel.snapshot_wanted):
        panel.show()
    with qtbot.waitSignal(panel.evaluated, timeout=20000):
        panel.update_snapshot(net.snapshot(), step + 5)


def test_a_result_for_a_replaced_model_is_dropped(qtbot, panel, small_mnist, mnist_net):
    net, step = mnist_net
    panel.set_training_state("running")                             # no automatic evaluation
    panel.set_dataset(small_mnist)
    panel.set_model(net.spec, net.snapshot())
    panel.set_training_state("idle")
    panel.evaluate_now()
    other = Network.from_spec(presets.get("two_layer_net"), rng=np.random.default_rng(1))
    panel.set_model(other.spec, other.snapshot())                   # while the first one runs
    qtbot.waitUntil(lambda: panel.result is not None and not panel.task.busy, timeout=20000)
    _, _, pred = direct(other, small_mnist)
    np.testing.assert_array_equal(panel.result["pred"], pred)


def test_toy_data_has_a_two_class_matrix_and_no_gallery(qtbot, panel):
    toy = data.make_toy("xor", n=400, noise=0.1)
    net, step = trained(toy, "toy", n=None, epochs=10)
    load(qtbot, panel, toy, net, step)
    y, proba, pred = direct(net, toy)
    np.testing.assert_array_equal(panel.cell_texts(), evaluation.confusion_matrix(y, pred, 2))
    assert panel.gallery.isHidden() and not panel.no_gallery.isHidden()
    panel.select_cell(0, 1)
    assert panel.gallery.count() == 0
    assert f"{int(np.sum((y == 0) & (pred == 1)))} test samples" in panel.gallery_title.text()


def test_narrow_dock_stacks_matrix_and_bars(qtbot, panel, small_mnist, mnist_net):
    net, step = mnist_net
    load(qtbot, panel, small_mnist, net, step)
    panel.resize(480, 700)
    qtbot.waitUntil(lambda: panel.bars_view.y() > panel.matrix.y() + 100)
    assert abs(panel.bars_view.x() - panel.matrix.x()) < 5
