"""The first dense layer's products over the nonzero input columns (core.sparse_input) give
what the plain dense path gives: bit for bit where every sum is exact, and the gradients
of PyTorch's autograd in float64; the test per batch picks the dense path for dense input."""
import numpy as np
import pytest

from core import Network, sparse_input
from core.layers import Dense


def _spec(n_in, units, act="relu"):
    return {"input_shape": [n_in], "loss": "softmax_cross_entropy",
            "layers": [{"type": "dense", "units": units, "activation": act},
                       {"type": "dense", "units": 10}]}


def _sparse_batch(rng, n, m, used, integers=False, dtype=np.float32):
    """(n, m) with only the columns ``used`` nonzero (each of them nonzero somewhere)."""
    x = np.zeros((n, m), dtype)
    values = rng.integers(-3, 4, (n, len(used))) if integers else rng.standard_normal((n, len(used)))
    values[0] = np.where(values[0] == 0, 1, values[0])
    x[:, used] = values
    return x


def _first_layer_both_ways(net, x, dy):
    """The first layer's output and gradients with the sparse path and with the dense path."""
    layer = net.layers[0]
    results = []
    for flops in (sparse_input.GATHER_FLOPS, float("inf")):    # inf: copying never pays
        sparse_input.GATHER_FLOPS = flops
        try:
            z = layer.forward(x, training=True).copy()
            took_sparse = layer._cols is not None
            layer.backward(dy)
        finally:
            sparse_input.GATHER_FLOPS = 150
        results.append((took_sparse, z, layer.grads["W"].copy(), layer.grads["b"].copy()))
    return results


def test_sparse_path_equals_the_dense_path_bit_for_bit_on_exact_sums():
    rng = np.random.default_rng(0)
    net = Network.from_spec(_spec(300, 64, act="identity"), rng=rng)
    net.parameters()["0.W"][...] = rng.integers(-4, 5, (300, 64))      # small integers: exact sums
    used = np.sort(rng.choice(300, 90, replace=False))
    x = _sparse_batch(rng, 128, 300, used, integers=True)
    dy = rng.integers(-3, 4, (128, 64)).astype(np.float32)
    (sparse, z, dw, db), (dense, z0, dw0, db0) = _first_layer_both_ways(net, x, dy)
    assert sparse and not dense
    np.testing.assert_array_equal(z, z0)
    np.testing.assert_array_equal(dw, dw0)
    np.testing.assert_array_equal(db, db0)
    unused = np.setdiff1d(np.arange(300), used)
    assert not dw[unused].any() and dw[used].any()           # rows of all-zero columns are exactly 0


