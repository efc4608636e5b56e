"""The start page: the three steps, four numbered paths that open docks, text that wraps."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea

from gui.concepts import WORD_JOINER, terms
from gui.panel_registry import PANELS
from gui.panels.start_panel import PathButton, StartPanel

DOCKS = {e.object_name for e in PANELS}
TITLES = {e.object_name: e.title for e in PANELS}
# what each path opens, as issue 14 asks
EXPECTED = {
    "draw": ("canvasDock",),
    "train": ("trainingDock", "metricsDock"),
    "inside": ("architectureDock", "weightsDock", "featuresDock"),
    "optimizers": ("optimizerLabDock", "descentDock"),
}


class Marking(QTranslator):
    """Wraps every string of the context "StartPanel" in «…»."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»" if context == "StartPanel" else ""


@pytest.fixture
def panel(qtbot):
    p = StartPanel()
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.show()
    qtbot.waitExposed(p)
    return p


def plain(label: QLabel) -> str:
    return re.sub(r"<[^>]+>", "", label.text()).replace("&nbsp;", " ").replace(WORD_JOINER, "")


def test_paths_are_numbered_in_order_and_open_their_docks(qtbot, panel):
    assert panel.objectName() == "startPanel"
    assert [b.path.key for b in panel.path_buttons] == list(EXPECTED)
    for number, button in enumerate(panel.path_buttons, start=1):
        assert button.accessibleName().startswith(f"{number} ")
        docks = EXPECTED[button.path.key]
        assert set(docks) <= DOCKS
        with qtbot.waitSignal(panel.open_requested, timeout=2000) as blocker:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert blocker.args == [docks]


def test_only_the_training_path_starts_training(qtbot, panel):
    train = next(b for b in panel.path_buttons if b.path.key == "train")
    with qtbot.waitSignals([panel.open_requested, panel.start_training_requested],
                           order="strict", timeout=2000):
        qtbot.mouseClick(train, Qt.MouseButton.LeftButton)
    for b in panel.path_buttons:
        if b is not train:
            with qtbot.assertNotEmitted(panel.start_training_requested):
                qtbot.mouseClick(b, Qt.MouseButton.LeftButton)


def test_keyboard_activates_a_path(qtbot, panel):
    button = panel.path_buttons[0]
    button.setFocus()
    with qtbot.waitSignal(panel.open_requested, timeout=2000) as blocker:
        qtbot.keyClick(button, Qt.Key.Key_Space)
    assert blocker.args == [EXPECTED["draw"]]


def test_concepts_link_asks_for_the_concept_list(qtbot, panel):
    with qtbot.waitSignal(panel.concepts_requested, timeout=2000):
        qtbot.mouseClick(panel.concepts_button, Qt.MouseButton.LeftButton)


def test_every_button_has_a_tooltip_naming_what_it_opens(panel):
    buttons = panel.findChildren(QPushButton)
    assert len(buttons) == len(EXPECTED) + 1
    for b in buttons:
        assert b.toolTip(), b.objectName()
    for b in panel.path_buttons:
        for dock in b.path.docks:
            assert TITLES[dock] in b.toolTip()


def test_chinese_terms_and_the_three_steps_are_shown(panel):
    texts = " ".join(plain(label) for label in panel.findChildren(QLabel))
    for zh in terms("three_steps")[1:]:
        assert zh in texts
    for b in panel.path_buttons:
        assert b.path.terms
        for zh in b.path.terms:
            assert zh in plain(b.title_label)
    assert "手写数字识别" in plain(panel.path_buttons[0].title_label)


def test_every_english_text_goes_through_tr(qtbot):
    translator = Marking()
    QCoreApplication.installTranslator(translator)
    try:
        p = StartPanel()
        qtbot.addWidget(p)
        texts = [plain(label) for label in p.findChildren(QLabel)]
        texts += [b.text() for b in p.findChildren(QPushButton) if b.text()]
        texts += [b.toolTip() for b in p.findChildren(QPushButton)]
        texts += [f.toolTip() for f in p.step_frames]
    finally:
        QCoreApplication.removeTranslator(translator)
    english = [t for t in texts if re.search(r"[A-Za-z]{2,}", t)]
    assert len(english) >= 12
    for t in english:
        assert "«" in t, f"not translated: {t!r}"


def labels_fit(panel) -> list[str]:
    """Labels whose wrapped text does not fit their height or sticks out of the page."""
    bad = []
    page = panel.findChild(QScrollArea).widget()
    for label in panel.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        need = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
        right = label.mapTo(page, label.rect().topRight()).x()
        if label.height() < need or right > page.width():
            bad.append(f"{plain(label)[:30]!r}: {label.width()}x{label.height()} < need {need}")
    return bad


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (1280, 580), (300, 700)])
def test_text_wraps_without_clipping(qtbot, size):
    panel = StartPanel()
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not labels_fit(panel), timeout=2000)
    scroll = panel.findChild(QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible()
    if size[0] >= 1280:
        # the page fits without scrolling, however tall its text would be in a narrow dock
        qtbot.waitUntil(lambda: not scroll.verticalScrollBar().isVisible()
                        and scroll.widget().height() == scroll.viewport().height(), timeout=2000)
    steps = [f.geometry().top() for f in panel.step_frames]
    if size[0] >= 1280:
        assert len(set(steps)) == 1               # the three steps side by side
    else:
        assert steps == sorted(steps) and len(set(steps)) == 3   # one under the other


def test_path_button_is_as_tall_as_its_text(qtbot, panel):
    panel.resize(300, 700)
    button: PathButton = panel.path_buttons[1]
    qtbot.waitUntil(lambda: button.width() < 300, timeout=2000)
    qtbot.waitUntil(lambda: button.height() >= button.heightForWidth(button.width()), timeout=2000)
    assert button.explanation_label.geometry().bottom() <= button.height()
