"""The architecture as plain data: validation, shape inference, the dimension table.

A spec is a JSON-able dict::

    {"input_shape": [1, 28, 28],
     "layers": [{"type": "dense", "units": 100, "activation": "relu"},
                {"type": "dense", "units": 10}],
     "loss": "softmax_cross_entropy"}

Layer ``i`` (its position in ``spec["layers"]``) owns the parameters named
``"i.W"``, ``"i.b"`` …; error messages use the same index, e.g.
``layer 3 (conv2d): kernel 7×7 is larger than its 5×5 input``.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field

import numpy as np

from . import activations, initializers, losses
from .layer_base import MAX_UNITS
from .layers import LAYER_TYPES, Layer, settings_of


class SpecError(ValueError):
    """An invalid architecture; ``layer`` is the index of the offending layer, if any."""

    def __init__(self, message: str, layer: int | None = None):
        super().__init__(message)
        self.layer = layer


@dataclass
class LayerInfo:
    """What shape inference knows of one layer (shapes per sample)."""

    index: int
    kind: str
    layer: Layer
    in_shape: tuple[int, ...]
    out_shape: tuple[int, ...]
    params: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def n_params(self) -> int:
        return sum(int(np.prod(s)) for s in self.params.values())


def parse(text: str, source: str = "spec") -> dict:
    """A spec from JSON text; malformed JSON raises SpecError naming the line."""
    try:
        spec = json.loads(text)
    except json.JSONDecodeError as e:
        raise SpecError(f"{source}: not valid JSON ({e.msg} at line {e.lineno}, "
                        f"column {e.colno})") from None
    return validate(spec)


def dumps(spec: dict) -> str:
    return json.dumps(spec, indent=2)


def _check_value(where: str, key: str, kind: str, v):
    if kind == "int":
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise ValueError(f"{key} must be a whole number, got {v!r}")
        if v > MAX_UNITS:
            raise ValueError(f"{key} = {v} is too large (limit {MAX_UNITS})")
    elif kind == "float":
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not np.isfinite(v):
            raise ValueError(f"{key} must be a finite number, got {v!r}")
    elif kind == "activation":
        if v is not None and v not in activations.ACTIVATIONS:
            raise ValueError(f"unknown activation {v!r}; choose one of {', '.join(activations.ACTIVATIONS)}")
    elif kind == "init":
        if v is not None and v not in initializers.INITIALIZERS:
            names = ", ".join(initializers.INITIALIZERS)
            raise ValueError(f"unknown initializer {v!r}; choose one of {names}")
    elif kind == "kernel":
        vals = v if isinstance(v, (list, tuple)) else [v]
        if len(vals) not in (1, 2) or any(isinstance(k, bool) or not isinstance(k, int) for k in vals):
            raise ValueError(f"kernel must be a whole number or two, got {v!r}")


def make_layer(cfg: dict) -> Layer:
    """An unbuilt layer from one layer's settings; ValueError names the problem."""
    if not isinstance(cfg, dict):
        raise ValueError(f"must be an object like {{\"type\": \"dense\", ...}}, got {cfg!r}")
    kind = cfg.get("type")
    if kind not in LAYER_TYPES:
        raise ValueError(f"unknown layer type {kind!r}; choose one of {', '.join(LAYER_TYPES)}")
    allowed = settings_of(kind)
    for key, v in cfg.items():
        if key == "type":
            continue
        if key not in allowed:
            valid = ", ".join(allowed) or "none"
            raise ValueError(f"unknown setting {key!r} (valid settings: {valid})")
        _check_value(kind, key, allowed[key].type, v)
    for key, setting in allowed.items():
        if setting.required and key not in cfg:
            raise ValueError(f"missing required setting {key!r}")
    kwargs = {k: v for k, v in cfg.items() if k != "type"}
    return LAYER_TYPES[kind](**kwargs)


def _input_shape_ok(shape) -> bool:
    return (isinstance(shape, (list, tuple)) and 1 <= len(shape) <= 3
            and all(not isinstance(s, bool) and isinstance(s, int) and s >= 1 for s in shape))


def _check_top(spec) -> None:
    if not isinstance(spec, dict):
        raise SpecError(f"a spec must be a JSON object, got {type(spec).__name__}")
    unknown = set(spec) - {"input_shape", "layers", "loss", "name"}
    if unknown:
        raise SpecError(f"unknown key(s) {', '.join(sorted(unknown))}; a spec has input_shape, layers, loss")
    shape = spec.get("input_shape")
    if not _input_shape_ok(shape):
        raise SpecError(f"input_shape must be a list of 1 to 3 positive whole numbers, got {shape!r}")
    layers = spec.get("layers")
    if not isinstance(layers, list) or not layers:
        raise SpecError("layers must be a non-empty list")
    loss = spec.get("loss", "softmax_cross_entropy")
    if loss not in losses.LOSSES:
        raise SpecError(f"unknown loss {loss!r}; choose one of {', '.join(losses.LOSSES)}")


