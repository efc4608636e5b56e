"""The perceptron panel: the rule stepped row by row on the gates, XOR failing, two layers."""
import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication

from core import toy_data
from gui.panels.perceptron_panel import PerceptronPanel


@pytest.fixture
def panel(qtbot):
    p = PerceptronPanel()
    qtbot.addWidget(p)
    p.resize(1000, 520)
    p.show()
    qtbot.waitExposed(p)
    return p


def choose(panel, gate):
    panel.gate.setCurrentIndex(panel.gate.findData(gate))
    panel.gate.activated.emit(panel.gate.currentIndex())


def table_outputs(panel):
    return [int(panel.table.item(r, 3).text()) for r in range(4)]


@pytest.mark.parametrize("gate", ["and", "nand", "or"])
def test_stepping_learns_a_linear_gate_within_20_epochs(panel, gate, shot_dir):
    choose(panel, gate)
    for _ in range(20 * 4):
        panel.step()
        if panel.learned:
            break
    assert panel.learned and panel.stepper.converged_at <= 20
    truth = toy_data.make_gate(gate).y_train.tolist()
    assert table_outputs(panel) == truth
    # the heatmap is the perceptron's answer on the plane: 1 exactly on the line's positive side
    p, out = panel.p, panel.plot.output()
    np.testing.assert_array_equal(out.ravel(), (panel.grid @ p.w + p.b > 0).astype(np.float32))
    xs, ys = panel.line.getData()
    np.testing.assert_allclose(p.w[0] * xs + p.w[1] * ys + p.b, 0, atol=1e-9)
    assert "4" in panel.verdict.text()
    QCoreApplication.processEvents()             # let the layout catch up before the shot
    panel.grab().save(str(shot_dir / f"perceptron_{gate}.png"))


def test_each_step_applies_the_rule_to_one_row(panel):
    choose(panel, "and")
    w, b = panel.p.w.copy(), panel.p.b
    u = panel.step()
    assert u.index == 0 and u.epoch == 1
    np.testing.assert_allclose(panel.p.w, w + panel.p.lr * (u.target - u.output) * u.x)
    assert panel.p.b == pytest.approx(b + panel.p.lr * (u.target - u.output))
    assert panel.current.getData()[0].tolist() == [u.x[0]]
    panel.epoch()
    assert panel.stepper.epoch == 2 and panel.stepper.index == 0


def test_xor_stays_at_75_percent_then_two_layers_solve_it(panel, shot_dir):
    choose(panel, "xor")
    for _ in range(30):
        panel.epoch()
        right = sum(a == b for a, b in zip(table_outputs(panel), [0, 1, 1, 0], strict=True))
        assert right <= 3
    assert not panel.learned and "75%" in panel.verdict.text()
    QCoreApplication.processEvents()             # let the layout catch up before the shot
    panel.grab().save(str(shot_dir / "perceptron_xor_fails.png"))
    panel.layers.click()
    assert panel.two_layers is not None
    assert table_outputs(panel) == [0, 1, 1, 0]
    out = panel.plot.output()
    expected = panel.two_layers.forward(panel.grid)[:, 0].reshape(out.shape)
    np.testing.assert_array_equal(out, (expected > 0.5).astype(np.float32))
    assert all(len(item.getData()[0]) == 2 for item in panel.hidden_lines)
    assert "4 of 4" in panel.verdict.text()
    QCoreApplication.processEvents()             # let the layout catch up before the shot
    panel.grab().save(str(shot_dir / "perceptron_xor_two_layers.png"))


def test_play_stops_when_learned_and_when_hidden(qtbot, panel):
    choose(panel, "or")
    panel.random.click()
    panel.play.setChecked(True)
    assert panel._timer.isActive()
    qtbot.waitUntil(lambda: not panel.play.isChecked(), timeout=20000)
    assert panel.learned and not panel._timer.isActive()
    choose(panel, "xor")
    panel.play.setChecked(True)
    panel.hide()
    assert not panel._timer.isActive()
    panel.show()
    assert panel._timer.isActive()
    panel.play.setChecked(False)
