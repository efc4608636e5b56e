import numpy as np
import pytest

from core import Network, Trainer, data, presets
from core.trainer import Config, Diverged, Done, Epoch, Evaluating, Step


def _toy():
    return data.make_toy("xor", n=400, noise=0.05, rng=np.random.default_rng(0))


def _run(trainer):
    return list(trainer.run())


def _trainer(ds=None, seed=0, **kw):
    ds = ds or _toy()
    cfg = Config(**{"epochs": 2, "batch_size": 32, "seed": seed, "val_fraction": 0.2, **kw})
    net = Network.from_spec(presets.get("toy"), rng=np.random.default_rng(seed))
    return Trainer(net, ds, cfg)


def test_events_and_history():
    tr = _trainer()
    events = _run(tr)
    steps = [e for e in events if isinstance(e, Step)]
    epochs = [e for e in events if isinstance(e, Epoch)]
    assert isinstance(events[-1], Done) and events[-1].reason == "completed"
    assert [e.epoch for e in epochs] == [1, 2]
    per_epoch = -(-len(tr.train_idx) // 32)
    assert len(steps) == 2 * per_epoch
    assert [s.step for s in steps] == list(range(1, len(steps) + 1))
    assert steps[per_epoch - 1].epoch_progress == 1.0
    assert tr.history.steps == steps and tr.history.epochs == epochs
    assert len(tr.history.as_dict()["step_loss"]) == len(steps)


def test_epoch_metrics_match_direct_evaluation():
    tr = _trainer()
    ep = [e for e in _run(tr) if isinstance(e, Epoch)][-1]
    ds = tr.data
    x, y = ds.gather("test", np.arange(len(ds.y_test)))
    assert ep.test_acc == pytest.approx(np.mean(tr.net.predict(x) == y))
    xv, yv = ds.gather("train", tr.val_idx)
    assert ep.val_acc == pytest.approx(np.mean(tr.net.predict(xv) == yv))
    mean_step_loss = np.mean([s.loss for s in tr.history.steps if s.epoch == 2])
    assert ep.batch_loss == pytest.approx(mean_step_loss, rel=0.05)      # the running mean
    xt, yt = ds.gather("train", tr.train_eval_idx)                        # the honest one
    assert ep.train_acc == pytest.approx(np.mean(tr.net.predict(xt) == yt))


def test_same_seed_same_run_and_different_seed_differs():
    a = [e.loss for e in _run(_trainer(seed=3)) if isinstance(e, Step)]
    b = [e.loss for e in _run(_trainer(seed=3)) if isinstance(e, Step)]
    c = [e.loss for e in _run(_trainer(seed=4)) if isinstance(e, Step)]
    assert a == b
    assert a != c


def test_train_and_validation_are_disjoint():
    tr = _trainer()
    assert not set(tr.train_idx) & set(tr.val_idx)
    assert len(tr.train_idx) + len(tr.val_idx) == len(tr.data.y_train)


def test_settings_change_between_steps():
    tr = _trainer(optimizer="sgd", lr=0.1)
    gen = tr.run()
    first = next(gen)
    assert first.lr == 0.1 and first.batch_size == 32
    tr.set_learning_rate(0.02)
    tr.set_batch_size(8)
    before = tr.net.flat_params.copy()
    second = next(gen)
    assert second.lr == 0.02 and second.batch_size == 8
    # SGD: the parameter change of this step is exactly lr × gradient
    np.testing.assert_allclose(before - tr.net.flat_params, 0.02 * tr.net.flat_grads, rtol=1e-3, atol=3e-7)
    tr.set_optimizer("momentum")
    assert tr.optimizer.name == "momentum" and tr.lr == 0.02
    tr.set_weight_decay(0.1)
    assert tr.net.weight_decay == 0.1
    gen.close()


def test_learning_curve_improves_on_mnist_subset(mnist):
    net = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(0))
    tr = Trainer(net, mnist, Config(epochs=2, batch_size=32, max_train=6000, max_eval=2000,
                                    val_fraction=0.1))
    first, last = [e for e in _run(tr) if isinstance(e, Epoch)]
    assert last.train_loss < first.train_loss
    assert last.val_acc > 0.88 and last.test_acc > 0.86


def test_divergence_names_layer_and_ends_run(mnist):
    net = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(0))
    tr = Trainer(net, mnist, Config(epochs=1, optimizer="sgd", lr=1e3, max_train=3000,
                                    evaluate_test=False, max_eval=100))
    events = _run(tr)
    div = [e for e in events if isinstance(e, Diverged)]
    assert len(div) == 1
    assert div[0].where.startswith("layer") or div[0].where == "the loss"
    assert "lower learning rate" in div[0].message
    assert isinstance(events[-1], Done) and events[-1].reason == "diverged"
    assert all(np.isfinite(s.loss) for s in events if isinstance(s, Step))


def test_divergence_names_first_bad_layer():
    tr = _trainer()
    gen = tr.run()
    next(gen)
    tr.net.parameters()["1.W"][0, 0] = np.nan
    ev = next(gen)
    while not isinstance(ev, Diverged):
        ev = next(gen)
    assert ev.where == "layer 1 (dense)"
    gen.close()


