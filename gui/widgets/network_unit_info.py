"""The box the network diagram pins when a unit is clicked: the unit's activation a and
weighted sum z for the input shown, its bias b, its incoming weights and the three inputs
that contribute most to its z (w · a from the layer before). Strings are filed under the
``NetworkDiagram`` translation context."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("NetworkDiagram", text)


def _fmt(v: float) -> str:
    return f"{v:.4g}"


def describe_unit(diagram, layer: int | None, unit: int) -> list[str]:
    """Lines describing unit ``unit`` of ``layer`` (None: the input) of ``diagram``."""
    cols = diagram.columns()
    k = next((i for i, c in enumerate(cols) if c.kind == "neurons" and c.layer == layer), None)
    if k is None:
        return []
    col = cols[k]
    if layer is None:
        lines = [_tr("Input {0} of {1}").format(unit, col.size)]
    else:
        kind = (diagram._spec or {}).get("layers", [{}])[layer].get("type", "?")
        lines = [_tr("Layer {0} ({1}): neuron {2}").format(layer, kind, unit)]
    activity = diagram._activity
    v = activity.unit(layer, unit) if activity is not None else None
    if v is not None:
        z, a = v
        text = (_tr("x = {0}") if layer is None else _tr("a = {0}")).format(_fmt(a))
        if z is not None:
            text += "    " + _tr("z = {0}").format(_fmt(z))
        lines.append(text)
    stats = diagram.neuron_stats(layer, unit) if col.weighted else None
    if stats is None:
        return lines
    lines.append(_tr("b = {0}").format(", ".join(_fmt(b) for b in stats["bias"])))
    lines.append(_tr("incoming weights: {0}, mean {1}, std {2}").format(
        stats["count"], _fmt(stats["mean"]), _fmt(stats["std"])))
    prev = activity.values.get(cols[k - 1].layer) if activity is not None and k > 0 else None
    w = diagram._params[f"{layer}.W"][:, unit * col.pieces]
    if prev is not None and prev[1].size == w.size:
        contrib = w * prev[1]
        for i in np.argsort(-np.abs(contrib), kind="stable")[:3]:
            lines.append(_tr("  from unit {0}: w = {1} × a = {2} → {3}").format(
                int(i), _fmt(w[i]), _fmt(prev[1][i]), _fmt(contrib[i])))
    return lines
