"""The coach panel: hints from a run's events as cards; Why?, Apply, dismiss; in the window,
a real run's events trigger hints and Apply changes the controller's settings or network."""
import numpy as np
import pytest

from core import coach, presets
from core.network import Network
from gui import concepts
from gui.panels.coach_panel import CoachPanel
from gui.run_state import RunState


class Data:
    n_classes = 10


def epoch(i, train_loss, val_loss, acc=0.9, seconds=10.0):
    return {"epoch": i, "step": 100 * i, "train_loss": train_loss, "train_acc": acc,
            "val_loss": val_loss, "val_acc": acc, "test_loss": None, "test_acc": None,
            "seconds": seconds, "samples_per_s": 640.0}


def evaluated(qtbot, panel):
    """While training runs, the rules are evaluated within RULES_MS of new facts: wait for it."""
    qtbot.waitUntil(lambda: not panel._rules_timer.isActive(), timeout=2000)


def overfit(panel, qtbot):
    panel.set_training_state(RunState.RUNNING)
    for i, (t, v) in enumerate([(0.5, 0.40), (0.4, 0.35), (0.3, 0.37), (0.2, 0.41)], start=1):
        panel.add_epoch(epoch(i, t, v))
    evaluated(qtbot, panel)


@pytest.fixture
def panel(qtbot):
    p = CoachPanel()
    qtbot.addWidget(p)
    p.resize(330, 500)
    p.show()
    p.set_dataset(Data())
    p.set_model(presets.get("mlp"), {})
    return p


def test_every_rule_names_a_concept_the_app_explains():
    for rule in coach.RULES.values():
        assert concepts.concept(rule.concept).name


def test_empty_state_until_the_validation_loss_rises_for_two_epochs(qtbot, panel, shot_dir):
    assert panel.empty.isVisible() and "No hints yet" in panel.empty.text()
    panel.grab().save(str(shot_dir / "coach_empty.png"))
    panel.set_training_state(RunState.RUNNING)
    for i, (t, v) in enumerate([(0.5, 0.40), (0.4, 0.35), (0.3, 0.37)], start=1):
        panel.add_epoch(epoch(i, t, v))
    evaluated(qtbot, panel)
    assert panel.cards == [] and panel.empty.isVisible()       # one rise is not a trend
    panel.add_epoch(epoch(4, 0.2, 0.41))
    assert panel.cards == [] and panel._rules_timer.isActive()  # the rules: within RULES_MS
    evaluated(qtbot, panel)
    [card] = panel.cards
    assert card.hint.rule == "overfitting" and not panel.empty.isVisible()
    assert card.title.text() == "<b>Overfitting</b>"
    assert "2 epochs" in card.summary.text()
    assert "L2 (weight decay) → 0.0001" in card.apply_button.toolTip()
    panel.grab().save(str(shot_dir / "coach_overfitting.png"))


def test_why_shows_the_explanation_and_links_to_the_concepts(qtbot, panel):
    overfit(panel, qtbot)
    card = panel.card("overfitting")
    assert not card.why.isVisible()
    card.why_button.click()
    assert card.why.isVisible()
    assert "epoch 2" in card.why.text()                          # the lowest validation loss
    assert concepts.concept("overfitting").display_chinese() in card.why.text()
    with qtbot.waitSignal(panel.concepts_requested, timeout=1000):
        card.why.linkActivated.emit("concepts")
    card.why_button.click()
    assert not card.why.isVisible()


def test_apply_asks_for_the_settings_and_the_hint_goes(qtbot, panel):
    overfit(panel, qtbot)
    with qtbot.waitSignal(panel.settings_requested, timeout=1000) as asked:
        panel.card("overfitting").apply_button.click()
    assert asked.args == [{"weight_decay": coach.FIRST_WEIGHT_DECAY}]
    assert panel.cards == [] and panel.empty.isVisible()
    # the same run goes on overfitting: the applied hint waits for the next run ...
    panel.add_epoch(epoch(5, 0.1, 0.45))
    evaluated(qtbot, panel)
    assert panel.cards == []
    panel.set_training_state(RunState.FINISHED)
    panel.set_training_state(RunState.RUNNING)
    panel.add_epoch(epoch(6, 0.05, 0.5))
    evaluated(qtbot, panel)
    # ... and then knows the L2 it set: ten times more
    assert panel.card("overfitting").hint.change.settings == {"weight_decay": 10 * coach.FIRST_WEIGHT_DECAY}


