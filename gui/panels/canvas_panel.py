"""The drawing canvas panel: draw a digit, see it the way the network sees it, get the answer live.

While the learner draws, the panel puts the canvas through :func:`core.digits.preprocess` and a
network copy, at most once per event-loop turn (~60 Hz), and shows every preprocessing stage,
the predicted digit with the ten probabilities, each layer's activations, and the answers of up
to three saved models. Until the learner's own network has been trained it reads with the
pretrained default model ``resources/default_model.npz``, and says which model is reading.
"""
from __future__ import annotations

import time
from collections import deque
from pathlib import Path

import numpy as np
from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core import checkpoint, data, digits
from core.network import Network
from gui.digit_reading import read_digit, reads_digits
from gui.reading_hint import hint_tooltip, load_typicality, sure_text, warning_text
from gui.throttle import LivePoller, draw_budget
from gui.widgets.digit_canvas import DEFAULT_PEN, MIN_SIDE, PEN_RANGE, DigitCanvas
from gui.widgets.preprocessing_stages import PreprocessingStages
from gui.widgets.probability_bars import CompareModels, LayerActivations, ProbabilityBars
from gui.widgets.wrapped_note import WrappedNote

DEFAULT_MODEL_PATH = data.RESOURCES / "default_model.npz"
FRAME_MS = 16            # at most one prediction per ~60 Hz frame
WIDE, MEDIUM = 980, 640  # panel widths (px) for the three-column and two-column layouts
DIGIT_NAMES = [str(i) for i in range(10)]


