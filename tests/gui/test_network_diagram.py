"""The network diagram: structure, weight colours from snapshots, hover statistics."""
import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from core import Network, Trainer, data, presets
from core.layers import LAYER_TYPES
from core.trainer import Config, Step
from gui.widgets.network_diagram import MAX_FULL, SHOWN, NetworkDiagram, fmt


def spec_of(key, input_shape=None):
    s = presets.get(key)
    s.pop("name")
    if input_shape is not None:
        s["input_shape"] = list(input_shape)
    return s


@pytest.fixture
def diagram(qtbot):
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.resize(700, 500)
    return d


@pytest.fixture(scope="module")
def trained_toy():
    """The toy net after 60 steps on xor: weights no longer look like their initial draw."""
    spec = spec_of("toy")
    net = Network.from_spec(spec, rng=np.random.default_rng(0))
    trainer = Trainer(net, data.make_toy("xor"), Config(epochs=20, batch_size=16, lr=0.05))
    for ev in trainer.run():
        if isinstance(ev, Step) and ev.step >= 60:
            break
    return spec, net.snapshot()


def test_mlp_draws_representatives_of_large_layers(diagram):
    diagram.set_spec(spec_of("mlp"))
    cols = diagram.columns()
    assert [c.kind for c in cols] == ["neurons"] * 3
    assert [c.size for c in cols] == [784, 100, 10]
    assert len(cols[0].shown) == SHOWN and cols[0].ellipsis is not None
    assert cols[0].shown == [0, 1, 2, 781, 782, 783]
    assert cols[2].shown == list(range(10)) and cols[2].ellipsis is None
    assert len(diagram.connections()) == SHOWN * SHOWN + SHOWN * 10
    assert all(c.weight is None for c in diagram.connections())      # no weights yet
    assert not diagram.has_weights()


def test_cnn_draws_blocks_with_shapes(diagram):
    diagram.set_spec(spec_of("cnn"))
    cols = diagram.columns()
    assert [c.kind for c in cols] == ["block"] * 5 + ["neurons"] * 3
    assert [c.shape for c in cols[:5]] == [(1, 28, 28), (16, 28, 28), (16, 14, 14), (32, 10, 10), (32, 5, 5)]
    assert cols[5].title == "Flatten" and cols[5].size == 800
    diagram.grab()                                                    # paints without error


def test_badges_and_error_column(diagram):
    spec = {"input_shape": [1, 8, 8], "layers": [
        {"type": "dense", "units": 4}, {"type": "batchnorm"}, {"type": "activation", "activation": "relu"},
        {"type": "dropout", "rate": 0.5}, {"type": "conv2d", "filters": 2, "kernel": 3}]}
    diagram.set_spec(spec)
    cols = diagram.columns()
    assert [c.kind for c in cols] == ["neurons", "neurons", "error"]
    assert [t for _, t in cols[1].badges] == [LAYER_TYPES["batchnorm"].label, "ReLU", "dropout 0.5"]
    assert "needs image input" in cols[2].subtitle
    assert "problem" in diagram.tooltip_at(cols[2].rect.center())
    diagram.grab()


def test_snapshot_changes_connection_colours_and_thickness(diagram, trained_toy):
    spec, params = trained_toy
    diagram.set_spec(spec)
    diagram.set_params(params, step=0)
    assert diagram.has_weights()
    first = {(c.layer, c.src, c.dst): c for c in diagram.connections()}
    assert len(first) == 2 * 8 + 8 * 8 + 8 * 2
    w0 = params["0.W"]
    for (layer, i, j), c in first.items():
        assert c.weight == pytest.approx(float(params[f"{layer}.W"][i, j]))
    # red for positive, blue for negative (the diverging map's ends)
    pos = next(c for c in first.values() if c.weight > 0.05)
    neg = next(c for c in first.values() if c.weight < -0.05)
    assert pos.color.red() > pos.color.blue() and neg.color.blue() > neg.color.red()

    flipped = {k: v.copy() for k, v in params.items()}
    flipped["0.W"] = -w0
    flipped["1.W"] = params["1.W"] * 3.0
    diagram.update_snapshot(flipped, step=120)
    after = {(c.layer, c.src, c.dst): c for c in diagram.connections()}
    for key, c in after.items():
        before = first[key]
        if key[0] == 0:                        # sign flipped: same thickness, opposite colour
            assert c.width == pytest.approx(before.width)
            if abs(before.weight) > 0.05:
                assert (c.color.red() > c.color.blue()) != (before.color.red() > before.color.blue())
        elif key[0] == 1:                      # tripled: thicker (until the cap)
            assert c.width >= before.width
    assert sum(after[k].width for k in after if k[0] == 1) > sum(first[k].width for k in first if k[0] == 1)
    assert diagram._step == 120
    diagram.grab()


