"""Play, Step and Reset for a small training session trained in its panel's own thread
(``gui.session_thread``): the 2-D playground and the function fit share this row.

Play is checkable and reads "Pause" while the session plays; Step trains one epoch; Reset
calls the panel's own reset (each panel picks its new seed). The tooltips are the panel's:
they name what stays on a reset ("the data", "the samples").
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton


def _tr(text: str) -> str:
    return QCoreApplication.translate("SessionButtons", text)


class SessionButtons:
    """The three buttons (``play``, ``step``, ``reset``) driving the SessionThread that
    ``thread()`` returns (looked up on each press: the panel may make its runner later)."""

    def __init__(self, thread: Callable[[], object], reset: Callable[[], None],
                 tips: tuple[str, str, str]):
        play_tip, step_tip, reset_tip = tips
        self.thread = thread
        self.play = QPushButton(_tr("Play"))
        self.play.setCheckable(True)
        self.play.setToolTip(play_tip)
        self.play.toggled.connect(self._on_play)
        self.step = QPushButton(_tr("Step"))
        self.step.setToolTip(step_tip)
        self.step.clicked.connect(lambda: self.thread().submit(lambda s: s.train(epochs=1)))
        self.reset = QPushButton(_tr("Reset"))
        self.reset.setToolTip(reset_tip)
        self.reset.clicked.connect(reset)

    def widgets(self) -> tuple[QPushButton, QPushButton, QPushButton]:
        return self.play, self.step, self.reset

    def _on_play(self, on: bool) -> None:
        self.play.setText(_tr("Pause") if on else _tr("Play"))
        self.thread().set_playing(on)
