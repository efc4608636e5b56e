"""Work split over threads (core/threads.py) and the layers' split paths.

With more than one thread Conv2D and MaxPool2D take other code paths: Conv2D
copies, multiplies and activates blocks of im2col columns on several threads
and sums its weight gradient from per-thread partial products; MaxPool2D does
each channel block on its own thread. These tests run those paths, with every
job made big enough to be split, against naive loops, against the one-thread
paths and through float64 gradient checks; and they check the pool's own
rules: parts cover the range exactly once, errors come back to the caller,
nested splits do not deadlock, and with one thread no thread is ever made.
"""
import subprocess
import sys
import threading

import numpy as np
import pytest

from core import threads
from core.layers import Conv2D, MaxPool2D
from tests.core.test_conv_pool_internals import (
    POOL_CASES,
    batch_innermost,
    conv_layer,
    naive_conv_backward,
    naive_maxpool_backward,
)
from tests.core.test_layers_gradcheck import (
    CONV_CASES,
    assert_rows_pass,
    gradcheck,
    naive_conv,
    naive_maxpool,
)


@pytest.fixture
def two_threads(monkeypatch):
    """Two threads, every job big enough to be split; back to one afterwards.
    Yields the names of the threads that ran each part of every split."""
    monkeypatch.setattr(threads, "MIN_WORK", 0)
    monkeypatch.setattr(threads, "MIN_PRODUCT", 0)
    ran_on: list[str] = []
    real_split = threads.split

    def logged_split(n, fn, work=None):
        def logged(part):
            ran_on.append(threading.current_thread().name)
            fn(part)
        real_split(n, logged, work)
    monkeypatch.setattr(threads, "split", logged_split)
    threads.set_threads(2)
    try:
        yield ran_on
    finally:
        threads.set_threads(1)


def on_pool(ran_on):
    return any(name.startswith("numnet-split") for name in ran_on)


# -- the pool ------------------------------------------------------------------------------

@pytest.mark.parametrize("n_threads", [2, 3])
@pytest.mark.parametrize("n", [1, 2, 3, 7, 100])
def test_split_covers_the_range_once_in_contiguous_parts(monkeypatch, n_threads, n):
    monkeypatch.setattr(threads, "MIN_WORK", 0)
    threads.set_threads(n_threads)
    try:
        parts, lock = [], threading.Lock()

        def fn(part):
            with lock:
                parts.append((part.start, part.stop, threading.current_thread().name))
        threads.split(n, fn)
    finally:
        threads.set_threads(1)
    spans = sorted((a, b) for a, b, _ in parts)
    assert len(spans) == min(n, n_threads)
    assert spans[0][0] == 0 and spans[-1][1] == n
    assert all(b == c for (_, b), (c, _) in zip(spans[:-1], spans[1:], strict=True))
    assert all(b > a for a, b in spans)
    names = {name for *_, name in parts}
    assert threading.current_thread().name in names
    if len(spans) > 1:
        assert any(name.startswith("numnet-split") for name in names)
    assert all(t.daemon for t in threads.worker_threads())


def test_split_runs_small_work_or_one_thread_on_the_calling_thread(monkeypatch):
    calls = []
    threads.split(10, lambda part: calls.append((part, threading.current_thread())))
    threads.set_threads(2)
    try:
        threads.split(10, lambda part: calls.append((part, threading.current_thread())),
                       work=threads.MIN_WORK - 1)
    finally:
        threads.set_threads(1)
    assert calls == [(slice(0, 10), threading.current_thread())] * 2


def test_alone_runs_splits_on_the_calling_thread_with_one_blas_thread():
    before = threads.get_blas_threads()
    calls = []
    threads.set_blas_threads(2)
    try:
        with threads.alone():
            threads.split(10, lambda part: calls.append((part, threading.current_thread())),
                           work=10 * threads.MIN_WORK)
            if before is not None:
                assert threads.get_blas_threads() == 1
        assert calls == [(slice(0, 10), threading.current_thread())]
        threads.split(10, lambda part: calls.append((part, threading.current_thread())),
                       work=10 * threads.MIN_WORK)
        assert len(calls) == 3                         # afterwards: split over two threads again
    finally:
        threads.set_blas_threads(before or 1)


