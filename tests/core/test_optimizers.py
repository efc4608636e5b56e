"""Optimizers: the first two steps by hand, in-place updates, dtype, state, validation.

Acceptance: each optimizer's first two steps on a small problem equal
hand-computed values; arrays keep their identity (updated in place).

Every case starts from p = (1, −2) and applies g1 = (0.5, −0.25), then
g2 = (−0.3, 0.8), with the rules of "Deep Learning from Scratch"
(common/optimizer.py). The expected values are written out per element.
"""

from math import sqrt

import numpy as np
import pytest

from core import optimizers
from core.optimizers import SGD, AdaGrad, Adam, Momentum, Nesterov, RMSProp

P0 = (1.0, -2.0)
G1 = (0.5, -0.25)
G2 = (-0.3, 0.8)


def two_steps(opt):
    p = np.array(P0)
    params = {"w": p}
    opt.update(params, {"w": np.array(G1)})
    assert params["w"] is p
    after1 = p.copy()
    opt.update(params, {"w": np.array(G2)})
    assert params["w"] is p
    return p, after1


def test_sgd():
    # p ← p − lr·g, lr = 0.1
    p, p1 = two_steps(SGD(lr=0.1))
    np.testing.assert_allclose(p1, [0.95, -1.975], rtol=1e-14)       # 1 − 0.05, −2 + 0.025
    np.testing.assert_allclose(p, [0.98, -2.055], rtol=1e-14)        # 0.95 + 0.03, −1.975 − 0.08


def test_momentum():
    # v ← 0.9·v − lr·g; p ← p + v, lr = 0.1
    p, p1 = two_steps(Momentum(lr=0.1, momentum=0.9))
    # v1 = (−0.05, 0.025)
    np.testing.assert_allclose(p1, [0.95, -1.975], rtol=1e-14)
    # v2 = (0.9·−0.05 − 0.1·−0.3, 0.9·0.025 − 0.1·0.8) = (−0.015, −0.0575)
    np.testing.assert_allclose(p, [0.935, -2.0325], rtol=1e-14)


def test_momentum_default_is_point_nine():
    assert Momentum(lr=0.1).momentum == 0.9


def test_nesterov():
    # v ← m·v − lr·g; p ← p + m²·v − (1 + m)·lr·g, m = 0.9, lr = 0.1
    p, p1 = two_steps(Nesterov(lr=0.1, momentum=0.9))
    # v1 = (−0.05, 0.025); p1 = (1 + 0.81·−0.05 − 0.19·0.5, −2 + 0.81·0.025 − 0.19·−0.25)
    np.testing.assert_allclose(p1, [0.8645, -1.93225], rtol=1e-14)
    # v2 = (−0.015, −0.0575); p2 = (0.8645 + 0.81·−0.015 − 0.19·−0.3, −1.93225 + 0.81·−0.0575 − 0.19·0.8)
    np.testing.assert_allclose(p, [0.90935, -2.130825], rtol=1e-14)


def test_adagrad():
    # h ← h + g²; p ← p − lr·g / (√h + 1e-7), lr = 0.1
    p, p1 = two_steps(AdaGrad(lr=0.1))
    h1 = (0.25, 0.0625)
    e1 = (1.0 - 0.1 * 0.5 / (sqrt(h1[0]) + 1e-7), -2.0 - 0.1 * -0.25 / (sqrt(h1[1]) + 1e-7))
    np.testing.assert_allclose(p1, e1, rtol=1e-14)
    np.testing.assert_allclose(p1, [0.90000002, -1.90000004], rtol=1e-12)   # lr·g/|g| nearly
    h2 = (0.25 + 0.09, 0.0625 + 0.64)
    e2 = (e1[0] - 0.1 * -0.3 / (sqrt(h2[0]) + 1e-7), e1[1] - 0.1 * 0.8 / (sqrt(h2[1]) + 1e-7))
    np.testing.assert_allclose(p, e2, rtol=1e-14)


