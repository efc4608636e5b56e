"""For the ONNX export tests, without onnx or onnxruntime: a protobuf reader for the ONNX
messages (field numbers transcribed from onnx/onnx.proto, independently of the writer in
core/onnx_proto.py) and a float64 NumPy interpreter for the operators the export uses,
following the ONNX operator documentation (opset 13) including its attribute defaults.
"""
from __future__ import annotations

import struct

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

# message -> field number -> (name, type, repeated); types: int, str, bytes, float, or a message
SCHEMA = {
    "ModelProto": {1: ("ir_version", "int", False), 2: ("producer_name", "str", False),
                   3: ("producer_version", "str", False), 4: ("domain", "str", False),
                   5: ("model_version", "int", False), 6: ("doc_string", "str", False),
                   7: ("graph", "GraphProto", False), 8: ("opset_import", "OperatorSetIdProto", True),
                   14: ("metadata_props", "StringStringEntryProto", True)},
    "OperatorSetIdProto": {1: ("domain", "str", False), 2: ("version", "int", False)},
    "StringStringEntryProto": {1: ("key", "str", False), 2: ("value", "str", False)},
    "GraphProto": {1: ("node", "NodeProto", True), 2: ("name", "str", False),
                   5: ("initializer", "TensorProto", True), 10: ("doc_string", "str", False),
                   11: ("input", "ValueInfoProto", True), 12: ("output", "ValueInfoProto", True),
                   13: ("value_info", "ValueInfoProto", True)},
    "NodeProto": {1: ("input", "str", True), 2: ("output", "str", True), 3: ("name", "str", False),
                  4: ("op_type", "str", False), 5: ("attribute", "AttributeProto", True),
                  6: ("doc_string", "str", False), 7: ("domain", "str", False)},
    "AttributeProto": {1: ("name", "str", False), 2: ("f", "float", False), 3: ("i", "int", False),
                       4: ("s", "bytes", False), 7: ("floats", "float", True), 8: ("ints", "int", True),
                       20: ("type", "int", False)},
    "TensorProto": {1: ("dims", "int", True), 2: ("data_type", "int", False), 8: ("name", "str", False),
                    9: ("raw_data", "bytes", False)},
    "ValueInfoProto": {1: ("name", "str", False), 2: ("type", "TypeProto", False),
                       3: ("doc_string", "str", False)},
    "TypeProto": {1: ("tensor_type", "TypeProto.Tensor", False)},
    "TypeProto.Tensor": {1: ("elem_type", "int", False), 2: ("shape", "TensorShapeProto", False)},
    "TensorShapeProto": {1: ("dim", "TensorShapeProto.Dimension", True)},
    "TensorShapeProto.Dimension": {1: ("dim_value", "int", False), 2: ("dim_param", "str", False)},
}


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def decode(buf: bytes, message: str = "ModelProto") -> dict:
    """The fields of ``message`` in ``buf`` as a dict (repeated fields as lists). Unknown
    fields, wrong wire types and trailing garbage raise AssertionError."""
    schema, out, pos = SCHEMA[message], {}, 0
    for name, _, repeated in schema.values():
        if repeated:
            out[name] = []
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        number, wire = key >> 3, key & 7
        assert number in schema, f"{message}: unknown field {number}"
        name, kind, repeated = schema[number]
        if wire == 0:
            value, pos = _varint(buf, pos)
            assert kind == "int", f"{message}.{name}: varint for a {kind}"
            value = value - (1 << 64) if value >= 1 << 63 else value
        elif wire == 5:
            assert kind == "float", f"{message}.{name}: fixed32 for a {kind}"
            value, pos = struct.unpack_from("<f", buf, pos)[0], pos + 4
        elif wire == 2:
            length, pos = _varint(buf, pos)
            body, pos = buf[pos:pos + length], pos + length
            assert len(body) == length, f"{message}.{name}: truncated"
            value = (body.decode("utf-8") if kind == "str" else body if kind == "bytes"
                     else decode(body, kind))
        else:
            raise AssertionError(f"{message}.{name}: unexpected wire type {wire}")
        if repeated:
            out[name].append(value)
        else:
            out[name] = value
    assert pos == len(buf), f"{message}: ran past the end"
    return out


