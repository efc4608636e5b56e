"""File → Export ONNX…: the save dialog, the file written from a snapshot, every outcome shown
in a message that does not block, and a running training stopped first (when the user agrees)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from core import presets
from core.network import Network
from gui import onnx_export_action as action
from gui.controller import TrainingController
from tests.core import onnx_reference as ref


@pytest.fixture
def parent(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    return w


def toy_network(activation="tanh") -> Network:
    spec = presets.get("toy")
    spec["layers"][0]["activation"] = activation
    return Network.from_spec(spec, rng=np.random.default_rng(5))


def computes(path, net: Network) -> bool:
    x = np.random.default_rng(0).normal(size=(7, 2)).astype(np.float32)
    p = ref.run(ref.decode(path.read_bytes()), x)["probabilities"]
    return np.abs(p - net.predict_proba(x)).max() < 1e-5


def no_dialog(parent):
    raise AssertionError("no save dialog expected")


def test_the_save_dialog_adds_the_onnx_suffix_and_remembers_the_folder(parent, tmp_path, monkeypatch):
    seen = {}

    def exec_(dialog):
        seen.update(mode=dialog.acceptMode(), suffix=dialog.defaultSuffix(),
                    filters=dialog.nameFilters())
        dialog.selectFile(str(tmp_path / "digits"))       # typed without a suffix
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QFileDialog, "exec", exec_)
    assert action.ask_path(parent) == str(tmp_path / "digits.onnx")
    assert seen == {"mode": QFileDialog.AcceptMode.AcceptSave, "suffix": "onnx",
                    "filters": ["ONNX model (*.onnx)"]}
    assert QSettings().value("lastFolder") == str(tmp_path)
    monkeypatch.setattr(QFileDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert action.ask_path(parent) == ""


def test_export_writes_the_snapshot_and_says_so(parent, tmp_path, monkeypatch):
    net = toy_network()
    path = tmp_path / "toy.onnx"
    monkeypatch.setattr(action, "ask_path", lambda p: str(path))
    box = action.export_onnx(parent, net.spec, net.snapshot())
    assert computes(path, net)
    assert box.isVisible() and box.icon() == QMessageBox.Icon.Information
    assert box.text() == f"Exported the network to {path} ({net.n_params:,} parameters, ONNX opset 13)."
    detail = box.informativeText().replace("\u00a0", " ")     # shapes are never broken
    assert "Input “input”: a float32 batch of shape (N, 2), scaled as in training." in detail
    assert "Output “probabilities”: shape (N, 2)." in detail
    box.close()


def test_a_cancelled_dialog_writes_nothing(parent, tmp_path, monkeypatch):
    net = toy_network()
    monkeypatch.setattr(action, "ask_path", lambda p: "")
    assert action.export_onnx(parent, net.spec, net.snapshot()) is None
    assert list(tmp_path.iterdir()) == []


def test_a_network_onnx_cannot_express_is_refused_before_the_dialog(parent, monkeypatch):
    net = toy_network(activation="step")
    monkeypatch.setattr(action, "ask_path", no_dialog)
    box = action.export_onnx(parent, net.spec, net.snapshot())
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == "This network cannot be exported to ONNX."
    assert box.informativeText() == ("layer 0 (dense): the activation “step” has no ONNX operator, "
                                     "so this network cannot be exported to ONNX")
    box.close()


def test_a_file_that_cannot_be_written_is_reported(parent, tmp_path):
    net = toy_network()
    path = tmp_path / "missing" / "toy.onnx"
    box = action.export_onnx(parent, net.spec, net.snapshot(), path=str(path))
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == f"Could not write {path}."
    assert box.informativeText() == "No such file or directory"
    assert not path.parent.exists()
    box.close()


def test_without_a_network_there_is_nothing_to_export(parent, monkeypatch):
    monkeypatch.setattr(action, "ask_path", no_dialog)
    box = action.export_onnx(parent, None, None)
    assert box.text() == "There is no network to export yet."
    box.close()


@pytest.fixture
def controller(qtbot):
    c = TrainingController()
    c.settings.epochs = 1
    assert c.load_dataset("xor")
    yield c
    assert c.shutdown(5000)


@pytest.mark.parametrize("agree", [False, True])
def test_a_paused_training_is_stopped_first_if_the_user_agrees(agree, parent, controller, tmp_path,
                                                              monkeypatch):
    c = controller
    assert c.net is not None and c.start(paused=True) and c.busy
    asked = []
    answer = QMessageBox.StandardButton.Yes if agree else QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[1:]) or answer)
    path = tmp_path / "xor.onnx"
    monkeypatch.setattr(action, "ask_path", lambda p: str(path))
    box = action.export_current_network(parent, c)
    assert asked == [("Training is running",
                      "Stop training first? The network is exported as it is then.")]
    if not agree:
        assert box is None and c.busy and not path.exists()
        return
    assert not c.busy and box.icon() == QMessageBox.Icon.Information
    assert computes(path, c.net)
    box.close()


def test_an_idle_controller_exports_without_asking(parent, controller, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *args: pytest.fail("no question expected"))
    path = tmp_path / "xor.onnx"
    monkeypatch.setattr(action, "ask_path", lambda p: str(path))
    box = action.export_current_network(parent, controller)
    assert computes(path, controller.net)
    box.close()