def test_hover_tooltip_shows_incoming_weight_statistics(qtbot, diagram, trained_toy):
    spec, params = trained_toy
    diagram.set_spec(spec)
    diagram.set_params(params)
    layer, unit = 1, 3
    pos = diagram.neuron_center(layer, unit)
    text = diagram.tooltip_at(pos)
    w = params["1.W"][:, unit].astype(np.float64)
    b = float(params["1.b"][unit])
    assert "Layer 1 (dense): neuron 3 of 8" in text
    assert f"count {w.size}" in text
    for name, value in (("mean", w.mean()), ("std", w.std()), ("min", w.min()), ("max", w.max()),
                        ("|w| mean", np.abs(w).mean())):
        assert f"{name} {fmt(value)}" in text, name
    assert f"bias b[1][3] = {fmt(b)}" in text
    stats = diagram.neuron_stats(layer, unit)
    assert stats["mean"] == pytest.approx(w.mean()) and stats["std"] == pytest.approx(w.std())

    # the same text through a real tooltip event
    diagram.show()
    qtbot.waitExposed(diagram)
    local = pos.toPoint()
    QApplication.sendEvent(diagram, QHelpEvent(QEvent.Type.ToolTip, local, diagram.mapToGlobal(local)))
    assert QToolTip.text() == text
    QToolTip.hideText()
    assert diagram.tooltip_at(QPointF(2, 2)) == ""
    assert "Input: neuron 1 of 2" in diagram.tooltip_at(diagram.neuron_center(None, 1))


def test_large_layers_show_their_strongest_neurons(diagram, mnist):
    spec = spec_of("mlp", mnist.input_shape)
    net = Network.from_spec(spec, rng=np.random.default_rng(0))
    params = net.snapshot()
    w = params["0.W"]
    strong = [5, 17, 42, 60, 77, 99]
    w[:, strong] *= 10.0                        # these hidden units now have the largest weights
    w[[300, 400, 500], :] *= 20.0               # and these pixels the largest outgoing weights
    diagram.set_spec(spec)
    diagram.set_params(params)
    assert diagram.shown_units(0) == strong
    assert set(diagram.shown_units(None)) >= {300, 400, 500}
    assert diagram.neuron_center(0, 5) is not None and diagram.neuron_center(0, 6) is None
    text = diagram.tooltip_at(diagram.neuron_center(None, 400))
    assert "pixel row 14, column 8" in text     # 400 = 14·28 + 8
    assert MAX_FULL >= 10


def test_params_that_do_not_fit_the_spec_are_ignored(diagram, trained_toy):
    spec, params = trained_toy
    diagram.set_spec(spec)
    diagram.set_params(params)
    other = {**spec, "layers": [dict(spec["layers"][0], units=5)] + spec["layers"][1:]}
    diagram.set_spec(other)
    assert not diagram.has_weights()
    assert all(c.weight is None for c in diagram.connections())
    assert "shown after Apply" in diagram.tooltip_at(diagram.neuron_center(0, 2))
    diagram.set_spec(spec)
    assert diagram.has_weights()


