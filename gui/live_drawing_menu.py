"""View → Live drawing while training: how many frames a second each panel may draw.

Training runs in its own process, so drawing takes a processor core's time, not
training's (see gui/throttle.py). The learner chooses: plots that move a couple of
times a second with the window almost idle, six frames a second (the default), or
smoother plots that keep a core busy. Each level also caps the share of the time
that drawing may use, so an expensive panel slows down rather than the window.
"""
from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from .throttle import DEFAULT_RATE, DEFAULT_SHARE, DrawBudget

SETTINGS_KEY = "view/drawRate"


class Level(NamedTuple):
    rate: float          # frames a second per panel
    share: float         # of the time that frames may use at most
    text: str
    tip: str


LEVELS = [
    Level(2.0, 0.10, QT_TRANSLATE_NOOP("LiveDrawing", "Light: 2 frames a second, training at full speed"),
          QT_TRANSLATE_NOOP("LiveDrawing", "Each visible panel redraws up to twice a second; the "
                                           "window stays almost idle")),
    Level(DEFAULT_RATE, DEFAULT_SHARE,
          QT_TRANSLATE_NOOP("LiveDrawing", "Standard: 6 frames a second"),
          QT_TRANSLATE_NOOP("LiveDrawing", "Each visible panel redraws up to six times a second; "
                                           "drawing takes at most a quarter of the time")),
    Level(10.0, 0.50, QT_TRANSLATE_NOOP("LiveDrawing", "Smooth: 10 frames a second"),
          QT_TRANSLATE_NOOP("LiveDrawing", "Each visible panel redraws up to ten times a second; "
                                           "with many panels open drawing keeps a processor core "
                                           "busy (training runs in its own process)")),
]
DEFAULT_LEVEL = next(lv for lv in LEVELS if lv.rate == DEFAULT_RATE)


def _tr(text: str) -> str:
    return QCoreApplication.translate("LiveDrawing", text)


def apply(budget: DrawBudget, level: Level) -> None:
    budget.set_rate(level.rate)
    budget.set_share(level.share)


def build_menu(parent: QWidget, budget: DrawBudget) -> QMenu:
    """A submenu with one checkable action per level; choosing one sets ``budget``'s frame
    rate and share."""
    menu = QMenu(_tr("Live drawing while training"), parent)
    menu.setObjectName("liveDrawingMenu")
    menu.setToolTipsVisible(True)
    group = QActionGroup(menu)
    for level in LEVELS:
        action = QAction(_tr(level.text), menu, checkable=True)
        action.setToolTip(_tr(level.tip))
        action.setData(level.rate)
        action.setChecked(abs(level.rate - budget.rate) < 1e-9)
        action.triggered.connect(lambda _=False, lv=level: apply(budget, lv))
        group.addAction(action)
        menu.addAction(action)
    return menu


def checked_rate(menu: QMenu) -> float | None:
    return next((a.data() for a in menu.actions() if a.isChecked()), None)


def restore(budget: DrawBudget, menu: QMenu) -> None:
    """Apply the saved level (one of LEVELS; anything else falls back to the default)."""
    saved = QSettings().value(SETTINGS_KEY, DEFAULT_RATE)
    try:
        saved = float(saved)
    except (TypeError, ValueError):
        saved = DEFAULT_RATE
    level = next((lv for lv in LEVELS if abs(lv.rate - saved) < 1e-9), DEFAULT_LEVEL)
    apply(budget, level)
    for action in menu.actions():
        action.setChecked(abs(action.data() - level.rate) < 1e-9)


def save(budget: DrawBudget) -> None:
    QSettings().setValue(SETTINGS_KEY, budget.rate)
