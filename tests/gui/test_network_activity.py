"""The network diagram lit up for one input: unit colours follow the activations of the
network's own forward pass; clicking a unit pins z, a, b; clicking a connection picks a weight."""
import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from core import Network, presets, toy_data
from gui.widgets.network_activity import activity_for_input
from gui.widgets.network_diagram import NetworkDiagram


@pytest.fixture
def toy(qtbot):
    spec = presets.get("toy")
    net = Network.from_spec(spec, np.random.default_rng(2))
    params = net.snapshot()
    params["0.b"][...] = np.linspace(-0.5, 0.5, 8)
    net.load_snapshot(params)
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.resize(700, 500)
    d.set_spec(net.spec)
    d.set_params(params)
    return d, net, params


def test_units_take_the_colour_of_their_activation(toy, shot_dir):
    d, net, params = toy
    x = toy_data.load("xor", 0).x_train[:1]
    outputs = []
    net.forward(x, record=outputs)
    d.set_activity(activity_for_input(net.spec, params, x[0], "xor point"))
    a0 = outputs[0][0]
    for unit in range(8):
        color = d.activity_color(0, unit)
        if a0[unit] > 0.05:
            assert color.red() > color.blue(), unit
        elif a0[unit] < -0.05:
            assert color.blue() > color.red(), unit
    strongest = int(np.argmax(np.abs(a0)))
    c = d.activity_color(0, strongest)
    assert min(c.red(), c.blue()) < 80            # the largest |a| of the layer is fully saturated
    z0 = x[0] @ params["0.W"] + params["0.b"]
    info = "\n".join(d.unit_info(0, 3))
    assert f"a = {a0[3]:.4g}" in info and f"z = {z0[3]:.4g}" in info
    assert f"b = {params['0.b'][3]:.4g}" in info
    contrib = params["0.W"][:, 3] * x[0]
    i = int(np.argmax(np.abs(contrib)))
    assert f"from unit {i}: w = {params['0.W'][i, 3]:.4g} × a = {x[0, i]:.4g}" in info
    assert "Input 1 of 2" in d.unit_info(None, 1)[0]
    d.picked = (0, 3)
    d.grab().save(str(shot_dir / "diagram_lit.png"))
    d.set_activity(None)
    assert d.activity_color(0, 3) is None


def test_clicking_a_unit_pins_its_box_and_a_connection_picks_its_weight(qtbot, toy):
    d, net, params = toy
    d.show()
    qtbot.waitExposed(d)
    pos = d.neuron_center(1, 4)
    with qtbot.waitSignal(d.unit_clicked) as blocker:
        qtbot.mouseClick(d, Qt.MouseButton.LeftButton, pos=pos.toPoint())
    assert blocker.args == [1, 4] and d.picked == (1, 4)
    conn = next(c for c in d.connections() if c.layer == 2 and c.src == 5 and c.dst == 1)
    a, b = d.neuron_center(1, 5), d.neuron_center(2, 1)
    mid = QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)
    assert d.connection_at(mid) is conn
    with qtbot.waitSignal(d.weight_clicked) as blocker:
        qtbot.mouseClick(d, Qt.MouseButton.LeftButton, pos=mid.toPoint())
    assert blocker.args == ["2.W", (5, 1)] and d.picked is None
    assert d.connection_at(QPointF(3, 3)) is None
