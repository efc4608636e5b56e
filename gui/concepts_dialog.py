"""Help → Concepts: every concept of the course notes with its Chinese term and where the app
shows it (``gui.concepts``). Non-modal; a filter matches English, Chinese and the explanation.
Double-click, Enter or "Open" emits ``open_requested`` with the concept's dock object names;
concepts the app does not show yet are greyed ("coming later") and cannot be opened.
"""
from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QModelIndex, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .concepts import CONCEPTS, Concept, dock_titles
from .tooltips import tooltip

KEY_ROLE = Qt.ItemDataRole.UserRole + 1       # the concept's key, on column 0
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2    # all text the filter matches, on column 0
GREY = QColor("#8a8a8a")
ROW_PADDING = 8           # px added to each row's height
# the column of Chinese terms has this heading in every language, like the terms themselves
CHINESE_HEADING = "中文"


class _PaddedDelegate(QStyledItemDelegate):
    """Rows a little taller than their text: breathing room, and room for a Chinese line drawn
    with a fallback font taller than the one the row height is measured with."""

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + ROW_PADDING)


class ConceptsDialog(QDialog):
    """The concept table. ``titles`` maps dock object names to the titles shown in "Where"
    (default: the panel registry's)."""

    open_requested = Signal(tuple)       # dock object names to show and raise

    def __init__(self, parent: QWidget | None = None, titles: Mapping[str, str] | None = None):
        super().__init__(parent)
        self.setObjectName("conceptsDialog")
        self.setModal(False)
        self.setWindowTitle(self.tr("Concepts"))
        self._titles = dict(dock_titles() if titles is None else titles)
        self._build()
        self._fill()
        self.resize(900, 620)
        self._select_first()

    # -- construction ---------------------------------------------------------------------------
    def _build(self) -> None:
        intro = QLabel(self.tr("The concepts of the course notes, with the notes' Chinese term and "
                               "the panels where you can see and change them. Double-click a row "
                               "or press Enter to open its panels."))
        intro.setWordWrap(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("conceptsFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter: type English or Chinese, e.g. "
                                                    "learning rate"))
        self.filter_edit.setToolTip(tooltip(self.tr(
            "Shows only the concepts whose name, Chinese term, explanation or panel contains "
            "this text. Enter opens the selected concept.")))
        self.filter_edit.textChanged.connect(self._on_filter)

        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Concept"), CHINESE_HEADING, self.tr("Where")])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.table = QTableView()
        self.table.setObjectName("conceptsTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setItemDelegate(_PaddedDelegate(self.table))
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        # wrapped cells: row heights follow the column widths
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.setToolTip(tooltip(self.tr(
            "Rest the pointer on a row for its explanation. Grey rows are not in the app yet.")))
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)

        self.explanation = QLabel()
        self.explanation.setObjectName("conceptExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setMinimumHeight(self.explanation.fontMetrics().lineSpacing() * 3)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("conceptsOpen")
        self.open_button.setDefault(True)
        self.open_button.setToolTip(tooltip(self.tr("Show the panels of the selected concept "
                                                    "(Enter).")))
        self.open_button.clicked.connect(self.open_current)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.setToolTip(tooltip(self.tr("Close this list (Esc).")))
        self.close_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.filter_edit)
        box.addWidget(self.table, 1)
        box.addWidget(self.explanation)
        box.addLayout(buttons)

    def _fill(self) -> None:
        later = self.tr("coming later")
        italic = QFont(self.font())
        italic.setItalic(True)
        for c in CONCEPTS:
            where = ", ".join(self._titles.get(d, d) for d in c.docks) if c.has_home else later
            name, explanation = c.display_name(), c.display_explanation()
            row = [QStandardItem(name), QStandardItem(c.display_chinese()), QStandardItem(where)]
            tip = tooltip(explanation) if c.has_home else tooltip(
                explanation + "\n" + self.tr("Not in the app yet: coming later."))
            for item in row:
                item.setEditable(False)
                item.setToolTip(tip)
                if not c.has_home:
                    item.setForeground(QBrush(GREY))
            if not c.has_home:
                row[2].setFont(italic)
            # the English name stays findable in Chinese mode, and the Chinese term in English
            row[0].setData(c.key, KEY_ROLE)
            row[0].setData(" ".join((name, c.name, c.chinese, explanation, where)), SEARCH_ROLE)
            self.model.appendRow(row)

    def resizeEvent(self, event) -> None:          # noqa: N802 - Qt's name
        super().resizeEvent(event)
        width = self.table.viewport().width()
        self.table.setColumnWidth(1, int(width * 0.3))
        self.table.setColumnWidth(2, int(width * 0.3))
        self.table.resizeRowsToContents()

    # -- behaviour -----------------------------------------------------------------------------
    def concept_at(self, index: QModelIndex) -> Concept | None:
        """The concept of a row of the (filtered) table."""
        if not index.isValid():
            return None
        key = self.proxy.index(index.row(), 0).data(KEY_ROLE)
        return next(c for c in CONCEPTS if c.key == key)

    def current_concept(self) -> Concept | None:
        return self.concept_at(self.table.currentIndex())

    def select_key(self, key: str) -> None:
        """Select the row of concept ``key`` (clearing the filter if it hides it)."""
        for _attempt in range(2):
            for r in range(self.proxy.rowCount()):
                if self.proxy.index(r, 0).data(KEY_ROLE) == key:
                    self.table.setCurrentIndex(self.proxy.index(r, 0))
                    return
            self.filter_edit.clear()
        raise KeyError(key)

    def open_current(self) -> None:
        """Emit ``open_requested`` for the selected concept, if the app shows it."""
        c = self.current_concept()
        if c is not None and c.has_home:
            self.open_requested.emit(c.docks)

    def _on_double_click(self, index: QModelIndex) -> None:
        self.table.setCurrentIndex(index)
        self.open_current()

    def _on_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.table.resizeRowsToContents()
        if not self.table.currentIndex().isValid():
            self._select_first()
        else:
            self._on_current(self.table.currentIndex())

    def _select_first(self) -> None:
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        else:
            self._on_current(QModelIndex())

    def _on_current(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        c = self.concept_at(index)
        self.open_button.setEnabled(c is not None and c.has_home)
        if c is None:
            self.explanation.setText(self.tr("No concept matches the filter."))
        elif c.has_home:
            self.explanation.setText(self.tr("{0} ({1}): {2}").format(
                c.display_name(), c.display_chinese(), c.display_explanation()))
        else:
            self.explanation.setText(self.tr("{0} ({1}): {2} Not in the app yet: coming later.")
                                     .format(c.display_name(), c.display_chinese(), c.display_explanation()))
