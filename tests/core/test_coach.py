"""core.coach: every rule on a run that triggers it and on one that does not."""
import copy

import numpy as np
import pytest

from core import coach, layer_stats, live_settings, spec, toy_data
from core.network import Network
from core.run_history import Epoch
from core.trainer import Config, Trainer

TOY_SPEC = {"input_shape": [2],
            "layers": [{"type": "dense", "units": 8, "activation": "relu"},
                       {"type": "dense", "units": 2}],
            "loss": "softmax_cross_entropy"}


def epoch(i, train_loss, val_loss, train_acc=0.9, val_acc=0.9, seconds=1.0, steps_per_epoch=100):
    return Epoch(i, i * steps_per_epoch, train_loss, train_acc, val_loss, val_acc, None, None,
                 seconds, steps_per_epoch / seconds)


def rule_ids(facts):
    return [h.rule for h in coach.hints(facts)]


def tiny_run(optimizer="sgd", lr=0.5, epochs=1, spec_=TOY_SPEC):
    """A real run on the xor toy set; Facts as the GUI would gather them."""
    data = toy_data.load("xor")
    net = Network.from_spec(spec_, rng=np.random.default_rng(0))
    trainer = Trainer(net, data, Config(epochs=epochs, batch_size=16, optimizer=optimizer, lr=lr,
                                        seed=0, evaluate_test=False))
    for _ in trainer.run():
        pass
    cols = trainer.history.step_columns()
    first = cols["epoch"] == cols["epoch"][0]
    steps = {k: v[first].copy() for k, v in cols.items()}
    return coach.Facts(epochs=trainer.history.epochs, steps=steps, spec=spec_,
                       n_classes=data.n_classes, finished=True), net, data


def probe_stats(net, n_in, n_classes=3, n=64):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((n, n_in)).astype(np.float32)
    return layer_stats.layer_stats(net, x, rng.integers(0, n_classes, n))


def test_every_rule_is_declared_once_with_its_texts():
    assert len(coach.RULES) == 6
    for rid, rule in coach.RULES.items():
        assert rule.id == rid and rule.title and rule.summary and rule.why and rule.apply
        assert rule.concept                  # a key of gui.concepts (checked in the GUI tests)


# -- overfitting --------------------------------------------------------------------------
def test_overfitting_triggers_when_validation_rises_for_two_epochs_while_training_falls():
    eps = [epoch(1, 0.5, 0.40), epoch(2, 0.4, 0.35), epoch(3, 0.3, 0.37), epoch(4, 0.2, 0.41)]
    [hint] = coach.hints(coach.Facts(epochs=eps, n_classes=10))
    assert hint.rule == "overfitting"
    assert hint.values == {"epochs": 2, "best": 2}                  # the lowest validation loss
    assert hint.change.settings == {"weight_decay": coach.FIRST_WEIGHT_DECAY}
    # an L2 already set grows tenfold; a network with dropout layers gets a higher rate too
    with_dropout = {**TOY_SPEC, "layers": [TOY_SPEC["layers"][0], {"type": "dropout", "rate": 0.1},
                                           TOY_SPEC["layers"][1]]}
    [hint] = coach.hints(coach.Facts(epochs=eps, spec=with_dropout, settings={"weight_decay": 1e-3}))
    assert hint.change.settings == pytest.approx({"weight_decay": 1e-2, "dropout": 0.3})
    for name, value in hint.change.settings.items():
        live_settings.get(name).check(value)


@pytest.mark.parametrize("eps", [
    [epoch(1, 0.5, 0.40), epoch(2, 0.4, 0.35), epoch(3, 0.3, 0.37)],            # rose once only
    [epoch(1, 0.5, 0.40), epoch(2, 0.6, 0.45), epoch(3, 0.7, 0.50)],            # both rise: no
    [epoch(1, 0.5, 0.40), epoch(2, 0.4, 0.42), epoch(3, 0.3, 0.41)],            # up, then down
    [epoch(1, 0.5, None), epoch(2, 0.4, None), epoch(3, 0.3, None)],            # no validation
])
def test_overfitting_stays_quiet(eps):
    assert "overfitting" not in rule_ids(coach.Facts(epochs=eps, n_classes=10))


def test_overfitting_does_not_fire_on_a_healthy_real_run():
    facts, _, _ = tiny_run(optimizer="adam", lr=0.01, epochs=4)
    assert "overfitting" not in rule_ids(facts)


