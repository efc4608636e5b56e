"""The concept list (gui.concepts) and Help → Concepts (gui.concepts_dialog)."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from gui.concepts import CONCEPTS, WORD_JOINER, concept, terms, unbreakable
from gui.concepts_dialog import KEY_ROLE, ConceptsDialog
from gui.panel_registry import PANELS

DOCKS = {e.object_name for e in PANELS}


def visible_keys(dialog: ConceptsDialog) -> list[str]:
    p = dialog.proxy
    return [p.index(r, 0).data(KEY_ROLE) for r in range(p.rowCount())]


def row_of(dialog: ConceptsDialog, key: str) -> int:
    return visible_keys(dialog).index(key)


@pytest.fixture
def dialog(qtbot):
    d = ConceptsDialog()
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


class Marking(QTranslator):
    """A translator that wraps every string of one context in «…», to see what is translated."""

    def __init__(self, context: str):
        super().__init__()
        self.context = context

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»" if context == self.context else ""


@pytest.fixture
def marked_concepts(qapp):
    t = Marking("concepts")
    QCoreApplication.installTranslator(t)
    yield t
    QCoreApplication.removeTranslator(t)


# -- the data ---------------------------------------------------------------------------------
def test_concepts_cover_the_notes_with_unique_keys_and_texts():
    assert len(CONCEPTS) >= 29                      # one per row of the notes' concept table
    keys = [c.key for c in CONCEPTS]
    assert len(set(keys)) == len(keys)
    for c in CONCEPTS:
        assert re.fullmatch(r"[a-z_]+", c.key), c.key
        assert c.name and c.chinese and c.explanation, c.key
        assert c.explanation.rstrip().endswith((".", ")")), c.key
    # a few rows exactly as the notes write them
    assert concept("gradient_check").chinese == "梯度确认"
    assert "学习率" in concept("gradient_descent").terms
    assert concept("cnn").terms == ("卷积神经网络", "卷积层", "池化层")
    assert terms("three_steps") == ("三步骤", "定义函数集", "评价函数好坏", "选出最好的函数")
    with pytest.raises(KeyError, match="no concept 'nope'"):
        concept("nope")


def test_every_dock_a_concept_names_is_a_panel_of_the_main_window():
    for c in CONCEPTS:
        assert set(c.docks) <= DOCKS, f"{c.key}: unknown docks {set(c.docks) - DOCKS}"
        assert len(set(c.docks)) == len(c.docks), c.key
    homes = {d for c in CONCEPTS for d in c.docks}
    assert "canvasDock" in homes and "optimizerLabDock" in homes


def test_unbreakable_joins_only_chinese_characters():
    text = "小批量 (mini-batch), 纪元 (epoch)"
    shown = unbreakable(text)
    assert shown.replace(WORD_JOINER, "") == text
    assert shown.count(WORD_JOINER) == 3           # 小批量: 2, 纪元: 1; none next to a space
    assert unbreakable("Softmax") == "Softmax"


def test_names_and_explanations_are_translated_in_the_concepts_context(marked_concepts):
    c = concept("gradient_descent")
    assert c.display_name() == f"«{c.name}»"
    assert c.display_explanation() == f"«{c.explanation}»"


# -- the dialog -------------------------------------------------------------------------------
def test_dialog_is_non_modal_and_lists_every_concept_with_where_it_lives(dialog):
    assert not dialog.isModal()
    assert visible_keys(dialog) == [c.key for c in CONCEPTS]
    titles = {e.object_name: e.title for e in PANELS}     # English: no translator installed
    m = dialog.model
    for r, c in enumerate(CONCEPTS):
        assert m.item(r, 0).text() == c.name
        assert m.item(r, 1).text().replace(WORD_JOINER, "") == c.chinese
        where = m.item(r, 2).text()
        if c.has_home:
            assert where == ", ".join(titles[d] for d in c.docks)
        else:
            assert where == "coming later"
        for col in range(3):                       # the explanation is in every cell's tooltip
            assert c.explanation in m.item(r, col).toolTip()
    for w in (dialog.filter_edit, dialog.table, dialog.open_button, dialog.close_button):
        assert w.toolTip(), w.objectName()


def test_filter_matches_english_chinese_and_explanations(dialog):
    dialog.filter_edit.setText("learning rate")
    shown = visible_keys(dialog)
    assert "gradient_descent" in shown and len(shown) < len(CONCEPTS)
    assert all("learning rate" in (concept(k).name + concept(k).explanation).lower() for k in shown)

    dialog.filter_edit.setText("卷积")
    assert visible_keys(dialog) == ["cnn"]
    assert dialog.current_concept().key == "cnn"   # the only match is selected: Enter opens it

    dialog.filter_edit.setText("chain rule")       # only in the explanation of backpropagation
    assert "backprop" in visible_keys(dialog)

    dialog.filter_edit.setText("no such concept xyz")
    assert visible_keys(dialog) == []
    assert not dialog.open_button.isEnabled()
    assert "No concept matches" in dialog.explanation.text()

    dialog.filter_edit.clear()
    assert len(visible_keys(dialog)) == len(CONCEPTS)


def test_filter_finds_english_and_chinese_when_names_are_translated(qtbot, marked_concepts):
    d = ConceptsDialog()
    qtbot.addWidget(d)
    r = [c.key for c in CONCEPTS].index("gradient_check")
    assert d.model.item(r, 0).text() == "«Gradient check»"
    d.filter_edit.setText("gradient check")        # the English name, though not shown
    assert visible_keys(d) == ["gradient_check"]
    d.filter_edit.setText("梯度确认")
    assert visible_keys(d) == ["gradient_check"]


def double_click_row(qtbot, dialog, row):
    index = dialog.proxy.index(row, 0)
    dialog.table.scrollTo(index)
    pos = dialog.table.visualRect(index).center()
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_double_click_opens_the_docks_of_the_row(qtbot, dialog):
    for key in ("digits", "optimizers", "initialization"):
        with qtbot.waitSignal(dialog.open_requested, timeout=2000) as blocker:
            double_click_row(qtbot, dialog, row_of(dialog, key))
        assert blocker.args == [concept(key).docks]


def test_rows_without_a_home_are_grey_and_do_not_open(qtbot, dialog):
    later = [c for c in CONCEPTS if not c.has_home]
    if not later:
        pytest.skip("every concept has a home in the app")
    c = later[0]
    row = row_of(dialog, c.key)
    assert dialog.model.item(row, 0).foreground().color() != \
        dialog.model.item(row_of(dialog, "digits"), 0).foreground().color()
    with qtbot.assertNotEmitted(dialog.open_requested):
        double_click_row(qtbot, dialog, row)
        dialog.open_button.click()
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.current_concept() is c
    assert not dialog.open_button.isEnabled()
    assert "coming later" in dialog.explanation.text()


def test_enter_and_the_open_button_open_the_selected_concept(qtbot, dialog):
    dialog.select_key("softmax")
    with qtbot.waitSignal(dialog.open_requested, timeout=2000) as blocker:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert blocker.args == [concept("softmax").docks]

    dialog.filter_edit.setFocus()
    dialog.filter_edit.setText("手写")              # QTest types ASCII only (Chinese comes by IME)
    with qtbot.waitSignal(dialog.open_requested, timeout=2000) as blocker:
        qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    assert blocker.args == [("canvasDock",)]

    dialog.select_key("loss")
    with qtbot.waitSignal(dialog.open_requested, timeout=2000) as blocker:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [concept("loss").docks]
    assert dialog.isVisible()                     # stays open for the next concept


def test_select_key_clears_a_filter_that_hides_the_concept(dialog):
    dialog.filter_edit.setText("卷积")
    dialog.select_key("rnn")
    assert dialog.filter_edit.text() == ""
    assert dialog.current_concept().key == "rnn"


def test_escape_closes(qtbot, dialog):
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)


def test_titles_can_be_given(qtbot):
    d = ConceptsDialog(titles={"canvasDock": "Canvas!"})
    qtbot.addWidget(d)
    r = [c.key for c in CONCEPTS].index("digits")
    assert d.model.item(r, 2).text() == "Canvas!"
