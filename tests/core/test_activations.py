"""Activations: derivatives, forward/backward objects, numerical safety, softmax."""

import warnings

import numpy as np
import pytest

from core import activations
from core.activations import ELU, Activation, LeakyReLU, ReLU, Sigmoid, Step, Tanh, softmax

SMOOTH_OR_PIECEWISE = [Activation, Sigmoid, Tanh, ReLU, LeakyReLU, ELU]
KINKS = {ReLU: 0.0, LeakyReLU: 0.0, ELU: 0.0}


def sample_points(cls):
    """-5 … 5 in steps that never land on or next to a kink."""
    x = np.linspace(-5, 5, 401) + 0.0123
    if cls in KINKS:
        x = x[np.abs(x - KINKS[cls]) > 1e-3]
    return x


@pytest.mark.parametrize("cls", SMOOTH_OR_PIECEWISE, ids=lambda c: c.name)
def test_df_matches_numerical_derivative_of_f(cls):
    x = sample_points(cls)
    h = 1e-6
    numerical = (cls.f(x + h) - cls.f(x - h)) / (2 * h)
    np.testing.assert_allclose(cls.df(x), numerical, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("alpha", [0.01, 0.2])
def test_leaky_relu_f_and_df_with_alpha(alpha):
    x = np.array([-2.0, -0.5, 0.5, 3.0])
    np.testing.assert_allclose(LeakyReLU.f(x, alpha), [-2 * alpha, -0.5 * alpha, 0.5, 3.0])
    np.testing.assert_allclose(LeakyReLU.df(x, alpha), [alpha, alpha, 1, 1])
    act = LeakyReLU(alpha)
    np.testing.assert_allclose(act.forward(x), LeakyReLU.f(x, alpha))
    np.testing.assert_allclose(act.backward(np.ones(4)), LeakyReLU.df(x, alpha))


def test_known_values():
    x = np.array([-1.0, 0.0, 2.0])
    np.testing.assert_allclose(Sigmoid.f(x), 1 / (1 + np.exp(-x)))
    np.testing.assert_allclose(Sigmoid.df(0.0), 0.25)
    np.testing.assert_allclose(Tanh.f(x), np.tanh(x))
    np.testing.assert_allclose(ReLU.f(x), [0, 0, 2])
    np.testing.assert_allclose(ELU.f(x), [np.exp(-1) - 1, 0, 2])
    np.testing.assert_allclose(ELU.df(x), [np.exp(-1), 1, 1])
    np.testing.assert_allclose(Activation.f(x), x)
    np.testing.assert_allclose(Activation.df(x), 1)


@pytest.mark.parametrize("cls", SMOOTH_OR_PIECEWISE + [Step], ids=lambda c: c.name)
def test_f_and_df_accept_scalars(cls):
    assert np.isfinite(cls.f(0.3))
    assert np.isfinite(cls.df(0.3))
    np.testing.assert_allclose(cls.f(0.3), cls.f(np.array([0.3]))[0])
    np.testing.assert_allclose(cls.df(0.3), cls.df(np.array([0.3]))[0])


@pytest.mark.parametrize("cls", SMOOTH_OR_PIECEWISE + [Step], ids=lambda c: c.name)
def test_forward_backward_objects_agree_with_f_df(cls):
    rng = np.random.default_rng(0)
    z = rng.standard_normal((5, 7)) * 3
    da = rng.standard_normal((5, 7))
    act = cls()
    np.testing.assert_allclose(act.forward(z), cls.f(z), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(act.backward(da), da * cls.df(z), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("cls", SMOOTH_OR_PIECEWISE + [Step], ids=lambda c: c.name)
def test_forward_and_backward_do_not_mutate_their_inputs(cls):
    rng = np.random.default_rng(1)
    z = rng.standard_normal((4, 6))
    da = rng.standard_normal((4, 6))
    z0, da0 = z.copy(), da.copy()
    act = cls()
    act.forward(z)
    act.backward(da)
    np.testing.assert_array_equal(z, z0)
    np.testing.assert_array_equal(da, da0)


def test_relu_backward_returns_a_new_array_and_leaves_its_input_alone():
    act = ReLU()
    act.forward(np.array([[-1.0, 2.0, -3.0, 4.0]]))
    da = np.array([[10.0, 20.0, 30.0, 40.0]])
    dz = act.backward(da)
    np.testing.assert_array_equal(dz, [[0, 20, 0, 40]])
    np.testing.assert_array_equal(da, [[10, 20, 30, 40]])
    assert not np.shares_memory(dz, da)


def test_sigmoid_of_huge_float32_scores_is_warning_free_and_saturates():
    z = np.array([[1e4, -1e4, 0.0]], dtype=np.float32)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        act = Sigmoid()
        a = act.forward(z)
        da = act.backward(np.ones_like(z))
        f = Sigmoid.f(z)
        d = Sigmoid.df(z)
    assert a.dtype == np.float32
    assert a[0, 0] == 1.0
    assert 0.0 <= a[0, 1] < 1e-15
    assert a[0, 2] == 0.5
    assert np.all(np.isfinite(da)) and np.all(np.isfinite(d))
    np.testing.assert_allclose(f, [[1.0, 0.0, 0.5]], atol=1e-15)


@pytest.mark.parametrize("cls", [Tanh, ReLU, LeakyReLU, ELU], ids=lambda c: c.name)
def test_other_activations_of_huge_float32_scores_are_warning_free(cls):
    z = np.array([[1e4, -1e4, 3e38, -3e38]], dtype=np.float32)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        act = cls()
        a = act.forward(z)
        da = act.backward(np.ones_like(z))
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(da))


def test_softmax_rows_sum_to_one_and_match_the_definition():
    rng = np.random.default_rng(2)
    z = rng.standard_normal((6, 10)) * 4
    p = softmax(z)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(p, np.exp(z) / np.exp(z).sum(axis=1, keepdims=True), rtol=1e-12)
    assert np.all(p > 0)


def test_softmax_survives_huge_scores_without_warnings():
    z = np.array([[1e4, 0.0, -1e4], [1e4, 1e4, 1e4], [-1e4, -1e4 + 1.0, -1e4]])
    # exp(-2e4) underflowing to exactly 0 is the right answer (NumPy ignores underflow
    # by default); overflow, division by zero and NaN are what must not happen
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        p = softmax(z)
        p32 = softmax(z.astype(np.float32))
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(p[0], [1, 0, 0])
    np.testing.assert_allclose(p[1], [1 / 3, 1 / 3, 1 / 3])
    e = np.exp([0.0, 1.0, 0.0])
    np.testing.assert_allclose(p[2], e / e.sum())
    assert p32.dtype == np.float32
    np.testing.assert_allclose(p32.sum(axis=1), 1.0, rtol=1e-6)


def test_softmax_does_not_mutate_its_input():
    z = np.array([[1.0, 2.0, 3.0]])
    softmax(z)
    np.testing.assert_array_equal(z, [[1.0, 2.0, 3.0]])


def test_step_has_zero_derivative():
    z = np.array([[-1.0, 0.5, 2.0]])
    act = Step()
    np.testing.assert_array_equal(act.forward(z), [[0, 1, 1]])
    np.testing.assert_array_equal(act.backward(np.ones_like(z)), 0)


def test_get_by_name():
    for name in ("identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "step"):
        act = activations.get(name)
        assert act.name == name
        assert repr(act) == name
    assert activations.get(None).name == "identity"
    a, b = activations.get("relu"), activations.get("relu")
    assert a is not b                    # fresh objects: each layer caches its own mask


def test_get_rejects_unknown_names():
    with pytest.raises(ValueError, match="unknown activation 'swish'.*relu"):
        activations.get("swish")
