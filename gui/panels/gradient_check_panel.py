"""Gradient check (梯度确认): backprop's gradients against numerical ones, per parameter.

A float64 copy of the current network is checked on a few training samples
(``core.gradcheck.check_snapshot``, in a pool task): for a sample of entries of each
parameter the central difference (数值微分) is compared with backprop's gradient. The
table gives each parameter's shape, the entries compared, those left out at a kink, the
largest absolute difference and the relative error, green when it passes. A checkbox
breaks one layer's backward on purpose (its gradients × a factor) to see the check fail.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.gradcheck import ABS_TOLERANCE, TOLERANCE, GradCheckRow, check_snapshot
from gui import style
from gui.data_fit import misfit
from gui.labels import layer_label
from gui.tasks import Task

PASS, FAIL, NONE = QColor("#d8f0dc"), QColor("#f8d3cc"), QColor("#eeeeee")


class GradientCheckPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gradientCheckPanel")
        self._spec: dict | None = None
        self._params: dict[str, np.ndarray] | None = None
        self._dataset = None
        self.rows: list[GradCheckRow] = []
        self.task = Task(self)
        self.task.done.connect(self._on_rows)
        self.task.failed.connect(self._on_failed)

        self.m_spin = QSpinBox()
        self.m_spin.setRange(1, 32)
        self.m_spin.setValue(4)
        self.m_spin.setPrefix(self.tr("m = "))
        self.m_spin.setToolTip(self.tr("Training samples in the batch the loss is computed on"))
        self.entries_spin = QSpinBox()
        self.entries_spin.setRange(1, 500)
        self.entries_spin.setValue(20)
        self.entries_spin.setSuffix(self.tr(" entries"))
        self.entries_spin.setToolTip(self.tr("How many entries of each parameter are checked (chosen at "
                                             "random). Each needs two more forward passes."))
        self.run_button = QPushButton(self.tr("Run check"))
        self.run_button.setToolTip(self.tr("Compare backprop's gradients with numerical ones on a float64 "
                                           "copy of the current network"))
        self.run_button.clicked.connect(self.run_check)
        self.break_check = QCheckBox(self.tr("Break a layer's backward:"))
        self.break_check.setToolTip(self.tr("A deliberate bug: the chosen layer's dW and db are multiplied "
                                            "by the factor after its backward. The check should catch it."))
        self.layer_combo = QComboBox()
        self.layer_combo.setToolTip(self.tr("The layer whose backward is broken"))
        self.factor_spin = QDoubleSpinBox()
        self.factor_spin.setRange(-5.0, 5.0)
        self.factor_spin.setSingleStep(0.05)
        self.factor_spin.setDecimals(3)
        self.factor_spin.setValue(0.9)
        self.factor_spin.setPrefix("× ")
        self.factor_spin.setToolTip(self.tr("What the broken layer's gradients are multiplied by"))
        self.break_check.toggled.connect(self._break_changed)
        self.layer_combo.currentIndexChanged.connect(self._break_changed)
        self.factor_spin.valueChanged.connect(self._break_changed)

        self.formula = QLabel(self.tr(
            "numerical gradient (数值微分): n = (L(w + h) − L(w − h)) / 2h with h = 1e-5; analytic a from "
            "backpropagation (误差反向传播法). Relative error ‖a − n‖ / (‖a‖ + ‖n‖) over the entries "
            "checked; it passes below {0} (float64), or when every |a − n| is below {1}.").format(
            f"{TOLERANCE:g}", f"{ABS_TOLERANCE:g}"))
        self.formula.setWordWrap(True)
        self.formula.setStyleSheet("QLabel { background: #f7f7f2; border: 1px solid #dddddd; padding: 6px; }")
        headers = [self.tr("parameter"), self.tr("shape"), self.tr("checked"), self.tr("at a kink"),
                   self.tr("max |a − n|"), self.tr("relative error"), self.tr("result")]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeaderItem(3).setToolTip(self.tr(
            "Entries left out: between w − h and w + h a ReLU input crossed 0 or a max changed hands. "
            "There the function has a kink and no derivative, so the central difference means nothing."))
        self.summary = QLabel(self.tr("Build a network and press Run check."))
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {style.GREY}")

        top = QHBoxLayout()
        for w in (self.m_spin, self.entries_spin, self.run_button):
            top.addWidget(w)
        top.addStretch(1)
        breaking = QHBoxLayout()
        breaking.addWidget(self.break_check)
        breaking.addWidget(self.layer_combo, 1)
        breaking.addWidget(self.factor_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(breaking)
        layout.addWidget(self.formula)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self._enable()

    # -- slots the main window calls ---------------------------------------------------------
    def set_model(self, spec: dict, params: dict[str, np.ndarray]) -> None:
        self._spec, self._params = spec, params
        keep = self.layer_combo.currentData()
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for i, cfg in enumerate(spec["layers"]):
            if f"{i}.W" in params or f"{i}.gamma" in params:
                title = self.tr("layer {0} ({1})").format(i, layer_label(cfg.get("type")))
                self.layer_combo.addItem(title, i)
        if keep is not None and self.layer_combo.findData(keep) >= 0:
            self.layer_combo.setCurrentIndex(self.layer_combo.findData(keep))
        self.layer_combo.blockSignals(False)
        self._stale()

    def update_snapshot(self, params: dict[str, np.ndarray], step: int) -> None:
        self._params = params
        if self.rows:
            self.summary.setText(self.tr("The network has trained on since the check (step {0}): run it "
                                         "again to check the current weights.").format(step))

    def set_dataset(self, dataset) -> None:
        self._dataset = dataset
        self._stale()

    # -- the check -------------------------------------------------------------------------------
    def break_layer(self) -> int | None:
        return self.layer_combo.currentData() if self.break_check.isChecked() else None

    def run_check(self) -> None:
        if self._spec is None or self._params is None or self._dataset is None:
            self.summary.setText(self.tr("Build a network and load data first."))
            return
        problem = misfit(self._spec, self._dataset)
        if problem is not None:
            self.summary.setText(problem)
            return
        m = self.m_spin.value()
        x, y = self._dataset.gather("train", np.arange(min(m, len(self._dataset.y_train))))
        self.summary.setText(self.tr("Checking… (two forward passes per entry, in float64)"))
        self.task.submit(check_snapshot, self._spec, self._params, x, y, self.entries_spin.value(), 0,
                         1e-5, self.break_layer(), self.factor_spin.value())

    def _break_changed(self, *_):
        self._enable()
        if self.rows and self.isVisible():
            self.run_check()

    def _enable(self):
        on = self.break_check.isChecked()
        self.layer_combo.setEnabled(on)
        self.factor_spin.setEnabled(on)

    def _stale(self):
        self.rows = []
        self.table.setRowCount(0)
        self.summary.setText(self.tr("Press Run check to compare the gradients of this network."))

    def _on_failed(self, message: str) -> None:
        self.summary.setText(self.tr("The check failed to run: {0}").format(message))

    def _on_rows(self, rows: list[GradCheckRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            if row.checked == 0:
                result, color = self.tr("— every entry at a kink"), NONE
            else:
                result, color = (self.tr("pass"), PASS) if row.ok else (self.tr("FAIL"), FAIL)
            cells = (row.name, str(tuple(row.shape)), str(row.checked), str(row.at_kink),
                     f"{row.max_abs_error:.2e}", f"{row.rel_error:.2e}", result)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setBackground(QBrush(color))
                if c >= 2 and c < 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        failed = [row.name for row in rows if not row.ok]
        kinks = sum(row.at_kink for row in rows)
        text = self.tr("FAILED: {0}").format(", ".join(failed)) if failed else \
            self.tr("All {0} parameters pass: backprop agrees with the numerical gradient.").format(len(rows))
        if kinks:
            text += " " + self.tr("{0} entries sat at a kink and were left out.").format(kinks)
        broken = self.break_layer()
        if broken is not None:
            text += " " + self.tr("(Layer {0}'s backward was broken on purpose.)").format(broken)
        self.summary.setText(text)

    def cell(self, row: int, column: int) -> str:
        return self.table.item(row, column).text()
