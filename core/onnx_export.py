"""ONNX export: a network (its spec and a snapshot of its parameters) as an ``.onnx`` file
that other tools — onnxruntime, Netron, PyTorch, browsers — can run or show.

    data = to_onnx(spec, params)            # bytes of a ModelProto
    summary = export(spec, params, "net.onnx")

The graph has one input ``"input"`` of shape (N, *input_shape), float32, N free (any batch
size), and one output: ``"probabilities"`` (N, classes) — the softmax of the scores, what
``Network.predict_proba`` returns — or, for a regression loss, ``"values"`` (N, outputs),
the scores themselves. It is the network at *inference*: BatchNorm uses its running
statistics, Dropout is left out. Initializers keep the parameters' names (``"0.W"``,
``"0.b"``, ``"2.running_mean"``); values are named as the notes name them, ``"0.z"`` for a
layer's weighted sums and ``"0.a"`` for its activations. The spec rides along as model
metadata (key ``"numnet.spec"``).

Each layer kind of ``core.layers.LAYER_TYPES`` and each activation of
``core.activations.ACTIVATIONS`` maps to ONNX operators through :data:`LAYER_EXPORTERS`
and :data:`ACTIVATION_OPS`, keyed by the registries' names. A kind or activation without
an entry (the perceptron's step function: ONNX has no such operator) makes the export
stop with an :class:`OnnxExportError` that names the layer.

Operator set 13 (IR version 7): read by onnxruntime since 1.7 and by most tools. The
encoding is done by ``core.onnx_proto`` (no dependency; its docstring says why).
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import __version__
from . import onnx_proto as pb
from .activations import Activation
from .layers import Layer
from .network import Network
from .translatable import QT_TRANSLATE_NOOP

OPSET = 13
IR_VERSION = 7
INPUT = "input"
PROBABILITIES = "probabilities"
VALUES = "values"
BATCH = "N"

# error templates: {0} layer index, {1} layer kind, {2} activation (translated where shown)
NO_ACTIVATION_OP = QT_TRANSLATE_NOOP(
    "onnx_export", "layer {0} ({1}): the activation “{2}” has no ONNX operator, so this network "
    "cannot be exported to ONNX")
NO_LAYER_OP = QT_TRANSLATE_NOOP(
    "onnx_export", "layer {0} ({1}): this kind of layer has no ONNX mapping, so this network cannot "
    "be exported to ONNX")


class OnnxExportError(ValueError):
    """A network that cannot be written as ONNX. ``template`` (one of this module's
    translatable messages, context ``"onnx_export"``) formatted with ``values`` is the
    message; ``layer`` is the offending layer's index."""

    def __init__(self, template: str, *values, layer: int | None = None):
        self.template, self.values, self.layer = template, values, layer
        super().__init__(template.format(*values))


@dataclass(frozen=True)
class Summary:
    """What an export wrote: for the CLI's and the app's messages."""

    ops: tuple[str, ...]               # op types in graph order
    input_shape: tuple[int, ...]       # per sample
    output: str                        # "probabilities" or "values"
    n_outputs: int
    n_params: int
    n_bytes: int

    def describe(self) -> str:
        """'Conv → Relu → … → Softmax; input (N, 1, 28, 28) → probabilities (N, 10)'."""
        shape = ", ".join(map(str, self.input_shape))
        return (f"{' → '.join(self.ops)}; {INPUT} ({BATCH}, {shape}) → {self.output} "
                f"({BATCH}, {self.n_outputs})")


# -- activations --------------------------------------------------------------------------
# activation name -> (op type, attributes), or None for the identity (no node)
ACTIVATION_OPS: dict[str, Callable[[Activation], tuple[str, dict] | None]] = {
    "identity": lambda act: None,
    "sigmoid": lambda act: ("Sigmoid", {}),
    "tanh": lambda act: ("Tanh", {}),
    "relu": lambda act: ("Relu", {}),
    "leaky_relu": lambda act: ("LeakyRelu", {"alpha": float(act.alpha)}),
    "elu": lambda act: ("Elu", {"alpha": float(act.alpha)}),
}


class _Graph:
    """Collects nodes and initializers while the layers are walked."""

    def __init__(self):
        self.nodes: list[bytes] = []
        self.ops: list[str] = []
        self.initializers: list[bytes] = []
        self.n_params = 0

    def add(self, op: str, inputs: list[str], output: str, **attributes) -> str:
        self.nodes.append(pb.node(op, inputs, [output], name=output, **attributes))
        self.ops.append(op)
        return output

    def const(self, name: str, array: np.ndarray) -> str:
        self.initializers.append(pb.tensor(name, array))
        return name

    def param(self, i: int, layer: Layer, key: str) -> str:
        """Layer ``i``'s parameter or buffer ``key`` as a float32 initializer ``"i.key"``."""
        a = layer.params[key] if key in layer.params else layer.buffers[key]
        self.n_params += a.size if key in layer.params else 0
        return self.const(f"{i}.{key}", a.astype(np.float32, copy=False))

    def flat(self, i: int, layer: Layer, x: str) -> str:
        """``x`` as (N, features): dense layers flatten images first, as ours do."""
        if len(layer.in_shape) == 1:
            return x
        return self.add("Flatten", [x], f"{i}.flat", axis=1)

    def activate(self, i: int, layer: Layer, act: Activation, z: str) -> str:
        make = ACTIVATION_OPS.get(act.name)
        if make is None:
            raise OnnxExportError(NO_ACTIVATION_OP, i, layer.kind, act.name, layer=i)
        op = make(act)
        return z if op is None else self.add(op[0], [z], f"{i}.a", **op[1])


