"""The experiment cards, run headless at reduced sizes: the orderings the book reports."""
import numpy as np
import pytest

from core import Network, Trainer, experiment_cards, optimizers
from core.experiment_cards import BUDGET, CARDS, DEPTHS, mlp, mlp_params, width_for
from core.experiments import Context, ExperimentRun, plan_steps


def run_card(key, mnist, **context):
    run = ExperimentRun(experiment_cards.get(key), Context(**context), load_data=lambda: mnist)
    for _ in run.run():
        pass
    assert run.done == run.total > 0
    assert all(r.status in ("done", "diverged") for r in run.results.values())
    return run


def test_weight_init_he_beats_xavier_beats_sigma_001(mnist):
    run = run_card("weight_init", mnist, scale=0.3)
    loss = {k: r.final_loss() for k, r in run.results.items()}
    assert loss["he"] < loss["xavier"] < loss["normal"]
    assert loss["normal"] == pytest.approx(2.30, abs=0.02)           # σ = 0.01 does not learn
    assert run.results["normal"].test_acc < 0.2 < run.results["xavier"].test_acc < run.results["he"].test_acc
    table = run.table()
    assert table.verdict_ok is True
    marks = {row.key: row.ok for row in table.rows}
    assert marks["normal"] is True and marks["he"] is True
    # the runs differ only in the initializer
    specs = [p.spec for p in run.plans]
    assert [s["layers"][0]["init"] for s in specs] == ["normal", "xavier", "he"]
    assert all(len(s["layers"]) == 6 for s in specs)


def test_batch_norm_learns_where_plain_fails_at_small_scales(mnist):
    run = run_card("batch_norm", mnist, scale=0.4)
    sigmas = experiment_cards.bn_scales(Context(scale=0.4))
    learned = 0
    for i, s in enumerate(sigmas):
        bn, plain = run.results[f"bn{i}"], run.results[f"plain{i}"]
        if 1e-3 < s < 0.05:                       # small scales: plain stays at chance
            assert plain.last("train") < 0.25
            assert bn.last("train") > plain.last("train") + 0.3
            learned += 1
        # the book's curves: train accuracy (inference mode) after every epoch
        assert [row[0] for row in bn.epochs] == list(range(1, 9))
    assert learned == 2
    table = run.table()
    assert len(table.rows) == len(sigmas) and table.verdict_ok is True


def test_regularization_shrinks_the_train_test_gap(mnist):
    run = run_card("overfitting", mnist, scale=0.25)
    gap = {k: r.last("train") - r.last("test") for k, r in run.results.items()}
    assert gap["none"] > 0.15                      # 300 images: the network overfits
    assert gap["l2"] < gap["none"] and gap["dropout"] < gap["none"]
    assert run.table().verdict_ok is True
    plans = {p.key: p for p in run.plans}
    assert plans["l2"].config.weight_decay == 0.1 and plans["none"].config.max_train == 300
    layers = plans["dropout"].spec["layers"]
    assert any(layer["type"] == "dropout" and layer["rate"] == 0.2 for layer in layers)


def test_deep_and_wide_have_equal_parameter_counts(mnist):
    for d in DEPTHS:
        w = width_for(d, BUDGET)
        n = Network.from_spec(mlp([w] * d)).n_params
        assert n == mlp_params(d, w)
        assert abs(n - BUDGET) / BUDGET < 0.01
        assert abs(mlp_params(d, w + 1) - BUDGET) >= abs(n - BUDGET)
    run = run_card("deep_vs_wide", mnist, scale=0.05)
    table = run.table()
    assert [row.values[0] for row in table.rows] == [mlp_params(d, width_for(d, BUDGET)) for d in DEPTHS]
    assert all(0.5 < r.test_acc <= 1 for r in run.results.values())


def test_optimizer_race_on_the_learners_network(mnist):
    spec = mlp([40, 40])
    params = Network.from_spec(spec, rng=np.random.default_rng(5)).snapshot()
    run = run_card("optimizer_race", mnist, scale=0.05, spec=spec, params=params)
    assert list(run.results) == [n for n, c in optimizers.OPTIMIZERS.items() if c.in_book]
    # the learner's network from the learner's weights: every optimizer's first loss is the same
    first = {round(r.losses[0], 5) for r in run.results.values()}
    assert len(first) == 1
    net = Network.from_spec(spec)
    net.load_snapshot(params)
    step = next(Trainer(net, mnist, run.plans[0].config).run())
    assert first == {round(step.loss, 5)}
    loss = {k: r.final_loss() for k, r in run.results.items()}
    assert max(loss, key=loss.get) == "sgd"
    assert run.table().verdict_ok is True
    assert all(len(r.losses) == 100 for r in run.results.values())     # the scaled 2000


def test_a_time_budget_cuts_the_iterations_to_whole_hundreds(mnist):
    card = CARDS["optimizer_race"]
    run = ExperimentRun(card, Context(scale=0.5), load_data=lambda: mnist)
    run._fit_budget(seconds_per_step=card.budget_s / 4 / 350, n=60000)
    assert [p.max_steps for p in run.plans] == [300] * 4
    run._fit_budget(seconds_per_step=1.0, n=60000)                     # a very slow network
    assert [p.max_steps for p in run.plans] == [100] * 4
    assert run.total == 400


def test_closing_the_generator_cancels_and_keeps_what_was_measured(mnist):
    run = ExperimentRun(CARDS["weight_init"], Context(scale=0.3), load_data=lambda: mnist)
    steps = run.run()
    for _ in range(700):
        next(steps)
    steps.close()
    status = [r.status for r in run.results.values()]
    assert status == ["done", "cancelled", "waiting"]
    assert len(run.results["normal"].losses) == 600 and 0 < len(run.results["xavier"].losses) < 600
    assert run.done < run.total
    assert [row.ok for row in run.table().rows][1:] == [None, None]      # no ✓ for unfinished runs
    assert run.table().verdict_ok is None


def test_steps_are_counted_as_the_trainer_splits(mnist):
    for key in CARDS:
        run = ExperimentRun(CARDS[key], Context(scale=0.3), load_data=lambda: mnist)
        for p in run.plans:
            assert plan_steps(p, 60000) > 0
            assert p.config.epochs >= 1
        assert len({p.key for p in run.plans}) == len(run.plans)


def test_every_card_has_its_texts():
    for card in CARDS.values():
        for text in (card.title, card.summary, card.source):
            assert text.render() and text.context == "experiments"
        assert card.plot in ("loss", "accuracy", "grid")
    with pytest.raises(ValueError, match="unknown experiment"):
        experiment_cards.get("nope")
