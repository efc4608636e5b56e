from gui.controller import RunSettings
from gui.panels.training_panel import LogSpinBox, TrainingPanel


def test_learning_rate_steps_through_1_2_5(qtbot):
    box = LogSpinBox(1e-6, 1e3)
    qtbot.addWidget(box)
    box.setValue(0.001)
    seen = []
    for _ in range(4):
        box.stepBy(1)
        seen.append(box.value())
    assert seen == [0.002, 0.005, 0.01, 0.02]
    box.stepBy(-3)
    assert box.value() == 0.002
    assert box.textFromValue(0.0005) == "0.0005"


def test_set_settings_shows_values_without_emitting(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    emitted = []
    panel.setting_changed.connect(lambda k, v: emitted.append((k, v)))
    s = RunSettings(optimizer="momentum", lr=0.05, batch_size=32, epochs=7, seed=3)
    panel.set_settings(s)
    assert emitted == []
    assert (panel.optimizer.currentData(), panel.lr.value(), panel.batch_size.value(),
            panel.epochs.value(), panel.seed.value()) == ("momentum", 0.05, 32, 7, 3)
    panel.batch_size.setValue(16)
    assert emitted == [("batch_size", 16)]


def test_settings_that_cannot_change_mid_run_are_locked(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.set_training_state("running")
    assert not panel.epochs.isEnabled() and not panel.dataset.isEnabled()
    assert panel.lr.isEnabled() and panel.optimizer.isEnabled() and panel.dropout.isEnabled()
    panel.set_training_state("finished")
    assert panel.epochs.isEnabled() and panel.dataset.isEnabled()
