"""The language of the user interface: View → Language (follow the system / 中文 / English).

The choice is kept in QSettings under ``view/language``; at start-up ``install_translators``
loads our translation (``resources/translations/numnet_<locale>.qm``) and Qt's own
(``qtbase_<locale>.qm``, for dialog buttons) for that language, and makes its locale the
default so numbers are formatted for it. A new choice applies at the next start: every panel
builds its texts when it is made, and rebuilding a window in the middle of a training run would
lose what it shows.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

from core.data import RESOURCES

TRANSLATIONS = RESOURCES / "translations"
SETTINGS_KEY = "view/language"
SYSTEM = "system"

# (code, menu text): a language's own name is written in that language, as every program does
LANGUAGES = [
    (SYSTEM, QT_TRANSLATE_NOOP("Language", "Follow the system")),
    ("zh_CN", "中文"),
    ("en", "English"),
]
# fonts with Chinese glyphs, most common first: Linux (Debian's fonts-noto-cjk, fonts-wqy-*),
# Windows, macOS
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB")
_installed: list[QTranslator] = []


def _tr(text: str) -> str:
    return QCoreApplication.translate("Language", text)


def chosen() -> str:
    """The saved choice: "system", "zh_CN" or "en" (anything else counts as "system")."""
    code = QSettings().value(SETTINGS_KEY, SYSTEM, type=str)
    return code if code in {c for c, _ in LANGUAGES} else SYSTEM


def locale_for(code: str) -> QLocale:
    """The locale a choice stands for; "system" is the system's."""
    return QLocale.system() if code == SYSTEM else QLocale(code)


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install our translation and Qt's for ``locale`` (default: the saved choice), replacing
    any installed before. English needs none. Returns the translators that loaded."""
    locale = locale_for(chosen()) if locale is None else locale
    QLocale.setDefault(locale)
    while _installed:
        app.removeTranslator(_installed.pop())
    for name, folder in (("numnet", str(TRANSLATIONS)),
                         ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))):
        t = QTranslator(app)
        if t.load(locale, name, "_", folder):
            app.installTranslator(t)
            _installed.append(t)
    return list(_installed)


def add_cjk_fallback(app: QApplication) -> str | None:
    """Put an installed font with Chinese glyphs behind the application font, so widgets and
    plots (pyqtgraph draws with Qt's fonts) show Chinese wherever the main font lacks it. Returns
    the family used, or None when none of ``CJK_FAMILIES`` is installed (Linux: install
    ``fonts-noto-cjk``)."""
    installed = set(QFontDatabase.families())
    family = next((f for f in CJK_FAMILIES if f in installed), None)
    if family is not None:
        font = QFont(app.font())
        families = [f for f in font.families() if f != family] or [font.family()]
        font.setFamilies([*families, family])
        app.setFont(font)
    return family


def build_menu(parent: QWidget) -> QMenu:
    """View → Language: one checkable action per choice; a new choice is saved and applies at
    the next start (a message says so)."""
    menu = QMenu(_tr("Language"), parent)
    menu.setObjectName("languageMenu")
    menu.setToolTipsVisible(True)
    group = QActionGroup(menu)
    current = chosen()
    for code, text in LANGUAGES:
        action = QAction(_tr(text) if code == SYSTEM else text, menu, checkable=True)
        action.setObjectName(f"language_{code}")
        action.setData(code)
        action.setChecked(code == current)
        action.setToolTip(_tr("The language of menus, panels and explanations. Applies the next time "
                              "NumNet Studio starts."))
        action.triggered.connect(lambda _=False, c=code: _choose(parent, c))
        group.addAction(action)
        menu.addAction(action)
    return menu


def _choose(parent: QWidget, code: str) -> None:
    if code == chosen():
        return
    QSettings().setValue(SETTINGS_KEY, code)
    text = _tr("The new language applies the next time you start NumNet Studio.")
    if getattr(parent, "quiet_errors", False):          # tests: no modal box
        parent.last_message = text
        return
    QMessageBox.information(parent, _tr("Language"), text)
