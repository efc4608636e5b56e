"""Training runs kept for comparison: each with its settings, its network spec and its curves.

A :class:`RunRecorder` collects what the current run reports (the same per-batch columns and
per-epoch dicts the GUI plots, and the setting changes); when the model is replaced it is
frozen into a :class:`KeptRun`. The per-epoch curves are kept whole; the per-batch loss and
accuracy are kept at most :data:`MAX_STEP_POINTS` long: once longer, neighbouring points
are averaged in pairs (a block mean, so the kept curve is also a smoothed one).

A :class:`RunSet` is the list of kept runs the learner compares (show/hide, rename, delete);
:func:`write_csv` exports them. The run file's form of a kept run is in
``core.run_set_json``; what differs between runs in ``core.run_diff``. No Qt.
"""
from __future__ import annotations

import csv
import math
import uuid
from dataclasses import dataclass, field

import numpy as np

from . import live_settings

MAX_STEP_POINTS = 2048
EPOCH_KEYS = ("step", "epoch", "train_loss", "val_loss", "train_acc", "val_acc", "test_acc")
STEP_KEYS = ("step", "loss", "acc")


@dataclass
class KeptRun:
    """One finished (or stopped) run. ``name`` empty: shown as "Run <number>"."""

    number: int
    settings: dict                      # every core.live_settings name -> its value
    spec: dict                          # the network's spec (core.spec)
    dataset: str
    epochs: dict[str, np.ndarray]       # EPOCH_KEYS -> float arrays (NaN: not measured)
    steps: dict[str, np.ndarray]        # STEP_KEYS -> float arrays, block-averaged
    marks: list[tuple[int, str, object]] = field(default_factory=list)   # settings changed mid-run
    seconds: float = 0.0                # training time (evaluation excluded)
    name: str = ""
    visible: bool = True
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def epochs_done(self) -> int:
        e = self.epochs["epoch"]
        return int(e[-1]) if len(e) else 0

    def _last_finite(self, key: str) -> float:
        v = self.epochs[key][np.isfinite(self.epochs[key])]
        return float(v[-1]) if len(v) else math.nan

    @property
    def final_val_acc(self) -> float:
        """The validation accuracy at the last epoch that measured it (NaN if none)."""
        return self._last_finite("val_acc")

    @property
    def best_val_acc(self) -> float:
        v = self.epochs["val_acc"][np.isfinite(self.epochs["val_acc"])]
        return float(v.max()) if len(v) else math.nan

    @property
    def test_acc(self) -> float:
        return self._last_finite("test_acc")

    @property
    def max_step(self) -> float:
        last = [float(a[-1]) for a in (self.steps["step"], self.epochs["step"]) if len(a)]
        return max(last, default=0.0)


