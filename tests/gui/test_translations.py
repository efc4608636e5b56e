"""The Chinese translation is complete and current: every source string is in the .ts and
translated there, placeholders survive, the committed .qm is what lrelease makes of the .ts,
and the app loads it. lupdate runs once per module (about a tenth of a second)."""
import re
import shutil

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QMenu

from gui import language, translation_scan, translations
from gui.translations import messages, qm_path, ts_path


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory):
    """What lupdate makes of today's sources, merged into a copy of the committed .ts."""
    path = tmp_path_factory.mktemp("lupdate") / ts_path().name
    shutil.copy(ts_path(), path)
    translations.update(ts=path)
    return path


@pytest.fixture(scope="module")
def committed():
    return messages(ts_path())


@pytest.fixture
def chinese(qapp):
    """Our translation and Qt's installed as at a Chinese start; English again afterwards."""
    language.install_translators(qapp, QLocale("zh_CN"))
    yield
    language.install_translators(qapp, QLocale(QLocale.Language.English))


def test_every_source_string_is_in_the_ts(fresh_ts, committed):
    assert len(messages(fresh_ts)) >= 700          # the run really found the app's strings
    missing = translations.missing(ts_path(), fresh_ts)
    assert not missing, f"{len(missing)} new string(s): run `python -m gui.translations update`, " \
                        f"translate, then `release`: {missing[:10]}"
    # and nothing stale: every committed message is still in the source
    assert {(m.context, m.source) for m in committed} == {(m.context, m.source) for m in messages(fresh_ts)}


def test_no_string_reaches_the_screen_past_lupdate():
    """A tr() inside an f-string's braces or obj.tr() on another object is never translated."""
    hidden = translations.invisible_strings()
    assert not hidden, "strings lupdate cannot find (so they stay English):\n" + "\n".join(hidden)


def test_every_message_is_translated(committed):
    assert len(committed) >= 700
    todo = translations.unfinished(ts_path())
    assert not todo, f"{len(todo)} untranslated: {todo[:10]}"


def test_translations_keep_placeholders_tags_and_accelerators():
    problems = translations.placeholder_problems(ts_path())
    assert not problems, "\n".join(problems)


def test_glossary_terms_are_used(committed):
    """A few terms of CONCEPTS.md's 中文 column, each where its English term is."""
    terms = {"learning rate": "学习率", "weight decay": "权值衰减", "overfitting": "过拟合",
             "hyperparameter": "超参数", "mini-batch": "小批量", "epoch": "纪元",
             "cross-entropy": "交叉熵误差", "backpropagation": "误差反向传播法"}
    for english, chinese in terms.items():
        using = [m for m in committed if re.search(rf"\b{english}s?\b", m.source, re.IGNORECASE)]
        assert using, english
        assert any(chinese in m.translations[0] for m in using), english


def test_committed_qm_is_built_from_the_ts(tmp_path):
    assert translations.qm_is_current(work=tmp_path), "run `python -m gui.translations release`"


def test_qm_translates_every_message_as_the_ts_says(committed):
    t = QTranslator()
    assert t.load(str(qm_path()))
    wrong = [(m.context, m.source) for m in committed
             if t.translate(m.context, m.source) != m.translations[0]]
    assert not wrong, wrong[:10]


def test_app_loads_the_translation_and_qts_own(chinese):
    tr = QCoreApplication.translate
    assert tr("MainWindow", "Training") == "训练"                       # a dock title
    assert tr("MainWindow", "&File") == "文件(&F)"
    assert tr("optimizers", "Momentum α") == "动量 α"                   # a registry label in core
    assert tr("layers", "Dense (fully connected)") == "Dense（全连接层）"
    assert tr("live_settings", "L2 (weight decay)") == "L2（权值衰减）"  # marked through a helper
    assert tr("QPlatformTheme", "Cancel") == "取消"                      # Qt's own, from qtbase


def test_chinese_menus_keep_one_accelerator_each_and_unique(qtbot, chinese):
    from gui.app import create_main_window
    QSettings().clear()
    window = create_main_window(restore=False)
    qtbot.addWidget(window)
    try:
        bar = window.menuBar()
        menus = [bar, *window.findChildren(QMenu)]
        for menu in menus:
            keys = [k for a in menu.actions() for k in re.findall(r"&(\w)", a.text().replace("&&", ""))]
            assert len(keys) == len(set(k.lower() for k in keys)), (menu.title(), keys)
        titles = [a.text() for a in bar.actions()]
        assert "文件(&F)" in titles and "帮助(&H)" in titles, titles
        assert all(re.search(r"[\u4e00-\u9fff]", t) for t in titles), titles
    finally:
        window.controller.shutdown(5000)


# -- the scanner that hands helper-marked strings to lupdate -------------------------------------

def test_scan_finds_strings_behind_helpers_and_the_ones_it_cannot_translate(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "marks.py").write_text(
        "from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication\n"
        "def _n(text):\n    return QT_TRANSLATE_NOOP('Ctx', text)\n"
        "def _tr(context, text):\n    return QCoreApplication.translate(context, text)\n")
    (tmp_path / "pkg" / "user.py").write_text(
        "from .marks import _n, _tr\n"
        "NAMES = [_n('Alpha'), _n('Be' + 'ta')]\n"
        "def show(self, w, k, label):\n"
        "    _tr('layers', label)\n"                 # a variable: marked where it is defined
        "    _tr('layers', 'Gamma')\n"               # a literal with a context lupdate cannot know
        "    w.tr('Delta')\n"
        "    return f\"{self.tr('step {k}').format(k=k)}\"\n")
    files = [p.relative_to(tmp_path) for p in sorted((tmp_path / "pkg").glob("*.py"))]
    assert translation_scan.helper_strings(tmp_path, files) == [("Ctx", "Alpha"), ("Ctx", "Beta")]
    hidden = translation_scan.invisible_strings(tmp_path, files)
    assert [h.split(": ")[1] for h in hidden] == ["_tr() has no literal context", "tr() on another object",
                                                   "inside an f-string"]
    assert all(h.startswith("pkg/user.py:") for h in hidden)


def test_update_hands_helper_strings_to_lupdate(fresh_ts):
    """Strings marked through a helper such as actions.py's _n() are in the .ts."""
    found = {(m.context, m.source) for m in messages(fresh_ts)}
    helper = translation_scan.helper_strings(translations.ROOT, translations.source_files())
    assert len(helper) > 20 and set(helper) <= found
