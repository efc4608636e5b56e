"""The explanation strip shows the explanation of what the pointer is over."""
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from gui.tooltips import tooltip
from gui.widgets.explanation_strip import ExplanationStrip, explanation_of


def _window(qtbot):
    window = QWidget()
    box = QVBoxLayout(window)
    group = QWidget()
    group.setToolTip("the group's explanation")
    inner = QVBoxLayout(group)
    button = QPushButton("Start")
    button.setToolTip(tooltip("Start training", "W ← W − η ∂L/∂W"))
    plain = QLabel("no tooltip of its own")
    inner.addWidget(button)
    inner.addWidget(plain)
    box.addWidget(group)
    strip = ExplanationStrip(window)
    box.addWidget(strip)
    qtbot.addWidget(window)
    window.resize(400, 200)
    window.show()
    qtbot.waitExposed(window)
    return window, button, plain, strip


def test_explanation_comes_from_the_widget_or_its_nearest_ancestor(qtbot):
    _, button, plain, _ = _window(qtbot)
    assert "Start training" in explanation_of(button)
    assert explanation_of(plain) == "the group's explanation"
    assert explanation_of(QWidget()) == ""


def test_strip_follows_the_pointer_and_keeps_the_last_explanation(qtbot):
    window, button, plain, strip = _window(qtbot)
    assert "Point at any control" in strip.label.text()
    strip.poll(button.mapToGlobal(button.rect().center()))
    assert "Start training" in strip.label.text() and "∂L/∂W" in strip.label.text()
    strip.poll(plain.mapToGlobal(plain.rect().center()))
    assert strip.label.text() == "the group's explanation"
    # pointing at the strip itself (to read it) changes nothing
    strip.poll(strip.mapToGlobal(strip.rect().center()))
    assert strip.label.text() == "the group's explanation"
    height = strip.height()
    strip.explain(button)
    assert strip.height() == height          # a long text never resizes the window's rows
