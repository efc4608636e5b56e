"""The app in Chinese: menus, docks, panel titles, plot axes and message boxes; and a language
chosen in View → Language is what the next start uses."""
import re

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QMessageBox

from gui import language

CJK = re.compile(r"[\u4e00-\u9fff]")


def chinese(text: str) -> bool:
    return bool(CJK.search(text))


@pytest.fixture
def english_afterwards(qapp):
    yield
    QSettings().remove(language.SETTINGS_KEY)
    language.install_translators(qapp, QLocale(QLocale.Language.English))


def test_the_window_speaks_chinese(qapp, english_afterwards, new_window):
    language.install_translators(qapp, QLocale("zh_CN"))
    w = new_window()
    menus = [a.text() for a in w.menuBar().actions()]
    assert all(chinese(t) for t in menus), menus
    assert "文件(&F)" in menus
    for name, dock in w.docks.items():
        assert chinese(dock.windowTitle()), name
    actions = [a.text() for a in w.actions_by_id.values()]
    assert all(chinese(t) for t in actions), actions
    metrics = w.panels["metricsDock"]
    assert chinese(metrics.loss_plot.getAxis("left").labelText)
    assert chinese(metrics.acc_plot.getAxis("bottom").labelText)
    training = w.panels["trainingDock"]
    assert "学习率" in training.form.labelForField(training.lr).text()
    # Qt's own buttons and ours in one message box
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = QMessageBox(QMessageBox.Icon.Question, w.tr("Training is running"),
                      w.tr("Stop training first?"), buttons, w)
    assert chinese(box.text()) and chinese(box.windowTitle())
    assert chinese(box.button(QMessageBox.StandardButton.Yes).text())
    assert QLocale().toString(1234567.5, "f", 1) == "1,234,567.5"


def test_a_chosen_language_is_what_the_next_start_uses(qapp, english_afterwards, new_window):
    language.install_translators(qapp, QLocale(QLocale.Language.English))
    w = new_window()
    menu = next(a.menu() for a in w.view_menu.actions()
                if a.menu() and a.menu().objectName() == "languageMenu")
    next(a for a in menu.actions() if a.data() == "zh_CN").trigger()
    assert not chinese(w.menuBar().actions()[0].text())        # this window stays as it is
    language.install_translators(qapp)                          # what the next start does
    again = new_window(clear_settings=False)
    assert chinese(again.menuBar().actions()[0].text())
    next(a for a in menu.actions() if a.data() == "en").trigger()
    language.install_translators(qapp)
    third = new_window(clear_settings=False)
    assert third.menuBar().actions()[0].text() == "&File"
