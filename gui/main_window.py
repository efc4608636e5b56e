"""The main window: docked panels (``gui.panel_registry``), menus and toolbar
(``gui.actions``), a status bar, and the wiring between panels and the training
controller."""
from __future__ import annotations

import traceback
from dataclasses import asdict

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from core import live_settings

from . import language, live_drawing_menu, panel_registry, window_layout
from .actions import ICONS, build_actions
from .close_guard import CloseGuard
from .concepts_dialog import ConceptsDialog
from .controller import TrainingController
from .divergence_bar import DivergenceBar
from .field_shortcuts import FieldShortcuts
from .panel_registry import FEEDS, RIGHT, PanelEntry
from .run_state import FinishReason, RunState
from .stats_rate import StatsRate
from .status_bar import TrainingStatus
from .throttle import draw_budget
from .widgets.explanation_strip import ExplanationStrip
from .window_files import WindowFiles

STATE_VERSION = 1


class PanelBuildError(RuntimeError):
    """A panel the main window cannot work without failed to build."""


class MainWindow(WindowFiles, QMainWindow):
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
        self.close_guard = CloseGuard(self)
        self.actions_by_id: dict[str, QAction] = build_actions(self)
        self.field_shortcuts = FieldShortcuts(self)
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        concepts = help_menu.addAction(self.tr("Concepts…"), QKeySequence("F1"), self.show_concepts)
        concepts.setStatusTip(self.tr("Every concept of the course notes, its Chinese term and where "
                                      "it lives in the app (F1)"))
        help_menu.addAction(self.tr("About NumNet Studio")).triggered.connect(self.show_about)
        self.concepts_dialog: ConceptsDialog | None = None
        self.divergence_bar = DivergenceBar(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.divergence_bar)
        self.insertToolBarBreak(self.divergence_bar)
        self.divergence_bar.hide()
        self.panels: dict[str, QWidget] = {}
        self.docks: dict[str, QDockWidget] = {}
        self.panel_errors: list[tuple[PanelEntry, Exception]] = []
        self.panel_error_box: QMessageBox | None = None
        self._build_docks()
        self._build_status_bar()
        self.column_keeper = window_layout.ColumnKeeper(self, self.docks["trainingDock"])
        self._wire()
        self.set_state(self.controller.state)

    # -- construction -------------------------------------------------------------------------
    def _build_docks(self) -> None:
        first_right = None
        for entry in panel_registry.PANELS:
            try:
                panel = panel_registry.build_panel(entry)
            except Exception as e:                # reported loudly; the window goes on without it
                traceback.print_exc()
                self.panel_errors.append((entry, e))
                continue
            dock = QDockWidget(self.tr(entry.title), self)
            dock.setObjectName(entry.object_name)
            # the panel sits in a plain holder: hiding the panel (below) must not shrink the
            # dock, or a tab group could no longer grow past its smallest member
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(panel)
            dock.setWidget(holder)
            self.addDockWidget(entry.area, dock)
            if entry.area == RIGHT:
                if first_right is None:
                    first_right = dock
                else:
                    self.tabifyDockWidget(first_right, dock)
            self.view_menu.addAction(dock.toggleViewAction())
            # a dock behind another tab stays "visible" to Qt; hide its panel for real, so
            # panels that pause their updates while hidden (and catch up when shown) work
            dock.visibilityChanged.connect(panel.setVisible)
            self.panels[entry.object_name] = panel
            self.docks[entry.object_name] = dock
        if first_right is not None:
            first_right.raise_()
        self._check_panel_errors()
        self.view_menu.addSeparator()
        budget = draw_budget()
        live_drawing_menu.apply(budget, live_drawing_menu.DEFAULT_LEVEL)  # the saved one: restore
        self.live_drawing_menu = live_drawing_menu.build_menu(self, budget)
        self.view_menu.addMenu(self.live_drawing_menu)
        self.view_menu.addMenu(language.build_menu(self))
        self.view_menu.addAction(self.tr("Reset layout"), self.reset_layout)
        self._default_state = self.saveState(STATE_VERSION)

    def _check_panel_errors(self) -> None:
        """A panel that failed to build: raise if the window needs it, else say so in a
        dialog once the window is up (unless ``quiet_errors``)."""
        if not self.panel_errors:
            return
        lines = [f"{entry.object_name} ({entry.module}.{entry.class_name}): {type(e).__name__}: {e}"
                 for entry, e in self.panel_errors]
        missing = [entry for entry, _ in self.panel_errors
                   if entry.object_name in panel_registry.REQUIRED]
        if missing:
            self.deleteLater()           # and every panel already built, with its timers
            raise PanelBuildError("the main window cannot work without these panels:\n"
                                  + "\n".join(lines)) from self.panel_errors[0][1]
        self._panel_error_text = self.tr("These panels could not be built and are missing:") \
            + "\n\n" + "\n".join(lines)
        QTimer.singleShot(0, self, self._show_panel_errors)

    def _show_panel_errors(self) -> None:
        self.show_message(self._panel_error_text)
        if getattr(self, "quiet_errors", False):
            return
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("NumNet Studio"),
                          self._panel_error_text, QMessageBox.StandardButton.Ok, self)
        box.open()                                 # not modal to the app: nothing blocks
        self.panel_error_box = box

    def _build_status_bar(self) -> None:
        self.status = TrainingStatus(self.statusBar())
        bar = QToolBar(self.tr("Explanations"), self)
        bar.setObjectName("explanationBar")
        bar.setMovable(False)
        self.explanation_strip = ExplanationStrip(self)
        bar.addWidget(self.explanation_strip)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, bar)

    def _wire(self) -> None:
        c = self.controller
        for panel in self.panels.values():
            if hasattr(panel, "settings_requested"):     # e.g. the best trial of a search
                panel.settings_requested.connect(self.apply_settings)
        if "nudgeWeightDock" in self.panels:
            for panel in self.panels.values():
                if hasattr(panel, "weight_picked"):
                    panel.weight_picked.connect(self.pick_weight)
        requests = {"snapshot_wanted": c.request_snapshot, "stats_wanted": c.request_stats,
                    "status_message": self.show_message, "apply_requested": self.apply_spec,
                    "stop_requested": self._stop_and_wait, "open_requested": self.show_docks,
                    "start_training_requested": self.actions_by_id["start"].trigger,
                    "concepts_requested": self.show_concepts}
        for panel in self.panels.values():
            for sig, slot in FEEDS:
                if hasattr(panel, slot):
                    getattr(c, sig).connect(getattr(panel, slot))
            for sig in panel_registry.SIGNALS:
                if hasattr(panel, sig):
                    getattr(panel, sig).connect(requests[sig])
        self.stats_rate = StatsRate(self.panels.values(), c, self)   # as the panels shown want
        training = self.panels["trainingDock"]
        training.add_action_buttons([self.actions_by_id[k] for k in ("start", "pause", "step", "stop")])
        training.setting_changed.connect(self.change_setting)
        c.settings_shown.connect(training.set_settings)
        training.dataset_requested.connect(self.change_dataset)
        c.steps_ready.connect(self.status.add_steps)
        c.state_changed.connect(self.set_state)
        c.diverged.connect(self.divergence_bar.show_divergence)
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
        if not self.confirm_discard():
            return
        self.divergence_bar.hide()
        self.status.reset()
        self.controller.reset_weights()

    def restore_best_epoch(self):
        self.controller.restore_best_epoch()

    def apply_spec(self, spec: dict, seed: int):
        if not self.confirm_discard():
            return
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
        if self.controller.set_setting(name, value) and name == "batch_size":
            for panel in self.panels.values():
                if hasattr(panel, "set_batch_size"):
                    panel.set_batch_size(value)

    def change_dataset(self, name: str):
        if not self.controller.load_dataset(name, confirm_replace=self.confirm_discard):
            self.panels["trainingDock"].set_dataset_choice(self.controller.settings.dataset)
        else:
            self.panels["trainingDock"].set_dataset_choice(name)

    def apply_settings(self, values: dict) -> None:
        """Run settings chosen elsewhere (a search's best trial) go to the training controls."""
        for name, value in values.items():
            self.change_setting(name, value)
        self.panels["trainingDock"].set_settings(self.controller.settings)
        self.show_docks(("trainingDock",))
        self.show_message(self.tr("Training settings taken from the search: {0}.").format(
            ", ".join(f"{k} = {v:g}" if isinstance(v, float) else f"{k} = {v}" for k, v in values.items())))

    def pick_weight(self, name: str, index) -> None:
        """A weight clicked elsewhere (the architecture diagram) becomes the one to nudge."""
        self.panels["nudgeWeightDock"].select_weight(name, index)
        self.show_message(self.tr("Weight {0}{1} chosen: see “Nudge a weight”.").format(name, list(index)))

    def show_docks(self, names: tuple) -> None:
        """Show and raise these docks; the first named ends up on top of its tab group."""
        for name in reversed(names):
            dock = self.docks.get(name)
            if dock is not None:
                dock.show()
                dock.raise_()

    def show_concepts(self) -> None:
        if self.concepts_dialog is None:
            self.concepts_dialog = ConceptsDialog(self)
            self.concepts_dialog.open_requested.connect(self.show_docks)
        self.concepts_dialog.show()
        self.concepts_dialog.raise_()
        self.concepts_dialog.activateWindow()

    def reset_layout(self):
        self.restoreState(self._default_state, STATE_VERSION)
        self.column_keeper.set_width(window_layout.FIRST_COLUMN_WIDTH)
        window_layout.unelide_tab_bars(self)

    def show_about(self):
        QMessageBox.about(self, self.tr("About NumNet Studio"), self.tr(
            "<b>NumNet Studio</b><br>Build a neural network, watch it learn, look inside it, race "
            "optimizers and draw digits for it to read.<br>Everything numeric is NumPy, written "
            "from scratch. MNIST: Yann LeCun and Corinna Cortes, CC BY-SA 3.0."))

    # -- feedback -----------------------------------------------------------------------------
    def set_state(self, state: RunState):
        state, a = RunState(state), self.actions_by_id
        paused = state == RunState.PAUSED
        a["start"].setEnabled(not state.busy)     # while paused, Pause reads Resume: one button for it
        a["pause"].setEnabled(state.busy)
        a["pause"].setText(self.tr("Resume") if paused else self.tr("Pause"))
        a["pause"].setIcon(QIcon(str(ICONS / ("start.svg" if paused else "pause.svg"))))
        a["stop"].setEnabled(state.busy)
        a["restore_best"].setEnabled(not state.busy and self.controller.best_epoch is not None)
        for key in ("open", "open_run"):
            a[key].setEnabled(True)
        self.status.set_state(state)

    def _on_finished(self, reason: FinishReason):
        reason = FinishReason(reason)
        if reason != FinishReason.DIVERGED:
            self.divergence_bar.hide()
        texts = {FinishReason.COMPLETED: self.tr("Training completed."),
                 FinishReason.STOPPED: self.tr("Training stopped."),
                 FinishReason.DIVERGED: self.tr("Training stopped after diverging."),
                 FinishReason.ERROR: self.tr("Training ended with an error."),
                 FinishReason.EARLY_STOPPED: self.tr(
                     "Training stopped early: the validation loss did not improve for {0} epochs. "
                     "Training › Restore best epoch (Ctrl+B) puts back the weights of epoch {1}.")
                 .format(self.controller.settings.patience, self.controller.best_epoch)}
        self.show_message(texts[reason])

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
            self._restored_geometry = self.restoreGeometry(geometry)
        state = qs.value("window/state", QByteArray(), type=QByteArray)
        if not state.isEmpty():
            self._restored_state = self.restoreState(state, STATE_VERSION)
        live_drawing_menu.restore(draw_budget(), self.live_drawing_menu)
        s = self.controller.settings
        for setting in live_settings.SETTINGS.values():     # a strange saved value: the default
            current = getattr(s, setting.name)
            try:
                value = setting.check(qs.value(f"training/{setting.name}", current, type=setting.type))
            except (ValueError, TypeError):
                value = current
            setattr(s, setting.name, value)

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
            # after the first layout pass, or Qt gives the left dock half the window
            QTimer.singleShot(0, self._size_training_dock)

    def _size_training_dock(self):
        if getattr(self, "_restored_state", False):
            self.column_keeper.keep_current()
        else:
            self.column_keeper.set_width(window_layout.FIRST_COLUMN_WIDTH)
        window_layout.unelide_tab_bars(self)

    def closeEvent(self, event):
        """Closes once every thread has ended: a long training step first shows "Stopping…"
        and the window closes when the run ends (``gui.close_guard``)."""
        if not self.close_guard.may_close():
            event.ignore()
            return
        self.save_settings()
        super().closeEvent(event)
