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


def test_controls_follow_the_declared_settings_and_show_only_the_optimizers_hyperparameters(qtbot):
    from core import optimizers
    from core.live_settings import SETTINGS

    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.show()
    assert list(panel.widgets) == list(SETTINGS)
    for name, s in SETTINGS.items():
        w = panel.widgets[name]
        assert len(w.toolTip()) > 40, name
        if s.type is not str and name != "delay_ms":
            assert (w.minimum(), w.maximum()) == (s.low, s.high), name
    for key, cls in optimizers.OPTIMIZERS.items():
        panel.optimizer.setCurrentIndex(panel.optimizer.findData(key))
        shown = {n for n, s in SETTINGS.items() if s.optimizers and panel.form.isRowVisible(panel.widgets[n])}
        assert shown == {h.name for h in cls.HYPERPARAMETERS}, key
    emitted = []
    panel.setting_changed.connect(lambda k, v: emitted.append((k, v)))
    panel.widgets["beta2"].setValue(0.99)
    panel.widgets["lr_decay"].setValue(0.5)
    assert emitted == [("beta2", 0.99), ("lr_decay", 0.5)]
    panel.set_training_state("running")
    assert not panel.widgets["beta2"].isEnabled() and panel.lr.isEnabled()
