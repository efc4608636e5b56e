"""The optimizers' fast path: a big buffer updated in pieces (over threads), with the
BLAS-merged rules of core.fast_updates, gives the book's rule run on the whole buffer."""

import numpy as np
import pytest

from core import blas, fast_updates, optimizers, threads
from core.optimizers import OPTIMIZERS

N = 3 * optimizers.PIECE + 123          # four pieces of equal length, 64-byte aligned, the last shorter
HAS_BLAS = blas.routine(np.float32) is not None


def run(name, steps=12, dtype=np.float32, seed=0):
    """Parameters after ``steps`` updates of one big buffer with gradients drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    p = rng.standard_normal(N).astype(dtype)
    opt = optimizers.make(name)
    for _ in range(steps):
        g = (rng.standard_normal(N) * 0.1).astype(dtype)
        g[:100] = 0                          # some weights whose gradient stays zero
        opt.update({"all": p}, {"all": g})
    return p, opt


def book(name, monkeypatch, **kw):
    """The same run, every rule on the whole buffer at once, as the book writes it."""
    with monkeypatch.context() as m:
        m.setattr(optimizers, "PIECE", 10 * N)
        return run(name, **kw)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_pieces_agree_with_the_whole_buffer(name, monkeypatch):
    want, want_opt = book(name, monkeypatch)
    got, opt = run(name)
    # the fast rules rearrange the arithmetic (rounding differs), the others are exact
    np.testing.assert_allclose(got, want, rtol=2e-6, atol=2e-7)
    for key, slots in want_opt.state.items():
        for slot, a in slots.items():
            np.testing.assert_allclose(opt.state[key][slot], a, rtol=2e-5, atol=1e-5 * np.abs(a).max())


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_pieces_without_blas_are_exactly_the_book_rule(name, monkeypatch):
    want, _ = book(name, monkeypatch)
    monkeypatch.setattr(fast_updates, "available", lambda *arrays: False)
    got, _ = run(name)
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
def test_two_threads_give_the_same_numbers_as_one(name):
    one, _ = run(name)
    threads.set_threads(2)
    try:
        two, _ = run(name)
    finally:
        threads.set_threads(1)
    np.testing.assert_array_equal(two, one)


@pytest.mark.skipif(not HAS_BLAS, reason="NumPy's BLAS is not OpenBLAS")
@pytest.mark.parametrize("name, rule", [("sgd", "sgd"), ("momentum", "momentum"), ("adam", "adam"),
                                        ("nesterov", None), ("rmsprop", None)])
def test_the_fast_rule_is_the_one_that_runs(name, rule, monkeypatch):
    calls = []
    for fn in ("sgd", "momentum", "adam"):
        original = getattr(fast_updates, fn)
        monkeypatch.setattr(fast_updates, fn, lambda *a, _f=original, _n=fn, **k: (
            calls.append(_n), _f(*a, **k)))
    run(name, steps=1)
    assert set(calls) == ({rule} if rule else set())
    if rule:
        assert len(calls) == 4                  # one call per piece


@pytest.mark.skipif(not HAS_BLAS, reason="NumPy's BLAS is not OpenBLAS")
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_axpby_sets_y_to_ax_plus_by(dtype):
    rng = np.random.default_rng(1)
    x, y = rng.standard_normal(1000).astype(dtype), rng.standard_normal(1000).astype(dtype)
    want = 0.25 * x[10:900] + -1.5 * y[10:900]
    before = y.copy()
    step = np.dtype(dtype).itemsize
    blas.routine(dtype)(890, 0.25, blas.address(x) + 10 * step, 1, -1.5, blas.address(y) + 10 * step, 1)
    np.testing.assert_allclose(y[10:900], want, rtol=1e-6)
    np.testing.assert_array_equal(y[:10], before[:10])       # nothing outside the bounds
    np.testing.assert_array_equal(y[900:], before[900:])


def test_no_blas_routine_for_other_dtypes():
    assert blas.routine(np.int32) is None
    assert blas.routine(np.float16) is None
