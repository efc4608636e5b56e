"""core/process_halves.py: with two threads a CNN's training step may send the second half
of the batch to a helper process. Loss, scores and gradients must be those of the whole
batch on one thread; the helper must never outlive its network or its parent, nor leave
anything in /dev/shm; a helper that fails must leave the threads to do the work."""
from __future__ import annotations

import contextlib
import gc
import logging
import os
import select
import signal
import socket
import subprocess
import sys

import numpy as np
import pytest

from core import batch_halves, halves_block, optimizers, presets, process_halves, threads
from core.network import Network
from tests.core.test_batch_halves import CNN, batch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def two_threads(monkeypatch):
    """Two threads; halves from 16 samples on; the helper starts at the first step."""
    monkeypatch.setattr(batch_halves, "MIN_BATCH", 16)
    monkeypatch.setattr(process_halves, "START_AFTER", 0)
    monkeypatch.setattr(process_halves, "ENABLED", True)
    threads.set_threads(2)
    yield
    threads.set_threads(1)


def shm():
    return set(os.listdir("/dev/shm")) if os.path.isdir("/dev/shm") else set()


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def wait_gone(pid: int, timeout: float = 10.0) -> bool:
    """Wait (up to ``timeout`` s) for process ``pid`` to end: its pidfd becomes readable."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        select.select([fd], [], [], timeout)
    finally:
        os.close(fd)
    return not alive(pid)


def with_helper(spec, dtype, x, y):
    """A network whose helper is ready (its first step went through the threads)."""
    net = Network(spec, rng=np.random.default_rng(1), dtype=dtype)
    net.loss(x, y)
    net.backward()
    assert process_halves.wait_ready(net), "the helper did not start"
    return net


def one_thread_step(spec, dtype, x, y, weight_decay=0.0):
    threads.set_threads(1)
    try:
        net = Network(spec, rng=np.random.default_rng(1), dtype=dtype)
        net.weight_decay = weight_decay
        loss = net.loss(x, y)
        net.backward()
    finally:
        threads.set_threads(2)
    return loss, net.scores.copy(), net.flat_grads.copy()


def assert_step_matches(net, x, y, dtype, weight_decay=0.0):
    want_loss, want_scores, want_grads = one_thread_step(net.spec, dtype, x, y, weight_decay)
    net.weight_decay = weight_decay
    done = net._process_halves.done
    loss = net.loss(x, y)
    net.backward()
    assert net._process_halves.done == done + 1            # the helper did the second half
    tight = dtype == np.float64
    assert loss == pytest.approx(want_loss, rel=1e-12 if tight else 1e-5)
    np.testing.assert_allclose(net.scores, want_scores, rtol=1e-10 if tight else 1e-4,
                               atol=1e-12 if tight else 1e-5)
    np.testing.assert_allclose(net.flat_grads, want_grads, rtol=1e-9 if tight else 1e-3,
                               atol=(1e-12 if tight else 1e-5) * np.abs(want_grads).max())


@pytest.mark.parametrize("n", [32, 33])
def test_a_step_through_the_helper_equals_one_thread(two_threads, n):
    x, y = batch(n)
    net = with_helper(CNN, np.float64, x, y)
    try:
        assert_step_matches(net, x, y, np.float64)
        assert_step_matches(net, x, y, np.float64, weight_decay=0.01)
        x2, y2 = batch(n, seed=3)
        assert_step_matches(net, x2, y2, np.float64)
        assert net._process_halves.sizes == (n - n // 2, n // 2)
    finally:
        process_halves.close(net)


def test_the_cnn_preset_in_float32(two_threads):
    rng = np.random.default_rng(2)
    x, y = rng.random((128, 784), dtype=np.float32), rng.integers(0, 10, 128)
    net = with_helper(presets.get("cnn"), np.float32, x, y)
    try:
        assert_step_matches(net, x, y, np.float32)
    finally:
        process_halves.close(net)


def test_several_steps_of_training_match_one_thread(two_threads):
    batches = [batch(32, seed=s) for s in range(6)]

    def train(n_threads):
        threads.set_threads(n_threads)
        net = Network(CNN, rng=np.random.default_rng(1), dtype=np.float64)
        opt = optimizers.Adam(lr=1e-2)
        losses = []
        for i, (x, y) in enumerate(batches):
            losses.append(net.loss(x, y))
            net.backward()
            opt.update({"all": net.flat_params}, {"all": net.flat_grads})
            if i == 0 and n_threads == 2:
                assert process_halves.wait_ready(net)
        return net, losses
    want, want_losses = train(1)
    net, losses = train(2)
    try:
        assert net._process_halves.done == len(batches) - 1
        np.testing.assert_allclose(losses, want_losses, rtol=1e-10)
        np.testing.assert_allclose(net.flat_params, want.flat_params, rtol=1e-8, atol=1e-10)
    finally:
        process_halves.close(net)


def test_the_helper_ends_on_close_and_when_the_network_is_dropped(two_threads):
    before = shm()
    x, y = batch(32)
    net = with_helper(CNN, np.float64, x, y)
    pid = process_halves.helper_pid(net)
    assert alive(pid) and shm() == before
    process_halves.close(net)
    assert not alive(pid)
    net = with_helper(CNN, np.float64, x, y)      # a later step starts another one
    pid = process_halves.helper_pid(net)
    del net
    gc.collect()
    assert not alive(pid)
    assert shm() == before


PARENT = """
import os, sys, time
import numpy as np
from core import batch_halves, process_halves, threads
from core.network import Network
from tests.core.test_batch_halves import CNN, batch
batch_halves.MIN_BATCH = 16
process_halves.START_AFTER = 0
threads.set_threads(2)
net = Network(CNN, rng=np.random.default_rng(1), dtype=np.float64)
x, y = batch(32)
net.loss(x, y); net.backward()
assert process_halves.wait_ready(net)
net.loss(x, y)
print(process_halves.helper_pid(net), flush=True)
sys.stdin.read()                  # until it is killed
"""


def test_the_helper_ends_when_its_parent_is_killed():
    before = shm()
    env = dict(os.environ, PYTHONPATH=ROOT)
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=ROOT, env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        pid = int(parent.stdout.readline())
        assert alive(pid)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        parent.stdin.close()
        parent.stdout.close()
    assert wait_gone(pid)
    assert shm() == before


@pytest.mark.parametrize("when", ["between steps", "between loss and backward"])
def test_a_killed_helper_leaves_the_step_to_the_threads(two_threads, caplog, when):
    x, y = batch(32)
    net = with_helper(CNN, np.float64, x, y)
    pid = process_halves.helper_pid(net)
    want_loss, _, want_grads = one_thread_step(CNN, np.float64, x, y)
    with caplog.at_level(logging.WARNING, logger="core.process_halves"):
        if when == "between loss and backward":
            net.loss(x, y)
        os.kill(pid, signal.SIGKILL)
        assert wait_gone(pid)
        if when == "between loss and backward":     # as if it had died before its gradients
            with contextlib.suppress(BlockingIOError):
                net._process_halves.helper.sock.recv(64, socket.MSG_DONTWAIT)
        if when == "between steps":
            loss = net.loss(x, y)
            assert loss == pytest.approx(want_loss, rel=1e-12)
        net.backward()
    np.testing.assert_allclose(net.flat_grads, want_grads, rtol=1e-9, atol=1e-12)
    messages = [r.getMessage() for r in caplog.records if r.name == "core.process_halves"]
    assert len(messages) == 1 and "helper process" in messages[0]
    assert process_halves.helper_pid(net) is None
    done = net._process_halves.done
    for _ in range(2):                          # later steps: the threads, no new helper
        net.loss(x, y)
        net.backward()
    assert net._process_halves.done == done and process_halves.helper_pid(net) is None


def test_a_helper_that_cannot_start_leaves_the_steps_to_the_threads(two_threads, caplog, monkeypatch):
    monkeypatch.setattr(sys, "executable", os.path.join(ROOT, "no-such-python"))
    x, y = batch(32)
    want_loss, _, want_grads = one_thread_step(CNN, np.float64, x, y)
    net = Network(CNN, rng=np.random.default_rng(1), dtype=np.float64)
    with caplog.at_level(logging.WARNING, logger="core.process_halves"):
        for _ in range(3):
            loss = net.loss(x, y)
            net.backward()
    assert loss == pytest.approx(want_loss, rel=1e-12)
    np.testing.assert_allclose(net.flat_grads, want_grads, rtol=1e-9, atol=1e-12)
    messages = [r.getMessage() for r in caplog.records if r.name == "core.process_halves"]
    assert len(messages) == 1 and "cannot start" in messages[0]
    assert net._process_halves.failed and net._process_halves.done == 0


MLP = dict(CNN, input_shape=[162], layers=CNN["layers"][4:])


def test_dense_networks_only_for_enough_samples_times_layers(two_threads, monkeypatch):
    x, y = batch(32)
    x = x.reshape(len(x), -1)
    layers = sum(1 for layer in Network(MLP).layers if layer.kind == "dense")
    assert layers == 2
    for dense, least in ((True, 32 * layers + 1), (False, 0)):   # too few; not at all
        monkeypatch.setattr(process_halves, "DENSE", dense)
        monkeypatch.setattr(process_halves, "DENSE_MIN", least)
        net = Network(MLP, rng=np.random.default_rng(1), dtype=np.float64)
        for _ in range(3):
            net.loss(x, y)
            net.backward()
        assert process_halves.helper_pid(net) is None and getattr(net, "_halves", None) is None
        assert not net._own_products                     # OpenBLAS's threads do the products
    monkeypatch.setattr(process_halves, "DENSE", True)
    monkeypatch.setattr(process_halves, "DENSE_MIN", 32 * layers)
    net = with_helper(MLP, np.float64, x, y)
    try:
        assert getattr(net, "_halves", None) is None     # no thread halves while it started
        assert_step_matches(net, x, y, np.float64)
        assert net._own_products                         # BLAS kept on one thread meanwhile
        x2, y2 = x[:31], y[:31]                          # a smaller batch: OpenBLAS's threads
        done = net._process_halves.done
        loss = net.loss(x2, y2)
        net.backward()
        assert net._process_halves.done == done and not net._own_products
        assert loss == pytest.approx(one_thread_step(MLP, np.float64, x2, y2)[0], rel=1e-12)
    finally:
        process_halves.close(net)


def test_no_helper_with_one_thread_or_small_batches(two_threads, monkeypatch):
    x, y = batch(32)
    threads.set_threads(1)
    net = Network(CNN, rng=np.random.default_rng(1), dtype=np.float64)
    for _ in range(3):
        net.loss(x, y)
        net.backward()
    assert getattr(net, "_process_halves", None) is None
    threads.set_threads(2)
    monkeypatch.setattr(batch_halves, "MIN_BATCH", 64)
    for _ in range(3):
        net.loss(x, y)
        net.backward()
    assert getattr(net, "_process_halves", None) is None


def test_poll_waits_busy_for_a_bounded_time_only():
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    with a, b:
        assert halves_block.poll(a, 0.0) is None and halves_block.poll(a, 0.01) is None
        halves_block.send(b, b"F", 3, 0.5)
        assert halves_block.unpack(halves_block.poll(a, 1.0)) == (b"F", 3, 0.5)
        assert halves_block.poll(a, 0.0) is None            # each message once
        b.close()
        assert halves_block.poll(a, 1.0) == b""              # the other end closed


def test_an_idle_helper_blocks_instead_of_spinning(monkeypatch):
    # the helper's loop in this process: after a step it waits busy for at most spin_s, then
    # blocks in select (an idle helper uses no CPU), and still answers the next step
    import threading

    from core import halves_helper
    net = Network(CNN, rng=np.random.default_rng(1), dtype=np.float64)
    capacity, per_sample = 16, int(np.prod(net.input_shape))
    _, size = halves_block.layout(net.n_params, capacity, per_sample, net.n_classes, net.dtype)
    fd, buf = halves_block.create(size)
    os.close(fd)
    config = {"spec": net.spec, "dtype": "float64", "n_params": net.n_params, "capacity": capacity,
              "per_sample": per_sample, "n_classes": net.n_classes,
              "layers": [{"need_dx": layer.need_dx, "method": None} for layer in net.layers]}
    twin, block = halves_helper.build_twin(config, buf)
    block.params[:] = net.flat_params
    x, y = batch(8)
    block.x[:8] = x.reshape(8, -1)
    block.y[:8] = y
    blocked = threading.Event()
    real_select = halves_helper.select.select

    def select(*args):
        blocked.set()
        return real_select(*args)

    monkeypatch.setattr(halves_helper.select, "select", select)
    parent, helper = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    loop = threading.Thread(target=halves_helper.serve, args=(helper, twin, block, os.getppid(), 0.05))
    loop.start()
    try:
        for _ in range(2):
            assert blocked.wait(10)                     # before a step and after its busy wait
            blocked.clear()
            halves_block.send(parent, b"S", 8)
            parent.settimeout(10)
            cmd, n, loss = halves_block.unpack(parent.recv(64))
            assert (cmd, n) == (b"F", 8) and np.isfinite(loss)
            assert halves_block.unpack(parent.recv(64))[0] == b"G"
            assert np.abs(block.grads).max() > 0
        assert blocked.wait(10)                         # idle again: blocked, not spinning
    finally:
        halves_block.send(parent, b"Q")
        loop.join(10)
        parent.close()
        helper.close()
    assert not loop.is_alive()
