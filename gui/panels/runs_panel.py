"""The runs kept for comparison, as a table: name (editable; its check box shows or hides the run's
curves in "Loss and accuracy"), what differs from the other runs, final and best validation
accuracy, test accuracy and training time. Delete removes the selected runs (also the Delete
key), F2 renames, Export CSV writes the table (``core.run_set.write_csv``).

The runs come from the controller (``set_runs`` with a ``gui.run_keeping.RunsView``); every
change goes back through ``view.edit`` and returns as a new view. The current run is the last
row, "This run" in italics, its results filled from the epochs it reports (``add_epoch``, at most
a few times a second); it becomes a kept run like the others when the model changes
(``set_model`` then starts an empty one).
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import run_diff, run_set
from core.run_set import RunRecorder

from ..run_overlay import colour, run_name
from ..save_paths import ask_save_path
from ..tooltips import tooltip

NAME, DIFFERS, FINAL, BEST, TEST, TIME = range(6)
UID = Qt.ItemDataRole.UserRole
CURRENT_UID = "current"          # the current run's row (not a kept run: no edits)
REFRESH_MS = 250                 # the current run's row follows its epochs at most 4 times a second


def _percent(v: float) -> str:
    return "—" if not math.isfinite(v) else f"{100 * v:.2f}%"


def _duration(seconds: float) -> str:
    if seconds < 60:
        return QCoreApplication.translate("RunsPanel", "{0} s").format(f"{seconds:.2f}" if seconds < 10
                                                                        else f"{seconds:.0f}")
    return QCoreApplication.translate("RunsPanel", "{0} min {1:02d} s").format(
        int(seconds // 60), int(seconds % 60))


class RunsPanel(QWidget):
    status_message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("runsPanel")
        self.view = None
        self._stale = False
        self._uids: list[str] = []
        self._epochs = RunRecorder()         # the current run's epochs, as reported
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._fill)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("runsTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Run"), self.tr("What differs"), self.tr("Final\nvalidation"),
            self.tr("Best\nvalidation"), self.tr("Test"), self.tr("Time")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DIFFERS, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)            # a narrow column wraps its text rather than eliding it
        header.sectionResized.connect(self._fit_rows)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setToolTip(tooltip(self.tr(
            "Every training run is kept when you apply a new network, reset the weights or open "
            "another model. Tick a run to draw its curves in “Loss and accuracy”; double-click "
            "or press F2 to rename it; Delete removes the selected runs. Accuracies are on the "
            "validation data (final: at the last epoch; best: the highest of any epoch) and on "
            "the test data.")))
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Remove the selected runs from the comparison (Delete)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.rename_button = QPushButton(self.tr("Rename"))
        self.rename_button.setToolTip(self.tr("Give the selected run a name of your own (F2)"))
        self.rename_button.clicked.connect(self.rename_current)
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.csv_button.setToolTip(self.tr("Save the table, with every setting of every run, as a "
                                           "CSV file for a spreadsheet"))
        self.csv_button.clicked.connect(self.export_csv_dialog)
        bar = QHBoxLayout()
        for b in (self.delete_button, self.rename_button, self.csv_button):
            bar.addWidget(b)
        bar.addStretch(1)

        self.hint = QLabel(self.tr(
            "No runs kept yet.\n\nTrain a network, then apply another architecture, reset the "
            "weights or change a setting and train again: each run is kept here, and ticked runs "
            "are drawn side by side in “Loss and accuracy”."))
        self.hint.setObjectName("runsHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555; font-size: 14px; padding: 30px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.hint)
        self.stack.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        for key, slot in ((QKeySequence.StandardKey.Delete, self.delete_selected),
                          (QKeySequence(Qt.Key.Key_F2), self.rename_current)):
            shortcut = QShortcut(key, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._update_buttons()

    # -- the runs ---------------------------------------------------------------------------
    def set_runs(self, view) -> None:
        self.view = view
        self._stale_or_fill()

    def set_model(self, *_) -> None:
        """A new model: the current run (if any) is now a kept run; a new one begins."""
        self._epochs.clear()
        self._stale_or_fill()

    def add_epoch(self, ep: dict) -> None:
        self._epochs.add_epoch(ep)
        if not self.isVisible():
            self._stale = True
        elif not self._refresh.isActive():
            self._refresh.start()

    def _stale_or_fill(self) -> None:
        """Fill the table now, or when it is shown (a hidden panel does no work)."""
        if self.isVisible():
            self._fill()
        else:
            self._stale = True

    def current_run(self) -> run_set.KeptRun | None:
        """The current run with the results of the epochs it has reported (None before it has
        settings or an epoch)."""
        current = self.view.current if self.view is not None else None
        rec = self._epochs
        if current is None or not rec.epochs["epoch"]:
            return None
        epochs = {k: np.array(v, dtype=float) for k, v in rec.epochs.items()}
        steps = {k: np.empty(0) for k in run_set.STEP_KEYS}
        return run_set.KeptRun(0, current.settings, current.spec, current.dataset, epochs, steps,
                               seconds=rec.seconds, uid=CURRENT_UID)

    def _fit_rows(self, *_) -> None:
        """Row heights for the wrapped text, once the columns have their widths."""
        QTimer.singleShot(0, self, self.table.resizeRowsToContents)

    def showEvent(self, event):
        super().showEvent(event)
        if self._stale:
            self._fill()

    def runs(self) -> list[run_set.KeptRun]:
        return list(self.view.runs) if self.view is not None else []

    def rows(self) -> list[run_set.KeptRun]:
        """The table's rows: the kept runs, then the current run once it has an epoch."""
        current = self.current_run()
        return self.runs() + ([current] if current is not None else [])

    def _texts(self, rows: list[run_set.KeptRun]) -> tuple[list[str], list[str]]:
        """Each row's name and what differs (or, compared with nothing, its main settings)."""
        tr = QCoreApplication.translate
        current = self.view.current if self.view is not None else None
        compared = rows if rows and rows[-1].uid == CURRENT_UID else \
            rows + ([current] if current is not None and rows else [])
        names = run_diff.differing(compared)
        differs = [run_diff.describe(r, names, tr) or run_diff.summary(r, tr) for r in rows]
        return [self.tr("This run") if r.uid == CURRENT_UID else run_name(r) for r in rows], differs

    def _fill(self) -> None:
        self._stale = False
        rows = self.rows()
        names, differs = self._texts(rows)
        selected = set(self.selected_uids())
        self.table.blockSignals(True)
        if [r.uid for r in rows] != self._uids:
            self.table.setRowCount(0)
            self.table.setRowCount(len(rows))
            self._uids = [r.uid for r in rows]
        for row, (run, name, diff) in enumerate(zip(rows, names, differs, strict=True)):
            self._fill_row(row, run, name, diff)
            if run.uid in selected:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        self._fit_rows()
        self.stack.setCurrentIndex(1 if rows else 0)
        self._update_buttons()

    def _fill_row(self, row: int, run, name: str, diff: str) -> None:
        def cell(col: int, text: str) -> QTableWidgetItem:
            item = self.table.item(row, col)
            if item is None:
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, col, item)
            item.setText(text)
            item.setData(UID, run.uid)
            return item

        first = cell(NAME, name)
        font = first.font()
        font.setItalic(run.uid == CURRENT_UID)
        first.setFont(font)
        if run.uid == CURRENT_UID:
            first.setToolTip(self.tr("The run you are training now, always drawn in “Loss and "
                                     "accuracy”. It is kept as a run of its own when you apply "
                                     "another network, reset the weights or open a model."))
        else:
            first.setFlags(first.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
            first.setCheckState(Qt.CheckState.Checked if run.visible else Qt.CheckState.Unchecked)
            swatch = QPixmap(12, 12)
            swatch.fill(QColor(colour(run)))
            first.setIcon(QIcon(swatch))
            first.setToolTip(self.tr("Tick to draw this run in “Loss and accuracy”; double-click to "
                                     "rename it"))
        cell(DIFFERS, diff).setToolTip(self._settings_text(run))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for col, v in ((FINAL, run.final_val_acc), (BEST, run.best_val_acc), (TEST, run.test_acc)):
            cell(col, _percent(v)).setTextAlignment(right)
        cell(TIME, _duration(run.seconds)).setTextAlignment(right)

    def _settings_text(self, run) -> str:
        tr = QCoreApplication.translate
        lines = [f"{run_diff.label(s.name, tr)}: {run_diff.value_text(s.name, v, tr)}"
                 for s in run_diff.compared_settings()
                 if (v := run_diff.effective(run.settings, s.name)) is not None]
        lines.append(f"{run_diff.label(run_diff.NETWORK, tr)}: {run_diff.network_summary(run.spec, tr)}")
        return "\n".join(lines)

    # -- editing ----------------------------------------------------------------------------
    def selected_uids(self) -> list[str]:
        """The selected kept runs (the current run's row is not one)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self._uids[r] for r in rows if r < len(self._uids) and self._uids[r] != CURRENT_UID]

    def _kept_uids(self) -> list[str]:
        return [u for u in self._uids if u != CURRENT_UID]

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(bool(self.selected_uids()))
        self.rename_button.setEnabled(bool(self._kept_uids()))
        self.csv_button.setEnabled(bool(self._uids))

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != NAME or self.view is None:
            return
        uid = item.data(UID)
        run = next((r for r in self.view.runs if r.uid == uid), None)
        if run is None:
            return
        visible = item.checkState() == Qt.CheckState.Checked
        if visible != run.visible:
            self.view.edit("show", [uid], visible)
        elif item.text().strip() != run_name(run):
            # an empty name goes back to "Run <number>"
            self.view.edit("rename", [uid], item.text())

    def delete_selected(self) -> None:
        uids = self.selected_uids()
        if uids and self.view is not None:
            self.view.edit("delete", uids)
            self.status_message.emit(self.tr("Removed %n run(s) from the comparison.", "", len(uids)))

    def rename_current(self) -> None:
        row = self.table.currentRow()
        if (row < 0 or row >= len(self._uids) or self._uids[row] == CURRENT_UID) and self._kept_uids():
            row = 0
        if 0 <= row < len(self._uids) and self._uids[row] != CURRENT_UID:
            self.table.setCurrentCell(row, NAME)
            self.table.editItem(self.table.item(row, NAME))

    # -- export -----------------------------------------------------------------------------
    def export_csv(self, path: str) -> int:
        """The table, with every setting, as CSV; OSError if it cannot be written."""
        rows = self.rows()
        names, differs = self._texts(rows)
        return run_set.write_csv(path, rows, names, differs)

    def export_csv_dialog(self) -> None:
        path = ask_save_path(self, self.tr("Export runs"), [(self.tr("CSV"), "csv")],
                             self.status_message.emit)
        if not path:
            return
        try:
            n = self.export_csv(path)
        except OSError as e:
            self.status_message.emit(self.tr("Could not export the runs to {0}: {1}").format(
                path, e.strerror or e))
            return
        self.status_message.emit(self.tr("Exported %n run(s) to {0}.", "", n).format(path))
