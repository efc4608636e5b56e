"""The main window: docked panels, menus and toolbar from one table of actions,
a status bar, and the wiring between panels and the training controller."""
from __future__ import annotations

import importlib
import math
from dataclasses import asdict, fields
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from core.data import RESOURCES

from . import live_drawing_menu
from .controller import RunSettings, TrainingController
from .status_bar import TrainingStatus
from .throttle import draw_budget

ICONS = RESOURCES / "icons"
STATE_VERSION = 1

def _n(text: str) -> str:
    """Mark a string for translation (lupdate reads it); translated where it is shown."""
    return QT_TRANSLATE_NOOP("MainWindow", text)


# (id, text, icon, shortcut, slot, tooltip)
ACTIONS = [
    ("start", _n("Start"), "start", "Ctrl+Return", "start", _n("Start training (Ctrl+Return)")),
    ("pause", _n("Pause"), "pause", "Space", "toggle_pause", _n("Pause or resume training (Space)")),
    ("step", _n("Step batch"), "step", "F10", "step_batch",
     _n("Train exactly one mini-batch, then pause (F10)")),
    ("step_epoch", _n("Step epoch"), "step-epoch", "Shift+F10", "step_epoch",
     _n("Train to the end of the current epoch, then pause (Shift+F10)")),
    ("stop", _n("Stop"), "stop", "Esc", "stop", _n("Stop training (Esc)")),
    ("reset", _n("Reset weights"), "reset", "Ctrl+R", "reset_weights",
     _n("Draw new initial weights with the seed and clear the history (Ctrl+R)")),
    ("open", _n("Open model…"), "open", "Ctrl+O", "open_model", _n("Open a saved model (Ctrl+O)")),
    ("open_run", _n("Open run…"), "open", "Ctrl+Shift+O", "open_run",
     _n("Open a saved run with its optimizer state and history (Ctrl+Shift+O)")),
    ("save", _n("Save model…"), "save", "Ctrl+S", "save_model", _n("Save the network's weights (Ctrl+S)")),
    ("save_run", _n("Save run…"), "save", "Ctrl+Shift+S", "save_run",
     _n("Save the whole run: weights, optimizer state, history (Ctrl+Shift+S)")),
    ("export_plot", _n("Export plot…"), "export", "", "export_plot",
     _n("Save the loss and accuracy plots as PNG or SVG")),
    ("export_csv", _n("Export data (CSV)…"), "export", "", "export_csv",
     _n("Save the loss and accuracy data as CSV")),
    ("quit", _n("Quit"), "quit", "Ctrl+Q", "close", _n("Quit NumNet Studio (Ctrl+Q)")),
]
MENUS = [(_n("&File"), ["open", "open_run", "save", "save_run", None, "export_plot", "export_csv", None,
                        "quit"]),
         (_n("&Training"), ["start", "pause", "step", "step_epoch", "stop", None, "reset"])]
TOOLBAR = ["start", "pause", "step", "step_epoch", "stop", "reset", None, "open", "save"]

# (object name, title, module, class, dock area); the first is raised in the tab group
PANELS = [
    ("trainingDock", _n("Training"), "training_panel", "TrainingPanel", "left"),
    ("metricsDock", _n("Loss and accuracy"), "metrics_panel", "MetricsPanel", "right"),
    ("architectureDock", _n("Architecture"), "architecture_panel", "ArchitecturePanel", "right"),
    ("weightsDock", _n("Weights"), "weights_panel", "WeightsPanel", "right"),
    ("featuresDock", _n("Learned features"), "features_panel", "FeaturesPanel", "right"),
    ("distributionsDock", _n("Distributions"), "distributions_panel", "DistributionsPanel", "right"),
    ("evaluationDock", _n("Evaluation"), "evaluation_panel", "EvaluationPanel", "right"),
    ("canvasDock", _n("Draw a digit"), "canvas_panel", "CanvasPanel", "right"),
    ("optimizerLabDock", _n("Optimizer lab"), "optimizer_lab_panel", "OptimizerLabPanel", "right"),
    ("descentDock", _n("1-D gradient descent"), "descent_1d_panel", "Descent1DPanel", "right"),
    ("optimizerRaceDock", _n("Optimizers on MNIST"), "optimizer_race_panel", "OptimizerRacePanel", "right"),
    ("initDock", _n("Weight initialization"), "init_experiment_panel", "InitExperimentPanel", "right"),
]

# controller signal -> panel slot, connected when the panel has the slot
FEEDS = [("dataset_changed", "set_dataset"), ("model_changed", "set_model"),
         ("snapshot", "update_snapshot"), ("stats", "update_stats"),
         ("state_changed", "set_training_state")]