@pytest.mark.parametrize("failing_part", [0, 1])
def test_split_reraises_a_part_error_after_every_part_is_done(monkeypatch, failing_part):
    monkeypatch.setattr(threads, "MIN_WORK", 0)
    threads.set_threads(2)
    try:
        done = []

        def fn(part):
            if part.start == [0, 5][failing_part]:
                raise ValueError("part failed")
            done.append(part)
        with pytest.raises(ValueError, match="part failed"):
            threads.split(10, fn)
        assert done == [slice(5, 10) if failing_part == 0 else slice(0, 5)]
        # the pool still works afterwards
        seen = []
        threads.split(10, seen.append)
        assert sorted(p.start for p in seen) == [0, 5]
    finally:
        threads.set_threads(1)


def test_a_split_inside_a_split_runs_on_its_own_thread(monkeypatch):
    """Not re-entrant: a part that splits again (on the caller's thread or on a
    worker) does all of the inner work itself, instead of waiting for the pool."""
    monkeypatch.setattr(threads, "MIN_WORK", 0)
    threads.set_threads(2)
    try:
        inner, lock = [], threading.Lock()

        def outer(part):
            def record(p):
                with lock:
                    inner.append((part.start, p, threading.current_thread().name))
            threads.split(4, record)
        threads.split(2, outer)
    finally:
        threads.set_threads(1)
    assert sorted((start, p) for start, p, _ in inner) == [(0, slice(0, 4)), (1, slice(0, 4))]
    names = {start: name for start, _, name in inner}
    assert names[0] == threading.current_thread().name
    assert names[1].startswith("numnet-split")


def test_set_blas_threads_sets_the_split_threads_too():
    try:
        threads.set_blas_threads(2)
        assert threads.get_threads() == 2
    finally:
        threads.set_blas_threads(1)
    assert threads.get_threads() == 1


def test_own_products_keeps_blas_to_one_thread_until_asked_for_its_threads():
    before = threads.get_blas_threads()
    if before is None:
        pytest.skip("no OpenBLAS to ask")
    try:
        threads.set_blas_threads(2)
        with threads.own_products(False):
            assert threads.get_blas_threads() == 2
        with threads.own_products():
            assert threads.get_blas_threads() == 1
            with threads.own_products():
                assert threads.get_blas_threads() == 1
            assert threads.get_blas_threads() == 1
        # kept at one between blocks (a BLAS call there must not wake OpenBLAS's threads)...
        assert threads.get_blas_threads() == 1
        with threads.own_products():
            assert threads.get_blas_threads() == 1
        # ...until a network that wants them asks, or the thread count is set again
        with threads.own_products(False):
            assert threads.get_blas_threads() == 2
        with threads.own_products():
            assert threads.get_blas_threads() == 1
        threads.set_blas_threads(2)
        assert threads.get_blas_threads() == 2
    finally:
        threads.set_blas_threads(before)


