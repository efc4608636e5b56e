"""The main window's file actions: open and save models and runs, export the plots and their
data, and the question before an unsaved trained network is let go.

Every save goes through ``gui.save_paths.ask_save_path`` (the filter's suffix added to a bare
name, an unknown extension refused with a message), and every failure to write is shown: an
export never reports "Exported" for a file it did not write.

``WindowFiles`` is a part of ``gui.main_window.MainWindow`` (a mixin); its strings keep the
``MainWindow`` translation context.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from . import onnx_export_action
from .save_paths import ask_save_path, filter_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _model_filter() -> list[tuple[str, str]]:
    return [(_tr("NumNet model"), "npz")]


def _run_filter() -> list[tuple[str, str]]:
    return [(_tr("NumNet run"), "npz")]


class WindowFiles:
    def _open_dialog(self, title: str, filters: list[tuple[str, str]]) -> str:
        folder = QSettings().value("lastFolder", str(Path.home()), type=str)
        path, _ = QFileDialog.getOpenFileName(self, title, folder, filter_text(filters))
        if path:
            QSettings().setValue("lastFolder", str(Path(path).parent))
        return path

    def _save_dialog(self, title: str, filters: list[tuple[str, str]]) -> str:
        return ask_save_path(self, title, filters, self.show_error)

    # -- models and runs ----------------------------------------------------------------------
    def open_model(self):
        path = self._open_dialog(_tr("Open model"), _model_filter())
        if path and self.confirm_discard() and self._confirm_stop():
            self.controller.open_model(path)

    def open_run(self):
        path = self._open_dialog(_tr("Open run"), _run_filter())
        if path and self.confirm_discard() and self._confirm_stop():
            self.controller.open_run(path)

    def save_model(self) -> bool:
        path = self._save_dialog(_tr("Save model"), _model_filter())
        return bool(path) and self.controller.save_model(path)

    def save_run(self) -> bool:
        path = self._save_dialog(_tr("Save run"), _run_filter())
        return bool(path) and self.controller.save_run(path)

    # -- exports -----------------------------------------------------------------------------
    def export_plot(self) -> bool:
        path = self._save_dialog(_tr("Export plot"), [(_tr("PNG image"), "png"),
                                                      (_tr("SVG drawing"), "svg")])
        if not path:
            return False
        try:
            self.panels["metricsDock"].export_image(path)
        except OSError as e:
            self.show_error(_tr("Could not export the plots to {0}: {1}").format(path, e.strerror or e))
            return False
        self.show_message(_tr("Exported the plots to {0}.").format(path))
        return True

    def export_csv(self) -> bool:
        path = self._save_dialog(_tr("Export data"), [(_tr("CSV"), "csv")])
        if not path:
            return False
        try:
            n = self.panels["metricsDock"].export_csv(path)
        except OSError as e:
            self.show_error(_tr("Could not export the data to {0}: {1}").format(path, e.strerror or e))
            return False
        self.show_message(_tr("Exported {0} rows to {1}.").format(n, path))
        return True

    def export_onnx(self) -> None:
        onnx_export_action.export_current_network(self, self.controller)

    # -- letting a network go ----------------------------------------------------------------------
    def _confirm_stop(self) -> bool:
        if not self.controller.busy:
            return True
        answer = QMessageBox.question(self, _tr("Training is running"), _tr("Stop training first?"))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.controller.stop(wait=True)
        return True

    def confirm_discard(self) -> bool:
        """True if the current network may be let go: nothing unsaved, or the learner saved it
        (as a run, which also opens as a model) or chose to discard it."""
        c = self.controller
        if not c.unsaved:
            return True
        answer = self.ask_unsaved()
        if answer == "discard":
            return True
        if answer != "save":
            return False
        c.stop(wait=True)
        return self.save_run() if c.has_run else self.save_model()

    def ask_unsaved(self) -> str:
        """"save", "discard" or "cancel". Tests (``quiet_errors``) never see the dialog: they
        replace this method, or the network is discarded."""
        if getattr(self, "quiet_errors", False):
            return "discard"
        box = QMessageBox(QMessageBox.Icon.Question, _tr("Unsaved network"), _tr(
            "The network has been trained for {0} iterations since it was last saved. "
            "Save it first?").format(self.controller.steps_done - self.controller.saved_at), parent=self)
        buttons = {box.addButton(_tr("Save…"), QMessageBox.ButtonRole.AcceptRole): "save",
                   box.addButton(_tr("Discard"), QMessageBox.ButtonRole.DestructiveRole): "discard",
                   box.addButton(QMessageBox.StandardButton.Cancel): "cancel"}
        box.exec()
        return buttons.get(box.clickedButton(), "cancel")
