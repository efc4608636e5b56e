"""Toy data: one definition of each set, shared by the CLI and the app; gates; regression data."""
import numpy as np
import pytest

from core import cli, data, toy_data


def test_data_module_re_exports_the_one_definition():
    assert data.make_toy is toy_data.make_toy
    assert data.TOY_SETS is toy_data.TOY_SETS
    assert set(toy_data.TOY_LABELS) == set(toy_data.TOY_SETS)


@pytest.mark.parametrize("name", toy_data.TOY_SETS)
def test_cli_loads_the_shared_default_set(name):
    a = cli.load_dataset(name, seed=7)
    b = toy_data.load(name, seed=7)
    assert len(a.y_train) + len(a.y_test) == toy_data.DEFAULT_N
    for split in ("x_train", "y_train", "x_test", "y_test"):
        np.testing.assert_array_equal(getattr(a, split), getattr(b, split))
    assert not np.array_equal(a.x_train, toy_data.load(name, seed=8).x_train)


def test_load_passes_noise_size_and_ratio():
    ds = toy_data.load("circle", seed=1, n=200, noise=0.0, test_fraction=0.5)
    assert len(ds.y_train) == 100 and len(ds.y_test) == 100
    r = np.hypot(*ds.x_train.T)
    assert r[ds.y_train == 1].max() <= 0.5 + 1e-6       # no noise: the classes keep their radii
    noisy = toy_data.load("circle", seed=1, n=200, noise=0.8, test_fraction=0.5)
    r = np.hypot(*noisy.x_train.T)
    assert r[noisy.y_train == 1].max() > 0.6


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"n": 10 ** 6}, "at most"), ({"n": True}, "n >= 4"), ({"noise": 2}, "noise"),
    ({"test_fraction": -0.1}, "test_fraction"),
])
def test_load_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        toy_data.load("moons", **kwargs)


@pytest.mark.parametrize("name", toy_data.GATES)
def test_gates_are_truth_tables(name):
    ds = toy_data.make_gate(name)
    x, y = ds.gather("train", np.arange(4))
    logic = {"and": np.logical_and, "nand": lambda a, b: ~np.logical_and(a, b),
             "or": np.logical_or, "xor": np.logical_xor}[name]
    np.testing.assert_array_equal(y, logic(x[:, 0] > 0, x[:, 1] > 0).astype(np.int64))
    np.testing.assert_array_equal(ds.x_test, ds.x_train)
    assert ds.input_shape == (2,) and ds.n_classes == 2


def test_unknown_gate_lists_the_valid_ones():
    with pytest.raises(ValueError, match="and, nand, or, xor"):
        toy_data.make_gate("nor")


@pytest.mark.parametrize("name", toy_data.FUNCTIONS)
def test_functions_are_f_plus_noise(name):
    d = toy_data.make_function(name, n=400, noise=0.2, rng=np.random.default_rng(0))
    assert d.x_train.shape == (320, 1) and d.y_test.shape == (80, 1)
    assert d.x_train.dtype == np.float32 and d.y_train.dtype == np.float32
    assert np.abs(d.x_train).max() <= 1
    resid = np.concatenate([d.y_train - d.clean(d.x_train), d.y_test - d.clean(d.x_test)])
    assert abs(resid.mean()) < 0.05                               # noise has mean 0 …
    assert resid.var() == pytest.approx(d.noise_variance, rel=0.25)   # … and variance σ²
    clean = toy_data.make_function(name, n=50, noise=0.0, rng=np.random.default_rng(1))
    np.testing.assert_allclose(clean.y_train, clean.clean(clean.x_train), atol=1e-6)


def test_function_values():
    d = toy_data.make_function("sin", n=10, noise=0.0)
    np.testing.assert_allclose(d.clean(np.array([0.5, -0.5, 0.0])), [1.0, -1.0, 0.0], atol=1e-12)
    with pytest.raises(ValueError, match="sin, abs, step, poly"):
        toy_data.make_function("cos")
    with pytest.raises(ValueError, match="4 to"):
        toy_data.make_function("sin", n=2)
