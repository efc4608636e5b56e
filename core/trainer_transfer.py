"""A trainer's whole state as one message body (``core.wire``): what the app sends its training
process at the start of a run and what comes back at the end (and for "save the run").

The body holds the network (spec, parameters and buffers), the data set (its raw arrays and
metadata: the child builds an equal ``Dataset``), the trainer's ``state_dict()`` (optimizer,
config, counters, random generators, where the epoch stands, history with marks) and what
only a live trainer knows: the best epoch and its weights, the run's first loss and the
recoveries tried (``core.early_stopping``, ``core.recovery``).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .dataset import Dataset
from .early_stopping import BestEpoch
from .network import Network
from .trainer import Trainer
from .training_config import Config


def pack_dataset(ds: Dataset) -> dict[str, Any]:
    return {"name": ds.name, "x_train": ds.x_train, "y_train": ds.y_train, "x_test": ds.x_test,
            "y_test": ds.y_test, "input_shape": list(ds.input_shape), "n_classes": ds.n_classes,
            "scale": ds.scale, "class_names": list(ds.class_names)}


def unpack_dataset(body: dict) -> Dataset:
    arrays = [body[k] for k in ("x_train", "y_train", "x_test", "y_test")]
    for a in arrays:
        a.flags.writeable = False               # as every loader leaves them
    return Dataset(str(body["name"]), *arrays, tuple(int(n) for n in body["input_shape"]),
                   int(body["n_classes"]), float(body["scale"]),
                   tuple(str(s) for s in body["class_names"]))


def pack_state(t: Trainer) -> dict[str, Any]:
    """Everything ``apply_state`` needs to make another trainer of the same run equal to ``t``
    (copies: training may go on)."""
    values, arrays = t.state_dict()
    best = t._best
    return {"params": t.net.snapshot(), "values": values,
            "arrays": {k: np.array(a) for k, a in arrays.items()},
            "live": {"best_epoch": best.epoch, "best_val_loss": best.val_loss,
                     "best_params": None if best.params is None else best.params.copy(),
                     "first_loss": t._first_loss, "failed": t._last_good.failed,
                     "since_offer": t._since_offer}}


def apply_state(t: Trainer, state: dict) -> None:
    """Make ``t`` (a trainer of the same network spec and data) what ``pack_state`` packed."""
    values = state["values"]
    t.net.load_snapshot(state["params"])
    t.config = Config(**values["config"])
    t.load_state_dict(values, state["arrays"])
    live = state["live"]
    best = BestEpoch()
    if live["best_epoch"] is not None:
        best.epoch, best.val_loss = int(live["best_epoch"]), float(live["best_val_loss"])
        best.params = np.array(live["best_params"], dtype=t.net.dtype)
    t._best = best
    t._first_loss = None if live["first_loss"] is None else float(live["first_loss"])
    t._last_good.failed = int(live["failed"])
    t._since_offer = int(live["since_offer"])


def pack_run(t: Trainer) -> dict[str, Any]:
    """What a training process needs to continue ``t``: spec, dtype, data and state."""
    return {"spec": t.net.spec, "dtype": t.net.dtype.str, "data": pack_dataset(t.data),
            "state": pack_state(t)}


def build_trainer(spec: dict, dtype: str, data: Dataset, state: dict) -> Trainer:
    """A new trainer on a new network, equal to the packed one."""
    net = Network(spec, rng=np.random.default_rng(0), dtype=np.dtype(dtype))
    net.load_snapshot(state["params"])
    t = Trainer(net, data, Config(**state["values"]["config"]))
    apply_state(t, state)
    return t
