"""What each unit of the network diagram holds for one input: its weighted sum z and its
activation a, from the network's own forward pass (``core.backprop_trace``).

    activity = activity_for_input(spec, params, x)     # x: one sample, e.g. (1, 28, 28)
    diagram.set_activity(activity)

``Activity.values[layer]`` is ``(z, a)`` for a layer (flattened over the sample's units;
z None when the layer has no activation), ``values[None]`` the input itself.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.backprop_trace import Trace, trace
from core.network import Network


@dataclass
class Activity:
    values: dict[int | None, tuple[np.ndarray | None, np.ndarray]] = field(default_factory=dict)
    label: str = ""                 # what the input is, e.g. "sample 3 (label 7)"

    def unit(self, layer: int | None, unit: int) -> tuple[float | None, float] | None:
        """(z, a) of one unit, or None when unknown."""
        if layer not in self.values:
            return None
        z, a = self.values[layer]
        if not 0 <= unit < a.size:
            return None
        return (None if z is None or z.size != a.size else float(z[unit])), float(a[unit])


def activity_from_trace(t: Trace, sample: int = 0, label: str = "") -> Activity:
    """The activity of one sample of a traced batch."""
    values: dict[int | None, tuple[np.ndarray | None, np.ndarray]] = {
        None: (None, np.asarray(t.x[sample], dtype=np.float64).ravel())}
    for lt in t.layers:
        z = None if lt.z is None else np.asarray(lt.z[sample], dtype=np.float64).ravel()
        values[lt.index] = (z, np.asarray(lt.a[sample], dtype=np.float64).ravel())
    return Activity(values, label)


def activity_for_input(spec: dict, params: dict[str, np.ndarray], x: np.ndarray,
                       label: str = "") -> Activity:
    """Run one sample ``x`` (any shape with the network's number of inputs) through a copy
    of the network in evaluation mode."""
    net = Network.from_spec(spec, np.random.default_rng(0))
    net.load_snapshot(params)
    x = np.asarray(x, dtype=np.float32).reshape((1,) + net.input_shape)
    return activity_from_trace(trace(net, x, np.zeros(1, dtype=np.int64), training=False), 0, label)
