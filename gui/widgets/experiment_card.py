"""One experiment card in the list: its title, Run, a progress bar, Cancel and a status line.

Clicking the card shows its results; Run starts it (and shows it). The panel decides what
runs: a card only reports clicks (``run_clicked``, ``cancel_clicked``, ``selected``).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QProgressBar, QPushButton

from core.experiments import Card

SELECTED = "QFrame#experimentCard { border: 2px solid #0072B2; border-radius: 4px; background: #eef5fb; }"
NORMAL = "QFrame#experimentCard { border: 1px solid #c8c8c8; border-radius: 4px; }"


class ExperimentCard(QFrame):
    run_clicked = Signal(str)
    cancel_clicked = Signal(str)
    selected = Signal(str)

    def __init__(self, card: Card, parent=None):
        super().__init__(parent)
        self.setObjectName("experimentCard")
        self.key = card.key
        tr = QCoreApplication.translate
        self.title = QLabel(f"<b>{card.title.render(tr)}</b>")
        self.title.setWordWrap(True)
        self.setToolTip(card.summary.render(tr))
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setToolTip(self.tr("Run this experiment in the background and show its results"))
        self.run_button.clicked.connect(lambda: self.run_clicked.emit(self.key))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this experiment after the current mini-batch"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(lambda: self.cancel_clicked.emit(self.key))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.setToolTip(self.tr("How much of this experiment's training is done"))
        self.status = QLabel(self.tr("not run yet"))
        self.status.setStyleSheet("color: #555")
        self.status.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setVerticalSpacing(3)
        grid.addWidget(self.title, 0, 0, 1, 2)
        grid.addWidget(self.run_button, 1, 0)
        grid.addWidget(self.cancel_button, 1, 1)
        grid.addWidget(self.progress, 2, 0, 1, 2)
        grid.addWidget(self.status, 3, 0, 1, 2)
        self.set_selected(False)

    def set_selected(self, on: bool) -> None:
        self.setStyleSheet(SELECTED if on else NORMAL)

    def set_running(self, running: bool, others_running: bool = False) -> None:
        """This card runs (Cancel on), or another one does (Run off until it ends)."""
        self.run_button.setEnabled(not running and not others_running)
        self.cancel_button.setEnabled(running)

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setValue(round(1000 * done / total) if total else 0)

    def mousePressEvent(self, ev):
        self.selected.emit(self.key)
        super().mousePressEvent(ev)
