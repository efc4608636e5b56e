"""Every layer kind's backward against PyTorch's autograd, in float64.

For each kind in the registry (and each activation, and both of Conv2D's
paths) one layer gets a random input and a random upstream gradient; dx and
the parameter gradients must match PyTorch's to a relative error below 1e-5
(‖ours − theirs‖ / ‖theirs‖). Skipped where PyTorch is not installed (CI does
not install it; `pip install torch==2.13.0` in the venv for the comparison).
"""
import numpy as np
import pytest

from core.activations import ACTIVATIONS
from core.layers import LAYER_TYPES

torch = pytest.importorskip("torch")
F = torch.nn.functional
TOL = 1e-5

TORCH_ACTIVATIONS = {
    "identity": lambda z: z, "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": F.relu,
    "leaky_relu": lambda z: F.leaky_relu(z, 0.01), "elu": F.elu,
    "step": lambda z: (z > 0).to(z.dtype) + 0 * z,          # derivative 0 everywhere
}


def _twin_dense(layer, x, p):
    return F.linear(x.reshape(len(x), -1), p["W"].T, p["b"])


def _twin_conv(layer, x, p):
    return F.conv2d(x, p["W"], p["b"], stride=layer.stride, padding=layer.padding)


def _twin_maxpool(layer, x, p):
    return F.max_pool2d(x, layer.size, layer.stride)


def _twin_dropout(layer, x, p):
    return x * torch.from_numpy(layer.fixed_mask) / (1 - layer.rate)


def _twin_batchnorm(layer, x, p):
    return F.batch_norm(x, None, None, p["gamma"], p["beta"], training=True, eps=layer.eps)


def _twin_maxout(layer, x, p):
    z = F.linear(x.reshape(len(x), -1), p["W"].T, p["b"])
    return z.reshape(len(x), layer.units, layer.pieces).max(dim=2).values


CASES = {  # kind -> (settings, input shape per sample, PyTorch twin before the activation)
    "dense": ({"units": 5}, (2, 3, 3), _twin_dense),
    "conv2d": ({"filters": 4, "kernel": 3, "padding": 1, "stride": 2}, (3, 7, 6), _twin_conv),
    "maxpool": ({"size": 2}, (3, 6, 7), _twin_maxpool),
    "flatten": ({}, (2, 3, 4), lambda layer, x, p: x.reshape(len(x), -1)),
    "dropout": ({"rate": 0.4}, (7,), _twin_dropout),
    "batchnorm": ({}, (3, 4, 5), _twin_batchnorm),
    "maxout": ({"units": 4, "pieces": 3}, (6,), _twin_maxout),
    "activation": ({"activation": "tanh"}, (6,), lambda layer, x, p: x),
}


def _relative_error(ours, theirs):
    theirs = theirs.detach().numpy()
    return float(np.linalg.norm(ours - theirs) / max(np.linalg.norm(theirs), 1e-300))


def compare(kind, settings, in_shape, twin, n=5, seed=0, method=None):
    rng = np.random.default_rng(seed)
    layer = LAYER_TYPES[kind](**settings)
    layer.build(in_shape)
    if method:
        layer.method = method
    layer.params = {k: rng.standard_normal(s) for k, s in layer.param_shapes().items()}
    layer.grads = {k: np.zeros(s) for k, s in layer.param_shapes().items()}
    layer.buffers = {k: np.ones(s) for k, s in layer.buffer_shapes().items()}
    x = rng.standard_normal((n,) + tuple(in_shape))
    if kind == "dropout":
        layer.fixed_mask = rng.random(x.shape) >= layer.rate
    y = layer.forward(x, training=True).copy()
    dy = rng.standard_normal(y.shape)
    dx = layer.backward(dy)

    xt = torch.tensor(x, requires_grad=True)
    pt = {k: torch.tensor(v, requires_grad=True) for k, v in layer.params.items()}
    act = getattr(layer, "act", None)
    yt = TORCH_ACTIVATIONS[act.name if act is not None else "identity"](twin(layer, xt, pt))
    (yt * torch.from_numpy(dy)).sum().backward()
    assert _relative_error(y, yt) < 1e-12                  # the same function
    errors = {"dx": _relative_error(dx, xt.grad)}
    errors.update({k: _relative_error(layer.grads[k], pt[k].grad) for k in layer.params})
    assert max(errors.values()) < TOL, errors
    return errors


def test_every_layer_kind_has_a_case():
    assert set(CASES) == set(LAYER_TYPES)


@pytest.mark.parametrize("kind", sorted(CASES))
def test_layer_gradients_match_pytorch(kind):
    compare(kind, *CASES[kind])


@pytest.mark.parametrize("act", sorted(ACTIVATIONS))
@pytest.mark.parametrize("kind", ["dense", "conv2d"])
def test_every_activation_matches_pytorch(kind, act):
    settings, in_shape, twin = CASES[kind]
    compare(kind, {**settings, "activation": act}, in_shape, twin)


@pytest.mark.parametrize("method", ["im2col", "fourier"])
@pytest.mark.parametrize("kernel,padding", [(5, 0), (5, 2), (3, 1), ((4, 2), 1)])
def test_both_convolution_paths_match_pytorch(method, kernel, padding):
    compare("conv2d", {"filters": 6, "kernel": kernel, "padding": padding, "activation": "relu"},
            (4, 9, 10), _twin_conv, method=method)


@pytest.mark.parametrize("size,stride", [(2, 2), (3, 2), (3, 3), (2, 1)])
def test_pooling_windows_match_pytorch(size, stride):
    compare("maxpool", {"size": size, "stride": stride}, (2, 8, 9), _twin_maxpool)
