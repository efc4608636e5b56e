"""Every control and plot of the main window explains itself, in English and in Chinese."""
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QSlider,
    QTabBar,
    QWidget,
)

from gui import language
from gui.widgets.explanation_strip import explanation_of

CONTROLS = (QAbstractButton, QAbstractSpinBox, QComboBox, QSlider, QLineEdit, pg.GraphicsView)


def _unexplained(window) -> list[str]:
    missing = []
    for w in window.findChildren(QWidget):
        if not isinstance(w, CONTROLS):
            continue
        # the line edit inside a spin box or combo box is explained by its owner
        if isinstance(w, QLineEdit) and isinstance(w.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue
        # Qt's own parts: a dock's float/close buttons, a tab bar's scroll arrows
        if w.objectName().startswith("qt_") or isinstance(w.parentWidget(), QTabBar):
            continue
        if not explanation_of(w).strip() or not w.toolTip().strip():
            path, p = [], w
            while p is not None and p is not window:
                path.append(p.objectName() or type(p).__name__)
                p = p.parentWidget()
            text = getattr(w, "text", lambda: "")()
            missing.append(f"{type(w).__name__} {text!r} in {' < '.join(path[1:4])}")
    return missing


@pytest.fixture(params=["en", "zh_CN"])
def window(request, qapp, new_window):
    language.install_translators(qapp, QLocale(request.param))
    yield new_window()
    language.install_translators(qapp, QLocale(QLocale.Language.English))


def test_every_control_has_a_tooltip(window):
    missing = _unexplained(window)
    assert not missing, f"{len(missing)} controls without a tooltip:\n" + "\n".join(missing)
