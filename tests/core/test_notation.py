"""Andrew Ng's notation (samples in columns) vs the book's (samples in rows)."""
import numpy as np
import pytest

from core import Network, presets
from core import spec as spec_mod
from core.backprop_trace import trace
from core.notation import (
    DEFAULT,
    NOTATIONS,
    batch_array,
    batch_shape,
    dimension_rows,
    get,
    layer_number,
    param_array,
    param_shape,
)


def test_ng_dimension_table_for_the_mlp():
    rows = dimension_rows("ng", spec_mod.dimension_table(presets.get("mlp"), 64))
    first, second = rows
    assert first["number"] == 1 and second["number"] == 2               # W[1], W[2]
    assert first["W"] == (100, 784) and first["dW"] == (100, 784)       # (n[1], n[0])
    assert first["b"] == (100, 1) and first["Z"] == (100, 64)           # Z[1] (n[1], m)
    assert first["A"] == (100, 64) and first["X"] == (784, 64)          # A[0] = X (n[0], m)
    assert second["W"] == (10, 100) and second["Z"] == (10, 64)
    book = dimension_rows("book", spec_mod.dimension_table(presets.get("mlp"), 64))
    assert book[0]["W"] == (784, 100) and book[0]["Z"] == (64, 100) and book[0]["number"] == 0


def test_ng_shapes_for_convolutions_follow_his_cnn_course():
    rows = dimension_rows("ng", spec_mod.dimension_table(presets.get("cnn"), 8))
    conv = rows[0]
    assert conv["X"] == (8, 28, 28, 1) and conv["Z"] == (8, 28, 28, 16)  # (m, n_H, n_W, n_C)
    assert conv["W"] == (5, 5, 1, 16) and conv["b"] == (1, 1, 1, 16)     # (f, f, n_C_prev, n_C)
    flatten = rows[4]
    assert flatten["X"] == (8, 5, 5, 32) and flatten["A"] == (800, 8)


def test_arrays_transpose_with_their_shapes_and_gradients_carry_m(mnist):
    spec = presets.get("mlp")
    net = Network.from_spec(spec, np.random.default_rng(0))
    x, y = mnist.gather("train", np.arange(5))
    t = trace(net, x, y)
    lt = t.layers[0]
    z = batch_array("ng", lt.z)
    assert z.shape == batch_shape("ng", lt.z.shape) == (100, 5)
    W = param_array("ng", lt.params["W"])
    b = param_array("ng", lt.params["b"])
    assert W.shape == param_shape("ng", lt.params["W"].shape) and b.shape == (100, 1)
    a_prev = batch_array("ng", lt.x.reshape(5, -1))
    np.testing.assert_allclose(z, W @ a_prev + b, rtol=1e-4, atol=1e-4)   # Z[1] = W[1]A[0] + b[1]
    # Ng's dZ has no 1/m: dW[1] = (1/m) dZ[1] A[0]ᵀ gives the app's dW, transposed
    dz = batch_array("ng", lt.dz, gradient=True)
    np.testing.assert_allclose(dz @ a_prev.T / 5, param_array("ng", lt.grads["W"]), rtol=1e-4, atol=1e-7)
    last = t.layers[-1]                                                    # dZ[L] = A[L] − Y
    np.testing.assert_allclose(batch_array("ng", last.dz, gradient=True), (t.probs - t.targets).T,
                               rtol=1e-5, atol=1e-7)
    assert batch_array("book", lt.dz, gradient=True) is lt.dz


def test_registry_and_defaults():
    assert DEFAULT == "book" and set(NOTATIONS) == {"book", "ng"}
    assert get("no such notation").key == DEFAULT
    assert layer_number("ng", 0) == 1 and layer_number("book", 0) == 0
    assert batch_shape("ng", None) is None and param_shape("ng", None) is None


@pytest.mark.parametrize("key", ["book", "ng"])
def test_every_preset_converts(key):
    """Same number of values in every shape, whatever the notation."""
    for name in presets.PRESETS:
        base = spec_mod.dimension_table(presets.get(name), 3)
        for row, ref in zip(dimension_rows(key, base), base, strict=True):
            for k in ("X", "Z", "A", "W", "b"):
                assert (row[k] is None) == (ref[k] is None)
                if ref[k] is not None:
                    assert np.prod(row[k]) == np.prod(ref[k]), (name, k)
