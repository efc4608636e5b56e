"""View → Language: the choice is kept, and the next start uses it."""
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from gui import language


@pytest.fixture
def restore_language(qapp):
    before = QSettings().value(language.SETTINGS_KEY)
    yield
    if before is None:
        QSettings().remove(language.SETTINGS_KEY)
    else:
        QSettings().setValue(language.SETTINGS_KEY, before)
    language.install_translators(qapp, QLocale(QLocale.Language.English))


def test_menu_saves_the_choice_and_says_when_it_applies(qtbot, restore_language):
    parent = QWidget()
    parent.quiet_errors = True
    qtbot.addWidget(parent)
    menu = language.build_menu(parent)
    codes = [a.data() for a in menu.actions()]
    assert codes == [code for code, _ in language.LANGUAGES]
    assert [a.isChecked() for a in menu.actions()].count(True) == 1
    menu.actions()[codes.index("zh_CN")].trigger()
    assert language.chosen() == "zh_CN"
    assert "next time" in parent.last_message
    QSettings().setValue(language.SETTINGS_KEY, "klingon")
    assert language.chosen() == language.SYSTEM


def test_chinese_translators_load_and_translate_qt_and_ours(qapp, restore_language):
    loaded = language.install_translators(qapp, QLocale("zh_CN"))
    assert QLocale().name() == "zh_CN"
    # Qt's own dialog buttons come in Chinese
    assert any(t.filePath().endswith("qtbase_zh_CN.qm") for t in loaded)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    language.install_translators(qapp, QLocale(QLocale.Language.English))
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_cjk_fallback_is_added_only_when_such_a_font_exists(qapp, monkeypatch):
    font = QApplication.font()
    monkeypatch.setattr(language.QFontDatabase, "families", staticmethod(lambda *a: ["DejaVu Sans"]))
    assert language.add_cjk_fallback(qapp) is None and QApplication.font() == font
    monkeypatch.setattr(language.QFontDatabase, "families",
                        staticmethod(lambda *a: ["DejaVu Sans", "Noto Sans CJK SC"]))
    try:
        assert language.add_cjk_fallback(qapp) == "Noto Sans CJK SC"
        assert QApplication.font().families()[-1] == "Noto Sans CJK SC"
    finally:
        QApplication.setFont(font)