def test_rmsprop():
    # h ← 0.99·h + 0.01·g²; p ← p − lr·g / (√h + 1e-7), lr = 0.1
    opt = RMSProp(lr=0.1)
    assert opt.decay_rate == 0.99
    p, p1 = two_steps(opt)
    h1 = (0.01 * 0.25, 0.01 * 0.0625)                 # (0.0025, 0.000625)
    e1 = (1.0 - 0.1 * 0.5 / (sqrt(h1[0]) + 1e-7), -2.0 - 0.1 * -0.25 / (sqrt(h1[1]) + 1e-7))
    np.testing.assert_allclose(p1, e1, rtol=1e-12, atol=1e-14)   # p1[0] ≈ 2e-6: absolute rounding
    np.testing.assert_allclose(p1, [0.000002, -1.000004], atol=1e-10)     # a step of lr/√0.01 = 1
    h2 = (0.99 * 0.0025 + 0.01 * 0.09, 0.99 * 0.000625 + 0.01 * 0.64)      # (0.003375, 0.00701875)
    e2 = (e1[0] - 0.1 * -0.3 / (sqrt(h2[0]) + 1e-7), e1[1] - 0.1 * 0.8 / (sqrt(h2[1]) + 1e-7))
    np.testing.assert_allclose(p, e2, rtol=1e-12, atol=1e-14)


def test_adam():
    # lr_t = lr·√(1 − β2ᵗ)/(1 − β1ᵗ); m += (1 − β1)(g − m); v += (1 − β2)(g² − v);
    # p −= lr_t·m/(√v + 1e-7); lr = 0.1, β1 = 0.9, β2 = 0.999
    p, p1 = two_steps(Adam(lr=0.1))
    lr1 = 0.1 * sqrt(1 - 0.999) / (1 - 0.9)
    m1 = (0.1 * 0.5, 0.1 * -0.25)                     # (0.05, −0.025)
    v1 = (0.001 * 0.25, 0.001 * 0.0625)               # (0.00025, 0.0000625)
    e1 = (1.0 - lr1 * m1[0] / (sqrt(v1[0]) + 1e-7), -2.0 - lr1 * m1[1] / (sqrt(v1[1]) + 1e-7))
    np.testing.assert_allclose(p1, e1, rtol=1e-14)
    np.testing.assert_allclose(p1, [0.9, -1.9], rtol=1e-5)   # Adam's first step is ≈ lr·sign(g)
    lr2 = 0.1 * sqrt(1 - 0.999 ** 2) / (1 - 0.9 ** 2)
    m2 = (0.05 + 0.1 * (-0.3 - 0.05), -0.025 + 0.1 * (0.8 - -0.025))          # (0.015, 0.0575)
    v2 = (0.00025 + 0.001 * (0.09 - 0.00025), 0.0000625 + 0.001 * (0.64 - 0.0000625))
    e2 = (e1[0] - lr2 * m2[0] / (sqrt(v2[0]) + 1e-7), e1[1] - lr2 * m2[1] / (sqrt(v2[1]) + 1e-7))
    np.testing.assert_allclose(p, e2, rtol=1e-14)


ALL = [SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam]


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.name)
def test_updates_in_place_keep_identity(cls):
    p = np.array(P0)
    q = np.zeros((2, 3))
    params = {"w": p, "q": q}
    ids = {k: id(v) for k, v in params.items()}
    opt = cls(lr=0.1)
    for _ in range(3):
        opt.update(params, {"w": np.array(G1), "q": np.ones((2, 3))})
    assert {k: id(v) for k, v in params.items()} == ids
    assert params["w"] is p and params["q"] is q
    assert not np.allclose(p, P0)
    assert np.all(q < 0)                               # every entry moved against the gradient


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.name)
def test_updates_a_view_into_a_shared_buffer(cls):
    flat = np.zeros(5)
    params = {"a": flat[:2], "b": flat[2:].reshape(3, 1)}
    opt = cls(lr=0.1)
    opt.update(params, {"a": np.ones(2), "b": np.ones((3, 1))})
    assert np.all(flat < 0)                            # the updates landed in the buffer


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.name)
def test_float32_parameters_stay_float32(cls):
    p = np.array(P0, dtype=np.float32)
    params = {"w": p}
    opt = cls(lr=0.1)
    opt.update(params, {"w": np.array(G1, dtype=np.float32)})
    opt.update(params, {"w": np.array(G2, dtype=np.float32)})
    assert params["w"] is p and p.dtype == np.float32
    for state in opt.state.values():
        for a in state.values():
            assert a.dtype == np.float32
    p64 = np.array(P0)
    opt64 = cls(lr=0.1)
    opt64.update({"w": p64}, {"w": np.array(G1)})
    opt64.update({"w": p64}, {"w": np.array(G2)})
    np.testing.assert_allclose(p, p64, rtol=1e-5)


