"""Backpropagation (误差反向传播法) step by step on the learner's own network.

A few real samples go through the current network once — the network's own
``loss`` and ``backward`` (``core.backprop_trace``, run off the GUI thread): forward layer
by layer (Z[l], A[l], the cache kept for backward), the loss (P beside the one-hot T),
then backward layer by layer (dA → dZ → dW, db), each stage with its formulas and
shapes in the chosen notation (book: rows = samples; Andrew Ng: columns = samples).
A second tab shows the network diagram lit up for the first sample.

Slots: ``set_model``, ``set_dataset``, ``update_snapshot``, ``set_training_state``; also
``use_input(x, label)`` to step through one given input (e.g. the digit drawn on the
canvas). Signal: ``snapshot_wanted`` (the "Latest weights" button while training runs).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.backprop_trace import Trace, trace
from core.network import Network
from gui import style
from gui.backprop_stages import Stage, StageBuilder, shape_text
from gui.data_fit import misfit
from gui.notation import NotationCombo, notation_setting
from gui.run_state import RunState
from gui.tasks import Task
from gui.widgets.heatmap import HeatmapWidget, format_value
from gui.widgets.network_activity import activity_from_trace
from gui.widgets.network_diagram import NetworkDiagram

MAX_M = 32


def compute_trace(spec: dict, params: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray) -> Trace:
    """One traced pass of a copy of the network (runs in a pool thread)."""
    net = Network.from_spec(spec, np.random.default_rng(0))
    net.load_snapshot(params)
    return trace(net, x, y)


class BackpropPanel(QWidget):
    snapshot_wanted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("backpropPanel")
        self._spec: dict | None = None
        self._params: dict[str, np.ndarray] | None = None
        self._dataset = None
        self._custom: tuple[np.ndarray, np.ndarray, str] | None = None
        self._state = RunState.IDLE
        self._dirty = False
        self._waiting_snapshot = False
        self.trace: Trace | None = None
        self.stages: list[Stage] = []
        self.task = Task(self)
        self.task.done.connect(self._on_trace)
        self.task.failed.connect(self._on_failed)

        self.m_spin = QSpinBox()
        self.m_spin.setRange(1, MAX_M)
        self.m_spin.setValue(4)
        self.m_spin.setPrefix(self.tr("m = "))
        self.m_spin.setToolTip(self.tr("How many samples go through together (the mini-batch size m)"))
        self.start_spin = QSpinBox()
        self.start_spin.setRange(0, 0)
        self.start_spin.setPrefix(self.tr("from sample "))
        self.start_spin.setToolTip(self.tr("Index of the first training sample of the batch"))
        for spin in (self.m_spin, self.start_spin):
            spin.valueChanged.connect(self._batch_changed)
        self.new_batch_button = QPushButton(self.tr("Another batch"))
        self.new_batch_button.setToolTip(self.tr("Take the next m training samples"))
        self.new_batch_button.clicked.connect(self.next_batch)
        self.latest_button = QPushButton(self.tr("Latest weights"))
        self.latest_button.setToolTip(self.tr("Run the step-through again with the network's current "
                                              "weights (they change while training runs)"))
        self.latest_button.clicked.connect(self.refresh_weights)
        self.notation_combo = NotationCombo()
        self.notation_combo.setSizeAdjustPolicy(NotationCombo.SizeAdjustPolicy.AdjustToContents)
        notation_setting().changed.connect(self._rebuild)

        self.stage_list = QListWidget()
        self.stage_list.setToolTip(self.tr("The steps of one pass: forward layer by layer, the loss, "
                                           "then backward layer by layer. Pick one, or use ◀ ▶."))
        self.stage_list.currentRowChanged.connect(self._show_stage)
        self.prev_button = QPushButton("◀")
        self.prev_button.setToolTip(self.tr("Previous step"))
        self.prev_button.clicked.connect(lambda: self.go_to(self.stage_list.currentRow() - 1))
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(self.tr("Next step"))
        self.next_button.clicked.connect(lambda: self.go_to(self.stage_list.currentRow() + 1))
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 11pt")
        self.title.setWordWrap(True)
        self.formulas = QLabel()
        self.formulas.setWordWrap(True)
        self.formulas.setTextFormat(Qt.TextFormat.RichText)
        self.formulas.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formulas.setStyleSheet("QLabel { background: #f7f7f2; border: 1px solid #dddddd; "
                                    "padding: 6px; font-family: monospace; }")
        self.heatmaps: list[HeatmapWidget] = []
        self.captions: list[QLabel] = []
        maps = QHBoxLayout()
        for _ in range(3):
            box = QVBoxLayout()
            caption = QLabel()
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            hm = HeatmapWidget()
            hm.setToolTip(self.tr("The array's values (blue negative, red positive); hover a cell "
                                  "for its value, wheel to zoom"))
            box.addWidget(caption)
            box.addWidget(hm, 1)
            maps.addLayout(box, 1)
            self.heatmaps.append(hm)
            self.captions.append(caption)

        steps = QVBoxLayout()
        steps.setContentsMargins(0, 0, 0, 0)
        steps.addWidget(self.stage_list, 1)
        arrows = QHBoxLayout()
        arrows.addWidget(self.prev_button)
        arrows.addWidget(self.next_button)
        steps.addLayout(arrows)
        left = QWidget()
        left.setLayout(steps)
        detail = QVBoxLayout()
        detail.setContentsMargins(0, 0, 0, 0)
        detail.addWidget(self.title)
        detail.addWidget(self.formulas)
        detail.addLayout(maps, 1)
        right = QWidget()
        right.setLayout(detail)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 730])

        self.diagram = NetworkDiagram()
        self.diagram.setToolTip(self.tr("The network lit up for the first sample of the batch: each "
                                        "unit's colour is its activation. Click a unit for its z, a, b "
                                        "and incoming weights."))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.splitter, self.tr("Step through"))
        self.tabs.addTab(self.diagram, self.tr("Network, lit up"))

        self.empty = QLabel(self.tr("Build a network (Architecture → Apply) and load data to step "
                                    "through one forward and backward pass."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {style.GREY}; font-size: 11pt")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)
        self.status = QLabel()
        self.status.setStyleSheet(f"color: {style.GREY}")

        top = QHBoxLayout()
        for w in (self.m_spin, self.start_spin, self.new_batch_button, self.latest_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Notation:")))
        top.addWidget(self.notation_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.stack, 1)

    # -- slots the main window calls ---------------------------------------------------------
    def set_model(self, spec: dict, params: dict[str, np.ndarray]) -> None:
        self._spec, self._params = spec, params
        self.diagram.set_spec(spec)
        self.diagram.set_params(params)
        self._request()

    def set_dataset(self, dataset) -> None:
        self._dataset = dataset
        self._custom = None
        self.start_spin.setRange(0, max(len(dataset.y_train) - 1, 0))
        self._request()

    def update_snapshot(self, params: dict[str, np.ndarray], step: int) -> None:
        self._params = params
        self.diagram.update_snapshot(params, step)
        if self._waiting_snapshot:
            self._waiting_snapshot = False
            self._request()

    def set_training_state(self, state: RunState) -> None:
        self._state = RunState(state)

    # -- public (tests, tools, wiring by the lead) ------------------------------------------------
    def use_input(self, x: np.ndarray, label: int, name: str = "") -> None:
        """Step through one given input (e.g. the drawn digit) with its label."""
        self._custom = (np.asarray(x, dtype=np.float32)[None], np.array([int(label)]), name)
        self._request()

    def next_batch(self) -> None:
        self._custom = None
        top = self.start_spin.maximum()
        self.start_spin.setValue((self.start_spin.value() + self.m_spin.value()) % max(top + 1, 1))

    def refresh_weights(self) -> None:
        if RunState(self._state).busy:
            self._waiting_snapshot = True
            self.snapshot_wanted.emit()
        else:
            self._request()

    def go_to(self, row: int) -> None:
        if self.stages:
            self.stage_list.setCurrentRow(max(0, min(row, len(self.stages) - 1)))

    def current_stage(self) -> Stage | None:
        row = self.stage_list.currentRow()
        return self.stages[row] if 0 <= row < len(self.stages) else None

    # -- computing -----------------------------------------------------------------------------
    def _batch_changed(self, *_):
        self._custom = None
        self._request()

    def batch(self) -> tuple[np.ndarray, np.ndarray, str] | None:
        if self._custom is not None:
            return self._custom
        if self._dataset is None:
            return None
        n = len(self._dataset.y_train)
        start, m = self.start_spin.value(), self.m_spin.value()
        idx = (start + np.arange(m)) % n
        x, y = self._dataset.gather("train", idx)
        return x, y, self.tr("training samples {0}–{1}").format(int(idx[0]), int(idx[-1]))

    def _request(self) -> None:
        if not self.isVisible():
            self._dirty = True              # a hidden panel does no work
            return
        self._dirty = False
        batch = self.batch()
        if self._spec is None or self._params is None or batch is None:
            self.stack.setCurrentWidget(self.empty)
            return
        x, y, what = batch
        problem = misfit(self._spec, self._dataset) if self._custom is None else None
        if problem is not None:
            self.status.setText(problem)
            self.stack.setCurrentWidget(self.empty)
            return
        self._what = what
        self.status.setText(self.tr("Computing…"))
        self.task.submit(compute_trace, self._spec, self._params, x, y)

    def showEvent(self, event):
        super().showEvent(event)
        if self._dirty:
            self._request()

    def _on_failed(self, message: str) -> None:
        self.status.setText(self.tr("The step-through failed: {0}").format(message))

    def _on_trace(self, t: Trace) -> None:
        self.trace = t
        self.status.setText(self.tr("{0} · loss {1} · labels {2}").format(
            self._what, format_value(t.loss, "{:.4g}"), ", ".join(str(int(v)) for v in t.labels[:8])))
        self.diagram.set_activity(activity_from_trace(t, 0, self.tr("sample 1 of the batch")))
        self.stack.setCurrentWidget(self.tabs)
        self._rebuild()

    def _rebuild(self, *_):
        if self.trace is None:
            return
        row = max(self.stage_list.currentRow(), 0)
        self.stages = StageBuilder(self.trace, notation_setting().current()).stages()
        self.stage_list.blockSignals(True)
        self.stage_list.clear()
        for i, stage in enumerate(self.stages):
            self.stage_list.addItem(f"{i + 1}. {stage.short}")
            self.stage_list.item(i).setToolTip(stage.title)
        self.stage_list.blockSignals(False)
        self.go_to(min(row, len(self.stages) - 1))
        self._show_stage(self.stage_list.currentRow())

    def _show_stage(self, row: int) -> None:
        if not 0 <= row < len(self.stages):
            return
        stage = self.stages[row]
        self.prev_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < len(self.stages) - 1)
        self.title.setText(stage.title)
        self.formulas.setText("<br>".join(stage.lines))
        for k, (hm, caption) in enumerate(zip(self.heatmaps, self.captions, strict=True)):
            if k < len(stage.arrays):
                shown = stage.arrays[k]
                caption.setText(f"<b>{shown.name}</b> {shape_text(shown.shape)}")
                hm.set_matrix(shown.matrix, x_label=shown.x_label, y_label=shown.y_label,
                              lock_aspect=shown.square)
                hm.show()
            else:
                caption.setText("")
                hm.hide()
