"""The backprop step-through shows the network's own numbers: its dW equal Network.backward()'s
for the same batch, in the book's notation and transposed in Andrew Ng's."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from core import Network, presets
from gui.notation import notation_setting
from gui.panels.backprop_panel import BackpropPanel
from gui.run_state import RunState


@pytest.fixture
def book_notation():
    notation_setting().set("book")
    yield
    notation_setting().set("book")


@pytest.fixture
def panel(qtbot, book_notation):
    p = BackpropPanel()
    qtbot.addWidget(p)
    p.resize(1000, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


def _model(key="mlp", seed=0):
    net = Network.from_spec(presets.get(key), np.random.default_rng(seed))
    return net.spec, net.snapshot()


def _load(qtbot, panel, mnist, key="mlp"):
    spec, params = _model(key)
    with qtbot.waitSignal(panel.task.done, timeout=20000):
        panel.set_dataset(mnist)
        panel.set_model(spec, params)
    return spec, params


def test_empty_until_a_model_and_data_arrive(panel):
    assert panel.stack.currentWidget() is panel.empty
    assert "Apply" in panel.empty.text()


def test_dw_of_every_layer_equals_network_backward(qtbot, panel, mnist, shot_dir):
    spec, params = _load(qtbot, panel, mnist)
    ref = Network.from_spec(spec)
    ref.load_snapshot(params)
    x, y = mnist.gather("train", np.arange(4))
    loss = ref.loss(x, y)
    grads = ref.backward()
    t = panel.trace
    assert t.loss == loss and list(t.labels) == list(y)
    for lt in t.layers:
        for k, g in lt.grads.items():
            np.testing.assert_array_equal(g, grads[f"{lt.index}.{k}"])
    titles = [s.short for s in panel.stages]
    assert titles == ["Forward · layer 0 (Dense)", "Forward · layer 1 (Dense)", "Loss",
                      "Backward · layer 1 (Dense)", "Backward · layer 0 (Dense)"]
    panel.go_to(4)                                  # backward through layer 0
    stage = panel.current_stage()
    dw = next(a for a in stage.arrays if a.name == "dW[0]")
    np.testing.assert_array_equal(dw.matrix, grads["0.W"])                          # the heatmap's data
    np.testing.assert_array_equal(panel.heatmaps[1].matrix(), grads["0.W"])
    assert "dW[0] = Xᵀ · dZ[0]" in panel.formulas.text() and "(784, 100)" in panel.formulas.text()
    assert panel.captions[1].text() == "<b>dW[0]</b> (784, 100)"
    panel.grab().save(str(shot_dir / "backprop_book.png"))


def test_ng_notation_transposes_the_same_numbers(qtbot, panel, mnist, shot_dir):
    _load(qtbot, panel, mnist)
    grads = {f"{lt.index}.{k}": g for lt in panel.trace.layers for k, g in lt.grads.items()}
    panel.notation_combo.setCurrentIndex(panel.notation_combo.findData("ng"))
    assert [s.short for s in panel.stages][0] == "Forward · layer 1 (Dense)"   # Ng counts from 1
    panel.go_to(0)
    assert "Z[1] = W[1] A[0] + b[1]" in panel.formulas.text()
    assert "(100, 784) · (784, 4) + (100, 1) → (100, 4)" in panel.formulas.text()
    panel.go_to(4)
    stage = panel.current_stage()
    dw = next(a for a in stage.arrays if a.name == "dW[1]")
    assert dw.shape == (100, 784)
    np.testing.assert_array_equal(dw.matrix, grads["0.W"].T)
    dz = next(a for a in stage.arrays if a.name == "dZ[1]")
    lt = panel.trace.layers[0]
    np.testing.assert_allclose(dz.matrix, 4 * lt.dz.T, rtol=1e-6)                # Ng's dZ carries no 1/m
    assert "dW[1] = (1/m) dZ[1] A[0]ᵀ" in panel.formulas.text()
    panel.go_to(2)
    assert [a.name for a in panel.current_stage().arrays] == ["P", "T", "dZ[2]"]
    np.testing.assert_array_equal(panel.current_stage().arrays[1].matrix.argmax(axis=0), panel.trace.labels)
    panel.grab().save(str(shot_dir / "backprop_ng.png"))


def test_stepping_and_batches(qtbot, panel, mnist):
    _load(qtbot, panel, mnist)
    panel.go_to(0)
    assert not panel.prev_button.isEnabled()
    panel.next_button.click()
    panel.next_button.click()
    assert panel.stage_list.currentRow() == 2 and panel.current_stage().phase == "loss"
    first = panel.trace
    with qtbot.waitSignal(panel.task.done, timeout=20000):
        panel.new_batch_button.click()
    assert panel.start_spin.value() == 4 and not np.array_equal(panel.trace.x, first.x)
    assert panel.stage_list.currentRow() == 2                  # the learner stays at the same step
    with qtbot.waitSignal(panel.task.done, timeout=20000):
        panel.m_spin.setValue(2)
    assert panel.trace.m == 2


def test_a_drawn_digit_can_be_stepped_through(qtbot, panel, mnist):
    _load(qtbot, panel, mnist)
    x, y = mnist.gather("test", np.arange(1))
    with qtbot.waitSignal(panel.task.done, timeout=20000):
        panel.use_input(x[0], int(y[0]), "drawn digit")
    assert panel.trace.m == 1 and panel.trace.labels[0] == y[0]


def test_cnn_stages_and_a_hidden_panel_does_no_work(qtbot, panel, mnist):
    _load(qtbot, panel, mnist, "cnn")
    assert len(panel.stages) == 7 + 1 + 7
    panel.go_to(0)
    assert panel.current_stage().arrays[1].shape == (4, 16, 28, 28)
    panel.hide()
    spec, params = _model("cnn", seed=1)
    panel.set_model(spec, params)
    assert not panel.task.busy and panel._dirty
    with qtbot.waitSignal(panel.task.done, timeout=20000):
        panel.show()


def test_latest_weights_while_training_asks_for_a_snapshot(qtbot, panel, mnist):
    spec, params = _load(qtbot, panel, mnist)
    panel.set_training_state(RunState.RUNNING)
    with qtbot.waitSignal(panel.snapshot_wanted):
        panel.latest_button.click()
    newer = {k: v * 0.5 for k, v in params.items()}
    with qtbot.waitSignal(panel.task.done, timeout=20000):
        panel.update_snapshot(newer, 10)
    np.testing.assert_array_equal(panel.trace.layers[0].params["W"], newer["0.W"])
    panel.set_training_state(RunState.IDLE)


def test_the_diagram_lights_up_for_the_first_sample(qtbot, panel, mnist):
    _load(qtbot, panel, mnist)
    panel.tabs.setCurrentIndex(1)
    d = panel.diagram
    lt = panel.trace.layers[0]
    unit = d.shown_units(0)[0]
    with qtbot.waitSignal(d.unit_clicked) as blocker:
        qtbot.mouseClick(d, Qt.MouseButton.LeftButton, pos=d.neuron_center(0, unit).toPoint())
    assert blocker.args == [0, unit]
    info = "\n".join(d.unit_info(0, unit))
    assert f"a = {lt.a[0, unit]:.4g}" in info and f"z = {lt.z[0, unit]:.4g}" in info
    assert f"b = {lt.params['b'][unit]:.4g}" in info
    assert d.activity_color(0, unit) is not None
    assert d.activity_color(0, 10**6) is None
