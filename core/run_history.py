"""What a training run has reported so far, kept compactly: every mini-batch's metrics in one
growing float64 array (one row per step), the epochs' metrics, and the setting changes
(marks) with the step from which each applied. A long run's older steps are merged into means
(``core.coarse_record``: at most 200 000 rows, each with the ``count`` of steps it stands for;
epochs and marks are kept exactly), so its memory is bounded.

``History.step_columns()`` gives the per-step series as NumPy views (what the GUI plots);
``History.steps`` rebuilds the ``Step`` records. ``to_json()`` / ``from_json()`` are the run
file's form of it (lists of plain dicts, so older run files load too).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import numpy as np

from . import coarse_record


@dataclass
class Step:
    epoch: int            # 1-based
    step: int             # global step count, 1-based
    loss: float
    acc: float            # accuracy on this batch
    lr: float
    batch_size: int
    epoch_progress: float  # fraction of the current epoch done, (0, 1]
    # steps this record stands for: 1, or more for an older part of a long run merged into means
    # (``core.coarse_record``; loss, acc and lr are then means, the rest its last step's)
    count: int = 1


@dataclass
class Epoch:
    epoch: int
    step: int
    train_loss: float      # at the epoch's end, inference mode, on a fixed training subset as big
    train_acc: float       # as the validation set (``Trainer.train_eval_idx``); like val/test
    val_loss: float | None
    val_acc: float | None
    test_loss: float | None
    test_acc: float | None
    seconds: float         # training time of this epoch (evaluation excluded)
    samples_per_s: float
    # the running mean over the epoch's training batches (training mode, weights changing);
    # None in run files from before it was kept, and for an epoch without a finished batch
    batch_loss: float | None = None
    batch_acc: float | None = None
    loss_includes_l2: bool = False   # every loss above includes ½λ·ΣW² (weight decay λ > 0)


@dataclass
class Mark:
    """A setting changed during the run; it applies from ``step`` on."""

    step: int
    name: str              # a core.live_settings name ("lr", "optimizer", "momentum" …)
    value: float | int | str


STEP_FIELDS = tuple(f.name for f in fields(Step))
_INT_FIELDS = {"epoch", "step", "batch_size", "count"}
_MEAN_FIELDS = ("loss", "acc", "lr")


class History:
    """Metric history: steps in a float64 array of ``max_rows`` rows, allocated once (its pages
    take memory only as rows are written) and never grown: when it is full its older part is
    merged in place (``core.coarse_record``). Epochs and marks as lists. ``n_steps`` is the
    number of rows (the steps they stand for: ``step_columns()["count"].sum()``)."""

    def __init__(self, steps=(), epochs=(), marks=(), max_rows: int = coarse_record.MAX_ROWS):
        self.max_rows = max(8, int(max_rows))
        self._rows = np.empty((self.max_rows, len(STEP_FIELDS)))
        self.n_steps = 0
        self.epochs: list[Epoch] = list(epochs)
        self.marks: list[Mark] = list(marks)
        for s in steps:
            self.add_step(s)

    def add_step(self, s: Step) -> None:
        n = self.n_steps
        if n == len(self._rows):
            n = self._coarsen()
        self._rows[n] = (s.epoch, s.step, s.loss, s.acc, s.lr, s.batch_size, s.epoch_progress,
                         s.count)
        self.n_steps = n + 1

    def _coarsen(self) -> int:
        """Merge the older rows (``core.coarse_record``) in place; returns the rows left."""
        cols = self.step_columns()
        counts = cols.pop("count")
        merged, counts, cut = coarse_record.merge_old(cols, counts, _MEAN_FIELDS,
                                                      keep=self.max_rows // 4, max_rows=self.max_rows)
        m, n = len(counts), self.n_steps
        for j, k in enumerate(STEP_FIELDS):
            self._rows[:m, j] = counts if k == "count" else merged[k]
        self._rows[m:m + n - cut] = self._rows[cut:n]       # the newest rows, as they were
        self.n_steps = m + n - cut
        return self.n_steps

    def step_columns(self) -> dict[str, np.ndarray]:
        """Every per-step field as a float64 view of length ``n_steps`` (do not keep them
        while the run goes on: the array is replaced when it grows)."""
        rows = self._rows[:self.n_steps]
        return {k: rows[:, j] for j, k in enumerate(STEP_FIELDS)}

    @property
    def steps(self) -> list[Step]:
        """The per-step records (rebuilt from the array: for tests and tools, not per step)."""
        return [self._step(row) for row in self._rows[:self.n_steps]]

    @staticmethod
    def _step(row) -> Step:
        return Step(**{k: int(v) if k in _INT_FIELDS else float(v)
                       for k, v in zip(STEP_FIELDS, row, strict=True)})

    def as_dict(self) -> dict[str, list]:
        cols = self.step_columns()
        out = {"step_loss": cols["loss"].tolist(), "step_acc": cols["acc"].tolist(),
               "step_lr": cols["lr"].tolist()}
        for key in ("train_loss", "train_acc", "val_loss", "val_acc", "test_loss", "test_acc",
                    "seconds", "samples_per_s"):
            out[key] = [getattr(e, key) for e in self.epochs]
        return out

    # -- the run file's form ---------------------------------------------------------------
    def to_json(self) -> dict:
        """Plain lists; a step's ``count`` only where it is not 1 (so a short run's file reads
        as before)."""
        steps = [{k: int(v) if k in _INT_FIELDS else float(v)
                  for k, v in zip(STEP_FIELDS, row, strict=True) if k != "count" or v != 1}
                 for row in self._rows[:self.n_steps]]
        return {"steps": steps, "epochs": [asdict(e) for e in self.epochs],
                "marks": [asdict(m) for m in self.marks]}

    @classmethod
    def from_json(cls, h: dict) -> History:
        """From ``to_json()`` (``marks`` may be missing: run files before marks were saved).
        Raises TypeError/ValueError/KeyError on damaged data."""
        steps = [Step(**s) for s in h["steps"]]
        if any(not isinstance(s.count, int) or s.count < 1 for s in steps):
            raise ValueError("a step's count must be a whole number ≥ 1")
        epochs = [Epoch(**e) for e in h["epochs"]]
        marks = []
        for m in h.get("marks", []):
            mark = Mark(**m)
            if not isinstance(mark.step, int) or not isinstance(mark.name, str) \
                    or not isinstance(mark.value, (int, float, str)):
                raise ValueError(f"setting mark {m!r}")
            marks.append(mark)
        return cls(steps, epochs, marks)
