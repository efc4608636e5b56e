"""The window's shortcuts work whatever has the focus: Space pauses after typing a learning
rate (the typed value is committed first), Enter commits a field."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.run_state import RunState


def focus_field(qtbot, w, spin):
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    spin.setFocus()
    qtbot.waitUntil(lambda: spin.hasFocus())


def type_into(qtbot, spin, text):
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, text)


def test_space_pauses_and_resumes_with_the_learning_rate_field_focused(qtbot, new_window):
    w = new_window()
    c = w.controller
    lr = w.panels["trainingDock"].lr
    assert c.load_dataset("moons")
    c.settings.epochs = 1000
    w.actions_by_id["start"].trigger()
    qtbot.waitUntil(lambda: c.trainer_step > 5, timeout=10000)
    focus_field(qtbot, w, lr)
    type_into(qtbot, lr, "0.004")
    assert lr.text() == "0.004" and c.settings.lr != 0.004      # typed, not yet committed
    qtbot.keyClick(lr, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: c.state is RunState.PAUSED, timeout=5000)
    assert lr.text() == "0.004" and lr.hasFocus()               # nothing typed into the box
    assert c.settings.lr == 0.004                                # the value was committed first
    qtbot.keyClick(lr, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: c.state is RunState.RUNNING, timeout=5000)
    qtbot.waitUntil(lambda: c._trainer.lr == 0.004, timeout=5000)
    w.actions_by_id["stop"].trigger()
    qtbot.waitUntil(lambda: not c.busy, timeout=5000)


def test_enter_commits_a_field_and_other_keys_are_typed(qtbot, new_window):
    w = new_window()
    c = w.controller
    lr, batch = w.panels["trainingDock"].lr, w.panels["trainingDock"].batch_size
    focus_field(qtbot, w, lr)
    type_into(qtbot, lr, "0.02")
    assert c.settings.lr != 0.02
    qtbot.keyClick(lr, Qt.Key.Key_Return)
    assert c.settings.lr == 0.02 and c.state is RunState.IDLE   # Enter commits; nothing starts
    focus_field(qtbot, w, batch)
    type_into(qtbot, batch, "32")
    assert batch.value() == 32 and c.settings.batch_size == 32
    qtbot.keyClick(batch, Qt.Key.Key_F10)                        # a shortcut in a field: one step
    qtbot.waitUntil(lambda: c.state is RunState.PAUSED and c.trainer_step == 1, timeout=10000)
    assert c._trainer.batch_size == 32
    c.stop(wait=True)
