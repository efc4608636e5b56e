"""How much memory training a spec takes, estimated before anything is built.

The architecture editor shows the estimate and asks for confirmation above
``CONFIRM_BYTES`` or ``CONFIRM_PARAMS``; ``core.spec`` refuses specs over its hard caps
(``MAX_PARAMS``, ``MAX_SAMPLE_VALUES``) outright.

The estimate has two parts:

* **parameters**: ``BYTES_PER_PARAM`` bytes each — the float32 weights, their gradients,
  the optimizer's state (up to ``max_slots()`` arrays, Adam's two), its scratch array, the
  trainer's last good copy and the temporaries of an update: some ten copies (measured:
  a 784-20000-10 network, 15.9 M parameters, took 650 MiB to train with Adam at batch 128);
* **activations**: ``ACTIVATION_FACTOR`` × the values one sample keeps in a training step
  (``LayerInfo.values``: outputs, weighted sums, unrolled convolution windows) × 4 bytes ×
  the batch size, or the forward pass of an evaluation chunk if that is larger (the CNN
  preset, measured / estimated: 2150 / 2405 MiB at batch 4096, 284 / 304 MiB at 512,
  169 / 160 MiB at 64).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from . import spec as spec_mod
from .optimizers import OPTIMIZERS

BYTES_PER_PARAM = 40
ACTIVATION_FACTOR = 1.5
EVAL_CHUNK = 500                  # samples per evaluation batch (Trainer.evaluate)
CONFIRM_BYTES = 1 << 30           # ask before building a network that needs more to train
CONFIRM_PARAMS = 5_000_000        # … or has more parameters (each epoch then takes minutes)


def max_slots() -> int:
    """The most state arrays per parameter any optimizer of the registry keeps."""
    return max(len(cls.SLOTS) for cls in OPTIMIZERS.values())


@dataclass(frozen=True)
class SizeEstimate:
    n_params: int
    param_bytes: int              # weights, gradients, optimizer state, copies
    activation_bytes: int         # one training step at ``batch_size`` (or an evaluation chunk)
    batch_size: int

    @property
    def total_bytes(self) -> int:
        return self.param_bytes + self.activation_bytes

    @property
    def needs_confirmation(self) -> bool:
        return self.total_bytes > CONFIRM_BYTES or self.n_params > CONFIRM_PARAMS


def estimate(spec: dict, batch_size: int) -> SizeEstimate:
    """The memory training ``spec`` at ``batch_size`` needs; SpecError for an invalid spec."""
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch size must be a positive whole number, got {batch_size!r}")
    infos = spec_mod.infer(spec)
    n_params = sum(i.n_params for i in infos)
    inputs = math.prod(infos[0].in_shape)
    train = inputs + sum(i.values for i in infos)
    forward = inputs + sum(i.values - math.prod(i.layer.z_shape()) for i in infos)   # no sums kept
    act = int(max(ACTIVATION_FACTOR * 4 * train * batch_size, 4 * forward * EVAL_CHUNK))
    return SizeEstimate(n_params, BYTES_PER_PARAM * n_params, act, batch_size)
