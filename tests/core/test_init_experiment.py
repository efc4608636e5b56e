"""core.init_experiment: the book's weight-initialisation experiment and its histograms,
against the book's findings and np.histogram."""
import numpy as np
import pytest

from core import init_experiment


def run(init, activation, sigma=0.01):
    return init_experiment.init_experiment(init, activation, sigma=sigma, rng=np.random.default_rng(0))


def test_init_experiment_reproduces_the_book_shapes():
    acts = run("normal", "sigmoid")
    assert len(acts) == 5 and all(a.shape == (1000, 100) for a in acts)
    # the book's own computation for layer 1, with the same random draws
    rng = np.random.default_rng(0)
    x = rng.standard_normal((1000, 100))
    w = rng.standard_normal((100, 100)) * 0.01
    np.testing.assert_allclose(acts[0], 1 / (1 + np.exp(-(x @ w))))
    rng = np.random.default_rng(0)
    x = rng.standard_normal((1000, 100))
    w = rng.standard_normal((100, 100)) * np.sqrt(2 / 100)
    np.testing.assert_allclose(run("he", "relu")[0], np.maximum(x @ w, 0))


def test_sigma_1_sigmoid_piles_activations_at_0_and_1():
    for a in run("normal", "sigmoid", sigma=1.0):
        s = init_experiment.saturation(a, "sigmoid")
        assert s["ends"] > 0.6                                 # within 0.05 of 0 or 1
        assert s["centre"] < 0.05
        assert s["std"] > 0.4


def test_sigma_001_sigmoid_piles_activations_at_one_half():
    for a in run("normal", "sigmoid", sigma=0.01):
        s = init_experiment.saturation(a, "sigmoid")
        assert s["centre"] > 0.9                               # within 0.05 of 0.5
        assert s["ends"] == 0
        assert s["std"] < 0.03


def test_xavier_sigmoid_keeps_activations_spread():
    for a in run("xavier", "sigmoid"):
        s = init_experiment.saturation(a, "sigmoid")
        assert s["ends"] < 0.01 and s["centre"] < 0.4
        assert s["std"] > 0.1
        assert np.mean((a > 0.2) & (a < 0.8)) > 0.6


def test_relu_he_keeps_the_spread_xavier_shrinks_it():
    he = [a.std() for a in run("he", "relu")]
    xavier = [a.std() for a in run("xavier", "relu")]
    assert 0.7 < he[-1] / he[0] < 1.5
    assert xavier[-1] / xavier[0] < 0.4


def test_experiment_histograms_equal_numpy():
    acts = run("normal", "sigmoid", sigma=1.0)
    h = init_experiment.experiment_histograms(acts, "sigmoid")
    assert h["range"] == (0.0, 1.0)
    for a, counts in zip(acts, h["counts"], strict=True):
        np.testing.assert_array_equal(counts, np.histogram(a, 30, range=(0, 1))[0])
    acts = run("he", "relu")
    h = init_experiment.experiment_histograms(acts, "relu")
    lo, hi = h["range"]
    assert lo == 0 and hi >= max(np.percentile(a[a > 0], 99.5) for a in acts)
    for a, counts, zeros in zip(acts, h["counts"], h["zero_fraction"], strict=True):
        np.testing.assert_array_equal(counts, np.histogram(a[a != 0], 30, range=(lo, hi))[0])
        assert zeros == pytest.approx(np.mean(a == 0))
    assert init_experiment.experiment_range("tanh") == (-1.0, 1.0)
