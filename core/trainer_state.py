"""A training run's state beyond the network's weights, as plain data: what a run file
stores so that a run continues exactly where it stopped (``Trainer.state_dict()`` and
``Trainer.load_state_dict()``; ``RunStateIO`` is a part of ``core.trainer.Trainer``).

An epoch interrupted in the middle is stored as the random generator's state its shuffled
order was drawn from, the position reached and the epoch's running sums: the order is drawn
again when the run is loaded, so the rest of the epoch is exactly what it would have been.
"""
from __future__ import annotations

from dataclasses import asdict

import numpy as np

from . import optimizers
from .layers import Dropout
from .run_history import History
from .training_config import check_batch_size, check_weight_decay


class RunStateIO:
    def state_dict(self) -> tuple[dict, dict[str, np.ndarray]]:
        """Everything beyond the network's weights that continuing this run exactly needs.

        Returns JSON-able values (optimizer name, hyperparameters and step count, config,
        epoch, step, batch size, weight decay, dropout rates, random generator states, where
        an interrupted epoch stands, history with its setting marks) and arrays: the
        optimizer's state as ``"opt/<param>/<slot>"`` and, if they differ from the current
        weights, the last good weights as ``"good"``. Arrays are the live ones: copy them
        before training goes on.
        """
        net, opt = self.net, self.optimizer
        trainer = {"epoch": self.epoch, "step": self.step, "batch_size": self.batch_size,
                   "weight_decay": net.weight_decay, "epoch_complete": self._order is None,
                   "dropout": {str(i): layer.rate for i, layer in enumerate(net.layers)
                               if isinstance(layer, Dropout)}}
        if self._order is not None:         # the epoch goes on where it stopped, in its order
            trainer.update(position=self._pos, order_rng=self._order_rng,
                           epoch_sums=list(self._sums))
        if self._diverged:
            trainer["diverged"] = True
        values = {
            "optimizer": {"name": opt.name, "hyperparameters": opt.hyperparameters(), "t": opt.t},
            "config": asdict(self.config),
            "trainer": trainer,
            "rng": {"trainer": self.rng.bit_generator.state, "net": net.rng.bit_generator.state},
            "history": self.history.to_json(),
        }
        arrays = {f"opt/{k}": a for k, a in opt.state_arrays().items()}
        if not np.array_equal(self._good, net.flat_params):
            arrays["good"] = self._good
        return values, arrays

    def load_state_dict(self, values: dict, arrays: dict[str, np.ndarray]) -> None:
        """Restore a ``state_dict()`` onto this trainer (built with the same network, data and
        config). Every field is checked first: a ValueError names the bad one and nothing changes.
        Array shapes are the caller's to check (the checkpoint loader does, naming the file).
        A run saved in the middle of an epoch by an older version (no position) continues
        with the next epoch."""
        o = values["optimizer"]
        hp = dict(o["hyperparameters"])
        opt = optimizers.make(o["name"], hp.pop("lr", None), **hp)
        t = o["t"]
        if isinstance(t, bool) or not isinstance(t, int) or t < 0:
            raise ValueError(f"optimizer step count {t!r}")
        tr = values["trainer"]
        for key in ("epoch", "step"):
            if isinstance(tr[key], bool) or not isinstance(tr[key], int) or tr[key] < 0:
                raise ValueError(f"{key} = {tr[key]!r}")
        batch_size = check_batch_size(tr["batch_size"])
        weight_decay = check_weight_decay(tr["weight_decay"])
        dropout = {int(i): float(r) for i, r in tr["dropout"].items()}
        layers = self.net.layers
        for i, r in dropout.items():
            if not (0 <= i < len(layers) and isinstance(layers[i], Dropout) and 0 <= r < 1):
                raise ValueError(f"dropout rate {r} for layer {i}")
        rngs = {}
        for which in ("trainer", "net"):
            rngs[which] = self._generator(values["rng"][which], f"random generator state of the {which}")
        order, pos, sums, order_rng = None, 0, [0, 0.0, 0.0, 0.0], None
        if not tr.get("epoch_complete", True) and "position" in tr:
            order_rng = tr["order_rng"]
            order = self._generator(order_rng, "random generator state of the epoch").permutation(
                self.train_idx)
            pos = tr["position"]
            if isinstance(pos, bool) or not isinstance(pos, int) or not 0 <= pos <= len(order):
                raise ValueError(f"position {pos!r} in an epoch of {len(order)} samples")
            sums = [float(v) for v in tr["epoch_sums"]]
            if len(sums) != 4 or tr["epoch"] < 1:
                raise ValueError(f"epoch sums {tr['epoch_sums']!r}")
            sums[0] = int(sums[0])
        history = History.from_json(values["history"])

        opt.load_state_arrays({k[4:]: a for k, a in arrays.items() if k.startswith("opt/")}, t)
        self.optimizer = opt
        self.epoch, self.step = tr["epoch"], tr["step"]
        self.batch_size = batch_size
        self.net.weight_decay = weight_decay
        for i, r in dropout.items():
            layers[i].rate = r
        self.rng.bit_generator.state = rngs["trainer"].bit_generator.state
        self.net.rng.bit_generator.state = rngs["net"].bit_generator.state   # shared by the layers
        self.history = history
        self._order, self._order_rng, self._pos, self._sums = order, order_rng, pos, sums
        self._diverged = bool(tr.get("diverged", False))
        good = arrays.get("good")
        self._good[...] = self.net.flat_params if good is None else good

    @staticmethod
    def _generator(state, what: str) -> np.random.Generator:
        g = np.random.default_rng()
        try:
            g.bit_generator.state = state
        except (TypeError, ValueError, KeyError) as e:
            raise ValueError(f"{what}: {e}") from None
        return g