# -- layers -------------------------------------------------------------------------------
def _dense(g: _Graph, i: int, layer, x: str) -> str:
    z = g.add("Gemm", [g.flat(i, layer, x), g.param(i, layer, "W"), g.param(i, layer, "b")],
              f"{i}.z")
    return g.activate(i, layer, layer.act, z)


def _conv2d(g: _Graph, i: int, layer, x: str) -> str:
    p, s = layer.padding, layer.stride
    z = g.add("Conv", [x, g.param(i, layer, "W"), g.param(i, layer, "b")], f"{i}.z",
              kernel_shape=list(layer.kernel), strides=[s, s], pads=[p, p, p, p])
    return g.activate(i, layer, layer.act, z)


def _maxpool(g: _Graph, i: int, layer, x: str) -> str:
    k, s = layer.size, layer.stride
    return g.add("MaxPool", [x], f"{i}.pool", kernel_shape=[k, k], strides=[s, s])


def _flatten(g: _Graph, i: int, layer, x: str) -> str:
    return g.add("Flatten", [x], f"{i}.flat", axis=1)


def _dropout(g: _Graph, i: int, layer, x: str) -> str:
    return x                            # inference: nothing is dropped, nothing is scaled


def _batchnorm(g: _Graph, i: int, layer, x: str) -> str:
    # ONNX normalises axis 1: channels of images, features of vectors. Other shapes are
    # flattened to (N, features) and back, as the layer itself does.
    shaped = len(layer.in_shape) in (1, 3)
    xin = x if shaped else g.flat(i, layer, x)
    y = g.add("BatchNormalization", [xin] + [g.param(i, layer, k) for k in (
        "gamma", "beta", "running_mean", "running_var")], f"{i}.bn", epsilon=float(layer.eps))
    if shaped:
        return y
    shape = g.const(f"{i}.shape", np.array((0,) + layer.in_shape, dtype=np.int64))
    return g.add("Reshape", [y, shape], f"{i}.out")


def _maxout(g: _Graph, i: int, layer, x: str) -> str:
    z = g.add("Gemm", [g.flat(i, layer, x), g.param(i, layer, "W"), g.param(i, layer, "b")],
              f"{i}.z")
    # (N, units·pieces) -> (N, units, pieces): a unit's pieces are adjacent, as in Maxout.forward
    shape = g.const(f"{i}.shape", np.array([0, layer.units, layer.pieces], dtype=np.int64))
    pieces = g.add("Reshape", [z, shape], f"{i}.pieces")
    return g.add("ReduceMax", [pieces], f"{i}.a", axes=[2], keepdims=0)


def _activation(g: _Graph, i: int, layer, x: str) -> str:
    return g.activate(i, layer, layer.act, x)


# layer kind -> function(graph, index, layer, input name) -> output name
LAYER_EXPORTERS: dict[str, Callable[[_Graph, int, Layer, str], str]] = {
    "dense": _dense, "conv2d": _conv2d, "maxpool": _maxpool, "flatten": _flatten,
    "dropout": _dropout, "batchnorm": _batchnorm, "maxout": _maxout, "activation": _activation,
}


# -- the model ----------------------------------------------------------------------------
def build(spec: dict, params: dict[str, np.ndarray]) -> tuple[bytes, Summary]:
    """:func:`to_onnx` and a :class:`Summary` of it (for a message before anything is written)."""
    net = Network.from_spec(spec, rng=np.random.default_rng(0))
    net.load_snapshot(params)
    g = _Graph()
    x = INPUT
    for i, layer in enumerate(net.layers):
        export_layer = LAYER_EXPORTERS.get(layer.kind)
        if export_layer is None:
            raise OnnxExportError(NO_LAYER_OP, i, layer.kind, layer=i)
        x = export_layer(g, i, layer, x)
    if net.loss_fn.regression:
        output = g.add("Identity", [x], VALUES)
    else:
        output = g.add("Softmax", [x], PROBABILITIES, axis=-1)
    graph = pb.graph(
        "numnet", g.nodes, g.initializers,
        inputs=[pb.value_info(INPUT, (BATCH,) + net.input_shape)],
        outputs=[pb.value_info(output, (BATCH, net.n_classes))],
        doc=repr(net))
    data = pb.model(graph, ir_version=IR_VERSION, opset=OPSET, producer="NumNet Studio",
                    producer_version=__version__, metadata={"numnet.spec": json.dumps(net.spec)})
    return data, Summary(tuple(g.ops), net.input_shape, output, net.n_classes, g.n_params, len(data))


def to_onnx(spec: dict, params: dict[str, np.ndarray]) -> bytes:
    """The ONNX model (``ModelProto`` bytes) of the network ``spec`` with the parameters and
    buffers ``params`` (a ``Network.snapshot()``). ``OnnxExportError`` for a layer or
    activation ONNX cannot express; ``ValueError`` for a bad spec or parameters."""
    return build(spec, params)[0]


def write(data: bytes, path: str | os.PathLike) -> None:
    """Write ``data`` to ``path`` through a temporary file, so a failed write leaves no half
    file (``OSError`` if it cannot be written)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def export(spec: dict, params: dict[str, np.ndarray], path: str | os.PathLike) -> Summary:
    """:func:`to_onnx` written to ``path`` by :func:`write`. Raises ``OnnxExportError`` /
    ``ValueError`` as ``to_onnx``, ``OSError`` if the file cannot be written."""
    data, summary = build(spec, params)
    write(data, path)
    return summary
