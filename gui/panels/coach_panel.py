"""The coach: hints about the current run, from the rules of ``core.coach``.

The panel takes the feeds the metrics panel takes (steps, epochs, setting changes, the run's
state) plus the layer statistics, keeps the little the rules need, and shows each hint as a
card (``gui.widgets.hint_card``): "Why?" explains it with the course notes' terms, "Apply"
changes the settings (``settings_requested``, which the main window hands to the training
controls) and, where the rule says so, rebuilds the network (``apply_requested``).

Evaluating the rules is cheap (a few numbers per epoch); cards are built only while the panel
is visible. While it is hidden, a new hint is announced in the status bar once.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from core import coach, live_settings

from ..run_state import RunState
from ..throttle import draw_budget
from ..widgets.hint_card import HintCard, change_text

# While training runs, new numbers in the hints shown (an accuracy that moves every epoch of a
# toy run) and hints that went away (a noisy validation loss that rose twice, then fell) are
# shown at most this often (2.5 times a second: a card's texts cost ~1 ms to set, building a
# card ~9 ms, once per rule). A new hint shows as soon as the rules find it (RULES_MS).
VALUES_MS = 400
# While training runs, the rules are evaluated at most this often, not at every epoch: a toy
# run ends 300-400 epochs a second, and evaluating them (fits over the epochs) took ~0.13 ms
# each time, 5% of the GUI thread, in bursts of as many epochs as had arrived together.
RULES_MS = 200
# Layer statistics a second the coach wants, shown or hidden (gui.stats_rate): its rules on
# dead units and gradients need no more.
STATS_RATE = 1.0


class CoachPanel(QWidget):
    settings_requested = Signal(dict)        # run settings to set (the main window applies them)
    apply_requested = Signal(dict, int)      # build this spec with this seed (new weights)
    status_message = Signal(str)
    concepts_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("coachPanel")
        self.seed = int(live_settings.get("seed").default)
        self._reset_model(None)
        self._n_classes: int | None = None
        self._state = RunState.IDLE
        self.hints: list[coach.Hint] = []
        self.cards: list[HintCard] = []                # shown, in the hints' order
        self._pool: dict[str, HintCard] = {}           # every card made, by rule
        self._shown_key: tuple | None = None
        self._dirty = False
        self._values_timer = QTimer(self)
        self._values_timer.setSingleShot(True)
        self._values_timer.setInterval(VALUES_MS)
        self._values_timer.timeout.connect(lambda: draw_budget().request(self._show_hints))
        self._rules_timer = QTimer(self)
        self._rules_timer.setSingleShot(True)
        self._rules_timer.setInterval(RULES_MS)
        self._rules_timer.timeout.connect(self._changed)

        self.empty = QLabel(self.tr("No hints yet — the coach watches your run and speaks up when "
                                    "something looks off."))
        self.empty.setObjectName("coachEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setStyleSheet("color: #606060;")
        self.list = QWidget()
        self.list_box = QVBoxLayout(self.list)
        self.list_box.setContentsMargins(0, 0, 0, 0)
        self.list_box.setSpacing(6)
        self.list_box.addWidget(self.empty)
        self.list_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.list)
        scroll.setToolTip(self.tr("Hints about the current run: overfitting, accuracy at chance, "
                                  "dead ReLUs, vanishing gradients, a flat loss, a run too fast to "
                                  "watch. Each says why and can apply a fix."))
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(scroll)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(300, 240)           # room for two cards under the training controls

    # -- what the rules read ----------------------------------------------------------------
    def _reset_model(self, spec: dict | None) -> None:
        self._spec = spec
        self._epochs: list[dict] = []
        self._best: tuple[float, int] | None = None     # lowest validation loss, its epoch
        self._stats: dict | None = None
        self._settings: dict = {}
        self._dismissed: set[str] = set()
        self._new_run()

    def _new_run(self) -> None:
        self._run_start = len(self._epochs)
        self._run_epoch: int | None = None       # the number of the run's first epoch
        self._first_steps: dict[str, list[np.ndarray]] = {"loss": [], "epoch": []}
        self._steps: dict[str, np.ndarray] | None = None   # the same, joined (when asked)
        self._last_lr: float | None = None
        self._finished = False
        self._applied: set[str] = set()
        self._announced: set[str] = set()

    def facts(self) -> coach.Facts:
        if self._steps is None:
            self._steps = {k: np.concatenate(v) if v else np.zeros(0) for k, v in self._first_steps.items()}
        settings = dict(self._settings)
        if self._last_lr is not None:            # the rate in use (decay included) is the newest
            settings["lr"] = self._last_lr
        return coach.Facts(epochs=self._epochs, run_start=self._run_start, steps=self._steps,
                           stats=self._stats, spec=self._spec, n_classes=self._n_classes,
                           settings=settings, finished=self._finished,
                           best_epoch=self._best[1] if self._best is not None else None)

    # -- feeds (gui.panel_registry.FEEDS) ------------------------------------------------------
    def set_dataset(self, dataset) -> None:
        self._n_classes = int(dataset.n_classes)
        self._changed()

    def set_model(self, spec: dict, params: dict) -> None:
        self._reset_model(spec)
        self._rebuilt = True
        self._changed()

    def add_steps(self, cols: dict) -> None:
        epochs = np.asarray(cols["epoch"])
        if not epochs.size:
            return
        if self._run_epoch is None:
            self._run_epoch = int(epochs[0])
        first = epochs == self._run_epoch
        if first.any():
            for key in self._first_steps:
                self._first_steps[key].append(np.asarray(cols[key], dtype=np.float64)[first])
            self._steps = None
        self._last_lr = float(cols["lr"][-1])

    def add_epoch(self, ep: dict) -> None:
        self._epochs.append(dict(ep))
        val = ep.get("val_loss")
        if val is not None and np.isfinite(val) and (self._best is None or val < self._best[0]):
            self._best = (float(val), ep.get("epoch"))     # the first of equal ones, as min() finds
        self._changed_soon()

    def stats_rate(self) -> float:
        return STATS_RATE

    def update_stats(self, stats: dict, step: int) -> None:
        self._stats = stats
        self._changed_soon()

    def mark_setting(self, name: str, value, step: int) -> None:
        self._settings[name] = value

    def set_training_state(self, state: RunState) -> None:
        state = RunState(state)
        if state == RunState.RUNNING and not self._state.busy:
            self._new_run()
        self._state = state
        if state != RunState.RUNNING and self._rules_timer.isActive():
            self._rules_timer.stop()             # the newest epochs' hints now
            self._changed()
        if state != RunState.RUNNING and self._values_timer.isActive():
            self._values_timer.stop()            # the newest numbers now
            draw_budget().request(self._show_hints)
        if state == RunState.FINISHED:
            self._finished = True
            self._changed()

    # -- hints ----------------------------------------------------------------------------------
    def _changed_soon(self) -> None:
        """New facts: evaluate the rules now, or within RULES_MS while training runs."""
        if not self._training():
            self._changed()
        elif not self._rules_timer.isActive():
            self._rules_timer.start()

    def _changed(self, now: bool = False) -> None:
        """Evaluate the rules again; show the result (``now``: at once, the learner acted)."""
        self.hints = [h for h in coach.hints(self.facts())
                      if h.rule not in self._dismissed and h.rule not in self._applied]
        if self.isVisible():
            key = self._key()
            if key == self._shown_key:             # the same hints: no frame at all
                draw_budget().cancel(self._show_hints)   # (one asked for may be moot now)
                self._values_timer.stop()
            elif (not now and self._training() and self._shown_key is not None
                  and {k[0] for k in key} <= {k[0] for k in self._shown_key}):
                if not self._values_timer.isActive():   # numbers moved, or a hint went away
                    self._values_timer.start()
            else:
                self._values_timer.stop()
                draw_budget().request(self._show_hints)
        else:
            self._dirty = True
            fresh = [h for h in self.hints if h.rule not in self._announced]
            if fresh:
                self.status_message.emit(self.tr("Coach: {0} — see the Coach panel.").format(
                    QCoreApplication.translate("coach", fresh[0].about.title)))
        self._announced.update(h.rule for h in self.hints)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._dirty:
            self._show_hints()

    def _training(self) -> bool:
        """Training runs (or steps through many batches: the draw budget is on)."""
        return self._state == RunState.RUNNING or draw_budget().active

    def _key(self) -> tuple:
        return tuple((h.rule, tuple(sorted(h.values.items()))) for h in self.hints)

    def _show_hints(self) -> None:
        self._dirty = False
        key = self._key()
        if key == self._shown_key:
            return
        self._shown_key = key
        if [h.rule for h in self.hints] == [c.hint.rule for c in self.cards]:
            # the same hints, new numbers (a toy run's, every epoch): new texts only; taking
            # the cards out and putting them back laid the list out again, a frame of 4-5 ms
            for card, hint in zip(self.cards, self.hints, strict=True):
                if card.hint != hint:
                    card.set_hint(hint)
                card.hint = hint                 # (Apply and dismiss act on the newest)
            return
        # a card per rule, kept while hidden: a toy run's hints come and go every few epochs,
        # and building a card costs ~9 ms against ~1 ms to set its texts
        for card in self.cards:
            self.list_box.removeWidget(card)
            card.hide()
        self.cards = []
        for i, hint in enumerate(self.hints):
            card = self._pool.get(hint.rule)
            if card is None:
                card = self._pool[hint.rule] = HintCard(hint, self.list)
                card.apply_clicked.connect(self.apply)
                card.dismiss_clicked.connect(self.dismiss)
                card.concepts_clicked.connect(self.concepts_requested)
            else:
                card.set_hint(hint)
            self.list_box.insertWidget(i, card)
            card.show()
            self.cards.append(card)
        self.empty.setVisible(not self.hints)

    def card(self, rule: str) -> HintCard | None:
        return next((c for c in self.cards if c.hint.rule == rule), None)

    def dismiss(self, hint: coach.Hint) -> None:
        self._dismissed.add(hint.rule)
        self._changed(now=True)

    def apply(self, hint: coach.Hint) -> None:
        """Make the hint's change: a new network first (if the rule wants one; the main window
        may ask to save the current one, and the learner may cancel), then the settings."""
        change = hint.change
        if change.spec is not None:
            self._rebuilt = False
            self.apply_requested.emit(change.spec, self.seed)
            if not self._rebuilt:            # cancelled, or nobody built it: change nothing
                return
        if change.settings:
            self.settings_requested.emit(dict(change.settings))
            self._settings.update(change.settings)
            if "lr" in change.settings:
                self._last_lr = None
        self._applied.add(hint.rule)
        self.status_message.emit(self.tr("Coach applied: {0}").format(
            change_text(hint).replace("\n", "; ")))
        self._changed(now=True)