def test_a_dismissed_hint_stays_away_until_a_new_network(qtbot, panel):
    overfit(panel, qtbot)
    panel.card("overfitting").dismiss_button.click()
    assert panel.cards == []
    panel.add_epoch(epoch(5, 0.1, 0.45))
    evaluated(qtbot, panel)
    assert panel.cards == []
    panel.set_model(presets.get("mlp"), {})
    overfit(panel, qtbot)
    assert panel.card("overfitting") is not None


def test_a_rebuild_that_is_cancelled_changes_nothing(qtbot, panel):
    panel.set_training_state(RunState.RUNNING)
    panel.add_epoch(epoch(1, 2.3, 2.3, acc=0.1))
    evaluated(qtbot, panel)
    card = panel.card("at_chance")
    asked = []
    panel.settings_requested.connect(asked.append)
    with qtbot.waitSignal(panel.apply_requested, timeout=1000) as build:
        card.apply_button.click()                # nobody builds it (as if the learner cancelled)
    assert build.args == [presets.get("mlp"), 0]
    assert asked == [] and panel.card("at_chance") is not None


def test_a_hidden_panel_announces_a_hint_once_and_builds_cards_when_shown(qtbot, panel):
    panel.hide()
    messages = []
    panel.status_message.connect(messages.append)
    overfit(panel, qtbot)
    panel.add_epoch(epoch(5, 0.1, 0.45))
    evaluated(qtbot, panel)
    assert messages == ["Coach: Overfitting — see the Coach panel."]
    assert panel.cards == []                      # no widgets built while hidden
    panel.show()
    assert [c.hint.rule for c in panel.cards] == ["overfitting"]


# -- in the main window ----------------------------------------------------------------------------
def test_a_real_runs_events_trigger_hints_and_apply_changes_the_settings(qtbot, new_window, shot_dir):
    w = new_window()
    c = w.controller
    assert c.load_dataset("xor")
    for name, value in (("optimizer", "sgd"), ("lr", 1e-5), ("batch_size", 16), ("epochs", 1)):
        w.change_setting(name, value)
    coach_panel = w.panels["coachDock"]
    assert coach_panel.isVisible()                # beside the plots, under the training controls
    w.start()
    qtbot.waitUntil(lambda: not c.busy and c.state == RunState.FINISHED, timeout=20000)
    rules = [card.hint.rule for card in coach_panel.cards]
    assert "flat_loss" in rules and "too_fast" in rules
    w.grab().save(str(shot_dir / "window_with_coach.png"))
    coach_panel.card("flat_loss").apply_button.click()
    assert c.settings.lr == pytest.approx(1e-4)
    assert w.panels["trainingDock"].lr.value() == pytest.approx(1e-4)
    assert "Coach applied" in w.statusBar().currentMessage()
    delay = coach_panel.card("too_fast").hint.change.settings["delay_ms"]
    coach_panel.card("too_fast").apply_button.click()
    assert c.settings.delay_ms == delay > 0
    assert coach_panel.card("flat_loss") is None and coach_panel.card("too_fast") is None


def test_apply_rebuilds_the_network_and_lowers_the_learning_rate(qtbot, new_window):
    w = new_window()
    c = w.controller
    c.set_setting("lr", 0.5)
    coach_panel = w.panels["coachDock"]
    old = c.net
    old.layers[0].params["W"][...] += 1.0           # as if training had wrecked them
    c.state_changed.emit(RunState.RUNNING)         # what a run reports: an epoch at chance
    c.steps_ready.emit({"step": np.arange(1, 6), "epoch": np.ones(5), "loss": np.full(5, 9.0),
                        "acc": np.full(5, 0.1), "lr": np.full(5, 0.5), "progress": np.linspace(0.2, 1, 5),
                        "batch_size": np.full(5, 64)})
    c.epoch_ready.emit(epoch(1, 9.0, 9.0, acc=0.098))
    c.state_changed.emit(RunState.FINISHED)
    coach_panel.card("at_chance").apply_button.click()
    assert c.settings.lr == pytest.approx(0.05)
    assert c.net is not old                                       # a new network ...
    fresh = Network.from_spec(c.net.spec, rng=np.random.default_rng(c.settings.seed)).snapshot()
    for name, value in c.net.snapshot().items():                  # ... with fresh weights
        np.testing.assert_array_equal(value, fresh[name])
    assert coach_panel.card("at_chance") is None