# -- accuracy at chance ---------------------------------------------------------------------
def test_accuracy_at_chance_lowers_the_learning_rate_and_rebuilds_the_network():
    facts = coach.Facts(epochs=[epoch(1, 2.3, 2.3, train_acc=0.11, val_acc=0.098)], n_classes=10,
                        spec=TOY_SPEC, settings={"lr": 0.5})
    [hint] = coach.hints(facts)
    assert hint.rule == "at_chance"
    assert hint.values["acc"] == 9.8 and hint.values["chance"] == 10.0
    assert hint.change.settings == {"lr": 0.05}
    assert hint.change.spec == TOY_SPEC and hint.change.spec is not TOY_SPEC   # same net, new weights
    # the learning rate actually used (the steps' column) wins over the setting
    facts.steps = {"loss": np.array([2.0, 2.5]), "epoch": np.array([1.0, 1.0]), "lr": np.array([1.0, 1.0])}
    [hint] = coach.hints(facts)
    assert hint.change.settings == {"lr": 0.1}


def test_accuracy_above_chance_says_nothing():
    eps = [epoch(1, 1.0, 1.0, train_acc=0.3, val_acc=0.16)]       # 10 classes: 16% > 10% + 5%
    assert rule_ids(coach.Facts(epochs=eps, n_classes=10)) == []
    assert rule_ids(coach.Facts(epochs=[], n_classes=10)) == []   # no epoch yet
    assert rule_ids(coach.Facts(epochs=eps[:0] + [epoch(1, 1, 1, val_acc=0.5)], n_classes=2)) == ["at_chance"]


def test_a_single_layer_at_chance_on_xor_is_not_a_learning_rate_problem():
    linear = {**TOY_SPEC, "layers": [{"type": "dense", "units": 2}]}
    facts, _, _ = tiny_run(optimizer="adam", lr=0.02, epochs=3, spec_=linear)
    assert facts.epochs[-1].val_acc <= 0.5 + coach.CHANCE_MARGIN      # one straight line: no XOR
    assert "at_chance" not in rule_ids(facts) and "flat_loss" not in rule_ids(facts)
    facts.spec = TOY_SPEC                   # the same numbers from a deeper net: it should learn
    assert "flat_loss" in rule_ids(facts)


def test_a_real_run_with_a_huge_learning_rate_lands_at_chance():
    facts, _, _ = tiny_run(optimizer="sgd", lr=20.0, epochs=1)   # every ReLU dies
    assert "at_chance" in rule_ids(facts)
    facts, _, _ = tiny_run(optimizer="adam", lr=0.02, epochs=3)
    assert facts.epochs[-1].val_acc > 0.8 and "at_chance" not in rule_ids(facts)


# -- dead ReLUs --------------------------------------------------------------------------------
def mlp(act="relu", init="he", depth=1, n_in=20, units=30, n_out=3):
    return {"input_shape": [n_in],
            "layers": [{"type": "dense", "units": units, "activation": act, "init": init, "sigma": 0.01}
                       for _ in range(depth)] + [{"type": "dense", "units": n_out}],
            "loss": "softmax_cross_entropy"}


def test_dead_relus_on_a_real_network_whose_first_layer_never_fires():
    s = mlp(depth=2)
    net = Network.from_spec(s, rng=np.random.default_rng(0))
    net.layers[0].params["b"][:24] = -100.0          # 24 of 30 units: 80% dead
    facts = coach.Facts(stats=probe_stats(net, 20), spec=s, settings={"lr": 0.01})
    [hint] = coach.hints(facts)
    assert hint.rule == "dead_relus" and hint.values["percent"] == 80
    assert hint.values["layer"] == "layer 0 (dense)"
    assert hint.change.settings == {"lr": 0.001}
    new = hint.change.spec
    assert [layer.get("activation") for layer in new["layers"]] == ["leaky_relu", "leaky_relu", None]
    assert all(layer["init"] == "he" for layer in new["layers"][:2])
    assert s["layers"][0]["activation"] == "relu"    # the caller's spec is left alone
    spec.validate(new, 3)


def test_a_fresh_he_network_has_no_dead_relus():
    s = mlp(depth=2)
    net = Network.from_spec(s, rng=np.random.default_rng(0))
    assert rule_ids(coach.Facts(stats=probe_stats(net, 20), spec=s)) == []


