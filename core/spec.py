"""The architecture as plain data: validation, shape inference, the dimension table.

A spec is a JSON-able dict::

    {"input_shape": [1, 28, 28],
     "layers": [{"type": "dense", "units": 100, "activation": "relu"},
                {"type": "dense", "units": 10}],
     "loss": "softmax_cross_entropy"}

Layer ``i`` (its position in ``spec["layers"]``) owns the parameters named
``"i.W"``, ``"i.b"`` …; error messages use the same index, e.g.
``layer 3 (conv2d): kernel 7×7 is larger than its 5×5 input``.

Every value is checked with its rule before anything is built: types (a loss is a name,
not a list), ranges (sizes at most ``MAX_UNITS``, numbers finite and positive where the
setting is a positive quantity; each layer checks the rest), and size caps so that a
valid spec always fits in memory: at most ``MAX_LAYERS`` layers, ``MAX_PARAMS``
parameters and ``MAX_SAMPLE_VALUES`` values per sample in one training step (see
``core.model_size`` for the memory estimate the editor shows). Problems raise
:class:`SpecError`; :func:`load` and :func:`save` read and write spec files.
"""
from __future__ import annotations

import copy
import json
import math
import os
import stat
from dataclasses import dataclass, field

from . import activations, initializers, losses
from .errors import SpecError
from .layer_base import MAX_UNITS, Setting
from .layers import LAYER_TYPES, Layer, settings_of
from .safe_files import check_name, read_regular

__all__ = ["SpecError", "LayerInfo", "parse", "load", "save", "dumps", "make_layer", "infer",
           "validate", "problems", "count_params", "dimension_table"]

MAX_LAYERS = 200
# 25 M parameters: 100 MB of float32 weights, about 1 GB to train with Adam (core.model_size)
MAX_PARAMS = 25_000_000
# values one sample keeps in a training step (outputs, weighted sums, unrolled convolution
# windows), 32 MB in float32: a batch of 32 then needs about 1.5 GB
MAX_SAMPLE_VALUES = 8_000_000
MAX_SPEC_BYTES = 1 << 20      # a 200-layer spec is some 20 kB of JSON
MAX_NAME = 200
MAX_FLOAT = 1e6               # a layer's number setting (rate, σ, ε …); the layer checks its range


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
        return sum(math.prod(s) for s in self.params.values())

    @property
    def values(self) -> int:
        """Values one sample keeps at this layer in a training step: its weighted sums and
        outputs and, for a layer with a 4-d kernel (convolution), its input unrolled into one
        column per output position (im2col)."""
        n = math.prod(self.out_shape) + math.prod(self.layer.z_shape())
        w = self.params.get("W")
        if w is not None and len(w) == 4:
            n += (math.prod(w[1:]) + 1) * math.prod(self.out_shape[1:])
        return n


def _short(v, limit: int = 60) -> str:
    """``repr(v)`` cut to ``limit`` characters (a message never quotes a megabyte)."""
    return _cut(repr(v), limit)


