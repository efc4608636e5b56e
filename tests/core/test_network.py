"""Network: names and shapes, the flat buffers, snapshots, inputs, weight decay, training."""

import numpy as np
import pytest

from core import Network, presets
from core.optimizers import Adam

SMALL_CNN = {
    "input_shape": [1, 8, 8],
    "layers": [{"type": "conv2d", "filters": 3, "kernel": 3, "activation": "relu"},
               {"type": "batchnorm"},
               {"type": "maxpool", "size": 2},
               {"type": "dropout", "rate": 0.2},
               {"type": "flatten"},
               {"type": "dense", "units": 5, "activation": "tanh"},
               {"type": "dense", "units": 4}],
}


def net_of(spec, seed=0, **kw):
    return Network.from_spec(spec, rng=np.random.default_rng(seed), **kw)


@pytest.fixture
def mlp():
    return net_of(presets.get("mlp"))


@pytest.fixture
def cnn():
    return net_of(SMALL_CNN)


def test_parameter_names_and_shapes(cnn):
    shapes = {k: v.shape for k, v in cnn.parameters().items()}
    assert shapes == {
        "0.W": (3, 1, 3, 3), "0.b": (3,),                  # Conv W: (filters, channels, kh, kw)
        "1.gamma": (3,), "1.beta": (3,),
        "5.W": (27, 5), "5.b": (5,),                       # Dense W: (n_in, n_out); 3×3×3 after the pool
        "6.W": (5, 4), "6.b": (4,),
    }
    assert list(cnn.gradients()) == list(cnn.parameters())
    assert set(cnn.buffers()) == {"1.running_mean", "1.running_var"}
    assert cnn.n_params == sum(v.size for v in cnn.parameters().values()) == 27 + 3 + 3 + 3 + 135 + 5 + 20 + 4


def test_mlp_names_shapes_and_count(mlp):
    assert list(mlp.parameters()) == ["0.W", "0.b", "1.W", "1.b"]
    assert mlp.parameters()["0.W"].shape == (784, 100)
    assert mlp.parameters()["1.W"].shape == (100, 10)
    assert mlp.n_params == 79510
    assert mlp.flat_params.dtype == np.float32
    assert mlp.n_classes == 10


def test_parameters_are_views_of_the_flat_buffers(cnn):
    params, grads = cnn.parameters(), cnn.gradients()
    total = 0
    for name in params:
        assert np.shares_memory(params[name], cnn.flat_params), name
        assert np.shares_memory(grads[name], cnn.flat_grads), name
        assert not np.shares_memory(params[name], cnn.flat_grads), name
        total += params[name].size
    assert total == cnn.flat_params.size
    cnn.flat_params[...] = 7
    assert all(np.all(p == 7) for p in params.values())


def test_layers_see_the_same_arrays_as_the_network(cnn):
    assert cnn.layers[0].params["W"] is cnn.parameters()["0.W"]
    assert cnn.layers[5].grads["b"] is cnn.gradients()["5.b"]


def test_backward_writes_into_the_flat_gradient_buffer(cnn):
    x = np.random.default_rng(1).standard_normal((6, 1, 8, 8)).astype(np.float32)
    y = np.array([0, 1, 2, 3, 0, 1])
    cnn.loss(x, y)
    grads = cnn.backward()
    assert grads is cnn.gradients()
    assert np.abs(cnn.flat_grads).sum() > 0
    for name, g in grads.items():
        assert np.shares_memory(g, cnn.flat_grads), name


def test_initialisation_scales(mlp):
    w0 = mlp.parameters()["0.W"]
    assert abs(w0.std() - np.sqrt(2 / 784)) < 0.05 * np.sqrt(2 / 784)      # He for ReLU
    w1 = mlp.parameters()["1.W"]
    assert abs(w1.std() - np.sqrt(1 / 100)) < 0.1 * np.sqrt(1 / 100)       # Xavier otherwise
    assert np.all(mlp.parameters()["0.b"] == 0)


def test_snapshot_is_an_independent_copy(cnn):
    snap = cnn.snapshot()
    assert set(snap) == set(cnn.parameters()) | set(cnn.buffers())
    before = {k: v.copy() for k, v in snap.items()}
    cnn.flat_params += 1
    for b in cnn.buffers().values():
        b += 1
    for name, v in snap.items():
        np.testing.assert_array_equal(v, before[name])
        assert not np.shares_memory(v, cnn.flat_params)


def test_load_snapshot_round_trips(cnn):
    x = np.random.default_rng(2).standard_normal((5, 1, 8, 8))
    cnn.buffers()["1.running_mean"][...] = 0.3
    snap = cnn.snapshot()
    before = cnn.predict_proba(x)
    other = net_of(SMALL_CNN, seed=99)
    assert not np.allclose(other.predict_proba(x), before)
    other.load_snapshot(snap)
    np.testing.assert_array_equal(other.flat_params, cnn.flat_params)
    np.testing.assert_array_equal(other.buffers()["1.running_mean"], np.float32(0.3))
    np.testing.assert_allclose(other.predict_proba(x), before, rtol=1e-6)
    # loading copies values: the network's arrays stay its own views
    assert np.shares_memory(other.parameters()["0.W"], other.flat_params)
    assert not np.shares_memory(other.flat_params, snap["0.W"])


