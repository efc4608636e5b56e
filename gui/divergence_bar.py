"""The message bar shown across the main window when training diverges, with
"Halve the learning rate and continue" and "Stop" buttons (only "Stop" once the trainer gave
up recovering: ``core.recovery``)."""
from __future__ import annotations

import math

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolBar, QWidget


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
        self.stop_button.setToolTip(self.tr("Stop training (Esc)"))
        row.addWidget(self.label, 1)
        row.addWidget(self.halve_button)
        row.addWidget(self.stop_button)
        self.addWidget(box)

    def show_divergence(self, info: dict) -> None:
        """Say where and how the run diverged (the worker's ``diverged`` info) and show. When
        recovery gave up (``info["gave_up"]``) only "Stop" is offered: halving again won't help."""
        gave_up = bool(info.get("gave_up"))
        if gave_up:
            text = self.tr(
                "Training diverged again at step {0}: {1}. Recovery gave up after {2} tries "
                "without progress: reset the weights, or start again with a much lower learning "
                "rate (now {3:g}) or another optimizer.").format(
                info["step"], self._reason_text(info), info.get("recoveries", 0), info["lr"])
        else:
            text = self.tr(
                "Training diverged at step {0}: {1}. A lower learning rate usually helps "
                "(now {2:g}).").format(info["step"], self._reason_text(info), info["lr"])
        self.label.setText(text)
        self.halve_button.setVisible(not gave_up)
        self.show()

    def _reason_text(self, info: dict) -> str:
        if info.get("cause") == "vanished":
            return self.tr("every layer's gradient vanished while the loss stayed at {0:.3g}, "
                           "no better than at the start").format(info["loss"])
        if info["where"] != "the loss":
            where = info["where"]
            if where.startswith("layer "):
                index, kind = where[6:].split(" ", 1)
                where = self.tr("layer {0} {1}").format(index, kind)
            if info.get("cause") == "gradient":
                return self.tr("the gradient of {0} exploded ({1:.3g} times its size at the start)"
                               ).format(where, info["grad_growth"])
            return self.tr("non-finite values in {0}").format(where)
        if math.isfinite(info["loss"]):
            return self.tr("the loss exploded to {0:.3g}").format(info["loss"])
        return self.tr("the loss is no longer a finite number")
