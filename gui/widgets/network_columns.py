"""The columns of the network diagram, worked out from a spec: one per drawn layer output
(neurons, a block of feature maps, or the first bad layer), with the layers drawn as badges
(activations, dropout) attached to the column before them, and the parameter shapes the
drawing expects. Layout data only: ``NetworkDiagram`` places and paints them."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF

from core.layers import LAYER_TYPES
from core.spec import make_layer
from gui.widgets.layer_editor import activation_label


@dataclass
class Column:
    kind: str                        # "neurons", "block" or "error"
    title: str
    subtitle: str
    shape: tuple[int, ...]           # per-sample output shape
    layer: int | None                # the layer producing it; None for the input
    op: str = ""                     # its layer type, "input" or "error"
    weighted: bool = False           # its neurons have incoming weights "layer.W"
    pieces: int = 1                  # maxout: weight columns per unit
    badges: list[tuple[int, str]] = field(default_factory=list)
    shown: list[int] = field(default_factory=list)
    centers: list[QPointF] = field(default_factory=list)
    rect: QRectF = field(default_factory=QRectF)
    ellipsis: QPointF | None = None
    box: float = 60.0                # horizontal room for its labels

    @property
    def size(self) -> int:
        return int(np.prod(self.shape)) if self.kind == "neurons" else self.shape[0]


def shape_text(shape) -> str:
    return "×".join(map(str, shape))


def _drawn_as(kind) -> str | None:
    """How the diagram draws a layer kind (the registry's ``diagram``), None if unknown."""
    cls = LAYER_TYPES.get(kind)
    return cls.diagram if cls is not None else None


def _tr(text: str) -> str:
    return QCoreApplication.translate("NetworkDiagram", text)


def build_columns(spec: dict) -> tuple[list[Column], dict[str, tuple]]:
    """The columns to draw and the parameter shapes they expect; stops at the first bad layer."""
    shape = tuple(spec.get("input_shape") or (1,))
    layers = spec.get("layers") or []
    first = next((_drawn_as(c.get("type")) for c in layers if isinstance(c, dict)
                  and _drawn_as(c.get("type")) != "badge"), None)
    n_in = int(np.prod(shape))
    if len(shape) == 3 and first == "block":
        cols = [Column("block", _tr("Input"), shape_text(shape), shape, None, op="input")]
    else:
        cols = [Column("neurons", _tr("Input"), shape_text(shape) if len(shape) > 1 else "", (n_in,), None,
                       op="input")]
    expected: dict[str, tuple] = {}
    for i, cfg in enumerate(layers):
        kind = cfg.get("type", "?") if isinstance(cfg, dict) else "?"
        try:
            layer = make_layer(cfg)
            out = layer.build(shape)
        except (ValueError, TypeError) as e:
            cols.append(Column("error", _tr("Layer {0}").format(i), str(e), (1,), i, op="error"))
            break
        expected.update({f"{i}.{k}": tuple(s) for k, s in layer.param_shapes().items()})
        act = cfg.get("activation")
        act = activation_label(act) if act not in (None, "identity") else ""
        drawn, title = _drawn_as(kind), QCoreApplication.translate("layers", LAYER_TYPES[kind].label)
        if drawn == "neurons":
            pieces = getattr(layer, "pieces", 1)
            sub = _tr("{0} pieces").format(pieces) if pieces > 1 else act
            cols.append(Column("neurons", title, sub, out, i, op=kind, weighted=bool(layer.weight_names),
                               pieces=pieces))
        elif drawn == "block":
            window = getattr(layer, "kernel", None) or (layer.size, layer.size)
            sub = f"{window[0]}×{window[1]} {act}".strip()
            cols.append(Column("block", title, sub, out, i, op=kind))
        elif drawn == "flatten" and cols[-1].kind == "block":
            cols.append(Column("neurons", title, "", out, i, op=kind))
        else:
            rate = getattr(layer, "rate", None)
            text = _tr("dropout {0:g}").format(rate) if rate is not None else act or title
            cols[-1].badges.append((i, text))
        shape = out
    last = cols[-1]
    if last.kind == "neurons" and last.layer is not None:
        last.title = _tr("Output")
        last.subtitle = f"{last.subtitle} → softmax" if last.subtitle else "softmax"
    return cols, expected