class RunRecorder:
    """What the current run has reported so far (cheap to feed at every emission)."""

    def __init__(self):
        self.clear()

    def clear(self) -> None:
        self.settings: dict | None = None
        self.spec: dict | None = None
        self.dataset = ""
        self.epochs: dict[str, list[float]] = {k: [] for k in EPOCH_KEYS}
        self._blocks: list[np.ndarray] = []            # rows (step, loss, acc), each a block mean
        self._pending = np.empty((0, 3))               # rows not yet a full block
        self._stride = 1
        self.marks: list[tuple[int, str, object]] = []
        self.seconds = 0.0

    @property
    def empty(self) -> bool:
        return not self._blocks and not len(self._pending) and not self.epochs["step"]

    def begin(self, settings: dict, spec: dict, dataset: str) -> None:
        """The run's settings when it starts (kept until the run is frozen; later changes are
        marks). A second call for the same run (Start after Stop) changes nothing."""
        if self.settings is None:
            self.settings, self.spec, self.dataset = dict(settings), spec, dataset

    def add_steps(self, cols: dict) -> None:
        rows = np.column_stack([np.asarray(cols[k], dtype=float) for k in STEP_KEYS])
        rows = rows[np.isfinite(rows).all(axis=1)]
        rows = np.concatenate([self._pending, rows])
        full = len(rows) // self._stride * self._stride
        if full:
            self._blocks.append(rows[:full].reshape(-1, self._stride, 3).mean(axis=1))
        self._pending = rows[full:]
        while sum(len(b) for b in self._blocks) > MAX_STEP_POINTS:
            self._coarsen()

    def _coarsen(self) -> None:
        """Halve the kept points: average neighbours in pairs; from now on blocks twice as long."""
        kept = np.concatenate(self._blocks)
        odd = kept[len(kept) // 2 * 2:]
        self._blocks = [kept[:len(kept) // 2 * 2].reshape(-1, 2, 3).mean(axis=1)]
        self._stride *= 2
        # an unpaired last point goes back to the pending rows, with its weight
        self._pending = np.concatenate([np.repeat(odd, self._stride // 2, axis=0), self._pending])

    def add_epoch(self, ep: dict) -> None:
        for k in EPOCH_KEYS:
            v = ep.get(k)
            self.epochs[k].append(math.nan if v is None or not math.isfinite(v) else float(v))
        seconds = ep.get("seconds")
        if seconds is not None and math.isfinite(seconds) and seconds > 0:
            self.seconds += float(seconds)

    def add_mark(self, name: str, value, step: int) -> None:
        self.marks.append((int(step), name, value))

    def step_arrays(self) -> dict[str, np.ndarray]:
        parts = [*self._blocks]
        if len(self._pending):
            parts.append(self._pending.mean(axis=0, keepdims=True))
        rows = np.concatenate(parts) if parts else np.empty((0, 3))
        return {k: rows[:, j].copy() for j, k in enumerate(STEP_KEYS)}

    def freeze(self, number: int) -> KeptRun | None:
        """The run as a KeptRun (None if it reported nothing or never started)."""
        if self.empty or self.settings is None:
            return None
        settings = dict(self.settings)
        epochs = {k: np.array(v, dtype=float) for k, v in self.epochs.items()}
        run = KeptRun(number, settings, self.spec, self.dataset, epochs, self.step_arrays(),
                      list(self.marks), self.seconds)
        epochs_setting = live_settings.SETTINGS["epochs"]
        if run.epochs_done:                            # what it trained, not what was asked
            settings["epochs"] = int(min(max(run.epochs_done, epochs_setting.low), epochs_setting.high))
        return run


class RunSet:
    """The kept runs, oldest first."""

    def __init__(self):
        self.runs: list[KeptRun] = []

    def __len__(self) -> int:
        return len(self.runs)

    def next_number(self) -> int:
        return max((r.number for r in self.runs), default=0) + 1

    def add(self, run: KeptRun) -> None:
        self.runs.append(run)

    def merge(self, runs: list[KeptRun]) -> int:
        """Add ``runs`` (from a file) except those already kept (same uid); returns how many
        were added. A number already taken is renumbered."""
        have = {r.uid for r in self.runs}
        added = 0
        for run in runs:
            if run.uid in have:
                continue
            if any(r.number == run.number for r in self.runs):
                run.number = self.next_number()
            self.runs.append(run)
            have.add(run.uid)
            added += 1
        return added

    def get(self, uid: str) -> KeptRun:
        for r in self.runs:
            if r.uid == uid:
                return r
        raise KeyError(uid)

    def delete(self, uids) -> None:
        gone = set(uids)
        self.runs = [r for r in self.runs if r.uid not in gone]

    def rename(self, uid: str, name: str) -> None:
        self.get(uid).name = " ".join(str(name).split())[:80]

    def set_visible(self, uid: str, visible: bool) -> None:
        self.get(uid).visible = bool(visible)

    def visible(self) -> list[KeptRun]:
        return [r for r in self.runs if r.visible]


CSV_HEADER = ("run", "name", "differs", "dataset", *live_settings.SETTINGS, "epochs_done",
              "final_validation_accuracy", "best_validation_accuracy", "test_accuracy", "seconds")


def write_csv(path, runs: list[KeptRun], names: list[str], differs: list[str]) -> int:
    """One row per run: its number, the name and what-differs text shown (``names``,
    ``differs``, one per run), data set, every setting, and its results. Accuracies are
    fractions (0–1), empty if never measured. Returns the number of rows; OSError if the file
    cannot be written."""
    def num(v: float) -> str:
        return "" if not math.isfinite(v) else f"{v:.6g}"

    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(CSV_HEADER)
        for run, name, diff in zip(runs, names, differs, strict=True):
            out.writerow([run.number, name, diff, run.dataset,
                          *(run.settings.get(k, "") for k in live_settings.SETTINGS),
                          run.epochs_done, num(run.final_val_acc), num(run.best_val_acc),
                          num(run.test_acc), f"{run.seconds:.3f}"])
    return len(runs)
