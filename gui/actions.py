"""The main window's actions, menus and toolbar, from one table.

Each :class:`ActionEntry` becomes a ``QAction`` (object name ``action_<key>``)
whose ``triggered`` calls the main window's method ``slot``; ``MENUS`` and
``TOOLBAR`` place them by key (``None`` is a separator).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow

from core.data import RESOURCES

ICONS = RESOURCES / "icons"


@dataclass(frozen=True)
class ActionEntry:
    key: str          # actions_by_id key; object name "action_<key>"
    text: str         # menu text (translatable, context "MainWindow")
    icon: str         # resources/icons/<icon>.svg
    shortcut: str     # QKeySequence text, "" for none
    slot: str         # the main window's method to call
    tip: str          # tooltip and status tip (translatable)


def _n(text: str) -> str:
    return QT_TRANSLATE_NOOP("MainWindow", text)


ACTIONS = [
    ActionEntry("start", _n("Start"), "start", "Ctrl+Return", "start", _n("Start training (Ctrl+Return)")),
    ActionEntry("pause", _n("Pause"), "pause", "Space", "toggle_pause",
                _n("Pause or resume training (Space)")),
    ActionEntry("step", _n("Step batch"), "step", "F10", "step_batch",
                _n("Train exactly one mini-batch, then pause (F10)")),
    ActionEntry("step_epoch", _n("Step epoch"), "step-epoch", "Shift+F10", "step_epoch",
                _n("Train to the end of the current epoch, then pause (Shift+F10)")),
    ActionEntry("stop", _n("Stop"), "stop", "Esc", "stop", _n("Stop training (Esc)")),
    ActionEntry("reset", _n("Reset weights"), "reset", "Ctrl+R", "reset_weights",
                _n("Draw new initial weights with the seed and clear the history (Ctrl+R)")),
    ActionEntry("restore_best", _n("Restore best epoch"), "reset", "Ctrl+B", "restore_best_epoch",
                _n("Put back the weights of the epoch with the lowest validation loss (Ctrl+B)")),
    ActionEntry("open", _n("Open model…"), "open", "Ctrl+O", "open_model",
                _n("Open a saved model (Ctrl+O)")),
    ActionEntry("open_run", _n("Open run…"), "open", "Ctrl+Shift+O", "open_run",
                _n("Open a saved run with its optimizer state and history (Ctrl+Shift+O)")),
    ActionEntry("save", _n("Save model…"), "save", "Ctrl+S", "save_model",
                _n("Save the network's weights (Ctrl+S)")),
    ActionEntry("save_run", _n("Save run…"), "save", "Ctrl+Shift+S", "save_run",
                _n("Save the whole run: weights, optimizer state, history (Ctrl+Shift+S)")),
    ActionEntry("export_plot", _n("Export plot…"), "export", "", "export_plot",
                _n("Save the loss and accuracy plots as PNG or SVG")),
    ActionEntry("export_csv", _n("Export data (CSV)…"), "export", "", "export_csv",
                _n("Save the loss and accuracy data as CSV")),
    ActionEntry("export_onnx", _n("Export ONNX…"), "export", "", "export_onnx",
                _n("Save the network as an ONNX file for onnxruntime, Netron and other tools")),
    ActionEntry("quit", _n("Quit"), "quit", "Ctrl+Q", "close", _n("Quit NumNet Studio (Ctrl+Q)")),
]
MENUS = [(_n("&File"), ["open", "open_run", "save", "save_run", None, "export_plot", "export_csv",
                        "export_onnx", None,
                        "quit"]),
         (_n("&Training"), ["start", "pause", "step", "step_epoch", "stop", None, "reset", "restore_best"])]
TOOLBAR = ["start", "pause", "step", "step_epoch", "stop", "reset", None, "open", "save"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def build_actions(window: QMainWindow) -> dict[str, QAction]:
    """Create the actions, the File and Training menus and the toolbar; returns the actions
    by key. The View and Help menus follow (the window adds them)."""
    actions = {}
    for e in ACTIONS:
        a = QAction(QIcon(str(ICONS / f"{e.icon}.svg")), _tr(e.text), window)
        a.setObjectName(f"action_{e.key}")
        if e.shortcut:
            a.setShortcut(QKeySequence(e.shortcut))
        a.setToolTip(_tr(e.tip))
        a.setStatusTip(_tr(e.tip))
        a.triggered.connect(getattr(window, e.slot))
        window.addAction(a)
        actions[e.key] = a
    for title, keys in MENUS:
        menu = window.menuBar().addMenu(_tr(title))
        for key in keys:
            menu.addSeparator() if key is None else menu.addAction(actions[key])
    tb = window.addToolBar(QCoreApplication.translate("MainWindow", "Training"))
    tb.setObjectName("mainToolBar")
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for key in TOOLBAR:
        tb.addSeparator() if key is None else tb.addAction(actions[key])
    return actions