def test_load_snapshot_rejects_missing_or_misshapen_arrays(cnn):
    snap = cnn.snapshot()
    del snap["5.W"]
    with pytest.raises(ValueError, match="missing parameter.*5.W"):
        cnn.load_snapshot(snap)
    snap = cnn.snapshot()
    snap["6.W"] = np.zeros((4, 5))
    with pytest.raises(ValueError, match=r"6.W: shape \(4, 5\) does not match the network's \(5, 4\)"):
        cnn.load_snapshot(snap)


def test_forward_accepts_images_or_flat_rows(mlp):
    x = np.random.default_rng(3).random((4, 28, 28), dtype=np.float32)
    a = mlp.forward(x)
    b = mlp.forward(x.reshape(4, 784))
    c = mlp.forward(x.reshape(4, 1, 28, 28))
    assert a.shape == (4, 10)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, c)


@pytest.mark.parametrize("shape", [(4, 27, 28), (4, 785), (4, 2, 28, 28)])
def test_forward_rejects_wrong_shapes_naming_them(mlp, shape):
    got = "×".join(map(str, shape[1:]))
    with pytest.raises(ValueError, match=f"input has shape {got} per sample but the network expects "
                                         r"1×28×28 \(784 values\)"):
        mlp.forward(np.zeros(shape, dtype=np.float32))


def test_forward_rejects_a_scalar(mlp):
    with pytest.raises(ValueError, match="nothing per sample"):
        mlp.forward(np.float32(1.0))


@pytest.mark.parametrize("labels", [np.zeros(3, int), np.zeros(5, int), np.zeros((4, 1), int)])
def test_labels_of_the_wrong_shape_raise(mlp, labels):
    with pytest.raises(ValueError, match=r"labels must have shape \(4,\)"):
        mlp.loss(np.zeros((4, 784), np.float32), labels)


def test_same_seed_same_parameters_different_seed_different():
    a, b, c = net_of(SMALL_CNN, 5), net_of(SMALL_CNN, 5), net_of(SMALL_CNN, 6)
    np.testing.assert_array_equal(a.flat_params, b.flat_params)
    assert not np.array_equal(a.flat_params, c.flat_params)


def test_same_seed_same_dropout_masks():
    x = np.random.default_rng(4).standard_normal((3, 1, 8, 8))
    y = np.array([0, 1, 2])
    a, b = net_of(SMALL_CNN, 5), net_of(SMALL_CNN, 5)
    assert a.loss(x, y, training=True) == b.loss(x, y, training=True)


def test_float64_networks_compute_in_float64():
    net = net_of(SMALL_CNN, dtype=np.float64)
    assert net.flat_params.dtype == net.flat_grads.dtype == np.float64
    x = np.random.default_rng(5).standard_normal((2, 1, 8, 8)).astype(np.float32)
    assert net.forward(x).dtype == np.float64


def test_float32_networks_stay_float32(cnn):
    x = np.random.default_rng(5).standard_normal((2, 1, 8, 8))       # float64 input
    assert cnn.forward(x).dtype == np.float32
    cnn.loss(x, np.array([1, 2]))
    assert all(g.dtype == np.float32 for g in cnn.backward().values())


def test_predict_proba_rows_sum_to_one(cnn):
    x = np.random.default_rng(6).standard_normal((7, 1, 8, 8)).astype(np.float32)
    p = cnn.predict_proba(x, batch_size=3)                 # several chunks
    assert p.shape == (7, 4)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-5)
    assert np.all(p >= 0)
    np.testing.assert_array_equal(cnn.predict(x), p.argmax(axis=1))
    assert cnn.predict_proba(x[:0]).shape == (0, 4)


def test_predict_proba_is_deterministic_in_evaluation_mode(cnn):
    x = np.random.default_rng(7).standard_normal((5, 1, 8, 8)).astype(np.float32)
    np.testing.assert_array_equal(cnn.predict_proba(x), cnn.predict_proba(x))


def test_weight_decay_adds_half_lambda_sum_of_squared_weights():
    net = net_of(SMALL_CNN, dtype=np.float64)
    net.set_dropout(0.0)                                 # the same function for both losses
    params = net.parameters()
    for p in params.values():                       # nonzero biases and BN scale: must be left out
        p += 0.1
    x = np.random.default_rng(8).standard_normal((4, 1, 8, 8))
    y = np.array([3, 2, 1, 0])
    plain = net.loss(x, y)
    g_plain = {k: v.copy() for k, v in net.backward().items()}
    lam = 0.3
    net.weight_decay = lam
    decayed = net.loss(x, y)
    g_decayed = net.backward()
    squares = sum(np.sum(params[k] ** 2) for k in ("0.W", "5.W", "6.W"))
    assert decayed - plain == pytest.approx(0.5 * lam * squares, rel=1e-12)
    for name in params:
        if name.endswith(".W"):
            np.testing.assert_allclose(g_decayed[name], g_plain[name] + lam * params[name], rtol=1e-12)
        else:
            np.testing.assert_array_equal(g_decayed[name], g_plain[name])


