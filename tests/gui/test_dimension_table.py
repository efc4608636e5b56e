"""The dimension table in both notations, switched by the shared notation setting."""
import pytest
from PySide6.QtCore import QSettings

from core import presets
from gui.notation import KEY, NotationCombo, notation_setting
from gui.widgets.dimension_table import DimensionTable


@pytest.fixture
def book_notation():
    notation_setting().set("book")
    yield
    notation_setting().set("book")


@pytest.fixture
def table(qtbot, book_notation):
    t = DimensionTable()
    qtbot.addWidget(t)
    t.set_spec(presets.get("mlp"))
    t.set_batch_size(32)
    return t


def _header(t, column):
    return t.table.horizontalHeaderItem(column).text()


def test_ng_notation_shows_columns_as_samples(table, shot_dir):
    assert table.cell(0, "W") == "(784, 100)" and table.cell(0, "Z") == "(32, 100)"
    assert table.cell(0, "index") == "0" and _header(table, 2) == "X"
    table.notation_combo.setCurrentIndex(table.notation_combo.findData("ng"))
    assert notation_setting().current() == "ng" and QSettings().value(KEY) == "ng"
    assert table.cell(0, "index") == "1"                               # W[1] is the first layer
    assert table.cell(0, "W") == "(100, 784)" and table.cell(0, "dW") == "(100, 784)"   # (n[1], n[0])
    assert table.cell(0, "Z") == "(100, 32)" and table.cell(0, "A") == "(100, 32)"      # (n[1], m)
    assert table.cell(0, "b") == "(100, 1)" and table.cell(0, "X") == "(784, 32)"
    assert table.cell(1, "index") == "2" and table.cell(1, "W") == "(10, 100)"
    assert _header(table, 2) == "A[l−1]" and "columns" in table.caption.text()
    table.resize(900, 360)
    table.grab().save(str(shot_dir / "dimension_table_ng.png"))
    table.set_batch_size(8)
    assert table.cell(0, "Z") == "(100, 8)"


def test_every_switch_follows_the_setting(qtbot, table):
    other = DimensionTable()
    qtbot.addWidget(other)
    other.set_spec(presets.get("cnn"))
    combo = NotationCombo()
    qtbot.addWidget(combo)
    with qtbot.waitSignal(notation_setting().changed) as blocker:
        combo.setCurrentIndex(combo.findData("ng"))
    assert blocker.args == ["ng"]
    assert table.notation_combo.currentData() == "ng" and other.notation_combo.currentData() == "ng"
    assert other.cell(0, "Z") == "(64, 28, 28, 16)" and other.cell(0, "W") == "(5, 5, 1, 16)"
    table.notation_combo.setCurrentIndex(table.notation_combo.findData("book"))
    assert combo.currentData() == "book" and other.cell(0, "Z") == "(64, 16, 28, 28)"
    assert "rows" in other.caption.text()


def test_an_unknown_stored_notation_falls_back_to_the_book(book_notation):
    QSettings().setValue(KEY, "klingon")
    assert notation_setting().current() == "book"