def test_block_tooltip_has_filter_statistics(diagram, mnist):
    spec = spec_of("simple_conv_net", mnist.input_shape)
    net = Network.from_spec(spec, rng=np.random.default_rng(0))
    diagram.set_spec(spec)
    diagram.set_params(net.snapshot())
    conv = diagram.columns()[1]
    text = diagram.tooltip_at(conv.rect.center())
    w = net.snapshot()["0.W"]
    assert "Layer 0 (conv2d): output 30×24×24" in text
    assert f"count {w.size}" in text and f"std {fmt(float(np.std(w.astype(np.float64))))}" in text


def test_weights_that_arrive_while_hidden_are_laid_out_only_when_shown(qtbot, diagram, trained_toy,
                                                                       monkeypatch):
    spec, params = trained_toy
    diagram.set_spec(spec)
    diagram.set_params(params, step=0)
    layouts = []
    original = diagram._layout
    monkeypatch.setattr(diagram, "_layout", lambda: (layouts.append(1), original())[1])
    flipped = {k: -v for k, v in params.items()}
    for step in (10, 20, 30):                       # hidden: stored, no work
        diagram.update_snapshot(flipped, step=step)
    assert layouts == []
    diagram.show()
    qtbot.waitExposed(diagram)
    assert len(layouts) >= 1
    n = len(layouts)
    w = next(c for c in diagram.connections() if c.layer == 0 and c.src == 0 and c.dst == 0)
    assert w.weight == pytest.approx(-float(params["0.W"][0, 0])) and len(layouts) == n


def test_columns_are_drawn_afresh_only_when_they_change_not_with_each_snapshot(diagram, trained_toy,
                                                                                monkeypatch):
    """With each weight snapshot only the connections change: the columns (units, titles,
    sizes) are kept as an image, drawn again when a unit is hovered or the size changes."""
    import gui.widgets.network_diagram_paint as paint
    drawn = []
    original = paint._paint_column
    monkeypatch.setattr(paint, "_paint_column", lambda w, p, k, *a: (drawn.append(k), original(w, p, k, *a)))
    spec, params = trained_toy
    diagram.set_spec(spec)
    diagram.set_params(params, step=0)
    first = diagram.grab().toImage()
    columns = len(diagram.columns())
    assert len(drawn) == columns
    diagram.update_snapshot({k: -v for k, v in params.items()}, step=10)
    flipped = diagram.grab().toImage()
    assert len(drawn) == columns and flipped != first           # new colours, the same columns
    hidden = diagram.columns()[1]
    hidden.shown = hidden.shown[::-1]          # (a big layer's strongest units change as it learns)
    diagram.grab()
    assert len(drawn) == columns                                  # the circles stay where they are
    diagram._hover = (1, hidden.shown[0])
    diagram.grab()
    assert len(drawn) == 2 * columns                              # a hovered unit: drawn again
    hidden.shown = hidden.shown[::-1]
    diagram.grab()
    assert len(drawn) == 3 * columns                              # ... and which it is matters
    diagram.resize(600, 400)
    diagram.grab()
    kept = diagram.grab().toImage()
    assert len(drawn) == 4 * columns and kept.width() == 600     # (the second from the kept one)
    monkeypatch.undo()
    diagram._columns_cache = None
    assert diagram.grab().toImage() == kept                       # the kept image: as drawn afresh


def test_a_snapshot_lays_out_only_the_connections_unless_the_columns_change(diagram, trained_toy,
                                                                            monkeypatch):
    spec, params = trained_toy
    diagram.set_spec(spec)
    diagram.set_params(params, step=0)
    diagram.show()
    laid_out = []
    original = NetworkDiagram._layout
    monkeypatch.setattr(NetworkDiagram, "_layout", lambda self: (laid_out.append(1), original(self)))
    diagram.update_snapshot({k: 2 * v for k, v in params.items()}, step=10)
    assert laid_out == []                                         # the same places ...
    widths = {(c.layer, c.src, c.dst): c.width for c in diagram.connections()}
    assert max(widths.values()) > 0 and diagram._step == 10       # ... new connections
    diagram.resize(650, 450)
    diagram.update_snapshot(params, step=20)
    assert laid_out                                                # a new size: laid out anew
    laid_out.clear()
    diagram.set_spec(spec_of("mlp"))
    assert laid_out                                                # a new network too