# -- vanishing gradients -------------------------------------------------------------------------
def test_vanishing_gradients_in_a_deep_sigmoid_network_with_small_weights():
    s = mlp("sigmoid", "normal", depth=5)
    net = Network.from_spec(s, rng=np.random.default_rng(0))
    [hint] = coach.hints(coach.Facts(stats=probe_stats(net, 20), spec=s))
    assert hint.rule == "vanishing" and float(hint.values["ratio"]) < coach.VANISHING_RATIO
    new = hint.change.spec
    assert [layer.get("activation") for layer in new["layers"]] == ["relu"] * 5 + [None]
    assert all(layer["init"] == "he" for layer in new["layers"][:5])
    spec.validate(new, 3)
    # rebuilt as the hint says, the same probe no longer shows it
    rebuilt = Network.from_spec(new, rng=np.random.default_rng(0))
    assert rule_ids(coach.Facts(stats=probe_stats(rebuilt, 20), spec=new)) == []


def test_vanishing_gradients_in_a_relu_network_suggest_batch_normalization():
    s = mlp("relu", "he", depth=3)
    stats = {"layers": [{"name": "a", "mean_abs_grad": 1e-9}, {"name": "b", "mean_abs_grad": 1e-3},
                        {"name": "c", "mean_abs_grad": 1e-2}]}
    [hint] = coach.hints(coach.Facts(stats=stats, spec=s))
    kinds = [layer["type"] for layer in hint.change.spec["layers"]]
    assert kinds == ["dense", "batchnorm"] * 3 + ["dense"]
    spec.validate(hint.change.spec, 3)


def test_healthy_gradients_say_nothing():
    s = mlp("relu", "he", depth=5)
    net = Network.from_spec(s, rng=np.random.default_rng(0))
    assert rule_ids(coach.Facts(stats=probe_stats(net, 20), spec=s)) == []
    one = {"layers": [{"name": "a", "mean_abs_grad": 1e-12}]}     # one layer: no ratio
    assert rule_ids(coach.Facts(stats=one)) == []


# -- flat loss ---------------------------------------------------------------------------------------
def test_a_real_run_with_a_tiny_learning_rate_has_a_flat_loss():
    facts, _, _ = tiny_run(optimizer="sgd", lr=1e-5, epochs=1)
    ids = rule_ids(facts)
    assert "flat_loss" in ids
    assert "at_chance" not in ids                     # a flat loss wants a larger step, not a smaller
    hint = next(h for h in coach.hints(facts) if h.rule == "flat_loss")
    assert hint.change.settings == {"lr": pytest.approx(1e-4)}


def test_a_real_run_that_learns_is_not_flat():
    facts, _, _ = tiny_run(optimizer="adam", lr=0.02, epochs=1)
    assert "flat_loss" not in rule_ids(facts)


def test_flat_loss_waits_for_the_end_of_the_first_epoch():
    steps = {"loss": np.full(100, 0.69), "epoch": np.ones(100), "lr": np.full(100, 1e-5)}
    assert rule_ids(coach.Facts(steps=steps)) == []                                 # epoch not over
    assert rule_ids(coach.Facts(steps=steps, epochs=[epoch(1, 0.69, 0.69, 0.9, 0.9)])) == ["flat_loss"]
    few = {k: v[:10] for k, v in steps.items()}
    assert rule_ids(coach.Facts(steps=few, epochs=[epoch(1, 0.69, 0.69)])) == []   # too few batches


# -- a run too fast to watch ---------------------------------------------------------------------------
def test_a_finished_fast_run_suggests_slow_motion_for_about_twenty_seconds():
    facts, _, _ = tiny_run(optimizer="adam", lr=0.02, epochs=2)
    steps = facts.epochs[-1].step
    assert sum(e.seconds for e in facts.epochs) < coach.FAST_SECONDS
    hint = next(h for h in coach.hints(facts) if h.rule == "too_fast")
    assert hint.values["steps"] == steps
    delay = hint.change.settings["delay_ms"]
    assert delay == int(np.ceil(1000 * coach.SLOW_TARGET_SECONDS / steps))
    live_settings.get("delay_ms").check(delay)


def test_only_the_latest_run_counts_and_only_once_finished():
    eps = [epoch(1, 1, 1, seconds=30.0), epoch(2, 0.9, 0.9, seconds=1.0)]
    # epoch 1 was an earlier run of 30 s; the latest run (epoch 2) took 1 s for 100 steps
    [hint] = coach.hints(coach.Facts(epochs=eps, run_start=1, finished=True))
    assert hint.rule == "too_fast" and hint.values["steps"] == 100
    assert hint.change.settings == {"delay_ms": 200}
    assert rule_ids(coach.Facts(epochs=eps, run_start=1, finished=False)) == []   # still running
    assert rule_ids(coach.Facts(epochs=eps, run_start=0, finished=True)) == []    # 31 s in all
    slow = copy.deepcopy(eps)
    slow[1].seconds = 6.0
    assert rule_ids(coach.Facts(epochs=slow, run_start=1, finished=True)) == []