def infer(spec: dict) -> list[LayerInfo]:
    """Build every layer for its input shape; raises SpecError at the first problem."""
    _check_top(spec)
    shape = tuple(spec["input_shape"])
    infos = []
    for i, cfg in enumerate(spec["layers"]):
        kind = cfg.get("type", "?") if isinstance(cfg, dict) else "?"
        try:
            layer = make_layer(cfg)
            out = layer.build(shape)
        except (ValueError, TypeError) as e:
            raise SpecError(f"layer {i} ({kind}): {e}", layer=i) from None
        infos.append(LayerInfo(i, kind, layer, shape, out, layer.param_shapes()))
        shape = out
    if len(shape) != 1:
        last = len(infos) - 1
        raise SpecError(f"layer {last} ({infos[-1].kind}): the last layer must output a vector of "
                        f"class scores, but it outputs {'×'.join(map(str, shape))}; add a flatten "
                        "and a dense layer", layer=last)
    return infos


def validate(spec: dict, n_classes: int | None = None) -> dict:
    """A normalised deep copy of a valid spec; SpecError (a ValueError) otherwise.

    With ``n_classes`` the last layer must output exactly that many scores.
    """
    infos = infer(spec)
    out = infos[-1].out_shape[0]
    if n_classes is not None and out != n_classes:
        raise SpecError(f"layer {len(infos) - 1} ({infos[-1].kind}): outputs {out} scores but the "
                        f"data has {n_classes} classes", layer=len(infos) - 1)
    spec = copy.deepcopy(spec)
    spec["input_shape"] = list(spec["input_shape"])
    spec.setdefault("loss", "softmax_cross_entropy")
    return spec


def problems(spec: dict, n_classes: int | None = None) -> list[tuple[int | None, str]]:
    """Every problem found, as (layer index or None, message) — for the editor.

    Settings are checked on every layer; shapes only up to the first layer
    whose input shape is unknown.
    """
    found: list[tuple[int | None, str]] = []
    try:
        _check_top(spec)
    except SpecError as e:
        if not isinstance(spec, dict) or not isinstance(spec.get("layers"), list) or not spec["layers"]:
            return [(None, str(e))]
        found.append((None, str(e)))
    shape = tuple(spec["input_shape"]) if _input_shape_ok(spec.get("input_shape")) else None
    for i, cfg in enumerate(spec["layers"]):
        try:
            layer = make_layer(cfg)
            if shape is not None:
                shape = layer.build(shape)
        except (ValueError, TypeError) as e:
            kind = cfg.get("type", "?") if isinstance(cfg, dict) else "?"
            found.append((i, f"layer {i} ({kind}): {e}"))
            shape = None                  # the shapes after a bad layer are unknown
    if not found:
        try:
            validate(spec, n_classes)
        except SpecError as e:
            found.append((e.layer, str(e)))
    return found


def count_params(spec: dict) -> int:
    return sum(info.n_params for info in infer(spec))


def dimension_table(spec: dict, m: int) -> list[dict]:
    """Andrew Ng's "check the matrix dimensions" for a batch of ``m`` samples.

    One row per layer: ``index``, ``layer`` (its repr), ``X`` (its input,
    (m, *in)), ``W``, ``b`` (parameter shapes, or None), ``Z`` (before the
    activation), ``A`` (the output), ``dW``, ``db`` (same as W, b), ``params``
    (count) and ``bytes`` (float32 memory of the parameters).
    """
    if isinstance(m, bool) or not isinstance(m, int) or m < 1:
        raise ValueError(f"batch size m must be a positive whole number, got {m!r}")
    rows = []
    for info in infer(spec):
        ps = info.params
        w = ps.get("W", ps.get("gamma"))
        b = ps.get("b", ps.get("beta"))
        z = info.layer.z_shape()
        rows.append({
            "index": info.index, "kind": info.kind, "layer": repr(info.layer),
            "X": (m,) + info.in_shape, "W": w, "b": b, "Z": (m,) + z,
            "A": (m,) + info.out_shape, "dW": w, "db": b,
            "params": info.n_params, "bytes": 4 * info.n_params,
        })
    return rows