def test_first_nonfinite(mlp):
    assert mlp.first_nonfinite() is None
    mlp.parameters()["1.W"][3, 4] = np.nan
    assert mlp.first_nonfinite() == "1.W"
    mlp.parameters()["0.b"][0] = np.inf
    assert mlp.first_nonfinite() == "0.b"
    assert mlp.describe_layer("1.W") == "layer 1 (dense)"


def test_set_dropout(cnn):
    cnn.set_dropout(0.4)
    assert cnn.layers[3].rate == 0.4
    for bad in (1.0, -0.1, 2, float("nan")):
        with pytest.raises(ValueError, match=r"dropout rate must be in \[0, 1\)"):
            cnn.set_dropout(bad)
    assert cnn.layers[3].rate == 0.4


def test_dropout_is_inactive_in_evaluation_and_active_in_training():
    spec = {"input_shape": [50], "layers": [{"type": "dropout", "rate": 0.5}, {"type": "dense", "units": 2}]}
    net = net_of(spec, dtype=np.float64)
    x = np.ones((40, 50))
    outputs = []
    net.forward(x, training=False, record=outputs)
    np.testing.assert_array_equal(outputs[0], x)
    outputs.clear()
    net.forward(x, training=True, record=outputs)
    kept = outputs[0] != 0
    assert 0.4 < kept.mean() < 0.6
    np.testing.assert_array_equal(outputs[0][kept], 2.0)


def test_batchnorm_running_statistics_update_in_training_only():
    spec = {"input_shape": [3],
            "layers": [{"type": "batchnorm", "momentum": 0.5}, {"type": "dense", "units": 2}]}
    net = net_of(spec, dtype=np.float64)
    x = np.array([[1.0, 2.0, 3.0], [3.0, 6.0, 3.0]])
    net.forward(x, training=False)
    np.testing.assert_array_equal(net.buffers()["0.running_mean"], 0)
    net.forward(x, training=True)
    np.testing.assert_allclose(net.buffers()["0.running_mean"], 0.5 * np.array([2.0, 4.0, 3.0]))
    np.testing.assert_allclose(net.buffers()["0.running_var"], 0.5 + 0.5 * np.array([1.0, 4.0, 0.0]))


def test_repr_mentions_the_layers(cnn, mlp):
    text = repr(mlp)
    assert "Dense(784 → 100, relu)" in text and "Dense(100 → 10, identity)" in text
    assert "79510 parameters" in text and "softmax_cross_entropy" in text
    text = repr(cnn)
    for part in ("Conv2D(1 → 3, 3×3", "BatchNorm(3)", "MaxPool2D(2×2, stride 2)", "Dropout(0.2)",
                 "Flatten(3×3×3 → 27)", "Dense(27 → 5, tanh)"):
        assert part in text, part


def test_invalid_spec_is_rejected_by_the_constructor():
    with pytest.raises(ValueError, match="layer 0 \\(dense\\): missing required setting 'units'"):
        Network.from_spec({"input_shape": [4], "layers": [{"type": "dense"}]}, np.random.default_rng(0))


def test_learns_xor_with_adam():
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (400, 2)).astype(np.float32)
    y = (x[:, 0] * x[:, 1] > 0).astype(np.int64)           # XOR of the signs: not linearly separable
    spec = {"input_shape": [2],
            "layers": [{"type": "dense", "units": 16, "activation": "tanh"},
                       {"type": "dense", "units": 16, "activation": "tanh"},
                       {"type": "dense", "units": 2}]}
    net = net_of(spec, seed=1)
    params = net.parameters()
    ids = {k: id(v) for k, v in params.items()}
    opt = Adam(lr=0.02)
    first = net.loss(x, y)
    for _ in range(300):
        batch = rng.choice(400, 64, replace=False)
        net.loss(x[batch], y[batch])
        opt.update(params, net.backward())
    assert {k: id(v) for k, v in net.parameters().items()} == ids
    assert np.shares_memory(net.parameters()["0.W"], net.flat_params)
    assert net.loss(x, y, training=False) < 0.5 * first
    accuracy = (net.predict(x) == y).mean()
    assert accuracy > 0.95
    x_test = rng.uniform(-1, 1, (400, 2)).astype(np.float32)
    y_test = (x_test[:, 0] * x_test[:, 1] > 0).astype(np.int64)
    assert (net.predict(x_test) == y_test).mean() > 0.9
