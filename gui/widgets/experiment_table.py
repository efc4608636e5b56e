"""An experiment card's results beside the book's values (``core.experiments.Table``).

One row per run (or per weight scale for batch norm): the measured values, the book's value or
finding, and ✓ when the result is inside the book's range (✗ when it is not, blank while the run
is still going).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from core.experiments import Table, Text
from gui import style

OK, NOT_OK = "✓", "✗"
FIT_ROWS = 5                # the table asks for room to show this many rows


def format_value(value, kind: str) -> str:
    """A table cell: percentages, losses, counts, seconds; "—" for a value not measured yet."""
    if value is None:
        return "—"
    if isinstance(value, Text):
        return value.render(QCoreApplication.translate)
    if kind == "pct":
        return f"{100 * value:.1f}%"
    if kind == "loss":
        return f"{value:.3f}"
    if kind == "int":
        return f"{int(value):,}"
    if kind == "time":
        return QCoreApplication.translate("ExperimentTable", "{0:.1f} s").format(value) if value else "—"
    if kind == "sci":
        return f"{value:.2e}"
    return str(value)


def check_mark(ok: bool | None) -> str:
    return "" if ok is None else OK if ok else NOT_OK


class ExperimentTable(QTableWidget):
    """Read-only; ``show_table`` refills it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setToolTip(self.tr("Each run's results beside the book's; ✓ marks a result inside the "
                                "book's range, ✗ one outside it"))
        self._shape: tuple | None = None
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

    def show_table(self, table: Table) -> None:
        tr = QCoreApplication.translate
        headers = [self.tr("run")] + [c.label.render(tr) for c in table.columns] + [self.tr("book"), "✓"]
        shape = (tuple(headers), len(table.rows))
        if shape != self._shape:
            self.clear()
            self.setColumnCount(len(headers))
            self.setRowCount(len(table.rows))
            self.setHorizontalHeaderLabels(headers)
            header = self.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(len(headers) - 2, QHeaderView.ResizeMode.Stretch)
            self._shape = shape
            shown = min(len(table.rows), FIT_ROWS)        # the rest scroll
            self.setMinimumHeight(self.horizontalHeader().sizeHint().height() + 4
                                  + shown * self.verticalHeader().defaultSectionSize())
        for r, row in enumerate(table.rows):
            cells = [row.label.render(tr)]
            cells += [format_value(v, c.kind) for v, c in zip(row.values, table.columns, strict=True)]
            cells += [row.book.render(tr), check_mark(row.ok)]
            for c, text in enumerate(cells):
                item = self.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    self.setItem(r, c, item)
                if item.text() != text:
                    item.setText(text)
                if 0 < c < len(cells) - 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            mark = self.item(r, len(cells) - 1)
            mark.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            mark.setForeground(QBrush(QColor(style.GREEN if row.ok else style.VERMILION)))
            mark.setToolTip(self.tr("inside the book's range") if row.ok else
                            self.tr("outside the book's range") if row.ok is False else "")

    def marks(self) -> list[str]:
        """The ✓ column, row by row (for tests and the status line)."""
        last = self.columnCount() - 1
        return [self.item(r, last).text() if self.item(r, last) else "" for r in range(self.rowCount())]
