"""core.layer_stats against direct NumPy computations (np.histogram, np.percentile, loops)."""
import numpy as np
import pytest

from core import Network, layer_stats, presets
from core.trainer import Config, Trainer


def small_mnist_net(mnist, arch="mlp", steps=30, seed=0):
    """A network trained for a few steps on an MNIST subset, and a probe batch."""
    net = Network.from_spec(presets.get(arch), rng=np.random.default_rng(seed))
    trainer = Trainer(net, mnist, Config(epochs=1, batch_size=64, max_train=64 * steps,
                                         max_eval=200, evaluate_test=False, seed=seed))
    for _ in trainer.run():
        pass
    x, y = mnist.gather("test", np.arange(128))
    return net, x, y


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_percentiles_equal_numpy(dtype):
    rng = np.random.default_rng(1)
    for v in (rng.standard_normal(1001), rng.exponential(size=(17, 9)), np.arange(7.0),
              rng.integers(-3, 4, 500)):
        v = v.astype(dtype)
        np.testing.assert_allclose(layer_stats.percentiles(v),
                                   np.percentile(v.astype(np.float64), layer_stats.TB_PERCENTILES),
                                   rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(layer_stats.percentiles(np.arange(11.0), qs=(0, 25, 50, 100)),
                               [0, 2.5, 5, 10])


def test_percentiles_ignore_non_finite_and_handle_empty():
    v = np.array([np.nan, 1.0, np.inf, 2.0, -np.inf, 3.0])
    np.testing.assert_allclose(layer_stats.percentiles(v, (0, 50, 100)), [1, 2, 3])
    assert np.isnan(layer_stats.percentiles(np.zeros(0))).all()


def test_histogram_equals_numpy_including_values_on_edges():
    rng = np.random.default_rng(2)
    cases = [(rng.standard_normal(5000).astype(np.float32), 30, None),
             (rng.integers(0, 10, 1000), 10, None),            # many values exactly on edges
             (rng.integers(0, 10, 1000).astype(np.float32), 5, (0, 8)),   # some outside
             (np.full(50, 3.0), 7, None)]                      # all equal
    for v, bins, rng_ in cases:
        counts, edges = layer_stats.histogram(v, bins, rng_)
        ref_counts, ref_edges = np.histogram(v, bins, range=rng_)
        np.testing.assert_array_equal(counts, ref_counts)
        np.testing.assert_allclose(edges, ref_edges)
    counts, edges = layer_stats.histogram(np.zeros(0), 4)
    assert counts.tolist() == [0, 0, 0, 0] and edges[0] == 0 and edges[-1] == 1


def test_dead_fraction_matches_a_loop():
    rng = np.random.default_rng(3)
    a = np.maximum(rng.standard_normal((64, 40)) - 1.5, 0)
    a[:, :5] = 0                                               # surely dead
    dead = sum(all(a[i, j] == 0 for i in range(len(a))) for j in range(a.shape[1]))
    assert layer_stats.dead_fraction(a) == pytest.approx(dead / a.shape[1])
    assert layer_stats.dead_fraction(a) >= 5 / 40
    conv = np.maximum(rng.standard_normal((8, 6, 4, 4)), 0)
    conv[:, 2] = 0
    conv[:, 4] = 0
    assert layer_stats.dead_fraction(conv) == pytest.approx(2 / 6)


def test_mean_abs_grad_matches_a_loop():
    g = np.random.default_rng(4).standard_normal((30, 7)).astype(np.float32)
    total = sum(abs(float(v)) for v in g.ravel())
    assert layer_stats.mean_abs_grad_per_weight(g) == pytest.approx(total / g.size, rel=1e-6)


def test_layer_stats_match_direct_numpy_and_leave_parameters_alone(mnist):
    net, x, y = small_mnist_net(mnist)
    before = net.snapshot()
    stats = layer_stats.layer_stats(net, x, y)
    for name, arr in net.snapshot().items():
        np.testing.assert_array_equal(arr, before[name])

    # the reference: a fresh copy of the same network, computed step by step
    ref = Network.from_spec(net.spec)
    ref.load_snapshot(before)
    outs = []
    scores = ref.forward(x, training=False, record=outs)
    ref.loss(x, y, training=False)
    grads = ref.backward()
    assert stats["loss"] == pytest.approx(ref.loss_fn.forward(scores, y), rel=1e-6)
    assert stats["n_samples"] == len(y)
    assert [s["name"] for s in stats["layers"]] == ["layer 0 (dense)", "layer 1 (dense)"]
    for s in stats["layers"]:
        i = s["index"]
        w, g, a = before[f"{i}.W"], grads[f"{i}.W"], outs[i]
        qs = layer_stats.TB_PERCENTILES
        np.testing.assert_allclose(s["weights"], np.percentile(w, qs), rtol=1e-5, atol=1e-7)
        np.testing.assert_allclose(s["gradients"], np.percentile(g, qs), rtol=1e-5, atol=1e-9)
        np.testing.assert_allclose(s["activations"], np.percentile(a, qs), rtol=1e-5, atol=1e-7)
        for key, arr in (("weight_hist", w), ("grad_hist", g), ("act_hist", a)):
            counts, edges = s[key]
            ref_counts, ref_edges = np.histogram(arr, layer_stats.HIST_BINS)
            np.testing.assert_array_equal(counts, ref_counts)
            np.testing.assert_allclose(edges, ref_edges)
        assert s["mean_abs_grad"] == pytest.approx(float(np.abs(g).mean()), rel=1e-5)
    relu, out = stats["layers"]
    assert relu["activation"] == "relu" and out["activation"] is None
    assert relu["dead_fraction"] == pytest.approx(float(np.mean(np.all(outs[0] == 0, axis=0))))
    assert out["dead_fraction"] is None


def test_layer_stats_subsample_conv_outputs_and_count_dead_filters(mnist):
    net = Network.from_spec(presets.get("cnn"), rng=np.random.default_rng(0))
    net.parameters()["0.b"][:4] = -100.0                       # four filters that never fire
    x, y = mnist.gather("test", np.arange(16))
    stats = layer_stats.layer_stats(net, x, y)
    assert [s["kind"] for s in stats["layers"]] == ["conv2d", "conv2d", "dense", "dense"]
    conv = stats["layers"][0]
    assert conv["dead_fraction"] == pytest.approx(4 / 16)
    outs = []
    net.forward(x, record=outs)
    sub = outs[0][::2]            # 16 × 16 × 28 × 28 = 200 704 values > MAX_VALUES: every 2nd sample
    np.testing.assert_allclose(conv["activations"], np.percentile(sub, layer_stats.TB_PERCENTILES),
                               rtol=1e-5, atol=1e-7)
    assert conv["act_hist"][0].sum() == sub.size


def test_layer_stats_gradients_show_vanishing_in_a_deep_sigmoid_net(mnist):
    spec = {"input_shape": [1, 28, 28], "loss": "softmax_cross_entropy",
            "layers": [{"type": "dense", "units": 50, "activation": "sigmoid", "init": "normal",
                        "sigma": 1.0} for _ in range(5)] + [{"type": "dense", "units": 10}]}
    net = Network.from_spec(spec, rng=np.random.default_rng(0))
    x, y = mnist.gather("test", np.arange(64))
    g = [s["mean_abs_grad"] for s in layer_stats.layer_stats(net, x, y)["layers"]]
    assert g[0] < g[4] / 10                                    # the first layer barely learns
