"""Random search over learning rate and weight decay on log scales, on a validation split."""
import numpy as np
import pytest

from core.hyperparameter_search import (
    BOOK_SPEC,
    HyperparameterSearch,
    SearchConfig,
    Trial,
    best,
    draw_settings,
    ranked,
    subset,
)


def test_the_defaults_are_the_books():
    c = SearchConfig()
    assert (c.lr_exponents, c.wd_exponents) == ((-6, -2), (-8, -4))
    assert (c.samples, c.val_fraction, c.epochs, c.batch_size, c.optimizer) == (500, 0.2, 50, 100, "sgd")
    assert c.trials == 100
    assert [layer["units"] for layer in BOOK_SPEC["layers"]] == [100] * 6 + [10]


def test_settings_are_log_uniform_in_the_ranges_and_seeded():
    config = SearchConfig(trials=400, seed=3)
    drawn = draw_settings(config)
    assert drawn == draw_settings(SearchConfig(trials=400, seed=3))
    assert drawn != draw_settings(SearchConfig(trials=400, seed=4))
    lr, wd = np.log10(np.array(drawn)).T
    assert lr.min() >= -6 and lr.max() <= -2 and wd.min() >= -8 and wd.max() <= -4
    # every decade gets about a quarter of the draws (uniform on the log scale)
    for values, low in ((lr, -6), (wd, -8)):
        counts = np.histogram(values, bins=4, range=(low, low + 4))[0]
        assert counts.min() > 60


def small_search(mnist, **kw):
    config = SearchConfig(**{"trials": 4, "epochs": 4, "samples": 200, **kw})
    return HyperparameterSearch(config, load_data=lambda: mnist)


def test_a_search_trains_every_trial_on_the_validation_split(mnist):
    search = small_search(mnist, lr_exponents=(-3.0, -1.0))
    for _ in search.run():
        pass
    assert search.done == search.total == 4 * 4 * 2          # 160 training samples, batches of 100
    assert all(t.status == "done" and 0 <= t.val_acc <= 1 and len(t.val_curve) == 4 for t in search.trials)
    order = ranked(search.trials)
    assert [t.val_acc for t in order] == sorted((t.val_acc for t in search.trials), reverse=True)
    assert best(search.trials) is order[0]
    assert order[0].settings("sgd") == {"optimizer": "sgd", "lr": order[0].lr,
                                        "weight_decay": order[0].weight_decay}
    assert len(subset(mnist, 200).y_train) == 200 and len(subset(mnist, 200).y_test) == len(mnist.y_test)


def test_trials_differ_only_in_their_hyperparameters(mnist):
    search = small_search(mnist, trials=3)
    a, b, c = search.trials
    b.lr, b.weight_decay = a.lr, a.weight_decay                # b repeats a; c keeps its own
    a.lr = b.lr = c.lr = 0.05
    for _ in search.run():
        pass
    assert a.val_curve == b.val_curve                          # same weights, same batches
    assert a.val_curve != c.val_curve or a.val_loss != c.val_loss


def test_a_diverging_trial_is_left_out_of_the_ranking(mnist):
    search = small_search(mnist, trials=2, lr_exponents=(2.0, 3.0))
    for _ in search.run():
        pass
    assert [t.status for t in search.trials] == ["diverged", "diverged"]
    assert ranked(search.trials) == [] and best(search.trials) is None


def test_closing_the_generator_cancels_the_trial_in_progress(mnist):
    search = small_search(mnist)
    steps = search.run()
    while search.trials[1].status != "running" or search.done < 10:
        next(steps)
    steps.close()
    assert [t.status for t in search.trials] == ["done", "cancelled", "waiting", "waiting"]


@pytest.mark.parametrize("kw, message", [
    ({"trials": 0}, "trials"),
    ({"lr_exponents": (-2.0, -6.0)}, "low ≤ high"),
    ({"wd_exponents": (-8.0, 4.0)}, r"\[-12, 1\]"),
    ({"optimizer": "newton"}, "unknown optimizer"),
    ({"samples": 1}, "at least 2"),
    ({"epochs": 0}, "epochs"),
])
def test_bad_settings_are_refused_with_a_message(kw, message):
    with pytest.raises(ValueError, match=message):
        HyperparameterSearch(SearchConfig(**kw))


def test_trial_settings_name_the_live_settings():
    from core import live_settings
    t = Trial(0, 1e-3, 1e-6)
    assert set(t.settings("adam")) <= set(live_settings.SETTINGS)