def test_sparse_path_agrees_with_the_dense_path_on_mnist_like_floats():
    rng = np.random.default_rng(1)
    net = Network.from_spec(_spec(784, 256), rng=rng)
    frame = np.zeros((28, 28), bool)
    frame[5:23, 6:22] = True                                  # a digit in the middle of its frame
    x = _sparse_batch(rng, 64, 784, np.flatnonzero(frame.ravel()))
    x = np.abs(x) / 3
    dy = rng.standard_normal((64, 256)).astype(np.float32)
    (sparse, z, dw, db), (dense, z0, dw0, db0) = _first_layer_both_ways(net, x, dy)
    assert sparse and not dense
    np.testing.assert_allclose(z, z0, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(dw, dw0, rtol=1e-5, atol=1e-5)
    np.testing.assert_array_equal(db, db0)


def test_a_batch_of_zeros_gives_the_bias_and_zero_weight_gradients():
    net = Network.from_spec(_spec(200, 64), rng=np.random.default_rng(2))
    layer = net.layers[0]
    net.parameters()["0.b"][...] = np.linspace(0.1, 1, 64)
    z = layer.forward(np.zeros((64, 200), np.float32), training=True)
    assert layer._cols is not None and len(layer._cols) == 0
    np.testing.assert_array_equal(z, np.broadcast_to(np.linspace(0.1, 1, 64, dtype=np.float32), (64, 64)))
    net.gradients()["0.W"][...] = 7
    layer.backward(np.ones((64, 64), np.float32))
    assert not net.gradients()["0.W"].any()


@pytest.mark.parametrize("shape", [(128, 300), (128, 100)])
def test_dense_or_narrow_input_takes_the_dense_path(shape):
    rng = np.random.default_rng(3)
    x = rng.standard_normal(shape).astype(np.float32)
    x[:, ::2] = 0                                             # half the columns zero
    if shape[1] >= sparse_input.MIN_COLUMNS:
        assert sparse_input.nonzero_columns(x, 256) is not None
        assert sparse_input.nonzero_columns(rng.standard_normal(shape), 256) is None
        assert sparse_input.nonzero_columns(x, 8) is None     # too few units to pay
    else:
        assert sparse_input.nonzero_columns(x, 256) is None


def test_nan_and_negative_zero_count_as_used_columns():
    x = np.zeros((128, 200), np.float32)
    x[1, 3], x[2, 7], x[100, 11] = np.nan, -0.0, -2.0
    assert sparse_input.nonzero_columns(x, 256).tolist() == [3, 7, 11]


def test_only_a_layer_reading_the_network_input_tests_its_columns():
    net = Network.from_spec({"input_shape": [784], "loss": "softmax_cross_entropy",
                             "layers": [{"type": "dense", "units": 200, "activation": "relu"},
                                        {"type": "dense", "units": 200, "activation": "relu"},
                                        {"type": "dense", "units": 10}]},
                            rng=np.random.default_rng(4))
    x = np.zeros((128, 784), np.float32)
    x[:, 300:400] = 1
    net.layers[1].params["W"][...] = 0                        # layer 2 then sees all-zero input
    net.loss(x, np.arange(128) % 10)
    assert net.layers[0]._cols is not None
    assert net.layers[1]._cols is None and net.layers[2]._cols is None


def test_sparse_gradients_match_pytorch_autograd_in_float64():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(5)
    layer = Dense(200, "relu")
    layer.build((300,))
    layer.need_dx = False                                     # as the network's first layer
    layer.params = {"W": rng.standard_normal((300, 200)), "b": rng.standard_normal(200)}
    layer.grads = {"W": np.zeros((300, 200)), "b": np.zeros(200)}
    x = _sparse_batch(rng, 64, 300, np.sort(rng.choice(300, 60, replace=False)), dtype=np.float64)
    y = layer.forward(x, training=True).copy()
    assert layer._cols is not None
    dy = rng.standard_normal(y.shape)
    layer.backward(dy)
    w = torch.tensor(layer.params["W"], requires_grad=True)
    b = torch.tensor(layer.params["b"], requires_grad=True)
    yt = torch.relu(torch.from_numpy(x) @ w + b)
    (yt * torch.from_numpy(dy)).sum().backward()
    np.testing.assert_allclose(y, yt.detach().numpy(), rtol=1e-12, atol=1e-12)
    for ours, theirs in ((layer.grads["W"], w.grad), (layer.grads["b"], b.grad)):
        theirs = theirs.numpy()
        assert np.linalg.norm(ours - theirs) / np.linalg.norm(theirs) < 1e-12


def test_with_more_threads_the_products_must_save_more(monkeypatch):
    rng = np.random.default_rng(6)
    x = _sparse_batch(rng, 128, 784, np.arange(200, 620))
    assert sparse_input.nonzero_columns(x, 256) is not None
    monkeypatch.setattr(sparse_input.threads, "get_threads", lambda: 8)
    assert sparse_input.nonzero_columns(x, 256) is None       # the copies would not shrink with them


def test_after_a_dense_batch_the_layer_does_not_scan_again_for_a_while(monkeypatch):
    rng = np.random.default_rng(7)
    layer = Dense(256, "relu")
    layer.build((784,))
    layer.need_dx = False
    layer.params = {"W": np.zeros((784, 256), np.float32), "b": np.zeros(256, np.float32)}
    scans = []
    real = sparse_input.nonzero_columns
    monkeypatch.setattr(sparse_input, "nonzero_columns", lambda x, u: scans.append(len(x)) or real(x, u))
    dense = rng.standard_normal((128, 784)).astype(np.float32)
    sparse = _sparse_batch(rng, 128, 784, np.arange(300, 400))
    layer.forward(dense, training=True)
    assert scans == [128] and layer._cols is None
    for _ in range(sparse_input.RESCAN_EVERY - 1):            # sparse, but not looked at
        layer.forward(sparse, training=True)
        assert layer._cols is None
    assert len(scans) == 1
    layer.forward(sparse, training=True)                      # looked at again: the sparse path
    assert len(scans) == 2 and layer._cols is not None
    layer.forward(sparse, training=True)                      # which scans every batch
    assert len(scans) == 3 and layer._cols is not None
    layer.forward(dense, training=True)
    layer.forward(sparse[:64], training=True)                 # another batch size: scanned
    assert scans[-1] == 64 and layer._cols is not None
