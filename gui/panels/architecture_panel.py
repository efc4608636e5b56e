"""Architecture editor: build the network, see it, and check its dimensions.

The panel edits an ``ArchitectureDocument`` (layers and loss, undoable; the
input shape follows the data set), checks every edit with
``core.spec.problems``, draws the network (``NetworkDiagram``), shows Andrew
Ng's dimension table (``DimensionTable``), loads presets and JSON files, and
emits ``apply_requested(spec, seed)`` to build it.
"""
from __future__ import annotations

import copy

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import losses, model_size
from core import spec as spec_mod
from core.spec import SpecError
from gui import style
from gui.architecture_document import ArchitectureDocument
from gui.run_state import RunState
from gui.throttle import LivePoller, draw_budget
from gui.widgets.architecture_controls import BuildControls, LossChoice, SourceBar, ask_size, size_text
from gui.widgets.dimension_table import DimensionTable
from gui.widgets.layer_editor import LayerForm, kind_names
from gui.widgets.layer_list import LayerButtons, LayerList, shape_txt
from gui.widgets.network_diagram import NetworkDiagram

WIDE = 640              # at least this wide: editor and views side by side, else stacked


class ArchitecturePanel(QWidget):
    """Edit, check, draw and apply the network architecture (see docs/panels.md)."""

    apply_requested = Signal(dict, int)
    stop_requested = Signal()
    snapshot_wanted = Signal()
    status_message = Signal(str)
    weight_picked = Signal(str, object)    # a connection clicked in the diagram: ("l.W", (row, col))


    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("architecturePanel")
        self.doc = ArchitectureDocument(self)
        self.undo_stack = self.doc.undo_stack
        self._data_name = self.tr("MNIST (until a data set is chosen)")
        self._has_dataset = False
        self._state = RunState.IDLE
        self._model_spec: dict | None = None
        self._syncing = False
        self.last_error = ""
        self.confirm = self._ask_stop           # () -> bool, asked before stopping training
        self.confirm_size = lambda est: ask_size(self, est)   # asked before building a large network
        self._latest: tuple[dict, int] | None = None     # a snapshot not drawn yet
        self.poller = LivePoller(self)
        self.poller.wanted.connect(self.snapshot_wanted)
        self._build_ui()
        self.doc.changed.connect(self._sync)
        self.doc.status.connect(self.status_message)
        self.doc.load_preset("mlp", undoable=False)

    # -- UI ------------------------------------------------------------------------------
    def _build_ui(self):
        top = SourceBar()
        top.preset_chosen.connect(self.doc.load_preset)
        top.open_chosen.connect(self._open_file)
        top.save_chosen.connect(self._save_file)
        self.preset_combo, self.save_button = top.preset_combo, top.save_button

        editor = QWidget()
        ed = QVBoxLayout(editor)
        ed.setContentsMargins(0, 0, 4, 0)
        self.input_label = QLabel()
        self.input_label.setToolTip(self.tr("The input layer has one neuron per input value; its shape "
                                            "follows the data set chosen for training."))
        ed.addWidget(self.input_label)
        self.layer_list = LayerList()
        self.layer_list.currentRowChanged.connect(self._on_row_changed)
        self.layer_list.model().rowsMoved.connect(self._on_rows_moved)
        self.layer_list.remove_pressed.connect(self.remove_selected)
        self.layer_list.move_pressed.connect(self.move_selected)
        self.layer_list.dropped.connect(self.doc.move_layer)
        ed.addWidget(self.layer_list, 1)
        ed.addWidget(self._build_buttons())
        self.message = QLabel()
        self.message.setObjectName("architectureMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        ed.addWidget(self.message)
        self.form = LayerForm()
        self.form.changed.connect(self._on_setting)
        self.form.type_changed.connect(self._on_type)
        ed.addWidget(self.form)
        loss = LossChoice()
        loss.chosen.connect(self.doc.set_loss)
        self.loss_combo = loss.combo
        ed.addWidget(loss)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(editor)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left = QWidget()                  # the editor scrolls; Apply stays in view
        left.setMinimumWidth(150)
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addWidget(scroll, 1)
        self.build = BuildControls()
        self.build.init_changed.connect(self._show_status)
        self.build.apply_button.clicked.connect(self.apply)
        self.seed_spin, self.init_combo = self.build.seed_spin, self.build.init_combo
        self.apply_button = self.build.apply_button
        left_lay.addWidget(self.build)

        self.diagram = NetworkDiagram()
        self.diagram.setMinimumSize(160, 160)
        self.diagram.weight_clicked.connect(self.weight_picked)
        self.dims = DimensionTable()
        self.dims.m_spin.valueChanged.connect(self._show_status)     # the estimate's batch size
        self.tabs = QTabWidget()
        self.tabs.addTab(self.diagram, self.tr("Diagram"))
        self.tabs.addTab(self.dims, self.tr("Dimensions"))
        self.tabs.setTabToolTip(0, self.tr("The network: hover a neuron for its weights."))
        self.tabs.setTabToolTip(1, self.tr("Check the matrix dimensions (核对矩阵的维数): the shape of "
                                           "every W, b, Z and A for a batch of m samples."))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(top)
        lay.addWidget(self.splitter, 1)

    def _build_buttons(self):
        bar = LayerButtons(kind_names())
        bar.add_requested.connect(self.add_layer)
        bar.remove_requested.connect(self.remove_selected)
        bar.move_requested.connect(self.move_selected)
        self.add_button, self.remove_button = bar.add_button, bar.remove_button
        self.up_button, self.down_button = bar.up_button, bar.down_button
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        for act in (self.undo_action, self.redo_action):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
        bar.add_undo_actions(self.undo_action, self.redo_action)
        self.layer_buttons = bar
        return bar

    def resizeEvent(self, ev):
        wide = ev.size().width() >= WIDE
        orient = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orient:
            self.splitter.setOrientation(orient)
        total = ev.size().width() if wide else ev.size().height() - 40
        first = min(max(int(total * 0.42), 330), 420) if wide else int(total * 0.56)
        self.splitter.setSizes([first, max(total - first, 100)])
        super().resizeEvent(ev)

    # -- public API --------------------------------------------------------------------------
    def current_spec(self) -> dict:
        return self.doc.spec()

    def problems(self) -> list[tuple[int | None, str]]:
        return list(self.doc.problems)

    def layer_problem(self, row: int) -> str | None:
        return self.doc.layer_problems().get(row)

    def selected_row(self) -> int | None:
        return self.doc.selected

    def select_layer(self, row: int | None) -> None:
        self.layer_list.setCurrentRow(-1 if row is None else row)

    def load_preset(self, key: str) -> None:
        self.doc.load_preset(key)

    def add_layer(self, kind: str, row: int | None = None) -> None:
        self.doc.add_layer(kind, row)

    def remove_selected(self) -> None:
        if self.doc.selected is not None:
            self.doc.remove_layer(self.doc.selected)

    def move_selected(self, delta: int) -> None:
        if self.doc.selected is not None:
            self.doc.move_layer(self.doc.selected, self.doc.selected + delta)

    def set_layer_setting(self, row: int, key: str, value) -> None:
        self.doc.set_setting(row, key, value)

    def set_dataset(self, dataset) -> None:
        self._data_name = str(dataset.name)
        self._has_dataset = True
        self.doc.set_data(dataset.input_shape, int(dataset.n_classes))

    def set_batch_size(self, m: int) -> None:
        self.dims.set_batch_size(m)

    def set_training_state(self, state: str) -> None:
        self._state = state
        self.poller.set_state(state)
        self._show_status()

    def set_model(self, spec: dict, params: dict[str, np.ndarray] | None = None) -> None:
        """Load the built model (its spec and a copy of its parameters) into editor and diagram."""
        if not self._has_dataset:
            self.doc.input_shape = list(spec["input_shape"])
        self._model_spec = {k: copy.deepcopy(v) for k, v in spec.items() if k != "name"}
        self.doc.commit(spec["layers"], spec.get("loss", losses.DEFAULT), self.tr("Load the model"))
        self._latest = None
        self.diagram.set_params(params)
        self._sync()

    def update_snapshot(self, params: dict[str, np.ndarray], step: int) -> None:
        self._latest = (params, step)
        if self.isVisible():
            draw_budget().request(self._draw_latest)

    def _draw_latest(self) -> None:
        if self._latest is not None:
            params, step = self._latest
            self._latest = None
            self.diagram.update_snapshot(params, step)

    def showEvent(self, event):
        super().showEvent(event)
        self._draw_latest()

    def is_modified(self) -> bool:
        """True when the editor differs from the model last passed to ``set_model``."""
        if self._model_spec is None:
            return True
        try:
            return spec_mod.validate(self._model_spec) != spec_mod.validate(self.spec_to_apply())
        except SpecError:
            return True

    # -- views -------------------------------------------------------------------------------
    def _sync(self):
        """Bring every view in line with the document."""
        doc, spec = self.doc, self.doc.spec()
        self._syncing = True
        self.layer_list.show_layers(doc.layers, doc.shapes, doc.layer_problems())
        self.layer_list.setCurrentRow(-1 if doc.selected is None else doc.selected)
        for combo, value in ((self.preset_combo, doc.current_preset()), (self.loss_combo, doc.loss)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self._syncing = False
        self._show_selected()
        shape = doc.input_shape
        what = self.tr("{0} image").format(shape_txt(shape)) if len(shape) == 3 else \
            self.tr("{0} features").format(shape_txt(shape))
        self.input_label.setText(self.tr("<b>Input</b> {0} — {1}").format(what, self._data_name))
        self.diagram.set_spec(spec)
        self.dims.set_spec(spec if doc.layers else None)
        self._show_status()

    def _show_selected(self):
        row, n = self.doc.selected, len(self.doc.layers)
        self.form.set_layer(row, self.doc.layers[row] if row is not None else None)
        self.layer_buttons.set_selection(row, n)

    def _show_status(self):
        problems = self.doc.problems
        if problems:
            text = "\n".join(f"⚠ {m}" for _, m in problems)
            color = style.VERMILION
        else:
            est = self.size_estimate()
            text = self.tr("✓ Valid: {0} parameters, {1} output scores.").format(
                f"{est.n_params:,}", self.doc.n_classes or "?") + "\n" + size_text(est)
            if self.is_modified():
                text += "\n" + self.tr("Not built yet: press Apply to build this network.")
            color = style.ORANGE if est.needs_confirmation else style.GREEN
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)
        self.apply_button.setEnabled(not problems)
        self.save_button.setEnabled(not problems)
        busy = RunState(self._state).busy
        self.apply_button.setText(self.tr("Apply (stops training)") if busy else self.tr("Apply"))
        if problems:
            tip = self.tr("Fix the problems shown under the layer list first.")
        elif not self.is_modified():
            tip = self.tr("Rebuild the network with fresh initial weights from this seed.")
        else:
            tip = self.tr("Build this network with fresh initial weights.")
        self.apply_button.setToolTip(tip)

    # -- slots -------------------------------------------------------------------------------
    def _on_row_changed(self, row: int):
        if not self._syncing:
            self.doc.selected = row if row >= 0 else None
            self._show_selected()

    def _on_rows_moved(self, _parent, start: int, _end: int, _dest, dest_row: int):
        # the list model moved a row (Qt's own drag and drop, or a model API call)
        if not self._syncing:
            self.doc.move_layer(start, dest_row if dest_row < start else dest_row - 1)

    def _on_setting(self, key: str, value):
        if self.doc.selected is not None:
            self.doc.set_setting(self.doc.selected, key, value)

    def _on_type(self, kind: str):
        if self.doc.selected is not None:
            self.doc.change_type(self.doc.selected, kind)

    # -- apply -------------------------------------------------------------------------------
    def spec_to_apply(self) -> dict:
        """The spec with the initializer override, if one is chosen."""
        return self.build.with_init(self.current_spec())

    def size_estimate(self) -> model_size.SizeEstimate | None:
        """The memory training this architecture takes at the Dimensions tab's batch size
        (which follows the training settings); None while it has problems."""
        try:
            return model_size.estimate(self.current_spec(), self.dims.batch_size())
        except SpecError:
            return None

    def apply(self) -> bool:
        """Emit apply_requested (asking first if training runs, or if the network is above the
        size threshold); False if nothing was emitted."""
        if self.doc.problems:
            return False
        est = self.size_estimate()
        if est is not None and est.needs_confirmation and not self.confirm_size(est):
            return False
        if RunState(self._state).busy:
            if not self.confirm():
                return False
            self.stop_requested.emit()
        # first the message, then the request: building is synchronous and its own result
        # ("Built a new network…" or an error) must be what stays in the status bar
        self.status_message.emit(self.tr("Building the network (seed {0})…").format(self.seed_spin.value()))
        self.apply_requested.emit(self.spec_to_apply(), self.seed_spin.value())
        return True

    def _ask_stop(self) -> bool:
        answer = QMessageBox.question(self, self.tr("Apply architecture"),
                                      self.tr("Training is running. Stop it and rebuild the network?"))
        return answer == QMessageBox.StandardButton.Yes

    # -- files -------------------------------------------------------------------------------
    def load_spec_file(self, path: str) -> bool:
        """Load an architecture from JSON; on failure keep the editor and set ``last_error``."""
        error = self.doc.load_file(str(path))
        if error is None:
            self.status_message.emit(self.tr("Loaded the architecture from {0}").format(path))
        self.last_error = error or ""
        return error is None

    def save_spec_file(self, path: str) -> bool:
        error = self.doc.save_file(str(path))
        if error is None:
            self.status_message.emit(self.tr("Saved the architecture to {0}").format(path))
        self.last_error = error or ""
        return error is None

    def _open_file(self, path: str) -> None:
        if not self.load_spec_file(path):
            QMessageBox.warning(self, self.tr("Could not open the architecture"), self.last_error)

    def _save_file(self, path: str) -> None:
        if not self.save_spec_file(path):
            QMessageBox.warning(self, self.tr("Could not save the architecture"), self.last_error)