def test_epochs_that_change_no_hint_ask_for_no_frame_and_cost_no_pass_over_the_run(panel, qtbot,
                                                                                   monkeypatch):
    from gui import throttle
    asked = []
    budget = throttle.draw_budget()
    monkeypatch.setattr(budget, "request", lambda fn: asked.append(fn) or fn())
    evaluations = []
    hints = coach.hints
    monkeypatch.setattr(coach, "hints", lambda facts: evaluations.append(1) or hints(facts))
    panel.set_training_state(RunState.RUNNING)
    for i in range(1, 301):                      # a toy run: many tiny epochs, nothing wrong
        panel.add_epoch(epoch(i, 1.0 / i, 1.0 / i))
    evaluated(qtbot, panel)
    assert asked == [] and panel.cards == []
    assert len(evaluations) == 1                 # the rules once for the 300 epochs, not 300 times
    overfit_from = [(0.001, 0.0030), (0.0009, 0.0031), (0.0008, 0.0032)]
    for i, (t, v) in enumerate(overfit_from, start=301):
        panel.add_epoch(epoch(i, t, v))
    evaluated(qtbot, panel)
    assert len(asked) == 1 and panel.card("overfitting") is not None
    # the best epoch is kept as epochs arrive: the same one min() over all epochs finds
    best = min(panel._epochs, key=lambda e: e["val_loss"])["epoch"]
    assert panel.facts().best_epoch == best == panel.card("overfitting").hint.values["best"]
    calls = []
    monkeypatch.setattr(coach, "_get", lambda e, k: calls.append(k) or e.get(k))
    panel.add_epoch(epoch(304, 0.0007, 0.0033))
    evaluated(qtbot, panel)
    assert len(calls) < 50                       # the rules read the newest epochs only


def test_while_training_runs_new_numbers_in_the_same_hint_are_shown_once_a_second(panel, qtbot, monkeypatch):
    from gui import throttle
    from gui.panels import coach_panel
    monkeypatch.setattr(coach_panel, "VALUES_MS", 200)
    panel._values_timer.setInterval(coach_panel.VALUES_MS)
    asked = []
    budget = throttle.draw_budget()
    monkeypatch.setattr(budget, "request", lambda fn: asked.append(fn) or fn())
    panel.set_training_state(RunState.RUNNING)
    panel.add_epoch(epoch(1, 2.3, 2.3, acc=0.10))
    evaluated(qtbot, panel)                                                           # (0.2 s)
    assert len(asked) == 1 and "10.0%" in panel.card("at_chance").summary.text()   # a new hint
    for i, acc in enumerate((0.101, 0.102, 0.103, 0.104), start=2):                  # every epoch
        panel.add_epoch(epoch(i, 2.3, 2.3, acc=acc))
    assert len(asked) == 1 and "10.0%" in panel.card("at_chance").summary.text()
    qtbot.waitUntil(lambda: "10.4%" in panel.card("at_chance").summary.text(), timeout=3000)
    assert len(asked) == 2                                                            # once, the newest
    panel.add_epoch(epoch(6, 2.3, 2.3, acc=0.105))
    panel.set_training_state(RunState.PAUSED)                                         # paused: at once
    assert len(asked) == 3 and "10.5%" in panel.card("at_chance").summary.text()


