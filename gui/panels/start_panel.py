"""The start page: the three steps of deep learning, then four numbered paths into the app.

Each path is a large button that emits ``open_requested`` with the object names of the docks
it opens; "Train your first network" also emits ``start_training_requested``. The Chinese
terms next to the steps and paths are the course notes' own (``gui.concepts``) and are shown
in every language; everything else goes through ``tr()``.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.concepts import dock_titles, terms, unbreakable
from gui.tooltips import tooltip

COLUMN_MAX_WIDTH = 900      # px: lines stay readable on a wide screen
STEPS_SIDE_BY_SIDE = 640    # px: below this column width the three steps stack
TERM_COLOUR = style.BLUE


@dataclass(frozen=True)
class StartPath:
    key: str
    title: str                  # translated
    terms: tuple[str, ...]      # the notes' Chinese terms, untranslated
    explanation: str            # translated, one line
    docks: tuple[str, ...]      # dock object names to open
    starts_training: bool = False


def _scaled(font: QFont, factor: float, bold: bool = False) -> QFont:
    f = QFont(font)
    if font.pointSizeF() > 0:
        f.setPointSizeF(font.pointSizeF() * factor)
    else:                                           # a font sized in pixels
        f.setPixelSize(round(font.pixelSize() * factor))
    f.setBold(bold)
    return f


def _wrapping_label(text: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    return label


class _Column(QWidget):
    """The page's content. Its minimum height is 0 so that the scroll area around it sizes it by
    its height for the width it gets, not by the height its wrapped text would need at the
    narrowest width (which would leave a scroll bar and an empty band on a wide screen)."""

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 0)


class PathButton(QPushButton):
    """A large button whose number, title, Chinese terms and explanation wrap with its width."""

    def __init__(self, number: int, path: StartPath, parent=None):
        super().__init__(parent)
        self.path = path
        self.setObjectName(f"startPath_{path.key}")
        self.setAccessibleName(f"{number} {path.title}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        badge = QLabel(str(number))
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side = badge.fontMetrics().height() * 2
        badge.setFixedSize(side, side)
        badge.setFont(_scaled(self.font(), 1.3, bold=True))
        badge.setStyleSheet(f"background: {style.BLUE}; color: white; border-radius: {side // 2}px;")
        terms_html = " · ".join(escape(unbreakable(t)) for t in path.terms)
        self.title_label = _wrapping_label(
            f"<b>{escape(path.title)}</b>&nbsp;&nbsp; "
            f"<span style='color: {TERM_COLOUR}'>{terms_html}</span>", rich=True)
        self.title_label.setFont(_scaled(self.font(), 1.25))
        self.explanation_label = _wrapping_label(path.explanation)
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 12, 14, 12)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        grid.addWidget(badge, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.title_label, 0, 1)
        grid.addWidget(self.explanation_label, 1, 1)
        grid.setColumnStretch(1, 1)
        for label in (badge, self.title_label, self.explanation_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    # QPushButton sizes itself by its (empty) text; this one is as big as its layout
    def sizeHint(self):
        return self.layout().totalSizeHint()

    def minimumSizeHint(self):
        return self.layout().totalMinimumSize()


class StartPanel(QWidget):
    """First-launch start page; the main window shows/raises the docks a path asks for."""

    open_requested = Signal(tuple)           # dock object names to show and raise
    start_training_requested = Signal()      # "Train your first network": start training
    concepts_requested = Signal()            # open Help → Concepts

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("startPanel")
        self._titles = dock_titles()
        self.path_buttons: list[PathButton] = []
        self._build()

    def paths(self) -> list[StartPath]:
        return [
            StartPath("draw", self.tr("Draw a digit"), terms("digits"),
                      self.tr("Write a digit with the mouse and watch a trained network read it "
                              "as you draw; it works right away."),
                      ("canvasDock",)),
            StartPath("train", self.tr("Train your first network"),
                      terms("loss")[:1] + terms("gradient_descent")[1:2],
                      self.tr("Start training and watch the loss fall and the accuracy rise, "
                              "batch by batch and epoch by epoch."),
                      ("trainingDock", "metricsDock"), starts_training=True),
            StartPath("inside", self.tr("Look inside"),
                      terms("neuron")[:2] + terms("deep_representation"),
                      self.tr("See the layers and their matrix sizes, the weights as heatmaps, "
                              "and the features the first layer has learned."),
                      ("architectureDock", "weightsDock", "featuresDock")),
            StartPath("optimizers", self.tr("Compare optimizers"), terms("optimizers"),
                      self.tr("Race SGD, Momentum, AdaGrad and Adam on the book's surface "
                              "x²/20 + y², and step gradient descent by hand."),
                      ("optimizerLabDock", "descentDock")),
        ]

    # -- construction ---------------------------------------------------------------------------
    def _build(self) -> None:
        column = _Column()
        column.setObjectName("startColumn")
        column.setMaximumWidth(COLUMN_MAX_WIDTH)
        box = QVBoxLayout(column)
        box.setContentsMargins(24, 20, 24, 20)
        box.setSpacing(10)

        title = _wrapping_label(self.tr("Welcome to NumNet Studio"))
        title.setFont(_scaled(self.font(), 1.7, bold=True))
        intro = _wrapping_label(self.tr(
            "Deep learning comes down to three steps. In this app you can see each of them, "
            "change it, and watch what happens."))
        box.addWidget(title)
        box.addWidget(intro)
        box.addSpacing(4)
        box.addLayout(self._build_steps())

        heading = _wrapping_label(self.tr("Where to begin"))
        heading.setFont(_scaled(self.font(), 1.3, bold=True))
        box.addSpacing(8)
        box.addWidget(heading)
        for number, path in enumerate(self.paths(), start=1):
            button = PathButton(number, path)
            opens = ", ".join(self._titles.get(d, d) for d in path.docks)
            tip = self.tr("Opens: {0}.").format(opens)
            if path.starts_training:
                tip += " " + self.tr("Also starts training (pause with Space, stop with Esc).")
            button.setToolTip(tooltip(path.explanation + "\n" + tip))
            button.clicked.connect(lambda _=False, p=path: self._open(p))
            self.path_buttons.append(button)
            box.addWidget(button)

        self.concepts_button = QPushButton(self.tr("All concepts of the course notes…"))
        self.concepts_button.setObjectName("startConcepts")
        self.concepts_button.setFlat(True)
        self.concepts_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.concepts_button.setStyleSheet(f"color: {style.BLUE}; text-align: left;")
        self.concepts_button.setToolTip(tooltip(self.tr(
            "A list of every concept in the notes with its Chinese term, and the panels that "
            "show it (also under Help → Concepts).")))
        self.concepts_button.clicked.connect(self.concepts_requested)
        box.addWidget(self.concepts_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addStretch(1)

        holder = QWidget()
        centre = QBoxLayout(QBoxLayout.Direction.LeftToRight, holder)
        centre.setContentsMargins(0, 0, 0, 0)
        centre.addStretch(0)
        centre.addWidget(column, 1)
        centre.addStretch(0)
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._column = column

    def _build_steps(self) -> QBoxLayout:
        """The three steps, side by side when there is room, else one under the other."""
        chinese = terms("three_steps")[1:4]
        english = (self.tr("the architecture: which functions the network can compute"),
                   self.tr("the loss: how far its answers are from the right ones"),
                   self.tr("the optimizer: how the weights move to lower the loss"))
        self.steps = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.steps.setSpacing(6)
        self.step_frames: list[QFrame] = []
        self.step_arrows: list[QLabel] = []
        for i, (zh, en) in enumerate(zip(chinese, english, strict=True), start=1):
            if i > 1:
                arrow = QLabel("→")
                arrow.setAlignment(Qt.AlignmentFlag.AlignCenter)
                arrow.setFont(_scaled(self.font(), 1.4, bold=True))
                arrow.setStyleSheet(f"color: {TERM_COLOUR};")
                self.steps.addWidget(arrow)
                self.step_arrows.append(arrow)
            frame = QFrame()
            frame.setObjectName(f"startStep{i}")
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            frame.setStyleSheet(f"QFrame#startStep{i} {{ border: 1px solid #c8d6e5; "
                                "border-radius: 6px; background: #f4f8fc; }")
            lay = QVBoxLayout(frame)
            lay.setContentsMargins(12, 8, 12, 10)
            lay.setSpacing(2)
            head = _wrapping_label(f"{i}  {unbreakable(zh)}")
            head.setFont(_scaled(self.font(), 1.2, bold=True))
            head.setStyleSheet(f"color: {TERM_COLOUR};")
            lay.addWidget(head)
            lay.addWidget(_wrapping_label(en))
            lay.addStretch(1)
            frame.setToolTip(tooltip(self.tr("Step {0} of the three steps of deep learning: {1}.")
                                     .format(i, en)))
            self.steps.addWidget(frame, 1)
            self.step_frames.append(frame)
        return self.steps

    # -- behaviour -----------------------------------------------------------------------------
    def _open(self, path: StartPath) -> None:
        self.open_requested.emit(path.docks)
        if path.starts_training:
            self.start_training_requested.emit()

    def resizeEvent(self, event) -> None:          # noqa: N802 - Qt's name
        wide = min(event.size().width(), COLUMN_MAX_WIDTH) >= STEPS_SIDE_BY_SIDE
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.steps.direction() != direction:
            self.steps.setDirection(direction)
            for arrow in self.step_arrows:
                arrow.setText("→" if wide else "↓")
        super().resizeEvent(event)
