"""The few ONNX messages NumNet writes, in protobuf's wire format, encoded by hand.

An ``.onnx`` file is one protobuf ``ModelProto``. Protobuf's wire format is small: a
message is a sequence of fields, each a key ``(field_number << 3) | wire_type`` written
as a varint (7 bits per byte, low bits first, high bit set on every byte but the last)
followed by the value — a varint for integers and enums (wire type 0), four
little-endian bytes for a float (type 5), or a length (a varint) and that many bytes for
strings, bytes and nested messages (type 2). Repeated fields simply repeat the field.

Why not the ``onnx`` package: we only *write*, and only seven message types
(ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto with its
TypeProto, OperatorSetIdProto). Encoding them is the hundred lines below, with no
dependency; ``onnx`` would pull in ``protobuf`` and a compiled extension (tens of MB,
tied to Python and protobuf versions) for the app to do the same thing. Field numbers
are those of ``onnx/onnx.proto``, quoted beside each function. Tests decode our output
with an independent reader and run it in onnxruntime when that is installed.

Conventions: every function returns ``bytes``, the encoded *body* of one message (a
parent embeds it with :func:`message`); names are UTF-8; tensors are written row-major,
little-endian, in ``raw_data``; repeated integers are written unpacked (one field per
value), which every protobuf reader accepts.
"""
from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence

import numpy as np

VARINT, FIXED32, LENGTH = 0, 5, 2          # wire types

# TensorProto.DataType
FLOAT, INT64 = 1, 7
_DATA_TYPES = {np.dtype(np.float32): FLOAT, np.dtype(np.int64): INT64}

# AttributeProto.AttributeType
_ATTR_FLOAT, _ATTR_INT, _ATTR_STRING, _ATTR_INTS = 1, 2, 3, 7


# -- the wire format ----------------------------------------------------------------------
def varint(n: int) -> bytes:
    """``n`` as a base-128 varint; a negative int64 as its 64-bit two's complement."""
    if n < 0:
        n += 1 << 64
    out = bytearray()
    while True:
        low, n = n & 0x7F, n >> 7
        if not n:
            out.append(low)
            return bytes(out)
        out.append(low | 0x80)


def _key(field: int, wire_type: int) -> bytes:
    return varint(field << 3 | wire_type)


def integer(field: int, value: int) -> bytes:
    """An int32/int64/enum field."""
    return _key(field, VARINT) + varint(int(value))


def float32(field: int, value: float) -> bytes:
    return _key(field, FIXED32) + struct.pack("<f", value)


def message(field: int, body: bytes) -> bytes:
    """A length-delimited field: bytes, or a nested message's body."""
    return _key(field, LENGTH) + varint(len(body)) + body


def string(field: int, text: str) -> bytes:
    return message(field, text.encode("utf-8"))


# -- ONNX messages ------------------------------------------------------------------------
def tensor(name: str, array: np.ndarray) -> bytes:
    """TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (float32 or int64)."""
    a = np.asarray(array)
    data_type = _DATA_TYPES.get(a.dtype)
    if data_type is None:
        raise TypeError(f"tensor {name}: ONNX export writes float32 or int64, not {a.dtype}")
    raw = np.ascontiguousarray(a, dtype=a.dtype.newbyteorder("<")).tobytes()
    return (b"".join(integer(1, d) for d in a.shape) + integer(2, data_type)
            + string(8, name) + message(9, raw))


def attribute(name: str, value) -> bytes:
    """AttributeProto: name = 1, f = 2, i = 3, s = 4, ints = 8, type = 20."""
    if isinstance(value, float):
        body = float32(2, value) + integer(20, _ATTR_FLOAT)
    elif isinstance(value, int) and not isinstance(value, bool):
        body = integer(3, value) + integer(20, _ATTR_INT)
    elif isinstance(value, str):
        body = string(4, value) + integer(20, _ATTR_STRING)
    elif isinstance(value, (list, tuple)) and all(isinstance(v, int) for v in value):
        body = b"".join(integer(8, v) for v in value) + integer(20, _ATTR_INTS)
    else:
        raise TypeError(f"attribute {name}: unsupported value {value!r}")
    return string(1, name) + body


def node(op_type: str, inputs: Sequence[str], outputs: Sequence[str], name: str = "",
         **attributes) -> bytes:
    """NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5."""
    return (b"".join(string(1, x) for x in inputs) + b"".join(string(2, y) for y in outputs)
            + (string(3, name) if name else b"") + string(4, op_type)
            + b"".join(message(5, attribute(k, v)) for k, v in attributes.items()))


def value_info(name: str, dims: Iterable[int | str], elem_type: int = FLOAT) -> bytes:
    """ValueInfoProto (name = 1, type = 2) of a tensor: TypeProto.tensor_type = 1 holds
    elem_type = 1 and shape = 2, a TensorShapeProto whose dim = 1 entries each carry
    dim_value = 1 (a size) or dim_param = 2 (a named, free size such as the batch)."""
    dim_fields = b"".join(
        message(1, string(2, d) if isinstance(d, str) else integer(1, d)) for d in dims)
    tensor_type = integer(1, elem_type) + message(2, dim_fields)
    return string(1, name) + message(2, message(1, tensor_type))


def graph(name: str, nodes: Iterable[bytes], initializers: Iterable[bytes],
          inputs: Iterable[bytes], outputs: Iterable[bytes], doc: str = "") -> bytes:
    """GraphProto: node = 1, name = 2, initializer = 5, doc_string = 10, input = 11,
    output = 12 (nodes in topological order)."""
    return (b"".join(message(1, n) for n in nodes) + string(2, name)
            + b"".join(message(5, t) for t in initializers)
            + (string(10, doc) if doc else b"")
            + b"".join(message(11, v) for v in inputs) + b"".join(message(12, v) for v in outputs))


def model(graph_body: bytes, *, ir_version: int, opset: int, producer: str,
          producer_version: str, doc: str = "", metadata: dict[str, str] | None = None) -> bytes:
    """ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, doc_string = 6,
    graph = 7, opset_import = 8 (an OperatorSetIdProto: domain = 1, left empty for the
    default ONNX domain, version = 2), metadata_props = 14 (key = 1, value = 2)."""
    props = b"".join(message(14, string(1, k) + string(2, v)) for k, v in (metadata or {}).items())
    return (integer(1, ir_version) + string(2, producer) + string(3, producer_version)
            + (string(6, doc) if doc else b"") + message(7, graph_body)
            + message(8, integer(2, opset)) + props)