@pytest.mark.parametrize("m,k,n", [(64, 30, 20), (20, 30, 64), (6, 500, 5), (1, 3, 1)])
def test_matmul_split_matches_numpy(two_threads, m, k, n):
    rng = np.random.default_rng(1)
    a, b = rng.standard_normal((m, k)), rng.standard_normal((k, n))
    out = np.full((m, n), np.nan)
    with threads.own_products():
        got = threads.matmul(a, b)
        threads.matmul(a.T.copy().T, b, out=out)
    np.testing.assert_allclose(got, a @ b, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(out, a @ b, rtol=1e-12, atol=1e-12)
    if m * n > 1:
        assert on_pool(two_threads)


ONE_THREAD_SCRIPT = """
import threading
import numpy as np
from core import presets, threads
from core.network import Network
{setup}
net = Network.from_spec(presets.get("cnn"), rng=np.random.default_rng(0))
x = np.random.default_rng(1).random((64, 1, 28, 28), dtype=np.float32)
net.loss(x, np.arange(64) % 10)
net.backward()
net.predict(x)
names = [t.name for t in threading.enumerate()]
assert threads.worker_threads() == [] and not any(n.startswith("numnet-split") for n in names), names
print("no pool threads")
"""


@pytest.mark.parametrize("setup", ["", "threads.set_blas_threads(1)",
                                   "threads.set_blas_threads(2); threads.set_blas_threads(1)"])
def test_one_thread_makes_no_pool_threads(setup):
    """The app's case: a CNN trains and predicts with one thread, in a fresh interpreter."""
    result = subprocess.run([sys.executable, "-c", ONE_THREAD_SCRIPT.format(setup=setup)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "no pool threads"


# -- Conv2D ------------------------------------------------------------------------------------

CONV_SPLIT_CASES = CONV_CASES + [(3, 1, 2), (5, 2, 1), ([2, 3], 3, 0)]


@pytest.mark.parametrize("kernel,stride,padding", CONV_SPLIT_CASES)
@pytest.mark.parametrize("c,hw", [(1, (9, 7)), (3, (7, 6))])
def test_conv2d_split_matches_naive_loops(two_threads, kernel, stride, padding, c, hw):
    layer = conv_layer(kernel, stride, padding, c=c, hw=hw)
    rng = np.random.default_rng(7)
    x = rng.standard_normal((5,) + layer.in_shape)
    y = layer.forward(x, training=True)
    np.testing.assert_allclose(y, naive_conv(x, layer.params["W"], layer.params["b"], stride, padding),
                               rtol=1e-12, atol=1e-12)
    dz = rng.standard_normal(y.shape)
    dx = layer.backward(dz)
    want_dx, want_dW, want_db = naive_conv_backward(x, layer.params["W"], dz, stride, padding)
    np.testing.assert_allclose(dx, want_dx, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.grads["W"], want_dW, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.grads["b"], want_db, rtol=1e-12, atol=1e-12)
    assert on_pool(two_threads)


def run_conv(layer, x, dz):
    y = layer.forward(x, training=True)
    dx = layer.backward(dz)
    return y.copy(), None if dx is None else dx.copy(), layer.grads["W"].copy(), layer.grads["b"].copy()


@pytest.mark.parametrize("method,kernel,stride", [("im2col", 3, 2), ("fourier", 5, 1)])
@pytest.mark.parametrize("activation", ["relu", "sigmoid", None])
@pytest.mark.parametrize("need_dx", [True, False])
@pytest.mark.parametrize("dtype,tol", [(np.float64, 1e-12), (np.float32, 2e-5)])
def test_conv2d_split_matches_one_thread(monkeypatch, activation, need_dx, dtype, tol, method, kernel,
                                         stride):
    """Same values as the one-thread path, for im2col and the DFT path, with an activation
    folded into the parts (relu), applied after them (sigmoid) or none, and without dx for
    a first layer; batch-innermost input and a dz that is not (it came from Flatten)."""
    layer = conv_layer(kernel, stride, 1, c=3, hw=(11, 9), f=4, dtype=dtype)
    layer.method = method
    layer.act = Conv2D(1, activation=activation).act
    layer.need_dx = need_dx
    rng = np.random.default_rng(8)
    x = batch_innermost(rng.standard_normal((6,) + layer.in_shape).astype(dtype))
    dz = rng.standard_normal((6,) + layer.out_shape).astype(dtype)
    want = run_conv(layer, x, dz)
    monkeypatch.setattr(threads, "MIN_WORK", 0)
    threads.set_threads(2)
    try:
        got = run_conv(layer, x, dz)
        again = run_conv(layer, x, dz)          # scratch arrays and masks reused
    finally:
        threads.set_threads(1)
    for g, a, w in zip(got, again, want, strict=True):
        if w is None:
            assert g is None and a is None
            continue
        assert g.dtype == w.dtype == dtype
        np.testing.assert_allclose(g, w, rtol=tol, atol=tol)
        np.testing.assert_array_equal(a, g)


@pytest.mark.parametrize("kernel,stride,padding", [(3, 1, 0), (3, 2, 1), ([3, 2], 1, 1)])
def test_conv2d_gradient_check_with_two_threads(two_threads, kernel, stride, padding):
    _, rows = gradcheck([{"type": "conv2d", "filters": 2, "kernel": 3, "padding": 1, "activation": "tanh"},
                         {"type": "conv2d", "filters": 3, "kernel": kernel, "stride": stride,
                          "padding": padding, "activation": "relu"},
                         {"type": "flatten"}], [2, 7, 6], n=4)
    assert_rows_pass(rows)
    assert on_pool(two_threads)


# -- MaxPool2D ---------------------------------------------------------------------------------

@pytest.mark.parametrize("size,stride,h,w", POOL_CASES)
@pytest.mark.parametrize("values", ["distinct", "ties", "relu"])
def test_maxpool_split_matches_naive_loops_and_one_thread(monkeypatch, size, stride, h, w, values):
    """Per channel block, on its own thread: ties still go to the first maximum,
    overlapping windows still add up; and every value is exactly the one-thread one."""
    rng = np.random.default_rng(11)
    shape = (4, 3, h, w)
    x = {"distinct": rng.standard_normal(shape),
         "ties": rng.integers(0, 3, shape).astype(float),
         "relu": np.maximum(rng.standard_normal(shape) - 1.0, 0)}[values]
    dy_shape = (4, 3) + MaxPool2D(size, stride).build(shape[1:])[1:]
    dy = rng.standard_normal(dy_shape)
    layer = MaxPool2D(size=size, stride=stride)
    layer.build(shape[1:])
    want_y, want_dx = layer.forward(x, training=True).copy(), layer.backward(dy).copy()
    monkeypatch.setattr(threads, "MIN_WORK", 0)
    threads.set_threads(2)
    try:
        for xin in (x, batch_innermost(x)):
            y = layer.forward(xin, training=True)
            np.testing.assert_array_equal(y, naive_maxpool(x, size, stride))
            np.testing.assert_array_equal(y, want_y)
            dx = layer.backward(dy)
            np.testing.assert_allclose(dx, naive_maxpool_backward(x, dy, size, stride),
                                       rtol=1e-12, atol=1e-12)
            np.testing.assert_array_equal(dx, want_dx)
    finally:
        threads.set_threads(1)


@pytest.mark.parametrize("size,stride,hw", [(2, 2, 6), (3, 2, 7), (2, 1, 5)])
def test_maxpool_gradient_check_with_two_threads(two_threads, size, stride, hw):
    _, rows = gradcheck([{"type": "conv2d", "filters": 3, "kernel": 3, "padding": 1, "activation": "tanh"},
                         {"type": "maxpool", "size": size, "stride": stride},
                         {"type": "flatten"}], [2, hw, hw], n=4)
    assert_rows_pass(rows)
    assert on_pool(two_threads)


# -- a whole network ---------------------------------------------------------------------------

def test_cnn_training_steps_match_one_thread():
    """The CNN preset in float64, two training steps with Adam: one thread and two
    threads (default work thresholds) end with the same parameters up to rounding."""
    from core import presets
    from core.network import Network
    from core.optimizers import Adam

    rng = np.random.default_rng(3)
    batches = [(rng.random((40, 1, 28, 28)), rng.integers(0, 10, 40)) for _ in range(2)]
    results = []
    for n_threads in (1, 2):
        net = Network.from_spec(presets.get("cnn"), rng=np.random.default_rng(0), dtype=np.float64)
        opt = Adam(lr=1e-3)
        threads.set_threads(n_threads)
        try:
            losses = []
            for x, y in batches:
                losses.append(net.loss(x, y))
                net.backward()
                opt.update({"all": net.flat_params}, {"all": net.flat_grads})
        finally:
            threads.set_threads(1)
        results.append((losses, net.flat_params.copy()))
    np.testing.assert_allclose(results[1][0], results[0][0], rtol=1e-12)
    np.testing.assert_allclose(results[1][1], results[0][1], rtol=1e-9, atol=1e-12)
