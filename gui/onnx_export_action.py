"""File → Export ONNX…: the network as an ONNX file for other tools (``core.onnx_export``).

:func:`export_onnx` works on a snapshot — a spec and copies of the parameters — never on a
live network: it first builds the file in memory (a network ONNX cannot express, such as
one with the step activation, is reported before any dialog), then asks for a path (the
``.onnx`` suffix is added to a bare name), writes, and reports the outcome in a message box
that does not block (returned, so callers and tests can see it).

:func:`export_current_network` is the menu item's slot body: while a training thread owns
the network it asks to stop training first, as opening a model does.
"""
from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from core import onnx_export


def _tr(text: str) -> str:
    return QCoreApplication.translate("OnnxExport", text)


def ask_path(parent: QWidget | None) -> str:
    """A save dialog for an ``.onnx`` file; "" if cancelled. Remembers the folder."""
    folder = QSettings().value("lastFolder", str(Path.home()), type=str)
    dialog = QFileDialog(parent, _tr("Export ONNX"), folder, _tr("ONNX model (*.onnx)"))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("onnx")
    dialog.selectFile("network.onnx")
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    path = dialog.selectedFiles()[0]
    QSettings().setValue("lastFolder", str(Path(path).parent))
    return path


def _message(parent: QWidget | None, icon: QMessageBox.Icon, text: str, detail: str = "") -> QMessageBox:
    box = QMessageBox(icon, _tr("Export ONNX"), text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("onnxExportMessage")
    if detail:
        box.setInformativeText(detail)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()                                   # not modal to the app: nothing blocks
    return box


def export_onnx(parent: QWidget | None, spec: dict | None, params: dict | None,
                path: str | None = None) -> QMessageBox | None:
    """Export the network ``spec`` with ``params`` (a snapshot) to ``path``, asked for with
    :func:`ask_path` if None. Returns the message box shown, or None if the dialog was
    cancelled."""
    if spec is None or params is None:
        return _message(parent, QMessageBox.Icon.Information, _tr("There is no network to export yet."))
    try:
        data, summary = onnx_export.build(spec, params)
    except onnx_export.OnnxExportError as e:
        reason = QCoreApplication.translate("onnx_export", e.template).format(*e.values)
        return _message(parent, QMessageBox.Icon.Warning, _tr("This network cannot be exported to ONNX."),
                        reason)
    except ValueError as e:
        return _message(parent, QMessageBox.Icon.Warning, _tr("This network cannot be exported to ONNX."),
                        str(e))
    path = ask_path(parent) if path is None else path
    if not path:
        return None
    try:
        onnx_export.write(data, path)
    except OSError as e:
        return _message(parent, QMessageBox.Icon.Warning, _tr("Could not write {0}.").format(path),
                        e.strerror or str(e))
    def shape(*dims) -> str:                     # "(N, 1, 28, 28)", never broken across lines
        return "(" + ",\u00a0".join(map(str, (onnx_export.BATCH,) + dims)) + ")"
    detail = _tr("Input “{0}”: a float32 batch of shape {1}, scaled as in training. Output “{2}”: "
                 "shape {3}. onnxruntime, Netron and other ONNX tools can open the file.").format(
        onnx_export.INPUT, shape(*summary.input_shape), summary.output, shape(summary.n_outputs))
    return _message(parent, QMessageBox.Icon.Information,
                    _tr("Exported the network to {0} ({1} parameters, ONNX opset {2}).").format(
                        path, f"{summary.n_params:,}", onnx_export.OPSET), detail)


def export_current_network(parent: QWidget, controller) -> QMessageBox | None:
    """File → Export ONNX… for the controller's network (``gui.controller``): asks to stop a
    running or paused training first (only the training thread may touch the network then)."""
    if controller.busy:
        answer = QMessageBox.question(parent, _tr("Training is running"),
                                      _tr("Stop training first? The network is exported as it is then."))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        controller.stop(wait=True)
    net = controller.net
    if net is None:
        return export_onnx(parent, None, None)
    return export_onnx(parent, copy.deepcopy(net.spec), net.snapshot())