class CanvasPanel(QWidget):
    snapshot_wanted = Signal()
    status_message = Signal(str)
    prediction_updated = Signal()          # after every (coalesced) prediction

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("canvasPanel")
        self._user_net: Network | None = None
        self._user_step = 0
        self._snapshot: tuple[dict, int] | None = None   # newer weights not used yet
        self._auto = True                  # pick the model automatically until the user chooses
        self._models_seen = 0              # set_model calls: the first is the app's start-up model
        self._dataset: data.Dataset | None = None
        self._latencies: deque[float] = deque(maxlen=5000)
        self._rng = np.random.default_rng()
        self._truth = ""
        self._blank: bool | None = None
        self._since = QElapsedTimer()
        self._since.start()
        self._default, self._default_text = self._load_default()
        self._typicality = load_typicality()
        self._build()
        self._timer = QTimer(self, singleShot=True, timeout=self._update)
        self.poller = LivePoller(self)
        self.poller.wanted.connect(self._want_snapshot)
        if self._default is None:
            self.model_choice.model().item(0).setEnabled(False)
        self._choose(0)
        self._update()

    # -- building -------------------------------------------------------------------------
    def _load_default(self) -> tuple[Network | None, str]:
        try:
            net = checkpoint.load_model(DEFAULT_MODEL_PATH)
            acc = (checkpoint.read_metadata(DEFAULT_MODEL_PATH).get("info") or {}).get("test_acc")
        except checkpoint.CheckpointError as e:
            return None, self.tr("default model unavailable ({problem})").format(problem=e.problem)
        if acc is None:
            return net, self.tr("default model")
        return net, self.tr("default model ({acc:.1f}% test)").format(acc=100 * acc)

    def _build(self) -> None:
        self.canvas = DigitCanvas()
        self.canvas.changed.connect(self._schedule)
        self.pen = QSpinBox(minimum=PEN_RANGE[0], maximum=PEN_RANGE[1], value=DEFAULT_PEN,
                            suffix=self.tr(" px"))
        self.pen.setToolTip(self.tr(
            "Pen width on the screen, on a 280-pixel canvas (it scales with the canvas). The network "
            "gets your strokes redrawn with a pen relative to the drawing's size, as thick as "
            "MNIST's, so a digit reads the same however large you draw it."))
        self.pen.valueChanged.connect(self.canvas.set_pen_width)
        self.undo_button = QPushButton(self.tr("Undo"), clicked=self.canvas.undo)
        self.undo_button.setToolTip(self.tr("Remove the last stroke (Ctrl+Z)"))
        self.clear_button = QPushButton(self.tr("Clear"), clicked=self.canvas.clear)
        self.clear_button.setToolTip(self.tr("Clear the canvas (Delete)"))
        self.random_button = QPushButton(self.tr("Random test digit"), clicked=self.random_digit)
        for keys, slot in ((QKeySequence.StandardKey.Undo, self.canvas.undo),
                           (QKeySequence(Qt.Key.Key_Delete), self.canvas.clear)):
            QShortcut(keys, self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._tools = tools = QGridLayout()
        tools.addWidget(QLabel(self.tr("Pen")), 0, 0)
        tools.addWidget(self.pen, 0, 1)
        tools.setColumnStretch(2, 1)
        tools.addWidget(self.undo_button, 0, 3)
        tools.addWidget(self.clear_button, 0, 4)
        draw = _column(self.canvas, tools)

        self.model_choice = QComboBox(objectName="modelChoice")
        self.model_choice.addItems([self.tr("Default model"), self.tr("Your network")])
        self.model_choice.activated.connect(self._user_chose)
        self.model_choice.setToolTip(self.tr("Which network reads your drawing: the pretrained default "
                                             "model (works right away), or the network you are "
                                             "training now."))
        self.prediction = QLabel(objectName="predictionLabel", alignment=Qt.AlignmentFlag.AlignCenter)
        big = QFont(self.font())
        big.setPixelSize(72)
        big.setBold(True)
        self.prediction.setFont(big)
        self.prediction.setMinimumWidth(110)
        self.hint = WrappedNote(objectName="predictionHint")
        self.warning = WrappedNote(objectName="readingWarning")
        self.warning.setStyleSheet("color: #8a4b00; background: #fff4e0; padding: 4px;")
        self.warning.setToolTip(hint_tooltip())
        self.warning.hide()
        self.model_label = WrappedNote(objectName="modelLabel")
        self.model_label.setStyleSheet("color: #555;")
        self.truth = WrappedNote(objectName="truthLabel")
        self.bars = ProbabilityBars(DIGIT_NAMES)
        answer = QGridLayout()
        answer.addWidget(self.prediction, 0, 0, 3, 1)
        answer.addWidget(self.hint, 0, 1)
        answer.addWidget(self.truth, 1, 1)
        answer.addWidget(self.model_label, 2, 1)
        answer.setColumnStretch(1, 1)
        choice = QHBoxLayout()
        choice.addWidget(QLabel(self.tr("Read with")))
        choice.addWidget(self.model_choice, 1)
        answer_col = _column(choice, answer, self.warning, self.bars)

        self.compare = CompareModels()
        self.compare.failed.connect(self.status_message)
        self.compare.changed.connect(self._schedule)
        compare_col = self.compare

        self.stages = PreprocessingStages()
        self.stage_canvas, self.stage_scaled, self.stage_input = (
            self.stages.canvas, self.stages.scaled, self.stages.input)
        see_col = _column(_header(self.tr("What the network sees")), self.stages)
        self.inside = LayerActivations()
        inside_col = _column(_header(self.tr("Inside the network")), self.inside)

        # (draw, see, answer, compare, inside) go into up to three columns, depending on the width
        self._sections = (draw, see_col, answer_col, compare_col, inside_col)
        self._cols = [QVBoxLayout() for _ in range(3)]
        self._row = row = QHBoxLayout()
        row.setContentsMargins(8, 8, 8, 8)
        row.setSpacing(16)
        for k, col in enumerate(self._cols):
            col.setSpacing(14)
            row.addLayout(col, (3, 2, 2)[k])
        self._mode = ""
        content = QWidget()
        content.setLayout(row)
        self._scroll = scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setMinimumWidth(MIN_SIDE + 40)        # the canvas and its margins, never crushed
        self._arrange(self.width())
        self._refresh_random_button()

    def _arrange(self, width: int) -> None:
        """Three columns when wide, two when medium, one (answer right below the canvas) when narrow."""
        mode = "wide" if width >= WIDE else "medium" if width >= MEDIUM else "narrow"
        if mode == self._mode:
            return
        self._mode = mode
        draw, see, answer, compare, inside = self._sections
        order = {"wide": [[draw, see], [answer, compare], [inside]],
                 "medium": [[draw, see], [answer, compare, inside], []],
                 "narrow": [[draw, answer, see, inside, compare], [], []]}[mode]
        # the random-digit button goes next to Undo/Clear, or on its own row when narrow
        self._tools.removeWidget(self.random_button)
        if mode == "narrow":
            self._tools.addWidget(self.random_button, 1, 0, 1, 5)
        else:
            self._tools.addWidget(self.random_button, 0, 5)
        for col in self._cols:
            while col.count():
                col.takeAt(0)
        for k, (col, parts) in enumerate(zip(self._cols, order, strict=True)):
            for w in parts:
                col.addWidget(w)
            col.addStretch(1)
            self._row.setStretch(k, (3, 2, 2)[k] if parts else 0)   # empty columns take no room

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    # -- slots the main window calls ------------------------------------------------------------
    def set_model(self, spec: dict, params: dict[str, np.ndarray]) -> None:
        """The app's current model. The start-up model is only used once it has been trained;
        a model the learner applied, opened or reset is used at once."""
        self._models_seen += 1
        self._user_net, self._user_step, self._snapshot = None, 0, None
        item = self.model_choice.model().item(1)
        try:
            if not reads_digits(spec):
                raise ValueError(self.tr("it reads {n} values, not a 28×28 image")
                                 .format(n=int(np.prod(spec["input_shape"]))))
            net = Network.from_spec(spec)
            net.load_snapshot(params)
            self._user_net = net
            item.setToolTip("")
        except ValueError as e:
            item.setToolTip(self.tr("Your network cannot be used here: {problem}").format(problem=e))
        item.setEnabled(self._user_net is not None)
        self._auto = True
        mine = self._user_net is not None and (self._models_seen > 1 or self._default is None)
        self._choose(1 if mine else 0)

    def update_snapshot(self, params: dict[str, np.ndarray], step: int) -> None:
        """Newer weights: used when the draw budget gives this panel its turn, or when shown."""
        if self._user_net is None:
            return
        self._snapshot = (params, int(step))
        budget = draw_budget()
        if self.isVisible() or not budget.active:
            budget.request(self._use_snapshot)

    def _use_snapshot(self) -> None:
        if self._snapshot is None or self._user_net is None:
            return
        (params, step), self._snapshot = self._snapshot, None
        try:
            self._user_net.load_snapshot(params)
        except ValueError:                # weights of a model we have not been told about yet
            return
        self._user_step = step
        if self._auto and step > 0:
            self._choose(1)
        self.model_label.setText(self._model_text())
        self._schedule()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._use_snapshot()

    def set_dataset(self, dataset: data.Dataset) -> None:
        self._dataset = dataset
        self._refresh_random_button()

    def set_training_state(self, state: str) -> None:
        self.poller.set_state(state)         # also asks for the final weights of a run

    # -- public helpers ---------------------------------------------------------------------------
    def active_network(self) -> Network | None:
        return self._user_net if self.model_choice.currentIndex() == 1 else self._default

    def add_compare_model(self, path: str | Path) -> bool:
        """Add a saved model to the comparison; on failure show why and return False."""
        return self.compare.add_model(path)

    def remove_compare_model(self, index: int) -> None:
        self.compare.remove_model(index)

    def compare_results(self) -> list[tuple[str, str, str]]:
        """(file path, predicted digit, top probability) as shown, one per compared model."""
        return self.compare.results()

    def random_digit(self) -> None:
        """Put a random test image from the data set on the canvas and show its true label."""
        ds = self._dataset
        if ds is None or ds.x_test.shape[1:] != (digits.SIZE, digits.SIZE) or not len(ds.y_test):
            return
        i = int(self._rng.integers(len(ds.y_test)))
        self._truth = self.tr("Test image #{i}: true label {label}").format(
            i=i, label=ds.class_names[int(ds.y_test[i])])
        self.canvas.paste_digit(ds.x_test[i])

    def latencies_ms(self) -> list[float]:
        """Duration of each prediction update so far, in milliseconds."""
        return list(self._latencies)

    # -- internals --------------------------------------------------------------------------------
    def _refresh_random_button(self) -> None:
        ds = self._dataset
        ok = ds is not None and ds.x_test.shape[1:] == (digits.SIZE, digits.SIZE)
        self.random_button.setEnabled(ok)
        self.random_button.setToolTip(self.tr("Put a random test image on the canvas") if ok else
                                      self.tr("Needs a data set of 28×28 images (e.g. MNIST)"))

    def _user_chose(self, index: int) -> None:
        self._auto = False
        self._choose(index)

    def _choose(self, index: int) -> None:
        self.model_choice.setCurrentIndex(index)
        net = self.active_network()
        if net is not self.inside.network():
            self.inside.set_network(net)
        n = 10 if net is None else net.n_classes
        if n != len(self.bars.values()):
            self.bars.set_names(DIGIT_NAMES if n == 10 else [str(i) for i in range(n)])
        self.model_label.setText(self._model_text())
        self._schedule()

    def _want_snapshot(self) -> None:
        if self._user_net is not None:      # a network that cannot read images needs none
            self.snapshot_wanted.emit()

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start(max(0, FRAME_MS - self._since.elapsed()))

    def _update(self) -> None:
        t0 = time.perf_counter()
        self._since.restart()
        net = self.active_network()
        r = read_digit(net, self.canvas.network_image(), self._typicality)
        s = r.stages
        self.stages.set_stages(s)
        self.bars.set_probabilities(r.proba)
        self.inside.set_outputs(dict(r.layers))
        blank = r.proba is None
        self.undo_button.setEnabled(not self.canvas.is_empty())
        self.clear_button.setEnabled(not self.canvas.is_empty())
        if blank:
            self.prediction.setText("?")
            self.hint.setText(self.tr("Draw a digit") if net is not None else
                              self.tr("No network to read with"))
            warning = ""
        else:
            k = r.answer
            self.prediction.setText(DIGIT_NAMES[k] if k < 10 else str(k))
            self.hint.setText(sure_text(r))
            warning = warning_text(r, self.canvas.is_dot())
        doubtful = blank or bool(warning)
        if doubtful != self._blank:                # restyle only on a change: it is not free
            self._blank = doubtful
            self.prediction.setStyleSheet("color: #c4c4c4;" if doubtful else "")
        if warning != self.warning.text():
            self.warning.setText(warning)
            self.warning.setVisible(bool(warning))
        pasted = self.canvas.pasted_digit() is not None
        self.truth.setText(self._truth if pasted else "")
        self.truth.setVisible(pasted)
        self.compare.set_input(None if s.empty else s.centred)
        self._latencies.append(1000 * (time.perf_counter() - t0))
        self.prediction_updated.emit()

    def _model_text(self) -> str:
        if self.model_choice.currentIndex() == 0:
            if self._default is None:
                return self._default_text
            return self.tr("read by the {model}").format(model=self._default_text)
        if self._user_net is None:
            return self.tr("your network cannot read 28×28 images")
        return self.tr("read by your network, step {step}").format(step=self._user_step)


def _header(text: str) -> QLabel:
    label = QLabel(text)
    f = label.font()
    f.setBold(True)
    label.setFont(f)
    return label


def _column(*parts) -> QWidget:
    w = QWidget()
    col = QVBoxLayout(w)
    col.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, QWidget):
            col.addWidget(part)
        else:
            col.addLayout(part)
    return w
