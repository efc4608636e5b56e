"""The notation setting: which note's shapes the app shows (``core.notation``), kept in
QSettings and shared by every view that shows shapes (the dimension table, the backprop
step-through). ``NotationCombo`` is the switch; put one wherever shapes are shown."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from core import notation

KEY = "view/notation"


class NotationSetting(QObject):
    """The current notation key; ``changed(key)`` when it is set to another one."""

    changed = Signal(str)

    def current(self) -> str:
        return notation.get(str(QSettings().value(KEY, notation.DEFAULT, type=str))).key

    def set(self, key: str) -> None:
        key = notation.get(key).key
        if key != self.current():
            QSettings().setValue(KEY, key)
            self.changed.emit(key)


_setting: NotationSetting | None = None


def notation_setting() -> NotationSetting:
    """The application's one notation setting (created on first use)."""
    global _setting
    if _setting is None:
        _setting = NotationSetting(QCoreApplication.instance())
        _setting.destroyed.connect(_forget)
    return _setting


def _forget(*_) -> None:
    global _setting
    _setting = None


def label(key: str) -> str:
    return QCoreApplication.translate("notation", notation.get(key).label)


class NotationCombo(QComboBox):
    """Chooses the notation; follows the setting when another switch changes it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notationCombo")
        # may be narrower than its longest entry: a narrow dock elides it rather than widens
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        for key, n in notation.NOTATIONS.items():
            self.addItem(label(key), key)
            self.setItemData(self.count() - 1, QCoreApplication.translate("notation", n.help),
                             Qt.ItemDataRole.ToolTipRole)
        self.setToolTip(self.tr("Notation: write shapes as in the note you have open. Andrew Ng puts "
                                "samples in columns (W[l] is (n[l], n[l−1]), Z[l] is (n[l], m)); "
                                "\"Deep Learning from Scratch\" puts them in rows (X is (m, n), W is "
                                "(n_in, n_out)), as the app computes."))
        setting = notation_setting()
        self._show(setting.current())
        self.currentIndexChanged.connect(lambda _i: setting.set(self.currentData()))
        setting.changed.connect(self._show)

    def _show(self, key: str) -> None:
        i = self.findData(key)
        if i >= 0 and i != self.currentIndex():
            self.blockSignals(True)
            self.setCurrentIndex(i)
            self.blockSignals(False)
