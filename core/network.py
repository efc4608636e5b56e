"""The network: layers built from a spec, all parameters in one flat buffer.

Every parameter array (``"0.W"``, ``"0.b"``, …) is a view into one contiguous
float32 vector, and every gradient a view into a second one. Layers, the
optimizer and checkpoints all see the named views; the trainer can hand the
optimizer the two flat vectors so one update touches everything in a few
vectorised calls, and a snapshot is a single copy.
"""
from __future__ import annotations

import numpy as np

from . import batch_halves, losses, threads
from . import spec as spec_mod
from .activations import softmax
from .layers import Dropout, Layer


class Network:
    """A feed-forward network.

    Inputs are batches of shape (n, *input_shape); a batch of any shape with
    the same number of values per sample is reshaped (so MNIST images of
    shape (n, 28, 28) feed a spec with input_shape [784] or [1, 28, 28]).
    """

    def __init__(self, spec: dict, rng: np.random.Generator | None = None,
                 dtype=np.float32):
        self.spec = spec_mod.validate(spec)
        self.dtype = np.dtype(dtype)
        self.rng = rng if rng is not None else np.random.default_rng()
        self.input_shape = tuple(self.spec["input_shape"])
        infos = spec_mod.infer(self.spec)
        self.layers: list[Layer] = [info.layer for info in infos]
        self.loss_fn = losses.get(self.spec["loss"])
        self.weight_decay = 0.0
        self.n_classes = infos[-1].out_shape[0]

        sizes = {f"{i}.{k}": shape for i, info in enumerate(infos) for k, shape in info.params.items()}
        total = sum(int(np.prod(s)) for s in sizes.values())
        self.flat_params = np.zeros(total, dtype=self.dtype)
        self.flat_grads = np.zeros(total, dtype=self.dtype)
        self._params: dict[str, np.ndarray] = {}
        self._grads: dict[str, np.ndarray] = {}
        self._buffers: dict[str, np.ndarray] = {}
        self._decayed: list[tuple[np.ndarray, np.ndarray]] = []
        offset = 0
        for i, layer in enumerate(self.layers):
            layer.rng = self.rng
            for k, shape in layer.param_shapes().items():
                size = int(np.prod(shape))
                name = f"{i}.{k}"
                p = self.flat_params[offset:offset + size].reshape(shape)
                g = self.flat_grads[offset:offset + size].reshape(shape)
                layer.params[k], layer.grads[k] = p, g
                self._params[name], self._grads[name] = p, g
                if k in layer.weight_names:
                    self._decayed.append((p, g))
                offset += size
            for k, shape in layer.buffer_shapes().items():
                layer.buffers[k] = self._buffers[f"{i}.{k}"] = np.zeros(shape, dtype=self.dtype)
        # Networks with layers that split their work over threads (convolution, pooling) do
        # their products on the same threads, with BLAS kept to one (see threads.py).
        self._own_products = any(layer.splits_work for layer in self.layers)
        # the first layer with parameters (and all before it) need not compute dx
        for layer in self.layers:
            layer.need_dx = False
            if layer.params:
                break
        self.init_parameters(self.rng)

    @classmethod
    def from_spec(cls, spec: dict, rng: np.random.Generator | None = None,
                  dtype=np.float32) -> Network:
        return cls(spec, rng=rng, dtype=dtype)

    def init_parameters(self, rng: np.random.Generator) -> None:
        """Re-draw every parameter (Reset weights)."""
        for layer in self.layers:
            layer.init_params(rng)

    # -- named access ------------------------------------------------------------
    def parameters(self) -> dict[str, np.ndarray]:
        """name -> parameter array (a live view; update in place)."""
        return self._params

    def gradients(self) -> dict[str, np.ndarray]:
        """name -> gradient of the last backward pass (live views)."""
        return self._grads

    def buffers(self) -> dict[str, np.ndarray]:
        """name -> non-trained state such as BatchNorm running statistics."""
        return self._buffers

    @property
    def n_params(self) -> int:
        return int(self.flat_params.size)

    def snapshot(self) -> dict[str, np.ndarray]:
        """An independent copy of every parameter and buffer (one flat copy)."""
        flat = self.flat_params.copy()
        out, offset = {}, 0
        for name, p in self._params.items():
            out[name] = flat[offset:offset + p.size].reshape(p.shape)
            offset += p.size
        for name, b in self._buffers.items():
            out[name] = b.copy()
        return out

    def load_snapshot(self, arrays: dict[str, np.ndarray]) -> None:
        """Copy values into the parameters/buffers (shapes must match exactly)."""
        own = {**self._params, **self._buffers}
        missing = set(own) - set(arrays)
        if missing:
            raise ValueError(f"missing parameter(s): {', '.join(sorted(missing))}")
        for name, dst in own.items():
            src = np.asarray(arrays[name])
            if src.shape != dst.shape:
                raise ValueError(f"parameter {name}: shape {src.shape} does not match the "
                                 f"network's {dst.shape}")
            dst[...] = src

    def set_dropout(self, rate: float) -> None:
        """Change the rate of every dropout layer (takes effect at the next batch)."""
        if not 0 <= rate < 1:
            raise ValueError(f"dropout rate must be in [0, 1), got {rate}")
        for layer in self.layers:
            if isinstance(layer, Dropout):
                layer.rate = float(rate)

    # -- computation ---------------------------------------------------------------
    def check_input(self, x: np.ndarray) -> None:
        """ValueError naming the shapes if a batch ``x`` (n, *input_shape) does not fit."""
        self._prepare(x)

    def as_input(self, x: np.ndarray) -> np.ndarray:
        """``x`` as the first layer sees it: (n, *input_shape) in the network's dtype."""
        return self._prepare(x)

    def _prepare(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x)
        per_sample = int(np.prod(self.input_shape))
        if x.ndim == 0 or x.size != x.shape[0] * per_sample:
            got = "×".join(map(str, x.shape[1:])) or "nothing"
            raise ValueError(f"input has shape {got} per sample but the network expects "
                             f"{'×'.join(map(str, self.input_shape))} ({per_sample} values)")
        return x.reshape((x.shape[0],) + self.input_shape).astype(self.dtype, copy=False)

    def forward(self, x: np.ndarray, training: bool = False,
                record: list | None = None) -> np.ndarray:
        """Scores before the softmax, shape (n, n_classes).

        If ``record`` is a list, each layer's output is appended to it.
        """
        a = self._prepare(x)
        with threads.own_products(self._own_products):
            for layer in self.layers:
                a = layer.forward(a, training)
                if record is not None:
                    record.append(a)
        return a

    def loss(self, x: np.ndarray, y: np.ndarray, training: bool = True,
             record: list | None = None) -> float:
        """Forward pass including the loss (and the L2 penalty ½λΣW²).

        x : (n, *input_shape) float; y : (n,) integer labels. ``record`` as in ``forward``.
        """
        y = np.asarray(y)
        self.loss_fn.check_targets(y, len(x), self.n_classes)   # labels, or values for regression
        if training and record is None and batch_halves.applies(self, len(x)):
            value = batch_halves.loss(self, x, y)   # each half of the batch on a thread of its own
        else:
            self.scores = self.forward(x, training, record)
            value = self.loss_fn.forward(self.scores, y)
        if self.weight_decay:
            value += 0.5 * self.weight_decay * sum(float(np.vdot(p, p)) for p, _ in self._decayed)
        return value

    def backward(self, record: list | None = None) -> dict[str, np.ndarray]:
        """Gradients of the last ``loss`` call, written into the flat buffer.

        If ``record`` is a list, the gradient arriving at each layer's output (dA, last
        layer first) is appended to it, for as far as backward goes.
        """
        d = None if record is None and batch_halves.backward(self) else self.loss_fn.backward()
        with threads.own_products(self._own_products):
            for layer in reversed(self.layers) if d is not None else ():
                if record is not None:
                    record.append(d)
                d = layer.backward(d)
                if d is None:
                    break
        if self.weight_decay:
            for p, g in self._decayed:
                g += self.weight_decay * p
        return self._grads

    # -- a part of a batch (batch_halves, process_halves) ----------------------------------------
    def part_loss(self, a: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
        """The training forward pass of ``a`` (already shaped as the first layer takes it) and
        its loss: (scores, loss). Nothing else: no threads' context, no L2 penalty, and
        ``self.scores`` stays as it is (the caller puts the parts together)."""
        for layer in self.layers:
            a = layer.forward(a, True)
        return a, self.loss_fn.forward(a, y)

    def part_backward(self) -> None:
        """The gradients of the last ``part_loss`` into this network's flat buffer."""
        d = self.loss_fn.backward()
        for layer in reversed(self.layers):
            d = layer.backward(d)
            if d is None:
                break

    def predict_proba(self, x: np.ndarray, batch_size: int = 2000) -> np.ndarray:
        """Class probabilities (n, n_classes), evaluated in chunks."""
        x = np.asarray(x)
        out = [softmax(self.forward(x[i:i + batch_size])) for i in range(0, len(x), batch_size)]
        return np.concatenate(out) if out else np.zeros((0, self.n_classes), self.dtype)

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self.predict_proba(x).argmax(axis=1)

    def first_nonfinite(self) -> str | None:
        """Name of the first parameter holding NaN or ±inf, or None."""
        if np.isfinite(self.flat_params).all():
            return None
        for name, p in self._params.items():
            if not np.isfinite(p).all():
                return name
        return None

    def describe_layer(self, name: str) -> str:
        """'layer 0 (dense)' for a parameter name such as '0.W'."""
        i = int(name.split(".")[0])
        return f"layer {i} ({self.layers[i].kind})"

    def __repr__(self) -> str:
        inner = ", ".join(repr(layer) for layer in self.layers)
        return f"Network([{inner}], loss={self.loss_fn.name}, {self.n_params} parameters)"
