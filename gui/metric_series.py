"""The training metrics as series: per mini-batch (step, epoch, loss, accuracy, learning rate)
and per epoch (train / validation / test loss and accuracy), in buffers grown by doubling,
with their moving average and their CSV export. No Qt: the metrics panel draws them."""
from __future__ import annotations

import csv

import numpy as np


class GrowBuffer:
    """A 1-D float array that grows by doubling; ``view()`` is the filled part."""

    def __init__(self, capacity: int = 1024):
        self._a = np.empty(capacity)
        self.n = 0

    def extend(self, values) -> None:
        values = np.asarray(values, dtype=float)
        need = self.n + len(values)
        if need > len(self._a):
            new = np.empty(max(need, 2 * len(self._a)))
            new[:self.n] = self._a[:self.n]
            self._a = new
        self._a[self.n:need] = values
        self.n = need

    def view(self) -> np.ndarray:
        return self._a[:self.n]

    def clear(self) -> None:
        self.n = 0


def moving_average(values: np.ndarray, window: int) -> np.ndarray:
    """Trailing mean over ``window`` points (shorter at the start)."""
    if len(values) == 0:
        return values
    cs = np.cumsum(values)
    out = cs.copy()
    out[window:] = cs[window:] - cs[:-window]
    counts = np.minimum(np.arange(1, len(values) + 1), window)
    return out / counts


class MetricSeries:
    """Everything a run reported so far: ``steps[key]`` and ``epochs[key]`` are GrowBuffers."""

    STEP_KEYS = ("step", "epoch", "loss", "acc", "lr")
    EPOCH_KEYS = ("step", "epoch", "train_loss", "val_loss", "train_acc", "val_acc", "test_acc")

    def __init__(self):
        self.steps = {k: GrowBuffer() for k in self.STEP_KEYS}
        self.epochs = {k: GrowBuffer(64) for k in self.EPOCH_KEYS}

    def add_steps(self, cols: dict) -> None:
        """Append per-batch metrics (arrays of equal length); non-finite rows are dropped."""
        ok = np.isfinite(cols["loss"]) & np.isfinite(cols["acc"])
        for k in self.STEP_KEYS:
            self.steps[k].extend(np.asarray(cols[k])[ok])

    def add_epoch(self, ep: dict) -> None:
        """Append one epoch's metrics; a missing or non-finite value becomes NaN."""
        for k in self.EPOCH_KEYS:
            v = ep.get(k)
            self.epochs[k].extend([np.nan if v is None or not np.isfinite(v) else v])

    def clear(self) -> None:
        for buf in (*self.steps.values(), *self.epochs.values()):
            buf.clear()

    def copies(self) -> dict[str, np.ndarray]:
        """Copies of every series, as ``step_<key>`` and ``epoch_<key>``."""
        out = {f"step_{k}": b.view().copy() for k, b in self.steps.items()}
        out.update({f"epoch_{k}": b.view().copy() for k, b in self.epochs.items()})
        return out

    def write_csv(self, path: str, window: int) -> int:
        """One row per mini-batch, with the loss's moving average over ``window`` batches; epoch
        metrics on the row of the epoch's last batch. Returns the number of rows written."""
        s = {k: b.view() for k, b in self.steps.items()}
        e = {k: b.view() for k, b in self.epochs.items()}
        at_step = {int(st): j for j, st in enumerate(e["step"])}
        avg = moving_average(s["loss"], window)
        header = ["iteration", "epoch", "batch_loss", "batch_loss_moving_average", "batch_accuracy",
                  "learning_rate", "train_loss", "validation_loss", "train_accuracy",
                  "validation_accuracy", "test_accuracy"]
        with open(path, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(header)
            for i in range(len(s["step"])):
                row = [int(s["step"][i]), int(s["epoch"][i]), f"{s['loss'][i]:.6g}", f"{avg[i]:.6g}",
                       f"{s['acc'][i]:.6g}", f"{s['lr'][i]:.6g}"]
                j = at_step.get(int(s["step"][i]))
                for key in ("train_loss", "val_loss", "train_acc", "val_acc", "test_acc"):
                    v = e[key][j] if j is not None else np.nan
                    row.append("" if not np.isfinite(v) else f"{v:.6g}")
                out.writerow(row)
        return len(s["step"])
