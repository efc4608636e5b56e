"""The canvas panel: live prediction while drawing, stages, inside view, models, comparison."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from core import checkpoint, presets
from core.network import Network
from core.trainer import Config, Trainer
from gui.digit_reading import read_digit
from gui.panels.canvas_panel import CanvasPanel
from gui.widgets.digit_canvas import DigitCanvas
from gui.widgets.probability_bars import ActivationBars, ProbabilityBars
from tests.gui.drawing import drag, move_to

ONE = [(0.5, 0.15), (0.5, 0.85)]
ZERO = [(0.5 + 0.22 * np.sin(t), 0.5 - 0.32 * np.cos(t)) for t in np.linspace(0, 2 * np.pi, 25)]






@pytest.fixture
def panel(qtbot):
    p = CanvasPanel()
    qtbot.addWidget(p)
    p.resize(1000, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


def parts(p: CanvasPanel):
    return (p.findChild(DigitCanvas, "digitCanvas"), p.findChild(QLabel, "predictionLabel"),
            p.findChild(ProbabilityBars, "probabilityBars"))


def settle(qtbot, p: CanvasPanel) -> None:
    """Wait until the coalesced prediction has caught up with the canvas."""
    with qtbot.waitSignal(p.prediction_updated, timeout=2000):
        p._schedule()


@pytest.fixture(scope="module")
def small_models(tmp_path_factory, mnist):
    """Two small MLPs trained briefly, saved with core.checkpoint."""
    folder = tmp_path_factory.mktemp("models")
    paths = []
    for seed, units in ((0, 32), (1, 64)):
        spec = presets.get("mlp")
        spec["layers"][0]["units"] = units
        net = Network.from_spec(spec, rng=np.random.default_rng(seed))
        cfg = Config(epochs=1, batch_size=64, max_train=3000, val_fraction=0.0, evaluate_test=False)
        for _ in Trainer(net, mnist, cfg).run():
            pass
        paths.append(folder / f"mlp{units}.npz")
        checkpoint.save_model(net, paths[-1])
    return paths


def test_empty_state_says_what_to_do(panel):
    canvas, label, bars = parts(panel)
    assert canvas is not None and label is not None and bars is not None
    assert label.text() == "?" and panel.hint.text() == "Draw a digit"
    assert not bars.values().any()
    assert "default model" in panel.model_label.text() and "% test" in panel.model_label.text()


def test_drawing_a_one_predicts_1_live(qtbot, panel):
    canvas, label, bars = parts(panel)
    updates, moves = [], []
    panel.prediction_updated.connect(lambda: updates.append(label.text()))
    canvas.changed.connect(lambda: moves.append(1))
    # the first half of the stroke, then a pause with the button still held
    r = canvas.area()
    top, mid, bottom = (QPoint(r.center().x(), r.y() + round(f * r.height())) for f in (0.15, 0.5, 0.85))
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=top)
    for y in range(top.y(), mid.y(), 4):
        move_to(canvas, QPoint(top.x(), y))
    with qtbot.waitSignal(panel.prediction_updated, timeout=2000):
        pass
    assert label.text().isdigit()                               # a guess while still drawing
    for y in range(mid.y(), bottom.y(), 4):
        move_to(canvas, QPoint(top.x(), y))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=bottom)
    settle(qtbot, panel)
    img = canvas.image()
    assert img[img.shape[0] // 2, img.shape[1] // 2] > 0.9            # ink where drawn
    assert label.text() == "1"
    assert 2 <= len(updates) < len(moves)                        # live, but coalesced
    p = bars.values()
    assert abs(p.sum() - 1) < 1e-5 and bars.top_class() == 1
    assert "%" in panel.hint.text()
    # the stages and the layers follow the drawing
    assert panel.stage_input.grab().toImage().pixelColor(42, 42).value() > 0
    views = panel.inside.views()
    assert views and all(v.grab() is not None for v in views.values())
    acts = panel.findChildren(ActivationBars)
    assert acts and all(a.values().size for a in acts)


def test_a_circle_reads_as_0(qtbot, panel):
    canvas, label, _ = parts(panel)
    drag(qtbot, canvas, ZERO, steps=3)
    settle(qtbot, panel)
    assert label.text() == "0"


def _arc(cx, cy, rx, ry, a0, a1, n=16):
    return [(cx + rx * np.cos(t), cy + ry * np.sin(t)) for t in np.radians(np.linspace(a0, a1, n))]


# each digit as a learner might draw it with a mouse, in canvas units
DRAWN = {
    0: [_arc(0.5, 0.5, 0.2, 0.32, 0, 360, 30)],
    1: [[(0.58, 0.15), (0.45, 0.85)]],
    2: [_arc(0.5, 0.33, 0.18, 0.16, 200, 390) + [(0.3, 0.82), (0.72, 0.82)]],
    3: [_arc(0.5, 0.33, 0.17, 0.15, 210, 450), _arc(0.5, 0.65, 0.19, 0.17, 270, 510)],
    4: [[(0.55, 0.15), (0.3, 0.6), (0.75, 0.6)], [(0.62, 0.35), (0.62, 0.85)]],
    5: [[(0.68, 0.18), (0.38, 0.18), (0.35, 0.45)], _arc(0.5, 0.63, 0.2, 0.19, 230, 480)],
    6: [_arc(0.5, 0.65, 0.17, 0.18, 0, 360, 24), [(0.64, 0.2), (0.33, 0.62)]],
    7: [[(0.28, 0.22), (0.72, 0.22), (0.5, 0.82)]],
    8: [_arc(0.5, 0.32, 0.14, 0.15, 0, 360, 24), _arc(0.5, 0.66, 0.18, 0.18, 0, 360, 24)],
    9: [_arc(0.5, 0.35, 0.17, 0.16, 0, 360, 24), [(0.67, 0.35), (0.62, 0.85)]],
}


@pytest.mark.parametrize("pen", [8, 20, 40])
def test_the_default_model_reads_every_drawn_digit(qtbot, panel, pen):
    panel.pen.setValue(pen)
    read = {}
    for digit, strokes in DRAWN.items():
        panel.canvas.clear()
        for points in strokes:
            panel.canvas.add_stroke(points)
        settle(qtbot, panel)
        read[digit] = parts(panel)[1].text()
    assert read == {d: str(d) for d in DRAWN}


def test_clear_and_undo(qtbot, panel):
    canvas, label, bars = parts(panel)
    drag(qtbot, canvas, ONE)
    drag(qtbot, canvas, [(0.2, 0.9), (0.8, 0.9)])
    settle(qtbot, panel)
    canvas.undo()
    settle(qtbot, panel)
    assert canvas.stroke_count() == 1 and label.text() == "1"
    panel.clear_button.click()
    settle(qtbot, panel)
    assert canvas.is_empty() and canvas.image().max() == 0
    assert label.text() == "?" and panel.hint.text() == "Draw a digit"
    assert not bars.values().any()


def test_random_test_digit_shows_its_label(qtbot, panel, mnist):
    assert not panel.random_button.isEnabled()               # no data set yet
    panel.set_dataset(mnist)
    assert panel.random_button.isEnabled()
    panel.random_button.click()
    settle(qtbot, panel)
    canvas, label, _ = parts(panel)
    assert canvas.image().max() > 0.9
    m = re.search(r"#(\d+): true label (\d)", panel.truth.text())
    assert m and panel.truth.isVisible()
    i = int(m.group(1))
    assert int(m.group(2)) == mnist.y_test[i]
    np.testing.assert_allclose(canvas.pasted_digit(), mnist.x_test[i] / 255.0)
    assert label.text().isdigit()
    panel.clear_button.click()
    settle(qtbot, panel)
    assert not panel.truth.isVisible()


def test_compare_models(qtbot, panel, small_models, tmp_path):
    canvas, _, _ = parts(panel)
    assert panel.add_compare_model(small_models[0]) and panel.add_compare_model(small_models[1])
    drag(qtbot, canvas, ONE)
    settle(qtbot, panel)
    rows = panel.compare_results()
    assert [Path(r[0]).name for r in rows] == ["mlp32.npz", "mlp64.npz"]
    for _, digit, prob in rows:
        assert digit.isdigit() and prob.endswith("%")
    bad = tmp_path / "broken.npz"
    bad.write_bytes(small_models[0].read_bytes()[:500])
    assert not panel.add_compare_model(bad)
    assert "broken.npz" in panel.compare.error.text() and panel.compare.error.isVisible()
    assert len(panel.compare_results()) == 2
    toy = tmp_path / "toy.npz"
    checkpoint.save_model(Network.from_spec(presets.get("toy")), toy)
    assert not panel.add_compare_model(toy) and "toy.npz" in panel.compare.error.text()
    assert panel.add_compare_model(small_models[0])
    assert not panel.add_compare_model(small_models[1])          # at most three
    assert not panel.compare.add_button.isEnabled()
    panel.remove_compare_model(0)
    assert [Path(r[0]).name for r in panel.compare_results()] == ["mlp64.npz", "mlp32.npz"]
    assert panel.compare.add_button.isEnabled()


def test_your_network_takes_over_once_trained(qtbot, panel, small_models):
    net = checkpoint.load_model(small_models[1])
    panel.set_model(net.spec, net.snapshot())
    assert "default model" in panel.model_label.text()          # untrained: keep the default
    panel.update_snapshot(net.snapshot(), 1234)
    assert panel.model_label.text() == "read by your network, step 1234"
    assert panel.active_network() is not None and panel.active_network().n_params == net.n_params
    drag(qtbot, parts(panel)[0], ONE)
    settle(qtbot, panel)
    assert abs(parts(panel)[2].values().sum() - 1) < 1e-5
    panel._user_chose(0)                                         # the learner picks the default
    panel.update_snapshot(net.snapshot(), 1300)
    assert "default model" in panel.model_label.text()
    panel.set_model(net.spec, net.snapshot())                    # applied / opened later: used at once
    assert panel.model_label.text() == "read by your network, step 0"
    toy = Network.from_spec(presets.get("toy"))
    panel.set_model(toy.spec, toy.snapshot())                    # cannot read images
    assert not panel.model_choice.model().item(1).isEnabled()
    panel.update_snapshot(toy.snapshot(), 5)
    assert "default model" in panel.model_label.text()


def test_asks_for_snapshots_while_training(qtbot, panel, small_models):
    net = checkpoint.load_model(small_models[0])
    panel.set_model(net.spec, net.snapshot())
    panel.set_training_state("running")
    with qtbot.waitSignal(panel.snapshot_wanted, timeout=2000):
        pass
    with qtbot.waitSignal(panel.snapshot_wanted, timeout=500):   # the final weights
        panel.set_training_state("finished")


@pytest.mark.parametrize("width, mode", [(320, "narrow"), (480, "narrow"), (760, "medium"),
                                         (1000, "wide")])
def test_layout_fits_the_width(qtbot, panel, width, mode):
    panel.resize(width, 900)
    qtbot.waitUntil(lambda: panel._mode == mode)
    qtbot.waitUntil(lambda: panel._scroll.widget().width() <= panel._scroll.viewport().width())
    assert panel._scroll.horizontalScrollBar().maximum() == 0          # nothing cut off sideways
    canvas = parts(panel)[0]
    assert canvas.width() >= 280 and canvas.area().width() == canvas.area().height()
    share = {"narrow": 0.85, "medium": 0.45, "wide": 0.35}[mode]
    assert canvas.width() >= share * panel._scroll.viewport().width() - 20   # uses the room it has


def test_read_digit_without_qt_state():
    r = read_digit(None, np.zeros((280, 280), np.float32))
    assert r.stages.empty and r.proba is None and r.layers == []


def test_probability_bars():
    bars = ProbabilityBars()
    bars.set_probabilities(np.r_[np.zeros(9), 1.0])
    assert bars.top_class() == 9
    with pytest.raises(ValueError):
        bars.set_probabilities(np.ones(3))
    bars.set_probabilities(None)
    assert bars.top_class() is None


def test_without_the_default_model_your_network_reads(qtbot, monkeypatch, tmp_path, small_models):
    import gui.panels.canvas_panel as mod
    monkeypatch.setattr(mod, "DEFAULT_MODEL_PATH", tmp_path / "missing.npz")
    panel = CanvasPanel()
    qtbot.addWidget(panel)
    assert "unavailable" in panel.model_label.text() and "no such file" in panel.model_label.text()
    assert panel.active_network() is None
    assert panel.hint.text() == "No network to read with"
    net = checkpoint.load_model(small_models[0])
    panel.set_model(net.spec, net.snapshot())
    assert panel.active_network() is not None
    assert panel.model_label.text() == "read by your network, step 0"
