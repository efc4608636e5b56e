"""The hyperparameter search's trials, one row each, sortable by any column (best validation
accuracy first by default; trials without one sort last)."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from core.hyperparameter_search import Trial

KEY = Qt.ItemDataRole.UserRole + 1       # the number a cell sorts by
INDEX = Qt.ItemDataRole.UserRole + 2     # the trial a row shows
COL_TRIAL, COL_LR, COL_WD, COL_VAL, COL_TRAIN, COL_STATUS = range(6)


class _Cell(QTableWidgetItem):
    def __lt__(self, other):
        a, b = self.data(KEY), other.data(KEY)
        return (a if a is not None else -math.inf) < (b if b is not None else -math.inf)


class TrialsTable(QTableWidget):
    """``set_trials`` fills it (rows made once per search, then updated in place)."""

    def __init__(self, parent=None):
        super().__init__(0, 6, parent)
        self.setHorizontalHeaderLabels([self.tr("trial"), self.tr("learning rate"), self.tr("λ"),
                                        self.tr("validation"), self.tr("training"), self.tr("status")])
        tips = [self.tr("The trial's number, in the order they were drawn and trained"),
                self.tr("The trial's learning rate"), self.tr("The trial's weight decay λ (L2)"),
                self.tr("Accuracy on the validation data after the last epoch: what the search "
                        "ranks by"),
                self.tr("Accuracy on the trial's own training data (inference mode)"),
                self.tr("Waiting, training, done or diverged")]
        for c, tip in enumerate(tips):
            self.horizontalHeaderItem(c).setToolTip(tip)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setSortingEnabled(True)
        self.sortItems(COL_VAL, Qt.SortOrder.DescendingOrder)
        self.setToolTip(self.tr("Every trial of the search; click a column's title to sort by it, "
                                "double-click a trial to use its settings for training"))
        self._rows: dict[int, list[_Cell]] = {}
        self._shown: dict[int, tuple] = {}

    def status_text(self, t: Trial) -> str:
        return {"waiting": self.tr("waiting"), "running": self.tr("training…"), "done": self.tr("done"),
                "diverged": self.tr("diverged"), "cancelled": self.tr("cancelled")}.get(t.status, t.status)

    def set_trials(self, trials: list[Trial]) -> None:
        if set(self._rows) != {t.index for t in trials}:
            self.setSortingEnabled(False)
            self.setRowCount(0)
            self.setRowCount(len(trials))
            self._rows, self._shown = {}, {}
            for r, t in enumerate(trials):
                cells = [_Cell() for _ in range(6)]
                for c, cell in enumerate(cells):
                    cell.setData(INDEX, t.index)
                    if c != COL_STATUS:
                        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.setItem(r, c, cell)
                self._rows[t.index] = cells
            self.setSortingEnabled(True)
        changed = False
        for t in trials:
            state = (t.status, t.val_acc, t.train_acc)
            if self._shown.get(t.index) == state:
                continue
            self._shown[t.index] = state
            changed = True
            values = [(str(t.index + 1), t.index), (f"{t.lr:.2e}", t.lr),
                      (f"{t.weight_decay:.2e}", t.weight_decay), (_pct(t.val_acc), t.val_acc),
                      (_pct(t.train_acc), t.train_acc), (self.status_text(t), None)]
            for cell, (text, key) in zip(self._rows[t.index], values, strict=True):
                cell.setData(KEY, key)
                cell.setText(text)
        if changed:
            header = self.horizontalHeader()
            self.sortItems(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def trial_at(self, row: int) -> int | None:
        item = self.item(row, 0)
        return None if item is None else item.data(INDEX)

    def column_values(self, col: int) -> list:
        """The sort keys of a column from top to bottom (for tests)."""
        return [self.item(r, col).data(KEY) for r in range(self.rowCount())]


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:.1f}%"