def test_recover_restores_last_good_weights_and_continues(mnist):
    net = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(0))
    tr = Trainer(net, mnist, Config(epochs=1, optimizer="sgd", lr=1e3, max_train=3000,
                                    evaluate_test=False, max_eval=500))
    gen = tr.run()
    for ev in gen:
        if isinstance(ev, Diverged):
            tr.recover(0.05)
            break
    rest = list(gen)
    assert isinstance(rest[-1], Done) and rest[-1].reason == "completed"
    assert np.isfinite(tr.net.flat_params).all()
    assert tr.lr == 0.05
    assert all(isinstance(e, (Step, Evaluating, Epoch, Done)) for e in rest)


@pytest.mark.parametrize("kw, words", [
    ({"epochs": 0}, "epochs"), ({"batch_size": 0}, "batch size"), ({"batch_size": 1.5}, "batch size"),
    ({"weight_decay": float("nan")}, "weight decay"), ({"val_fraction": 0.95}, "validation"),
    ({"lr": -1.0}, "learning rate"), ({"lr": float("inf")}, "learning rate"),
    ({"optimizer": "adamw"}, "unknown optimizer"), ({"lr_decay": 0.0}, "decay"),
])
def test_bad_settings_are_named(kw, words):
    with pytest.raises(ValueError, match=words):
        _trainer(**kw)


def test_network_and_data_must_match(mnist):
    net = Network.from_spec(presets.get("toy"), rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="expects"):
        Trainer(net, mnist.__class__(**{**mnist.__dict__, "n_classes": 2}), Config())
    net10 = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="10 scores"):
        Trainer(net10, _toy(), Config())


def test_state_dict_continues_a_run_exactly():
    """Two epochs straight equal one epoch, a state_dict, a fresh trainer and one more epoch."""
    straight = _trainer(epochs=2, optimizer="momentum")
    _run(straight)
    first = _trainer(epochs=1, optimizer="momentum")
    _run(first)
    values, arrays = first.state_dict()
    assert set(values) == {"optimizer", "config", "trainer", "rng", "history"}
    assert any(k.startswith("opt/") for k in arrays)
    net = Network.from_spec(presets.get("toy"), rng=np.random.default_rng(9))
    net.load_snapshot(first.net.snapshot())
    second = Trainer(net, first.data, Config(epochs=2, batch_size=32, val_fraction=0.2, optimizer="momentum"))
    second.load_state_dict(values, {k: a.copy() for k, a in arrays.items()})
    assert (second.epoch, second.step, second.optimizer.t) == (first.epoch, first.step, first.optimizer.t)
    _run(second)
    np.testing.assert_array_equal(second.net.flat_params, straight.net.flat_params)
    assert [s.loss for s in second.history.steps] == [s.loss for s in straight.history.steps]


@pytest.mark.parametrize("path, bad, words", [
    (("trainer", "step"), -1, "step"),
    (("trainer", "batch_size"), 0, "batch size"),
    (("optimizer", "t"), True, "step count"),
    (("rng", "net"), {"bit_generator": "nope"}, "random generator state of the net"),
])
def test_load_state_dict_names_a_bad_field_and_changes_nothing(path, bad, words):
    tr = _trainer(epochs=1)
    _run(tr)
    values, arrays = tr.state_dict()
    fresh = _trainer(epochs=1)
    before = (fresh.step, fresh.batch_size, fresh.optimizer, fresh.net.flat_params.copy())
    values[path[0]] = dict(values[path[0]], **{path[1]: bad})
    with pytest.raises(ValueError, match=words):
        fresh.load_state_dict(values, arrays)
    assert (fresh.step, fresh.batch_size, fresh.optimizer) == before[:3]
    np.testing.assert_array_equal(fresh.net.flat_params, before[3])


# -- interrupted runs continue; epochs count data seen --------------------------------------
def _losses(events):
    return [e.loss for e in events if isinstance(e, Step)]


@pytest.mark.parametrize("stop_after, epoch, later_epochs", [(3, 1, [1, 2]), (13, 2, [2]),
                                                             ("evaluating", 1, [1, 2])])
def test_an_interrupted_run_continues_exactly(stop_after, epoch, later_epochs):
    straight = _trainer(epochs=2, optimizer="adam")
    full = _run(straight)
    tr = _trainer(epochs=2, optimizer="adam")
    gen, first = tr.run(), []
    for ev in gen:
        first.append(ev)
        if isinstance(ev, Evaluating) if stop_after == "evaluating" else len(_losses(first)) == stop_after:
            break
    gen.close()                                   # Stop: the worker closes the generator
    assert tr.epoch == epoch and tr.epochs_done == epoch - 1 and not tr.finished
    rest = _run(tr)
    assert _losses(first) + _losses(rest) == _losses(full)
    # the interrupted epoch was finished, not started again
    assert [e.epoch for e in rest if isinstance(e, Epoch)] == later_epochs
    assert [e.epoch for e in tr.history.epochs] == [1, 2]
    np.testing.assert_array_equal(tr.net.flat_params, straight.net.flat_params)
    assert tr.history.steps == straight.history.steps and tr.finished


