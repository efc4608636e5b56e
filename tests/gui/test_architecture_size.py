"""The architecture editor with bad files and large networks (issue 13): Open and Save show
the core's message, the status line shows the memory training takes, and Apply asks before
building a network above the threshold."""
import json
import os
import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core import model_size
from gui.panels.architecture_panel import ArchitecturePanel
from gui.widgets import architecture_controls


@pytest.fixture
def panel(qtbot, mnist):
    p = ArchitecturePanel()
    qtbot.addWidget(p)
    p.set_dataset(mnist)
    p.resize(900, 700)
    return p


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes the panel shows: (kind, title, text); questions answer ``answer[0]``."""
    shown, answer = [], [QMessageBox.StandardButton.No]

    def warning(_parent, title, text, *a, **k):
        shown.append(("warning", title, text))
        return QMessageBox.StandardButton.Ok

    def question(_parent, title, text, *a, **k):
        shown.append(("question", title, text))
        return answer[0]
    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "question", question)
    return shown, answer


def open_through_the_button(qtbot, panel, monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    bar = panel.findChild(architecture_controls.SourceBar)
    qtbot.mouseClick(bar.open_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("name, content, words", [
    ("loss.json", '{"input_shape": [784], "layers": [{"type": "dense", "units": 10}], "loss": ["mse"]}',
     "unknown loss ['mse']"),
    ("deep.json", "[" * 50_000 + "]" * 50_000, "nested too deeply"),
    ("huge.json", '{"input_shape": [' + "9" * 30 + '], "layers": [{"type": "dense", "units": 10}]}',
     "input_shape must be a list of 1 to 3 whole numbers from 1 to 65536"),
    ("wide.json", '{"input_shape": [784], "layers": [{"type": "dense", "units": 65536}, '
                  '{"type": "dense", "units": 10}]}', "over the limit of 25,000,000"),
])
def test_open_shows_the_problem_in_a_message_box(qtbot, panel, monkeypatch, boxes, tmp_path, name,
                                                 content, words):
    before = panel.current_spec()
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    open_through_the_button(qtbot, panel, monkeypatch, path)
    shown, _ = boxes
    assert len(shown) == 1
    kind, title, text = shown[0]
    assert kind == "warning" and title == "Could not open the architecture"
    assert text.startswith(str(path)) and words in text
    assert panel.current_spec() == before


def test_open_a_named_pipe_does_not_block_the_window(qtbot, panel, monkeypatch, boxes, tmp_path):
    pipe = tmp_path / "net.json"
    os.mkfifo(pipe)
    open_through_the_button(qtbot, panel, monkeypatch, pipe)        # returns: nothing to wait for
    assert boxes[0] == [("warning", "Could not open the architecture",
                         f"{pipe}: is a named pipe, not a regular file")]


def test_save_over_a_read_only_file_is_refused(panel, boxes, tmp_path, monkeypatch):
    path = tmp_path / "arch.json"
    path.write_text("{}")
    os.chmod(path, stat.S_IRUSR)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    panel.findChild(architecture_controls.SourceBar).save_button.click()
    assert boxes[0] == [("warning", "Could not save the architecture",
                         f"{path}: cannot save: the file is read-only")]
    assert path.read_text() == "{}"


def large_spec():
    return {"input_shape": [1, 28, 28], "layers": [{"type": "dense", "units": 20_000, "activation": "relu"},
                                                   {"type": "dense", "units": 10}]}


def load(panel, tmp_path, spec):
    path = tmp_path / "net.json"
    path.write_text(json.dumps(spec))
    assert panel.load_spec_file(str(path)), panel.last_error


def test_the_status_shows_the_memory_at_the_batch_size(panel, tmp_path):
    panel.set_batch_size(128)
    est = model_size.estimate(panel.current_spec(), 128)
    assert "Training needs about 5 MB of memory at batch 128." in panel.message.text()
    assert not est.needs_confirmation and "#009E73" in panel.message.styleSheet()
    load(panel, tmp_path, large_spec())
    assert "⚠ Large: training needs about 6" in panel.message.text()     # ≈ 646 MB, 15.9 M weights
    assert "at batch 128; Apply asks" in panel.message.text()
    assert "#E69F00" in panel.message.styleSheet()
    panel.set_batch_size(4096)
    assert "at batch 4096" in panel.message.text()


def test_apply_asks_before_building_a_large_network(qtbot, panel, boxes, tmp_path):
    shown, answer = boxes
    panel.set_batch_size(64)
    with qtbot.waitSignal(panel.apply_requested):                        # the preset: no question
        panel.apply()
    assert shown == []
    load(panel, tmp_path, large_spec())
    with qtbot.assertNotEmitted(panel.apply_requested):
        assert not panel.apply()
    kind, title, text = shown[-1]
    assert (kind, title) == ("question", "Large network")
    assert "15,900,010 parameters" in text and "at batch 64" in text
    answer[0] = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(panel.apply_requested) as blocker:
        assert panel.apply()
    assert blocker.args[0]["layers"][0]["units"] == 20_000