class DivergenceBar(QToolBar):
    """A full-width message bar shown when training diverges."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("divergenceBar")
        self.setMovable(False)
        box = QWidget()
        box.setStyleSheet("QWidget { background: #fdecea; } QLabel { color: #8a1c13; }")
        row = QHBoxLayout(box)
        row.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setObjectName("divergenceMessage")
        self.label.setWordWrap(True)
        self.halve_button = QPushButton(self.tr("Halve the learning rate and continue"))
        self.halve_button.setObjectName("halveLrButton")
        self.halve_button.setToolTip(self.tr("Go back to the last weights that were still finite and "
                                             "continue with half the learning rate"))
        self.stop_button = QPushButton(self.tr("Stop"))
        row.addWidget(self.label, 1)
        row.addWidget(self.halve_button)
        row.addWidget(self.stop_button)
        self.addWidget(box)


class MainWindow(QMainWindow):
    def __init__(self, controller: TrainingController | None = None):
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("NumNet Studio"))
        self.setWindowIcon(QIcon(str(ICONS / "app.svg")))
        self.setDockOptions(QMainWindow.DockOption.AllowTabbedDocks
                            | QMainWindow.DockOption.AllowNestedDocks
                            | QMainWindow.DockOption.AnimatedDocks)
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
        self.controller = controller or TrainingController(self)
        self.actions_by_id: dict[str, QAction] = {}
        self._build_actions()
        self.divergence_bar = DivergenceBar(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.divergence_bar)
        self.insertToolBarBreak(self.divergence_bar)
        self.divergence_bar.hide()
        self.panels: dict[str, QWidget] = {}
        self.docks: dict[str, QDockWidget] = {}
        self._build_docks()
        self._build_status_bar()
        self._wire()
        self.set_state(self.controller.state)

    # -- construction -------------------------------------------------------------------------
    def _build_actions(self) -> None:
        for key, text, icon, shortcut, slot, tip in ACTIONS:
            a = QAction(QIcon(str(ICONS / f"{icon}.svg")), self.tr(text), self)
            a.setObjectName(f"action_{key}")
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            a.setToolTip(self.tr(tip))
            a.setStatusTip(self.tr(tip))
            a.triggered.connect(getattr(self, slot))
            self.addAction(a)
            self.actions_by_id[key] = a
        bar = self.menuBar()
        for title, ids in MENUS:
            menu = bar.addMenu(self.tr(title))
            for key in ids:
                menu.addSeparator() if key is None else menu.addAction(self.actions_by_id[key])
        self.view_menu = bar.addMenu(self.tr("&View"))
        help_menu = bar.addMenu(self.tr("&Help"))
        about = help_menu.addAction(self.tr("About NumNet Studio"))
        about.triggered.connect(self.show_about)
        tb = self.addToolBar(self.tr("Training"))
        tb.setObjectName("mainToolBar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for key in TOOLBAR:
            tb.addSeparator() if key is None else tb.addAction(self.actions_by_id[key])

    def _build_docks(self) -> None:
        first_right = None
        for name, title, module, cls_name, area in PANELS:
            try:
                mod = importlib.import_module(f"gui.panels.{module}")
            except ModuleNotFoundError as e:
                if e.name != f"gui.panels.{module}":
                    raise
                continue                       # a panel not built yet
            panel = getattr(mod, cls_name)()
            dock = QDockWidget(self.tr(title), self)
            dock.setObjectName(name)
            # the panel sits in a plain holder: hiding the panel (below) must not shrink the
            # dock, or a tab group could no longer grow past its smallest member
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(panel)
            dock.setWidget(holder)
            where = Qt.DockWidgetArea.LeftDockWidgetArea if area == "left" else \
                Qt.DockWidgetArea.RightDockWidgetArea
            self.addDockWidget(where, dock)
            if area == "right":
                if first_right is None:
                    first_right = dock
                else:
                    self.tabifyDockWidget(first_right, dock)
            self.view_menu.addAction(dock.toggleViewAction())
            # a dock behind another tab stays "visible" to Qt; hide its panel for real, so
            # panels that pause their updates while hidden (and catch up when shown) work
            dock.visibilityChanged.connect(panel.setVisible)
            self.panels[name] = panel
            self.docks[name] = dock
        if first_right is not None:
            first_right.raise_()
        self.view_menu.addSeparator()
        budget = draw_budget()
        budget.set_share(live_drawing_menu.DEFAULT_SHARE)      # the saved level comes with restore
        self.live_drawing_menu = live_drawing_menu.build_menu(self, budget)
        self.view_menu.addMenu(self.live_drawing_menu)
        self.view_menu.addAction(self.tr("Reset layout"), self.reset_layout)
        self._default_state = self.saveState(STATE_VERSION)

    def _build_status_bar(self) -> None:
        self.status = TrainingStatus(self.statusBar())

    def _wire(self) -> None:
        c = self.controller
        for sig, slot in FEEDS:
            for panel in self.panels.values():
                if hasattr(panel, slot):
                    getattr(c, sig).connect(getattr(panel, slot))
        for panel in self.panels.values():
            for sig, slot in (("snapshot_wanted", c.request_snapshot), ("stats_wanted", c.request_stats),
                              ("status_message", self.show_message)):
                if hasattr(panel, sig):
                    getattr(panel, sig).connect(slot)
            if hasattr(panel, "apply_requested"):
                panel.apply_requested.connect(self.apply_spec)
            if hasattr(panel, "stop_requested"):
                panel.stop_requested.connect(self._stop_and_wait)
        metrics = self.panels.get("metricsDock")
        if metrics is not None:
            c.steps_ready.connect(metrics.add_steps)
            c.epoch_ready.connect(metrics.add_epoch)
            c.setting_changed.connect(metrics.mark_setting)
        training = self.panels["trainingDock"]
        training.add_action_buttons([self.actions_by_id[k] for k in ("start", "pause", "step", "stop")])
        training.setting_changed.connect(self.change_setting)
        training.dataset_requested.connect(self.change_dataset)
        c.steps_ready.connect(self.status.add_steps)
        c.state_changed.connect(self.set_state)
        c.diverged.connect(self._on_diverged)
        c.run_finished.connect(self._on_finished)
        c.message.connect(self.show_message)
        c.error.connect(self.show_error)
        self.divergence_bar.halve_button.clicked.connect(self.halve_lr_and_continue)
        self.divergence_bar.stop_button.clicked.connect(self.stop)

    # -- actions ------------------------------------------------------------------------------
    def start(self):
        self.divergence_bar.hide()
        self.controller.start()

    def toggle_pause(self):
        self.controller.toggle_pause()

    def step_batch(self):
        self.controller.step_batch()

    def step_epoch(self):
        self.controller.step_epoch()

    def stop(self):
        self.divergence_bar.hide()
        self.controller.stop()

    def _stop_and_wait(self):
        self.divergence_bar.hide()
        self.controller.stop(wait=True)

    def reset_weights(self):
        self.divergence_bar.hide()
        self.status.reset()
        self.controller.reset_weights()

    def apply_spec(self, spec: dict, seed: int):
        if self.controller.busy:
            self.controller.stop(wait=True)
        if self.controller.build_model(spec, seed):
            self.status.reset()
            self.show_message(self.tr("Built a new network with seed {0}.").format(seed))

    def halve_lr_and_continue(self):
        self.divergence_bar.hide()
        self.controller.halve_lr_and_continue()
        self.panels["trainingDock"].set_settings(self.controller.settings)

    def change_setting(self, name: str, value):
        self.controller.set_setting(name, value)
        if name == "batch_size":
            for panel in self.panels.values():
                if hasattr(panel, "set_batch_size"):
                    panel.set_batch_size(value)

    def change_dataset(self, name: str):
        if not self.controller.load_dataset(name):
            self.panels["trainingDock"].set_dataset_choice(self.controller.settings.dataset)
        else:
            self.panels["trainingDock"].set_dataset_choice(name)

    def _file_dialog(self, save: bool, title: str, filters: str) -> str:
        folder = QSettings().value("lastFolder", str(Path.home()), type=str)
        fn = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
        path, _ = fn(self, title, folder, filters)
        if path:
            QSettings().setValue("lastFolder", str(Path(path).parent))
        return path

    def open_model(self):
        path = self._file_dialog(False, self.tr("Open model"), self.tr("NumNet model (*.npz)"))
        if path and self._confirm_stop():
            self.controller.open_model(path)

    def open_run(self):
        path = self._file_dialog(False, self.tr("Open run"), self.tr("NumNet run (*.npz)"))
        if path and self._confirm_stop():
            self.controller.open_run(path)

    def save_model(self):
        path = self._file_dialog(True, self.tr("Save model"), self.tr("NumNet model (*.npz)"))
        if path:
            self.controller.save_model(path)

    def save_run(self):
        path = self._file_dialog(True, self.tr("Save run"), self.tr("NumNet run (*.npz)"))
        if path:
            self.controller.save_run(path)

    def export_plot(self):
        path = self._file_dialog(True, self.tr("Export plot"),
                                 self.tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if path:
            self.panels["metricsDock"].export_image(path)
            self.show_message(self.tr("Exported the plots to {0}.").format(path))

    def export_csv(self):
        path = self._file_dialog(True, self.tr("Export data"), self.tr("CSV (*.csv)"))
        if path:
            n = self.panels["metricsDock"].export_csv(path)
            self.show_message(self.tr("Exported {0} rows to {1}.").format(n, path))

    def _confirm_stop(self) -> bool:
        if not self.controller.busy:
            return True
        answer = QMessageBox.question(self, self.tr("Training is running"),
                                      self.tr("Stop training first?"))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.controller.stop(wait=True)
        return True

    def reset_layout(self):
        self.restoreState(self._default_state, STATE_VERSION)

    def show_about(self):
        QMessageBox.about(self, self.tr("About NumNet Studio"), self.tr(
            "<b>NumNet Studio</b><br>Build a neural network, watch it learn, look inside it, race "
            "optimizers and draw digits for it to read.<br>Everything numeric is NumPy, written "
            "from scratch. MNIST: Yann LeCun and Corinna Cortes, CC BY-SA 3.0."))

    # -- feedback -----------------------------------------------------------------------------
    def set_state(self, state: str):
        busy = state in ("running", "paused")
        a = self.actions_by_id
        a["start"].setEnabled(state != "running")
        a["start"].setText(self.tr("Resume") if state == "paused" else self.tr("Start"))
        a["pause"].setEnabled(busy)
        a["pause"].setText(self.tr("Resume") if state == "paused" else self.tr("Pause"))
        a["pause"].setIcon(QIcon(str(ICONS / ("start.svg" if state == "paused" else "pause.svg"))))
        a["stop"].setEnabled(busy)
        for key in ("open", "open_run"):
            a[key].setEnabled(True)
        self.status.set_state(state)

    def _on_diverged(self, info: dict):
        self.divergence_bar.label.setText(self.tr(
            "Training diverged at step {0}: {1}. A lower learning rate usually helps "
            "(now {2:g}).").format(info["step"], self._reason_text(info), info["lr"]))
        self.divergence_bar.show()

    def _reason_text(self, info: dict) -> str:
        if info["where"] != "the loss":
            where = info["where"]
            if where.startswith("layer "):
                index, kind = where[6:].split(" ", 1)
                where = self.tr("layer {0} {1}").format(index, kind)
            return self.tr("non-finite values in {0}").format(where)
        if math.isfinite(info["loss"]):
            return self.tr("the loss exploded to {0:.3g}").format(info["loss"])
        return self.tr("the loss is no longer a finite number")

    def _on_finished(self, reason: str):
        if reason != "diverged":
            self.divergence_bar.hide()
        texts = {"completed": self.tr("Training completed."), "stopped": self.tr("Training stopped."),
                 "diverged": self.tr("Training stopped after diverging."),
                 "error": self.tr("Training ended with an error.")}
        self.show_message(texts.get(reason, reason))

    def show_message(self, text: str):
        self.statusBar().showMessage(text, 8000)

    def show_error(self, text: str):
        self.show_message(text)
        if not getattr(self, "quiet_errors", False):
            QMessageBox.warning(self, self.tr("NumNet Studio"), text)
        self.last_error = text

    # -- settings and closing --------------------------------------------------------------------
    def restore_settings(self):
        qs = QSettings()
        geometry = qs.value("window/geometry", QByteArray(), type=QByteArray)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = qs.value("window/state", QByteArray(), type=QByteArray)
        if not state.isEmpty():
            self._restored_state = self.restoreState(state, STATE_VERSION)
        live_drawing_menu.restore(draw_budget(), self.live_drawing_menu)
        s = self.controller.settings
        for f in fields(RunSettings):
            default = getattr(s, f.name)
            setattr(s, f.name, qs.value(f"training/{f.name}", default, type=type(default)))

    def save_settings(self):
        qs = QSettings()
        qs.setValue("window/geometry", self.saveGeometry())
        qs.setValue("window/state", self.saveState(STATE_VERSION))
        live_drawing_menu.save(draw_budget())
        for key, value in asdict(self.controller.settings).items():
            qs.setValue(f"training/{key}", value)

    def showEvent(self, event):
        super().showEvent(event)
        if not getattr(self, "_sized", False):
            self._sized = True
            if not getattr(self, "_restored_state", False):
                # after the first layout pass, or Qt gives the left dock half the window
                QTimer.singleShot(0, self._size_training_dock)

    def _size_training_dock(self):
        self.resizeDocks([self.docks["trainingDock"]], [330], Qt.Orientation.Horizontal)
        for bar in self.findChildren(QTabBar):        # whole panel names, scrolled when many
            bar.setElideMode(Qt.TextElideMode.ElideNone)
            bar.setUsesScrollButtons(True)

    def closeEvent(self, event):
        self.controller.shutdown(timeout_ms=1000)
        self.save_settings()
        for panel in self.panels.values():
            if hasattr(panel, "shutdown"):
                panel.shutdown()
        super().closeEvent(event)