def test_a_hint_that_comes_and_goes_with_every_epoch_does_not_rebuild_the_cards_each_time(panel, qtbot,
                                                                                          monkeypatch):
    from gui import throttle
    asked = []
    budget = throttle.draw_budget()
    monkeypatch.setattr(budget, "request", lambda fn: asked.append(fn) or fn())
    overfit(panel, qtbot)                            # a new hint: shown at once
    assert len(asked) == 1 and panel.card("overfitting")
    panel.add_epoch(epoch(5, 0.1, 0.30))             # validation falls: the hint's rule is quiet now
    panel._changed()                                 # (as if evaluated between the epochs)
    panel.add_epoch(epoch(6, 0.09, 0.31))
    panel._changed()
    panel.add_epoch(epoch(7, 0.08, 0.32))            # ... and speaks again (same numbers)
    evaluated(qtbot, panel)
    assert len(asked) == 1 and panel.card("overfitting").hint.values["best"] == 2
    panel.set_training_state(RunState.PAUSED)        # paused: the newest at once
    assert len(asked) == 2 and panel.card("overfitting").hint.values["best"] == 5


def test_a_hint_gone_again_before_its_frame_leaves_no_frame_waiting(panel, monkeypatch):
    from gui import throttle
    from gui.panels import coach_panel
    budget = throttle.DrawBudget()                   # frames wait for the event loop: none turns here
    monkeypatch.setattr(coach_panel, "draw_budget", lambda: budget)
    monkeypatch.setattr(panel, "_changed_soon", panel._changed)   # (rules at every epoch, here)
    panel.set_training_state(RunState.RUNNING)
    budget.set_active(True)
    budget.request(lambda: None)                     # a frame of another panel
    for i, (t, v) in enumerate([(0.5, 0.40), (0.4, 0.35), (0.3, 0.37)], start=1):
        panel.add_epoch(epoch(i, t, v))
    assert budget.pending() == 1 and panel.cards == []
    panel.add_epoch(epoch(4, 0.2, 0.41))             # overfitting: its frame is asked for
    assert budget.pending() == 2
    panel.add_epoch(epoch(5, 0.1, 0.30))             # ... and gone before the frame came
    assert budget.pending() == 1 and panel.cards == []
    budget.set_active(False)


def test_new_numbers_for_the_same_hints_update_the_cards_in_place(panel, monkeypatch):
    from gui import throttle
    budget = throttle.draw_budget()
    monkeypatch.setattr(budget, "request", lambda fn: fn())
    panel.set_training_state(RunState.PAUSED)        # not training: every change shows at once
    panel.add_epoch(epoch(1, 2.3, 2.3, acc=0.10))
    [card] = panel.cards
    card.why_button.setChecked(True)
    taken_out = []
    monkeypatch.setattr(panel.list_box, "removeWidget", taken_out.append)
    panel.add_epoch(epoch(2, 2.3, 2.3, acc=0.104))
    assert panel.cards == [card]                     # the same widget: nothing built again
    assert taken_out == []                           # ... nor the list laid out again
    monkeypatch.undo()
    monkeypatch.setattr(budget, "request", lambda fn: fn())
    assert "10.4%" in card.summary.text() and card.why.isVisible()     # "Why?" stays open
    assert card.hint is panel.hints[0]               # Apply and dismiss act on the newest hint
    panel.add_epoch(epoch(3, 0.5, 0.5, acc=0.9))     # learning now: the hint goes, its card too
    assert panel.cards == [] and panel.empty.isVisible()


def test_a_hint_that_goes_and_comes_back_shows_the_card_it_had(panel, monkeypatch):
    from gui import throttle
    monkeypatch.setattr(throttle.draw_budget(), "request", lambda fn: fn())
    for i, (t, v) in enumerate([(0.5, 0.40), (0.4, 0.35), (0.3, 0.37), (0.2, 0.41)], start=1):
        panel.add_epoch(epoch(i, t, v))              # not training: each change shows at once
    [card] = panel.cards
    panel.add_epoch(epoch(5, 0.1, 0.30))             # validation falls: the hint goes
    assert panel.cards == [] and not card.isVisible() and panel.empty.isVisible()
    panel.add_epoch(epoch(6, 0.09, 0.31))
    panel.add_epoch(epoch(7, 0.08, 0.32))            # ... and comes back: the same card, shown
    assert panel.cards == [card] and card.isVisible() and not panel.empty.isVisible()
    assert card.hint.values["best"] == 5 and "epoch 5" in card.why.text()   # the newest numbers
    card.dismiss_button.click()
    assert panel.cards == [] and not card.isVisible()