def tensor_array(t: dict) -> np.ndarray:
    dtype = {1: "<f4", 7: "<i8"}[t["data_type"]]
    return np.frombuffer(t["raw_data"], dtype=dtype).reshape(t["dims"])


def attributes(node: dict) -> dict:
    """name -> value, checked against the attribute's declared type."""
    out = {}
    for a in node["attribute"]:
        field = {1: "f", 2: "i", 3: "s", 7: "ints"}[a["type"]]
        out[a["name"]] = a[field]
    return out


def dims(value_info: dict) -> list:
    shape = value_info["type"]["tensor_type"]["shape"]["dim"]
    return [d.get("dim_param", d.get("dim_value")) for d in shape]


# -- the operators (ONNX semantics, float64) -----------------------------------------------
def _conv(x, w, b, kernel_shape, strides=(1, 1), pads=(0, 0, 0, 0)):
    assert list(kernel_shape) == list(w.shape[2:])
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    win = sliding_window_view(x, tuple(kernel_shape), axis=(2, 3))[:, :, ::strides[0], ::strides[1]]
    return np.einsum("nchwij,fcij->nfhw", win, w) + b[None, :, None, None]


def _maxpool(x, kernel_shape, strides=None, pads=(0, 0, 0, 0)):
    assert not any(pads)
    strides = strides or (1, 1)
    win = sliding_window_view(x, tuple(kernel_shape), axis=(2, 3))[:, :, ::strides[0], ::strides[1]]
    return win.max(axis=(4, 5))


def _batchnorm(x, scale, bias, mean, var, epsilon=1e-5):
    shape = (1, -1) + (1,) * (x.ndim - 2)
    return ((x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + epsilon) * scale.reshape(shape)
            + bias.reshape(shape))


def _reshape(x, shape):
    return x.reshape([x.shape[i] if s == 0 else s for i, s in enumerate(shape)])


def _softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


OPS = {
    "Gemm": lambda a, b, c, alpha=1.0, beta=1.0, transA=0, transB=0:
        alpha * (a.T if transA else a) @ (b.T if transB else b) + beta * c,
    "Conv": _conv,
    "MaxPool": _maxpool,
    "Flatten": lambda x, axis=1: x.reshape(int(np.prod(x.shape[:axis])), -1),
    "BatchNormalization": _batchnorm,
    "Reshape": _reshape,
    "ReduceMax": lambda x, axes, keepdims=1: x.max(axis=tuple(axes), keepdims=bool(keepdims)),
    "Softmax": _softmax,
    "Identity": lambda x: x,
    "Relu": lambda x: np.maximum(x, 0),
    "Sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "Tanh": np.tanh,
    "LeakyRelu": lambda x, alpha=0.01: np.where(x >= 0, x, alpha * x),
    "Elu": lambda x, alpha=1.0: np.where(x >= 0, x, alpha * (np.exp(np.minimum(x, 0)) - 1)),
}


def run(model: dict, x: np.ndarray) -> dict[str, np.ndarray]:
    """Evaluate a decoded model on ``x`` (fed to its one input) in float64; returns its
    outputs by name."""
    graph = model["graph"]
    (inp,) = graph["input"]
    values = {inp["name"]: np.asarray(x, dtype=np.float64)}
    for t in graph["initializer"]:
        a = tensor_array(t)
        values[t["name"]] = a.astype(np.float64) if a.dtype.kind == "f" else a
    for node in graph["node"]:
        assert node["op_type"] in OPS, f"no reference for {node['op_type']}"
        (out,) = node["output"]
        assert out not in values, f"{out} computed twice"
        values[out] = OPS[node["op_type"]](*(values[i] for i in node["input"]), **attributes(node))
    return {o["name"]: values[o["name"]] for o in graph["output"]}