def _cut(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def parse(text: str, source: str | os.PathLike | None = None) -> dict:
    """A valid spec from JSON text; a SpecError names ``source`` (the file), the field and
    the rule. Malformed JSON names the line and column."""
    try:
        spec = json.loads(text)
    except json.JSONDecodeError as e:
        raise SpecError(f"not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})",
                        path=source) from None
    except RecursionError:
        raise SpecError("nested too deeply to be an architecture (lists or objects inside each "
                        "other thousands of times)", path=source) from None
    except ValueError as e:       # e.g. an integer of thousands of digits
        raise SpecError(f"not a valid architecture ({e})", path=source) from None
    try:
        return validate(spec)
    except SpecError as e:
        raise e.in_file(source) if source is not None else e from None


def load(path) -> dict:
    """A valid spec read from the JSON file ``path`` (a regular file of at most
    ``MAX_SPEC_BYTES``); SpecError names the file and the problem."""
    raw = read_regular(path, _file_error, MAX_SPEC_BYTES, "an architecture file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SpecError(f"not a text (JSON) file: byte {e.start} is not UTF-8", path=path) from None
    return parse(text, source=os.fspath(path))


def save(spec: dict, path) -> None:
    """Write ``spec`` to ``path`` as JSON. Refuses a folder, a named pipe or device, and a
    read-only file (even where the user could override it) with a SpecError."""
    p = check_name(path, _file_error)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise SpecError(f"cannot save ({e.strerror or e})", path=p) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise SpecError("cannot save: this is not a regular file (a folder, pipe or device)", path=p)
    if st is not None and not stat.S_IMODE(st.st_mode) & 0o222:
        raise SpecError("cannot save: the file is read-only", path=p)
    try:
        with open(p, "w", encoding="utf-8") as f:
            f.write(dumps(spec) + "\n")
    except OSError as e:
        raise SpecError(f"cannot save ({e.strerror or e})", path=p) from None


def _file_error(path: str, problem: str) -> SpecError:
    return SpecError(problem, path=path)


def dumps(spec: dict) -> str:
    return json.dumps(spec, indent=2)


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


class _SettingError(ValueError):
    """A layer setting breaks its rule; ``key`` names it."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


def _check_value(key: str, setting: Setting, v) -> None:
    kind = setting.type
    if kind == "int":
        if not _is_int(v):
            raise _SettingError(key, f"{key} must be a whole number, got {_short(v)}")
        if abs(v) > MAX_UNITS:
            raise _SettingError(key, f"{key} = {_short(v)} is too large (limit {MAX_UNITS})")
    elif kind == "float":
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or \
                abs(v) > MAX_FLOAT:
            raise _SettingError(key, f"{key} must be a finite number of at most {MAX_FLOAT:g} in "
                                     f"size, got {_short(v)}")
        if setting.low is not None and setting.low > 0 and v <= 0:     # a positive quantity
            raise _SettingError(key, f"{key} must be positive, got {v:g}")
    elif kind in ("activation", "init"):
        names = activations.ACTIVATIONS if kind == "activation" else initializers.INITIALIZERS
        if v is not None and (not isinstance(v, str) or v not in names):
            what = "activation" if kind == "activation" else "initializer"
            raise _SettingError(key, f"unknown {what} {_short(v)}; choose one of {', '.join(names)}")
    elif kind == "kernel":
        vals = v if isinstance(v, list) else [v]
        if len(vals) not in (1, 2) or not all(_is_int(k) and abs(k) <= MAX_UNITS for k in vals):
            raise _SettingError(key, f"kernel must be a whole number or two (at most {MAX_UNITS}), "
                                     f"got {_short(v)}")


def make_layer(cfg: dict) -> Layer:
    """An unbuilt layer from one layer's settings; ValueError names the problem."""
    if not isinstance(cfg, dict):
        raise ValueError(f"must be an object like {{\"type\": \"dense\", ...}}, got {_short(cfg)}")
    kind = cfg.get("type")
    if not isinstance(kind, str) or kind not in LAYER_TYPES:
        raise _SettingError("type", f"unknown layer type {_short(kind)}; choose one of "
                                    f"{', '.join(LAYER_TYPES)}")
    allowed = settings_of(kind)
    for key, v in cfg.items():
        if key == "type":
            continue
        if key not in allowed:
            valid = ", ".join(allowed) or "none"
            raise _SettingError(key, f"unknown setting {_short(key)} (valid settings: {valid})")
        _check_value(key, allowed[key], v)
    for key, setting in allowed.items():
        if setting.required and key not in cfg:
            raise _SettingError(key, f"missing required setting {key!r}")
    kwargs = {k: v for k, v in cfg.items() if k != "type"}
    return LAYER_TYPES[kind](**kwargs)


def _input_shape_ok(shape) -> bool:
    return (isinstance(shape, (list, tuple)) and 1 <= len(shape) <= 3
            and all(_is_int(s) and 1 <= s <= MAX_UNITS for s in shape))


def _check_top(spec) -> None:
    if not isinstance(spec, dict):
        raise SpecError(f"a spec must be a JSON object, got {type(spec).__name__}")
    unknown = set(spec) - {"input_shape", "layers", "loss", "name"}
    if unknown:
        raise SpecError(f"unknown key(s) {_cut(', '.join(sorted(map(str, unknown))))}; a spec has "
                        "input_shape, layers, loss", field=str(min(map(str, unknown))))
    name = spec.get("name", "")
    if not isinstance(name, str) or len(name) > MAX_NAME:
        raise SpecError(f"name must be a text of at most {MAX_NAME} characters, got {_short(name)}",
                        field="name")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise SpecError("name must be text: it holds an unpaired surrogate character (half of a "
                        "UTF-16 pair), which no file can store", field="name") from None
    shape = spec.get("input_shape")
    if not _input_shape_ok(shape):
        raise SpecError(f"input_shape must be a list of 1 to 3 whole numbers from 1 to {MAX_UNITS}, "
                        f"got {_short(shape)}", field="input_shape")
    layers = spec.get("layers")
    if not isinstance(layers, list) or not layers:
        raise SpecError("layers must be a non-empty list", field="layers")
    if len(layers) > MAX_LAYERS:
        raise SpecError(f"{len(layers)} layers is too many (limit {MAX_LAYERS})", field="layers")
    loss = spec.get("loss", losses.DEFAULT)
    if not isinstance(loss, str) or loss not in losses.LOSSES:
        raise SpecError(f"unknown loss {_short(loss)}; choose one of {', '.join(losses.LOSSES)}",
                        field="loss")


def _layer_error(i: int, kind, e: Exception) -> SpecError:
    key = getattr(e, "key", None)
    return SpecError(f"layer {i} ({kind}): {e}", layer=i,
                     field=f"layers[{i}]" + (f".{key}" if key else ""))


def _kind(cfg) -> str:
    kind = cfg.get("type", "?") if isinstance(cfg, dict) else "?"
    return kind if isinstance(kind, str) and len(kind) <= 30 else "?"


def infer(spec: dict) -> list[LayerInfo]:
    """Build every layer for its input shape; raises SpecError at the first problem,
    including a network over the size caps (``MAX_PARAMS``, ``MAX_SAMPLE_VALUES``)."""
    _check_top(spec)
    shape = tuple(spec["input_shape"])
    infos = []
    n_params, n_values = 0, math.prod(shape)
    for i, cfg in enumerate(spec["layers"]):
        kind = _kind(cfg)
        try:
            layer = make_layer(cfg)
            out = layer.build(shape)
        except (ValueError, TypeError, OverflowError) as e:
            raise _layer_error(i, kind, e) from None
        info = LayerInfo(i, kind, layer, shape, out, layer.param_shapes())
        infos.append(info)
        n_params, n_values = n_params + info.n_params, n_values + info.values
        if n_params > MAX_PARAMS:
            raise SpecError(f"layer {i} ({kind}): the network has {n_params:,} parameters from here "
                            f"on, over the limit of {MAX_PARAMS:,}; use fewer units or filters",
                            layer=i, field=f"layers[{i}]")
        if n_values > MAX_SAMPLE_VALUES:
            raise SpecError(f"layer {i} ({kind}): a training step needs {n_values:,} values per "
                            f"sample up to here, over the limit of {MAX_SAMPLE_VALUES:,} (about "
                            f"{4 * MAX_SAMPLE_VALUES >> 20} MB); use fewer filters or a smaller input",
                            layer=i, field=f"layers[{i}]")
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
    spec.setdefault("loss", losses.DEFAULT)
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
    for i, cfg in enumerate(spec["layers"][:MAX_LAYERS + 1]):
        try:
            layer = make_layer(cfg)
            if shape is not None:
                shape = layer.build(shape)
        except (ValueError, TypeError, OverflowError) as e:
            found.append((i, f"layer {i} ({_kind(cfg)}): {e}"))
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
