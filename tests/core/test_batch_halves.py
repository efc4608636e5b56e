"""core/batch_halves.py: with two threads a CNN's training step takes each half of the
batch through the network on a thread of its own; loss, scores and gradients must be
those of the whole batch on one thread."""
from __future__ import annotations

import threading

import numpy as np
import pytest

from core import batch_halves, threads
from core.network import Network
from tests.core.test_layers_gradcheck import assert_rows_pass, gradcheck

CNN = {"input_shape": [2, 9, 9], "loss": "softmax_cross_entropy",
       "layers": [{"type": "conv2d", "filters": 4, "kernel": 3, "padding": 1, "activation": "relu"},
                  {"type": "maxpool", "size": 2},
                  {"type": "conv2d", "filters": 5, "kernel": 3, "activation": "tanh"},
                  {"type": "flatten"},
                  {"type": "dense", "units": 7, "activation": "relu"},
                  {"type": "dense", "units": 4}]}


@pytest.fixture
def two_threads(monkeypatch):
    """Two threads, and halves from 16 samples on (the default threshold is a matter of
    speed; a gradient check needs a batch small enough to keep clear of ReLU's kinks)."""
    monkeypatch.setattr(batch_halves, "MIN_BATCH", 16)
    threads.set_threads(2)
    yield
    threads.set_threads(1)


def batch(n, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, 2, 9, 9)), rng.integers(0, 4, n)


def step(spec, x, y, dtype=np.float64, weight_decay=0.0):
    net = Network(spec, rng=np.random.default_rng(1), dtype=dtype)
    net.weight_decay = weight_decay
    loss = net.loss(x, y, training=True)
    net.backward()
    return net, loss, net.scores.copy(), net.flat_grads.copy()


@pytest.mark.parametrize("n", [16, 33, 128])
@pytest.mark.parametrize("weight_decay", [0.0, 0.01])
def test_halves_give_the_whole_batchs_loss_scores_and_gradients(two_threads, n, weight_decay):
    x, y = batch(n)
    threads.set_threads(1)
    _, want_loss, want_scores, want_grads = step(CNN, x, y, weight_decay=weight_decay)
    threads.set_threads(2)
    net, loss, scores, grads = step(CNN, x, y, weight_decay=weight_decay)
    assert net._halves.sizes == (n - n // 2, n // 2)         # the halves did the step
    assert loss == pytest.approx(want_loss, rel=1e-12)
    np.testing.assert_allclose(scores, want_scores, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(grads, want_grads, rtol=1e-10, atol=1e-12)


def test_the_second_half_runs_on_a_pool_thread_and_its_layers_share_the_parameters(two_threads):
    x, y = batch(32)
    net = Network(CNN, rng=np.random.default_rng(1), dtype=np.float64)
    seen = []
    twin_layer = None

    def spy(x, training=False):
        seen.append(threading.current_thread().name)
        return real(x, training)
    net.loss(x, y)                                  # makes the twin
    twin_layer = net._halves.twin.layers[0]
    real = twin_layer.forward
    twin_layer.forward = spy
    net.loss(x, y)
    assert seen and seen[0].startswith("numnet-split")
    for mine, theirs in zip(net.layers, net._halves.twin.layers, strict=True):
        for k in mine.params:
            assert np.shares_memory(mine.params[k], theirs.params[k])
            assert not np.shares_memory(mine.grads[k], theirs.grads[k])


def test_float32_steps_agree_with_one_thread(two_threads):
    x, y = batch(64, seed=5)
    threads.set_threads(1)
    _, want_loss, _, want_grads = step(CNN, x.astype(np.float32), y, np.float32)
    threads.set_threads(2)
    _, loss, _, grads = step(CNN, x.astype(np.float32), y, np.float32)
    assert loss == pytest.approx(want_loss, rel=1e-5)
    np.testing.assert_allclose(grads, want_grads, rtol=1e-3, atol=1e-5 * np.abs(want_grads).max())


def test_gradient_check_through_the_halves(two_threads):
    """Central differences of the whole batch's loss against the halves' gradients."""
    net, rows = gradcheck(CNN["layers"], CNN["input_shape"], n=16, n_classes=4)
    assert getattr(net, "_halves", None) is not None
    assert_rows_pass(rows)


@pytest.mark.parametrize("case", ["one thread", "small batch", "evaluation", "recorded", "mlp",
                                  "dropout", "batchnorm"])
def test_everything_else_takes_the_networks_own_path(two_threads, case):
    spec = dict(CNN, layers=list(CNN["layers"]))
    x, y = batch(32)
    if case == "one thread":
        threads.set_threads(1)
    elif case == "small batch":
        x, y = x[:batch_halves.MIN_BATCH - 1], y[:batch_halves.MIN_BATCH - 1]
    elif case == "mlp":
        spec = dict(CNN, input_shape=[162], layers=CNN["layers"][4:])
        x = x.reshape(len(x), -1)
    elif case == "dropout":
        spec["layers"].insert(4, {"type": "dropout", "rate": 0.5})
    elif case == "batchnorm":
        spec["layers"].insert(5, {"type": "batchnorm"})
    net = Network(spec, rng=np.random.default_rng(1), dtype=np.float64)
    record = [] if case == "recorded" else None
    net.loss(x, y, training=case != "evaluation", record=record)
    assert getattr(net, "_halves", None) is None
    net.backward(record)
    assert np.abs(net.flat_grads).max() > 0


def test_a_backward_after_another_loss_follows_that_loss(two_threads):
    """A halves loss, then a recorded (whole-batch) one: backward is the recorded one's."""
    x, y = batch(32)
    net = Network(CNN, rng=np.random.default_rng(1), dtype=np.float64)
    net.loss(x, y)
    record = []
    net.loss(x[:20], y[:20], record=record)
    assert not batch_halves.backward(net)
    threads.set_threads(1)
    _, _, _, want = step(CNN, x[:20], y[:20])
    threads.set_threads(2)
    net.backward(record)
    np.testing.assert_allclose(net.flat_grads, want, rtol=1e-10, atol=1e-12)


def test_pooling_takes_big_blocks_in_the_halves_only(two_threads):
    """Within the halves' passes every MaxPool2D (the network's and its twin's) works in
    ``POOL_BLOCK`` blocks; afterwards the network's own are back at their default."""
    x, y = batch(32)
    net = Network(CNN, rng=np.random.default_rng(1), dtype=np.float64)
    net.loss(x, y)
    net.backward()
    seen = []

    def spy(layer, run):
        def spied(*args):
            seen.append(layer.block)
            return run(*args)
        return spied
    for layer in net.layers + net._halves.twin.layers:
        if layer.kind == "maxpool":
            for kind in ("forward", "backward"):
                setattr(layer, kind, spy(layer, getattr(layer, kind)))
    net.loss(x, y)
    net.backward()
    assert seen == [batch_halves.POOL_BLOCK] * 4
    assert net.layers[1].block is None
    net.forward(x)                                  # evaluation: the layer's own blocks
    assert seen[-1] is None and len(seen) == 5
