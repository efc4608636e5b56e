"""The gradient-check panel: a pass/fail table per parameter, and a layer broken on purpose fails."""
import numpy as np
import pytest

from core import Network, presets
from gui.panels.gradient_check_panel import FAIL, PASS, GradientCheckPanel


@pytest.fixture
def panel(qtbot, mnist):
    p = GradientCheckPanel()
    qtbot.addWidget(p)
    p.resize(900, 520)
    p.show()
    qtbot.waitExposed(p)
    p.set_dataset(mnist)
    return p


def _set(panel, key):
    net = Network.from_spec(presets.get(key), np.random.default_rng(0))
    panel.set_model(net.spec, net.snapshot())
    return net


def _run(qtbot, panel):
    with qtbot.waitSignal(panel.task.done, timeout=60000):
        panel.run_button.click()


def test_every_parameter_of_the_mlp_passes(qtbot, panel, shot_dir):
    net = _set(panel, "mlp")
    assert panel.table.rowCount() == 0 and "Run check" in panel.summary.text()
    _run(qtbot, panel)
    assert [panel.cell(r, 0) for r in range(panel.table.rowCount())] == list(net.parameters())
    for r in range(panel.table.rowCount()):
        assert float(panel.cell(r, 5)) < 1e-6 and panel.cell(r, 6) == "pass"
        assert panel.table.item(r, 6).background().color() == PASS
    assert panel.cell(0, 1) == "(784, 100)" and panel.cell(0, 2) == "20"
    assert "All 4 parameters pass" in panel.summary.text()
    panel.grab().save(str(shot_dir / "gradient_check_pass.png"))


def test_breaking_a_layer_makes_exactly_that_layer_fail(qtbot, panel, shot_dir):
    _set(panel, "mlp")
    _run(qtbot, panel)
    assert [panel.layer_combo.itemData(i) for i in range(panel.layer_combo.count())] == [0, 1]
    assert not panel.layer_combo.isEnabled()
    panel.layer_combo.setCurrentIndex(1)
    with qtbot.waitSignal(panel.task.done, timeout=60000):
        panel.break_check.setChecked(True)                  # re-runs at once
    results = {panel.cell(r, 0): panel.cell(r, 6) for r in range(panel.table.rowCount())}
    assert results == {"0.W": "pass", "0.b": "pass", "1.W": "FAIL", "1.b": "FAIL"}
    assert panel.table.item(2, 6).background().color() == FAIL
    assert float(panel.cell(2, 5)) == pytest.approx(0.1 / 1.9, rel=1e-3)
    assert "FAILED: 1.W, 1.b" in panel.summary.text() and "on purpose" in panel.summary.text()
    panel.grab().save(str(shot_dir / "gradient_check_broken.png"))
    with qtbot.waitSignal(panel.task.done, timeout=60000):
        panel.break_check.setChecked(False)
    assert all(panel.cell(r, 6) == "pass" for r in range(panel.table.rowCount()))


def test_a_fresh_cnn_reports_its_kinks_instead_of_failing(qtbot, panel):
    _set(panel, "cnn")
    panel.entries_spin.setValue(5)
    _run(qtbot, panel)
    rows = {r.name: r for r in panel.rows}
    assert rows["0.b"].checked == 0 and rows["0.b"].at_kink == 5
    assert all(r.ok for r in panel.rows)
    assert "kink" in panel.summary.text()
    row = list(rows).index("0.b")
    assert "kink" in panel.cell(row, 6)


def test_a_new_model_clears_the_table(qtbot, panel):
    _set(panel, "mlp")
    _run(qtbot, panel)
    _set(panel, "toy")                                   # 2 inputs: MNIST does not fit it
    assert panel.table.rowCount() == 0
    panel.run_button.click()
    assert "the network expects 2" in panel.summary.text() and not panel.task.busy