@pytest.mark.parametrize("cls", [Momentum, Nesterov, AdaGrad, RMSProp, Adam], ids=lambda c: c.name)
def test_state_is_kept_per_parameter_name(cls):
    opt = cls(lr=0.1)
    a, b = np.array(P0), np.array(P0)
    for _ in range(3):
        opt.update({"a": a, "b": b}, {"a": np.array(G1), "b": np.array(G2)})
    assert set(opt.state) == {"a", "b"}
    for slot in opt.state["a"]:
        assert not np.shares_memory(opt.state["a"][slot], opt.state["b"][slot])
    # the same as two separate optimizers, one per parameter
    alone_a, alone_b = np.array(P0), np.array(P0)
    opt_a, opt_b = cls(lr=0.1), cls(lr=0.1)
    for _ in range(3):
        opt_a.update({"a": alone_a}, {"a": np.array(G1)})
        opt_b.update({"b": alone_b}, {"b": np.array(G2)})
    np.testing.assert_allclose(a, alone_a, rtol=1e-14)
    np.testing.assert_allclose(b, alone_b, rtol=1e-14)


def test_flush_subnormals_zeroes_tiny_state_only():
    opt = Momentum(lr=0.1)
    p = np.zeros(4, dtype=np.float32)
    opt.update({"w": p}, {"w": np.ones(4, dtype=np.float32)})
    v = opt.state["w"]["v"]
    v[...] = np.array([1e-40, -1e-35, 1e-20, -0.5], dtype=np.float32)
    assert 0 < abs(v[0]) < np.finfo(np.float32).tiny               # a genuine float32 subnormal
    opt.flush_subnormals()
    assert opt.state["w"]["v"] is v
    np.testing.assert_array_equal(v, np.array([0, 0, 1e-20, -0.5], dtype=np.float32))


def test_update_flushes_state_every_flush_every_steps():
    opt = Momentum(lr=0.1)
    p = np.zeros(2, dtype=np.float32)
    params, zero = {"w": p}, {"w": np.zeros(2, dtype=np.float32)}
    opt.update(params, zero)
    v = opt.state["w"]["v"]
    v[...] = np.array([1e-36, 1.0], dtype=np.float32)
    while opt.t < opt.flush_every - 1:
        opt.update(params, zero)
    assert v[0] != 0                                     # decayed into the subnormals, not yet flushed
    opt.update(params, zero)
    assert opt.t == opt.flush_every
    assert v[0] == 0 and v[1] != 0


def test_make_builds_by_name_with_defaults_and_settings():
    assert isinstance(optimizers.make("sgd"), SGD)
    adam = optimizers.make("adam", lr=0.01, beta1=0.8)
    assert isinstance(adam, Adam) and adam.lr == 0.01 and adam.beta1 == 0.8
    for name, cls in optimizers.OPTIMIZERS.items():
        opt = optimizers.make(name)
        assert type(opt) is cls and opt.lr == cls.default_lr


def test_make_rejects_unknown_names():
    with pytest.raises(ValueError, match="unknown optimizer 'adamw'.*adam"):
        optimizers.make("adamw")


@pytest.mark.parametrize("lr,problem", [
    (0, "positive finite number, got 0"), (-0.1, "positive finite number, got -0.1"),
    (float("nan"), "positive finite number, got nan"), (float("inf"), "positive finite number, got inf"),
    (-float("inf"), "positive finite number, got -inf"), (1e9, "1e+09 is absurdly large"),
    ("fast", "must be a number, got 'fast'"),
])
def test_make_rejects_bad_learning_rates(lr, problem):
    with pytest.raises(ValueError, match="learning rate") as info:
        optimizers.make("sgd", lr=lr)
    assert problem in str(info.value)


def test_make_accepts_sensible_learning_rates():
    assert optimizers.make("sgd", lr=None).lr == optimizers.SGD.default_lr
    assert optimizers.make("adam", lr=1e-5).lr == 1e-5
    assert optimizers.make("sgd", lr="0.5").lr == 0.5      # a number typed into a text field
    assert optimizers.make("sgd", lr=1e6).lr == 1e6         # the documented limit is inclusive


def test_repr_and_hyperparameters():
    assert repr(Adam(lr=0.001)) == "Adam(lr=0.001, beta1=0.9, beta2=0.999)"
    assert RMSProp(lr=0.01).hyperparameters() == {"lr": 0.01, "decay_rate": 0.99}
