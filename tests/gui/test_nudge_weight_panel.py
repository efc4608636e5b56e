"""Nudging a weight: the numerical slope matches backprop's gradient, dragging changes the loss
along the real slice, and a weight picked elsewhere (diagram, heatmap) is shown."""
import numpy as np
import pytest

from core import Network, presets
from core.gradcheck import float64_network
from gui.panels.nudge_weight_panel import NudgeWeightPanel


@pytest.fixture
def panel(qtbot, mnist):
    p = NudgeWeightPanel()
    qtbot.addWidget(p)
    p.resize(900, 600)
    p.show()
    qtbot.waitExposed(p)
    net = Network.from_spec(presets.get("mlp"), np.random.default_rng(0))
    with qtbot.waitSignal(p.task.done, timeout=20000):
        p.set_model(net.spec, net.snapshot())
        p.set_dataset(mnist)
    return p, net


def _settle(qtbot, p):
    qtbot.waitUntil(lambda: not p.task.busy, timeout=20000)


def test_numerical_slope_matches_backprop(qtbot, panel, mnist, shot_dir):
    p, net = panel
    with qtbot.waitSignal(p.task.done, timeout=20000):
        p.select_weight("1.W", (3, 7))
    _settle(qtbot, p)
    r = p.result
    assert (r.name, r.index) == ("1.W", (3, 7))
    assert r.value == pytest.approx(float(net.parameters()["1.W"][3, 7]))
    assert r.analytic != 0 and r.relative_difference < 1e-4
    # the same gradient as the network's own backward on the same batch (float64 copy)
    ref = float64_network(net.spec, net.snapshot())
    x, y = mnist.gather("train", np.arange(16))
    ref.loss(x.astype(np.float64), y)
    assert r.analytic == pytest.approx(float(ref.backward()["1.W"][3, 7]), rel=1e-12)
    assert "∂L/∂w" in p.readout.text() and "ΔL/Δw" in p.readout.text()
    np.testing.assert_allclose(p.probs.values(), r.probs[0], rtol=1e-6)
    p.grab().save(str(shot_dir / "nudge_weight.png"))


def test_dragging_moves_along_the_slice(qtbot, panel):
    p, _ = panel
    with qtbot.waitSignal(p.task.done, timeout=20000):
        p.select_weight("1.b", (2,))
    _settle(qtbot, p)
    before = p.result
    with qtbot.waitSignal(p.task.done, timeout=20000):
        p.slider.setValue(p.slider.maximum())              # w = trained value + span
    _settle(qtbot, p)
    after = p.result
    assert after.value == pytest.approx(before.value + 1.0)
    assert after.loss == pytest.approx(before.slice_loss[-1], rel=1e-9)
    assert after.loss != before.loss
    assert after.relative_difference < 1e-4
    x, y = p.curve.getData()
    np.testing.assert_allclose(y, after.slice_loss)
    with qtbot.waitSignal(p.task.done, timeout=20000):
        p.reset_button.click()
    _settle(qtbot, p)
    assert p.result.value == pytest.approx(before.value) and p.slider.value() == p.slider.maximum() // 2


def test_index_spins_follow_the_parameter_shape(qtbot, panel):
    p, _ = panel
    with qtbot.waitSignal(p.task.done, timeout=20000):
        p.select_weight("0.b", 5)
    assert [s.isVisibleTo(p) for s in p.index_spins] == [True, False, False, False]
    assert p.index_spins[0].maximum() == 99
    p.select_weight("9.W", (0, 0))                           # not a parameter: ignored
    assert p.current() == ("0.b", (5,))
    _settle(qtbot, p)
