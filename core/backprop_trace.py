"""One forward and backward pass of a real network, kept layer by layer (误差反向传播法).

``trace(net, x, y)`` runs the network's own ``loss`` and ``backward`` — the code the
trainer runs — once, and keeps what each layer saw and produced:

- forward: its input X = A[l−1], the weighted sums Z[l] before the activation, its
  output A[l], and the arrays the layer caches for backward (缓存);
- the loss: scores, softmax probabilities P, one-hot targets T, the loss value and
  the gradient it sends back (for softmax with cross-entropy, (P − T) / m);
- backward: dA[l] arriving at the layer's output, dZ[l] after the activation's
  derivative, the parameter gradients dW[l], db[l] (copies of ``net.gradients()``)
  and dA[l−1] passed on.

Z and dZ are read at the activation: while tracing, each layer's activation object
is wrapped in a tap that copies its input on the way forward and its result on the
way back, then handed back untouched. Shapes are row-major, samples first:
(m, …) for X, Z, A and their gradients; parameters as the layers store them.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from .network import Network


@dataclass
class LayerTrace:
    index: int
    kind: str
    description: str                       # the layer's repr, e.g. Dense(784 → 100, relu)
    activation: str | None                 # activation name, None for layers without one
    x: np.ndarray                          # A[l−1], (m, *in_shape)
    z: np.ndarray | None                   # Z[l], (m, *z_shape); None if the layer has no activation
    a: np.ndarray                          # A[l], (m, *out_shape)
    cache: dict[str, tuple[int, ...]]      # what the layer keeps for backward: name -> shape
    params: dict[str, np.ndarray] = field(default_factory=dict)     # "W", "b", … (copies)
    da: np.ndarray | None = None           # ∂L/∂A[l]
    dz: np.ndarray | None = None           # ∂L/∂Z[l]
    dx: np.ndarray | None = None           # ∂L/∂A[l−1]; None where backward stops
    grads: dict[str, np.ndarray] = field(default_factory=dict)      # "W" -> dW, "b" -> db (copies)


@dataclass
class Trace:
    x: np.ndarray                          # the input batch (m, *input_shape)
    labels: np.ndarray                     # (m,)
    scores: np.ndarray                     # the last layer's output (m, k)
    probs: np.ndarray                      # P = softmax(scores) (m, k)
    targets: np.ndarray                    # T, one-hot (m, k)
    loss: float
    loss_name: str
    loss_formula: str
    dscores: np.ndarray                    # ∂L/∂scores (m, k)
    layers: list[LayerTrace]

    @property
    def m(self) -> int:
        return len(self.labels)


class _ActivationTap:
    """Stands in for a layer's activation while tracing: same results, copies kept."""

    def __init__(self, inner):
        self.inner = inner
        self.z: np.ndarray | None = None
        self.dz: np.ndarray | None = None

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def forward(self, z):
        self.z = np.array(z, copy=True)
        return self.inner.forward(z)

    def backward(self, da):
        dz = self.inner.backward(da)
        self.dz = np.array(dz, copy=True)
        return dz

    def forward_in_parts(self, z):          # whole arrays only, so the tap sees all of z
        return None

    def backward_in_parts(self, da, out):
        return None


@contextmanager
def _tapped(net: Network):
    taps = {}
    for i, layer in enumerate(net.layers):
        if getattr(layer, "act", None) is not None:
            taps[i] = layer.act = _ActivationTap(layer.act)
    try:
        yield taps
    finally:
        for i, tap in taps.items():
            net.layers[i].act = tap.inner


def _batch_first(arr: np.ndarray | None, layer, m: int) -> np.ndarray | None:
    """A tapped array in the layer's (m, *z_shape) layout. Convolutions run their activation
    on (filters, positions · m) matrices, samples innermost."""
    if arr is None:
        return None
    shape = (m,) + tuple(layer.z_shape())
    if arr.shape == shape:
        return arr
    if len(shape) == 4 and arr.shape == (shape[1], shape[2] * shape[3] * m):
        return np.ascontiguousarray(arr.reshape(shape[1], shape[2], shape[3], m).transpose(3, 0, 1, 2))
    return arr.reshape(shape)


def _cache_of(layer) -> dict[str, tuple[int, ...]]:
    """The arrays a layer (and its activation) holds between forward and backward."""
    out = {}
    owners = [("", layer)]
    act = getattr(layer, "act", None)
    if act is not None:
        owners.append((f"{act.name}.", act.inner if isinstance(act, _ActivationTap) else act))
    skip = {"params", "grads", "buffers", "_scratch_arrays", "fixed_mask"}
    for prefix, obj in owners:
        for name, v in vars(obj).items():
            if name not in skip and isinstance(v, np.ndarray) and v.ndim > 0:
                out[prefix + name] = tuple(v.shape)
    return out


def trace(net: Network, x: np.ndarray, y: np.ndarray, training: bool = True) -> Trace:
    """Run ``net.loss(x, y, training)`` and ``net.backward()`` once and keep every step.

    ``net`` should be the caller's own copy (tracing overwrites its gradients, and in
    training mode BatchNorm's running statistics). Training mode is what the trainer
    uses: dropout drops (with ``net.rng``) and BatchNorm uses the batch's statistics.
    """
    y = np.asarray(y)
    x_in = net.as_input(x)
    outputs: list[np.ndarray] = []
    arriving: list[np.ndarray] = []
    with _tapped(net) as taps:
        loss = net.loss(x_in, y, training, record=outputs)
        layers = []
        inputs = [x_in] + outputs[:-1]
        for i, (layer, xin, a) in enumerate(zip(net.layers, inputs, outputs, strict=True)):
            tap = taps.get(i)
            layers.append(LayerTrace(
                i, layer.kind, repr(layer), layer.activation_name if tap else None,
                np.array(xin, copy=True), _batch_first(tap.z if tap else None, layer, len(y)),
                np.array(a, copy=True), _cache_of(layer),
                {k: np.array(v, copy=True) for k, v in layer.params.items()}))
        scores = np.array(outputs[-1], copy=True)
        probs = np.array(net.loss_fn.p, copy=True)
        grads = net.backward(record=arriving)
        for k, da in enumerate(arriving):
            lt = layers[len(layers) - 1 - k]
            lt.da = np.array(da, copy=True)
            tap = taps.get(lt.index)
            lt.dz = _batch_first(tap.dz if tap else None, net.layers[lt.index], len(y))
            if k + 1 < len(arriving):
                lt.dx = np.array(arriving[k + 1], copy=True)
        for lt in layers:
            lt.grads = {k: np.array(grads[f"{lt.index}.{k}"], copy=True) for k in lt.params}
    targets = np.zeros_like(probs)
    targets[np.arange(len(y)), y] = 1
    return Trace(np.array(x_in, copy=True), y.copy(), scores, probs, targets, float(loss),
                 net.loss_fn.name, net.loss_fn.formula,
                 layers[-1].da if layers[-1].da is not None else np.zeros_like(scores), layers)
