"""View → Live drawing: how much of the time the panels may spend drawing while training.

Training and drawing share one Python interpreter lock, so every millisecond of
drawing is taken from training (see gui/throttle.py). The learner chooses: plots
that move a few times a second with training at full speed, or smoother plots
with slower training.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from .throttle import DEFAULT_SHARE, DrawBudget

SETTINGS_KEY = "view/drawShare"

# (share of the time, menu text, tooltip)
LEVELS = [
    (DEFAULT_SHARE, QT_TRANSLATE_NOOP("LiveDrawing", "Light: training at nearly full speed (5% for drawing)"),
     QT_TRANSLATE_NOOP("LiveDrawing", "Plots update a few times a second; training loses almost "
                                      "nothing to drawing")),
    (0.15, QT_TRANSLATE_NOOP("LiveDrawing", "Medium: smoother plots (15% for drawing)"),
     QT_TRANSLATE_NOOP("LiveDrawing", "Plots update more often; training runs somewhat slower")),
    (0.40, QT_TRANSLATE_NOOP("LiveDrawing", "Full: smoothest plots (40% for drawing)"),
     QT_TRANSLATE_NOOP("LiveDrawing", "Every visible panel redraws as often as it can; training "
                                      "can run at half its speed")),
]


def _tr(text: str) -> str:
    return QCoreApplication.translate("LiveDrawing", text)


def build_menu(parent: QWidget, budget: DrawBudget) -> QMenu:
    """A submenu with one checkable action per level; choosing one sets ``budget``'s share."""
    menu = QMenu(_tr("Live drawing while training"), parent)
    menu.setObjectName("liveDrawingMenu")
    menu.setToolTipsVisible(True)
    group = QActionGroup(menu)
    for share, text, tip in LEVELS:
        action = QAction(_tr(text), menu, checkable=True)
        action.setToolTip(_tr(tip))
        action.setData(share)
        action.setChecked(abs(share - budget.share) < 1e-9)
        action.triggered.connect(lambda _=False, s=share: budget.set_share(s))
        group.addAction(action)
        menu.addAction(action)
    return menu


def checked_share(menu: QMenu) -> float | None:
    return next((a.data() for a in menu.actions() if a.isChecked()), None)


def restore(budget: DrawBudget, menu: QMenu) -> None:
    """Apply the saved level (one of LEVELS; anything else falls back to the default)."""
    saved = QSettings().value(SETTINGS_KEY, DEFAULT_SHARE, type=float)
    share = next((s for s, _, _ in LEVELS if abs(s - saved) < 1e-9), DEFAULT_SHARE)
    budget.set_share(share)
    for action in menu.actions():
        action.setChecked(abs(action.data() - share) < 1e-9)


def save(budget: DrawBudget) -> None:
    QSettings().setValue(SETTINGS_KEY, budget.share)