def test_many_stops_count_epochs_by_data_seen():
    tr = _trainer(epochs=2, batch_size=16)
    per_epoch = -(-len(tr.train_idx) // 16)
    seen = 0
    while not tr.finished:
        gen = tr.run()
        for ev in gen:
            if isinstance(ev, Step):
                seen += 1
                break
        gen.close()
    assert seen == 2 * per_epoch and tr.epoch == 2 and tr.step == seen


def test_a_finished_run_goes_on_when_given_more_epochs():
    tr = _trainer(epochs=1)
    _run(tr)
    assert tr.finished and _run(tr)[-1] == Done("completed", 1, tr.step)
    tr.set_epochs(3)
    more = [e.epoch for e in _run(tr) if isinstance(e, Epoch)]
    assert more == [2, 3] and tr.epochs_done == 3
    with pytest.raises(ValueError, match="epochs"):
        tr.set_epochs(0)


def test_a_state_dict_taken_mid_epoch_continues_exactly():
    straight = _trainer(epochs=2, optimizer="rmsprop", augment=None)
    full = _losses(_run(straight))
    tr = _trainer(epochs=2, optimizer="rmsprop")
    gen = tr.run()
    for _ in range(5):
        next(gen)
    gen.close()
    values, arrays = tr.state_dict()
    assert values["trainer"]["epoch_complete"] is False and values["trainer"]["position"] == 5 * 32
    fresh = _trainer(epochs=2, optimizer="rmsprop", seed=0)
    fresh.net.load_snapshot(tr.net.snapshot())
    fresh.load_state_dict(values, {k: a.copy() for k, a in arrays.items()})
    _run(fresh)
    assert [s.loss for s in fresh.history.steps] == full
    np.testing.assert_array_equal(fresh.net.flat_params, straight.net.flat_params)


# -- the history: compact, with the setting changes marked ---------------------------------
def test_history_is_compact_and_records_setting_marks():
    tr = _trainer(epochs=1, optimizer="momentum")
    gen = tr.run()
    next(gen)
    assert tr.apply_setting("lr", 0.05) == 0.05
    assert tr.set_hyperparameter("momentum", 0.5) and tr.optimizer.momentum == 0.5
    assert not tr.set_hyperparameter("beta1", 0.8)          # not momentum's: only remembered
    next(gen)
    gen.close()
    assert [(m.step, m.name, m.value) for m in tr.history.marks] == [(2, "lr", 0.05), (2, "momentum", 0.5)]
    cols = tr.history.step_columns()
    assert cols["loss"].dtype == np.float64 and list(cols["step"]) == [1, 2]
    assert cols["lr"][1] == 0.05 and cols["lr"][0] != 0.05
    values, _ = tr.state_dict()
    again = _trainer(epochs=1, optimizer="momentum")
    again.load_state_dict(values, {})
    assert again.history.marks == tr.history.marks and again.history.steps == tr.history.steps
    tr.set_optimizer("adam")
    assert tr.optimizer.beta1 == 0.8                        # the remembered value is used


def test_history_grows_past_its_first_capacity():
    from core.run_history import History
    h = History()
    for i in range(1, 3001):
        h.add_step(Step(1, i, 1.0 / i, 0.5, 0.01, 32, i / 3000))
    assert h.n_steps == 3000 and h.step_columns()["loss"][-1] == 1 / 3000
    assert History.from_json(h.to_json()).steps == h.steps


# -- divergence names the layer whose gradient exploded --------------------------------------
@pytest.mark.parametrize("lr", [50, 1e3, 1e6])
def test_divergence_with_finite_weights_names_the_layer_whose_gradient_exploded(mnist, lr):
    net = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(0))
    tr = Trainer(net, mnist, Config(epochs=1, optimizer="sgd", lr=lr, max_train=2000,
                                    evaluate_test=False, max_eval=100))
    div = next(e for e in tr.run() if isinstance(e, Diverged))
    assert np.isfinite(tr.net.flat_params).all()          # no weight turned NaN: the loss gave it away
    assert div.cause == "gradient" and div.where == "layer 1 (dense)"
    assert div.grad_growth > 100 and np.isfinite(div.grad_norm)
    assert "gradient of layer 1 (dense) exploded" in div.message


def test_a_run_that_ended_diverged_starts_again_from_the_last_good_weights(mnist):
    net = Network.from_spec(presets.get("mlp"), rng=np.random.default_rng(0))
    tr = Trainer(net, mnist, Config(epochs=1, optimizer="sgd", lr=50, max_train=2000,
                                    evaluate_test=False, max_eval=100))
    events = _run(tr)
    assert events[-1].reason == "diverged"
    good = tr._good.copy()
    tr.set_learning_rate(0.05)
    gen = tr.run()
    first = next(gen)
    gen.close()
    assert isinstance(first, Step) and np.isfinite(first.loss) and first.loss < 3
    assert tr.history.marks[-1].name == "lr" and tr.history.marks[-1].value == 0.05
    assert not np.array_equal(good, tr.net.flat_params)     # it trained on from there
