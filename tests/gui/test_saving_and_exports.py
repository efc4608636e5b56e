"""Saving and exporting from the main window: a suffix for a bare name, unknown extensions
refused, write errors shown, SVG through Qt's own writer; and the question before an unsaved
trained network is let go."""
import csv
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFileDialog

from core import checkpoint
from gui.run_state import RunState
from gui.save_paths import resolve_suffix

IMAGES = ["png", "svg"]


@pytest.mark.parametrize("typed, chosen, expected", [
    ("/d/plot", "PNG image (*.png)", "/d/plot.png"),
    ("/d/plot", "SVG drawing (*.svg)", "/d/plot.svg"),
    ("/d/plot.", "SVG drawing (*.svg)", "/d/plot.svg"),
    ("/d/plot.SVG", "PNG image (*.png)", "/d/plot.SVG"),          # a known extension stays
    ("/d/plot", "", "/d/plot.png"),                                 # no filter reported: the first
    ("/d/v1.2/model", "NumNet model (*.npz)", "/d/v1.2/model.npz"),
])
def test_a_bare_name_gets_the_chosen_filters_suffix(typed, chosen, expected):
    assert resolve_suffix(typed, chosen, IMAGES if "npz" not in chosen else ["npz"]) == (expected, "")


def test_an_unknown_extension_is_refused_with_a_message():
    path, problem = resolve_suffix("/d/plot.jpg", "PNG image (*.png)", IMAGES)
    assert path == "/d/plot.jpg"
    assert "plot.jpg" in problem and ".jpg" in problem and ".png or .svg" in problem


def fake_dialog(monkeypatch, path, chosen):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), chosen)))


@pytest.fixture
def window(new_window):
    w = new_window()
    n = 300
    w.panels["metricsDock"].add_steps({
        "step": np.arange(1, n + 1), "epoch": np.ones(n), "loss": np.linspace(2.3, 0.2, n),
        "acc": np.linspace(0.1, 0.95, n), "lr": np.full(n, 0.001)})
    w.panels["metricsDock"].add_epoch({"step": n, "epoch": 1, "train_loss": 0.3, "val_loss": 0.35,
                                       "train_acc": 0.9, "val_acc": 0.88, "test_acc": 0.87})
    return w


def test_svg_export_writes_a_drawing_that_parses(monkeypatch, window, tmp_path, shot_dir):
    fake_dialog(monkeypatch, tmp_path / "curves", "SVG drawing (*.svg)")
    assert window.export_plot()
    path = tmp_path / "curves.svg"
    root = ET.parse(path).getroot()                  # well-formed XML
    assert root.tag.endswith("svg")
    assert sum(1 for e in root.iter() if e.tag.endswith("path") or e.tag.endswith("polyline")) > 10
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid() and renderer.defaultSize().width() > 300
    image = QImage(renderer.defaultSize(), QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    from PySide6.QtGui import QPainter
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    image.save(str(shot_dir / "export_svg_rendered.png"))
    assert "Exported the plots to" in window.statusBar().currentMessage()


def test_png_and_csv_exports_add_their_suffix(monkeypatch, window, tmp_path):
    fake_dialog(monkeypatch, tmp_path / "curves", "PNG image (*.png)")
    assert window.export_plot()
    image = QImage(str(tmp_path / "curves.png"))
    assert not image.isNull() and image.width() >= 1200
    fake_dialog(monkeypatch, tmp_path / "numbers", "CSV (*.csv)")
    assert window.export_csv()
    rows = list(csv.reader((tmp_path / "numbers.csv").open()))
    assert rows[0][0] == "iteration" and len(rows) == 301
    assert window.statusBar().currentMessage() == f"Exported 300 rows to {tmp_path / 'numbers.csv'}."


@pytest.mark.parametrize("action, chosen", [("export_plot", "PNG image (*.png)"),
                                            ("export_plot", "SVG drawing (*.svg)"),
                                            ("export_csv", "CSV (*.csv)")])
def test_a_write_error_is_shown_not_reported_as_exported(monkeypatch, window, tmp_path, action, chosen):
    fake_dialog(monkeypatch, tmp_path / "no such folder" / "out", chosen)
    window.statusBar().clearMessage()
    assert not getattr(window, action)()
    assert window.last_error.startswith("Could not export") and "no such folder" in window.last_error
    assert "Exported" not in window.statusBar().currentMessage()


def test_an_unknown_extension_writes_nothing(monkeypatch, window, tmp_path):
    fake_dialog(monkeypatch, tmp_path / "curves.jpg", "PNG image (*.png)")
    assert not window.export_plot()
    assert list(tmp_path.iterdir()) == [] and ".jpg" in window.last_error


def test_save_model_without_typing_npz_saves_a_file_open_will_show(monkeypatch, window, tmp_path):
    fake_dialog(monkeypatch, tmp_path / "my model", "NumNet model (*.npz)")
    assert window.save_model()
    net = checkpoint.load_model(tmp_path / "my model.npz")
    np.testing.assert_array_equal(net.flat_params, window.controller.net.flat_params)
    fake_dialog(monkeypatch, tmp_path / "my model.ckpt", "NumNet model (*.npz)")
    assert not window.save_model() and ".ckpt" in window.last_error


# -- the question before an unsaved trained network goes --------------------------------------
def train_a_little(qtbot, w, n=3):
    c = w.controller
    c.step_batches(n)
    qtbot.waitUntil(lambda: c.state is RunState.PAUSED and c.trainer_step == n, timeout=10000)
    c.stop(wait=True)


def test_reset_and_quit_ask_before_an_unsaved_network_goes(qtbot, monkeypatch, new_window, tmp_path):
    w = new_window()
    c = w.controller
    asked = []
    answer = "cancel"

    def ask():
        asked.append(c.steps_done)
        return answer

    w.ask_unsaved = ask
    w.reset_weights()
    assert asked == []                               # nothing trained: nothing to ask
    train_a_little(qtbot, w)
    trained = c.net.flat_params.copy()
    w.reset_weights()
    assert asked == [3] and np.array_equal(c.net.flat_params, trained)      # cancelled
    assert not w.close() and w.isVisible()                                  # quitting too
    answer = "save"
    fake_dialog(monkeypatch, tmp_path / "before reset", "NumNet run (*.npz)")
    w.reset_weights()
    assert (tmp_path / "before reset.npz").exists() and not np.array_equal(c.net.flat_params, trained)
    np.testing.assert_array_equal(checkpoint.load_model(tmp_path / "before reset.npz").flat_params, trained)
    train_a_little(qtbot, w, 2)
    fake_dialog(monkeypatch, tmp_path / "saved", "NumNet model (*.npz)")
    assert w.save_model() and not c.unsaved
    asked.clear()
    assert w.close() and asked == []                 # saved: closes without a question
