"""A per-step record that gets coarser once it is long, so hours of training take bounded memory.

The rule (used by ``core.run_history.History`` and ``gui.metric_series.MetricSeries``):

- A record holds at most ``MAX_ROWS`` rows. Every row has a ``count``: how many training steps
  it stands for (1 while the record is short).
- When it reaches ``MAX_ROWS`` rows, the newest ``KEEP`` rows stay as they are, and the older
  rows are merged into bins of ``stride`` steps by their step number (steps ``(k−1)·stride+1 …
  k·stride`` form bin k; ``stride`` is the smallest power of two, at least the largest count
  already there, that leaves at most ``MAX_ROWS // 2`` old rows). So the old part has one
  resolution, the recent part full resolution, and a merge never splits an earlier one.
- A merged row's loss, accuracy and learning rate are the count-weighted means of its rows (a
  non-finite value stays visible: the mean is non-finite); its step, epoch, batch size and epoch
  progress are those of its last row (its last step); its count is the sum of the counts.
  So a mean over any range of whole bins is exact, and step numbers stay true.
- Epoch records and setting marks are kept elsewhere, exactly: they are never merged.

A record of a million steps thus takes at most ``MAX_ROWS`` rows (about 13 MB for a run's
history), and the work is amortised: a merge happens once per ``MAX_ROWS // 4`` steps at most.
"""
from __future__ import annotations

import numpy as np

MAX_ROWS = 200_000
KEEP = MAX_ROWS // 4


def stride_for(steps: np.ndarray, counts: np.ndarray, max_old: int) -> int:
    """The smallest power-of-two bin width (at least ``counts.max()``) that puts the rows with
    these (last) step numbers into at most ``max_old`` bins."""
    stride = 1
    while stride < counts.max():
        stride *= 2
    first = steps[0] - counts[0] + 1
    while (steps[-1] - 1) // stride - (first - 1) // stride + 1 > max_old:
        stride *= 2
    return stride


def merge_bins(columns: dict[str, np.ndarray], counts: np.ndarray, stride: int,
               mean_keys: tuple[str, ...], step_key: str = "step") -> tuple[dict, np.ndarray]:
    """Rows merged by bins of ``stride`` steps: ``mean_keys`` columns become count-weighted
    means, the others take the bin's last row. Returns (columns, counts), new arrays."""
    steps = columns[step_key]
    bins = (steps.astype(np.int64) - 1) // stride
    starts = np.flatnonzero(np.r_[True, bins[1:] != bins[:-1]])
    last = np.r_[starts[1:], len(steps)] - 1
    weights = counts.astype(float)
    total = np.add.reduceat(weights, starts)
    out = {}
    for key, col in columns.items():
        if key in mean_keys:
            out[key] = np.add.reduceat(col * weights, starts) / total
        else:
            out[key] = col[last].copy()
    return out, np.add.reduceat(counts, starts)


def merge_old(columns: dict[str, np.ndarray], counts: np.ndarray, mean_keys: tuple[str, ...],
              keep: int = KEEP, max_rows: int = MAX_ROWS, step_key: str = "step"
              ) -> tuple[dict, np.ndarray, int]:
    """The rule above applied once to the rows before the newest ``keep``: returns (their merged
    columns, their counts, ``cut``), at most ``max_rows // 2`` rows standing for ``columns[:cut]``.
    The caller puts them in place of its first ``cut`` rows (no copy of the whole record)."""
    cut = max(0, len(counts) - keep)
    old = {k: v[:cut] for k, v in columns.items()}
    if cut < 2:
        return {k: v.copy() for k, v in old.items()}, counts[:cut].copy(), cut
    stride = stride_for(old[step_key], counts[:cut], max_rows // 2)
    merged, merged_counts = merge_bins(old, counts[:cut], stride, mean_keys, step_key)
    return merged, merged_counts, cut
