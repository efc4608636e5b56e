"""The training metrics as series: per mini-batch (step, epoch, loss, accuracy, learning rate)
and per epoch (train / validation / test loss and accuracy), in buffers grown by doubling,
with their moving average and their CSV export. No Qt: the metrics panel draws them.

Bounded: once the per-batch series reach ``max_rows`` rows their older part is merged into
means by the rule of ``core.coarse_record`` (``step_counts`` says how many batches a row stands
for; the step numbers stay true; the epoch series are kept exactly)."""
from __future__ import annotations

import csv

import numpy as np

from core import coarse_record


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

    def replace_head(self, head: np.ndarray, cut: int) -> None:
        """The first ``cut`` values become ``head`` (no longer than ``cut``); the rest move up."""
        m, n = len(head), self.n
        self._a[:m] = head
        self._a[m:m + n - cut] = self._a[cut:n]
        self.n = m + n - cut


def moving_average(values: np.ndarray, window: int) -> np.ndarray:
    """Trailing mean over ``window`` points (shorter at the start)."""
    if len(values) == 0:
        return values
    cs = np.cumsum(values)
    out = cs.copy()
    out[window:] = cs[window:] - cs[:-window]
    counts = np.minimum(np.arange(1, len(values) + 1), window)
    return out / counts


class RunningAverage:
    """``moving_average`` of a growing series, kept between frames: only new values cost work.
    ``version`` changes whenever earlier values changed (a merge, a clear)."""

    def __init__(self):
        self._sums, self._avg = GrowBuffer(), GrowBuffer()
        self._key = None

    def update(self, values: np.ndarray, window: int, version=None) -> np.ndarray:
        n, m = len(values), self._avg.n
        if (window, version) != self._key or n < m:
            self._key = (window, version)
            self._sums.clear()
            self._avg.clear()
            m = 0
        if n > m:
            base = self._sums.view()[m - 1] if m else 0.0
            self._sums.extend(base + np.cumsum(values[m:n]))
            sums, i = self._sums.view(), np.arange(m, n)
            before = np.where(i >= window, sums[np.maximum(i - window, 0)], 0.0)
            self._avg.extend((sums[m:n] - before) / np.minimum(i + 1, window))
        return self._avg.view()


class MetricSeries:
    """Everything a run reported so far: ``steps[key]`` and ``epochs[key]`` are GrowBuffers."""

    STEP_KEYS = ("step", "epoch", "loss", "acc", "lr")
    EPOCH_KEYS = ("step", "epoch", "train_loss", "val_loss", "train_acc", "val_acc", "test_acc")
    MEAN_KEYS = ("loss", "acc", "lr")        # merged rows: means; step and epoch: the last row's

    def __init__(self, max_rows: int = coarse_record.MAX_ROWS):
        self.max_rows = max(8, int(max_rows))
        # allocated once for the bound (pages take memory only as they are written): no copies
        room = self.max_rows + 4096
        self.steps = {k: GrowBuffer(room) for k in self.STEP_KEYS}
        self.step_counts = GrowBuffer(room)  # batches each row stands for (1 until merged)
        self.epochs = {k: GrowBuffer(64) for k in self.EPOCH_KEYS}
        self.version = 0      # changes when rows already there change (merged, cleared)

    def add_steps(self, cols: dict) -> None:
        """Append per-batch metrics (arrays of equal length, optionally ``count``: batches per
        row, from an opened long run); non-finite rows are dropped. Past ``max_rows`` rows the
        older ones are merged (``core.coarse_record``)."""
        ok = np.isfinite(cols["loss"]) & np.isfinite(cols["acc"])
        for k in self.STEP_KEYS:
            self.steps[k].extend(np.asarray(cols[k])[ok])
        counts = cols.get("count")
        self.step_counts.extend(np.ones(int(ok.sum())) if counts is None else np.asarray(counts)[ok])
        if self.step_counts.n > self.max_rows:
            self._coarsen()

    def _coarsen(self) -> None:
        merged, counts, cut = coarse_record.merge_old(
            {k: b.view() for k, b in self.steps.items()}, self.step_counts.view(), self.MEAN_KEYS,
            keep=self.max_rows // 4, max_rows=self.max_rows)
        for k, b in self.steps.items():
            b.replace_head(merged[k], cut)   # in place: the panel holds these buffers
        self.step_counts.replace_head(counts, cut)
        self.version += 1

    def add_epoch(self, ep: dict) -> None:
        """Append one epoch's metrics; a missing or non-finite value becomes NaN."""
        for k in self.EPOCH_KEYS:
            v = ep.get(k)
            self.epochs[k].extend([np.nan if v is None or not np.isfinite(v) else v])

    def clear(self) -> None:
        for buf in (*self.steps.values(), self.step_counts, *self.epochs.values()):
            buf.clear()
        self.version += 1

    def copies(self) -> dict[str, np.ndarray]:
        """Copies of every series, as ``step_<key>`` and ``epoch_<key>``."""
        out = {f"step_{k}": b.view().copy() for k, b in self.steps.items()}
        out.update({f"epoch_{k}": b.view().copy() for k, b in self.epochs.items()})
        return out

    def write_csv(self, path: str, window: int) -> int:
        """One row per mini-batch (in a long run's older part: per merged row, ``batches`` says
        how many it stands for), with the loss's moving average over ``window`` rows; epoch
        metrics on the row of the epoch's last batch. Returns the number of rows written."""
        s = {k: b.view() for k, b in self.steps.items()}
        e = {k: b.view() for k, b in self.epochs.items()}
        counts = self.step_counts.view()
        # an epoch's metrics go on the row holding its last batch (a merged row: its last epoch's)
        rows = np.searchsorted(s["step"], e["step"])
        at_row = {int(i): j for j, i in enumerate(rows)
                  if i < len(counts) and s["step"][i] - counts[i] < e["step"][j]}
        avg = moving_average(s["loss"], window)
        header = ["iteration", "epoch", "batch_loss", "batch_loss_moving_average", "batch_accuracy",
                  "learning_rate", "train_loss", "validation_loss", "train_accuracy",
                  "validation_accuracy", "test_accuracy", "batches"]
        with open(path, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(header)
            for i in range(len(s["step"])):
                row = [int(s["step"][i]), int(s["epoch"][i]), f"{s['loss'][i]:.6g}", f"{avg[i]:.6g}",
                       f"{s['acc'][i]:.6g}", f"{s['lr'][i]:.6g}"]
                j = at_row.get(i)
                for key in ("train_loss", "val_loss", "train_acc", "val_acc", "test_acc"):
                    v = e[key][j] if j is not None else np.nan
                    row.append("" if not np.isfinite(v) else f"{v:.6g}")
                row.append(int(counts[i]))
                out.writerow(row)
        return len(s["step"])
