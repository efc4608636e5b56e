"""Learned features (深层表示): what the first layer looks for in the image.

For a network whose first weight layer is dense on image input, tile k is
hidden unit k's weights ``W[:, k]`` reshaped to the image (28×28 for MNIST);
for a conv net, tile k is filter k of the first conv layer (``W[k, c]``, one
tile per input channel). Each tile is divided by its own max |w|, so every tile
spans the whole diverging colour map (red > 0, white 0, blue < 0).

"Before training" keeps the weights given to ``set_model``; "Now" follows the
snapshots, or (``show_change``) the change since then, now − before, which
brings out what training added under the random initial noise. Each mosaic is
one ImageItem: up to ``PAGE_SIZE`` tiles one cell
apart, with paging for bigger layers.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.throttle import LivePoller, draw_budget
from gui.widgets.heatmap import HeatmapWidget, format_value
from gui.widgets.mosaic import mosaic_index, mosaic_zoom, tile_centre, tile_mosaic

PAGE_SIZE = 100


def first_layer_tiles(spec: dict, params: dict[str, np.ndarray]) -> tuple[str, str] | None:
    """("dense" or "conv", parameter name) of the first layer that looks at the image, or None.

    None when the input is not an image (e.g. a toy 2-D set) or the first weight
    layer does not read the raw image.
    """
    shape = tuple(spec["input_shape"])
    if len(shape) != 3:
        return None
    for i in range(len(spec["layers"])):
        w = params.get(f"{i}.W")
        if w is None:
            continue
        if w.ndim == 4:
            return "conv", f"{i}.W"
        if w.ndim == 2 and w.shape[0] == int(np.prod(shape)):
            return "dense", f"{i}.W"
        return None
    return None


def tiles_of(w: np.ndarray, mode: str, input_shape: tuple[int, ...]) -> np.ndarray:
    """The weights as image tiles (n, h, w): dense W (n_in, n) → unit k's column as the image
    (channels stacked vertically); conv W (F, C, kh, kw) → one tile per filter and channel."""
    if mode == "dense":
        c, h, wd = input_shape
        return w.T.reshape(w.shape[1], c * h, wd)
    f, c, kh, kw = w.shape
    return w.reshape(f * c, kh, kw)


def normalise_tiles(tiles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each tile divided by its own max |w| (all-zero tiles stay 0); returns (tiles, scales)."""
    scale = np.abs(tiles).reshape(len(tiles), -1).max(axis=1) if len(tiles) else np.zeros(0)
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    return tiles / scale[:, None, None], scale


class FeaturesPanel(QWidget):
    """First-layer weights as images, before training and now.

    Slots: ``set_model(spec, params)``, ``update_snapshot(params, step)``,
    ``set_training_state(state)``. Signal: ``snapshot_wanted()``.
    """

    snapshot_wanted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("featuresPanel")
        self.mode: str | None = None           # "dense", "conv" or None
        self._name = ""
        self._input_shape: tuple[int, ...] = ()
        self._before: np.ndarray | None = None  # tiles (n, h, w), raw weights
        self._now: np.ndarray | None = None
        self._latest: np.ndarray | None = None    # newest weights, not yet turned into tiles
        self._per_tile = 1                      # tiles per unit (input channels of a conv)
        self._page = 0
        self._n_cols = 1
        self._zoom = 1                          # mosaic cells per tile pixel
        self._step: int | None = None
        self._dirty = False

        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.prev_button = QToolButton()
        self.prev_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.prev_button.setToolTip(self.tr("Previous page"))
        self.prev_button.clicked.connect(lambda: self.set_page(self._page - 1))
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setToolTip(self.tr("Next page"))
        self.next_button.clicked.connect(lambda: self.set_page(self._page + 1))
        self.page_label = QLabel()
        self.show_combo = QComboBox()
        self.show_combo.addItem(self.tr("Weights now"), False)
        self.show_combo.addItem(self.tr("Change since start"), True)
        self.show_combo.setToolTip(self.tr(
            "Change since start shows now − before training: what training added to the random "
            "initial weights"))
        self.show_combo.currentIndexChanged.connect(lambda: self._redraw(before=False))
        self.compare_check = QCheckBox(self.tr("Before training"))
        self.compare_check.setToolTip(self.tr("Show the weights before training next to them"))
        self.compare_check.setChecked(True)
        self.compare_check.toggled.connect(self._on_compare_toggled)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.show_combo)
        bar.addWidget(self.compare_check)

        self.before_title, self.now_title = QLabel(self.tr("<b>Before training</b>")), QLabel()
        self.before_view = HeatmapWidget(colorbar=False, show_readout=False)
        self.now_view = HeatmapWidget(colorbar=False, show_readout=False)
        self.before_view.setToolTip(self.tr("The same weights before training: random noise"))
        self.now_view.setToolTip(self.tr("Each tile is one first-layer neuron's weights drawn as an "
                                         "image of the input: the pattern it responds to. Early layers "
                                         "learn simple features such as strokes and edges."))
        for view in (self.before_view, self.now_view):
            for side in ("top", "right", "bottom"):
                view.plot.hideAxis(side)
            axis = view.plot.getAxis("left")
            axis.setWidth(44)
            axis.setPen(pg.mkPen(None))
            axis.setTextPen(pg.mkPen(style.BLACK))
            axis.setStyle(tickLength=0)
        cmap = style.diverging_colormap()
        self._red, self._blue = (cmap.map(v, mode="qcolor").name() for v in (1.0, 0.0))
        self.readout_label = QLabel()
        self.readout_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.readout_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._idle = self.tr("Point at a tile to read its weights; wheel zooms, double-click resets")
        self._show_idle()
        self.before_box = QWidget()
        self.views = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.views.setContentsMargins(0, 0, 0, 0)
        for box, title, view in ((self.before_box, self.before_title, self.before_view),
                                 (QWidget(), self.now_title, self.now_view)):
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(0)
            title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            v.addWidget(title)
            v.addWidget(view, 1)
            view.cell_hovered.connect(self._on_hover)
            self.views.addWidget(box, 1)

        content = QWidget()
        c = QVBoxLayout(content)
        c.setContentsMargins(6, 4, 6, 4)
        c.setSpacing(4)
        c.addWidget(self.explain)
        c.addLayout(bar)
        c.addLayout(self.views, 1)
        c.addWidget(self.readout_label)

        self.message_label = QLabel(self.tr(
            "Build a network for image data (such as MNIST) to see what its first layer learns."))
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.setMargin(24)
        self.message_label.setStyleSheet(f"color: {style.GREY}; font-size: 11pt")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message_label)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.poller = LivePoller(self)
        self.poller.wanted.connect(self.snapshot_wanted)

    # -- slots the main window calls ------------------------------------------------------------
    def set_model(self, spec: dict, params: dict[str, np.ndarray]) -> None:
        """A new or reset model: its weights now are the "before training" tiles."""
        found = first_layer_tiles(spec, params)
        self._step = None
        if found is None:
            self.mode, self._before = None, None
            self.message_label.setText(self._why_no_features(spec))
            self.stack.setCurrentWidget(self.message_label)
            return
        self.mode, self._name = found
        self._input_shape = tuple(spec["input_shape"])
        w = params[self._name]
        self._per_tile = w.shape[1] if self.mode == "conv" else 1
        self._before = tiles_of(w, self.mode, self._input_shape).copy()
        self._now, self._latest = self._before, None
        per_page = min(self.page_size(), len(self._before))
        self._n_cols = self._per_tile if self._per_tile > 1 else math.ceil(math.sqrt(per_page))
        self._zoom = mosaic_zoom(self._before.shape[1:])
        self._page = 0
        self._show_idle()
        self.stack.setCurrentIndex(1)
        self._redraw(before=True)

    def update_snapshot(self, params: dict[str, np.ndarray], step: int) -> None:
        """Newer weights during training (a copy this panel owns)."""
        if self.mode is None or self._name not in params:
            return
        self._latest = params[self._name]
        self._step = step
        if self.isVisible():
            draw_budget().request(self._draw_latest)
        else:
            self._dirty = True

    def _draw_latest(self) -> None:
        """The newest weights as tiles (when the draw budget gives this panel its turn)."""
        if self._latest is not None:
            self._now, self._latest = tiles_of(self._latest, self.mode, self._input_shape), None
        self._redraw(before=False)

    def set_training_state(self, state: str) -> None:
        self.poller.set_state(state)

    def show_change(self) -> bool:
        """True when the "now" view shows now − before instead of the weights."""
        return bool(self.show_combo.currentData())

    # -- paging -------------------------------------------------------------------------------
    def page_size(self) -> int:
        """Tiles per page: at most PAGE_SIZE, whole units only."""
        return PAGE_SIZE - PAGE_SIZE % self._per_tile

    def page_count(self) -> int:
        return 0 if self._before is None else math.ceil(len(self._before) / self.page_size())

    def page(self) -> int:
        return self._page

    def set_page(self, page: int) -> None:
        if self._before is None:
            return
        page = max(0, min(page, self.page_count() - 1))
        if page != self._page:
            self._page = page
            self._redraw(before=True)

    def first_unit(self) -> int:
        """The unit (or filter) shown in the first tile of this page."""
        return self._page * self.page_size() // self._per_tile

    # -- drawing ------------------------------------------------------------------------------
    def showEvent(self, event):
        super().showEvent(event)
        if self._dirty:
            self._draw_latest()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        # side by side when that gives the bigger mosaics, else one above the other
        w, h = self.width(), max(1, self.height() - 90)
        side = min(w / 2, h) >= min(w, h / 2)
        self.views.setDirection(QBoxLayout.Direction.LeftToRight if side
                                else QBoxLayout.Direction.TopToBottom)

    def _on_compare_toggled(self, on: bool) -> None:
        self.before_box.setVisible(on)

    def _page_slice(self) -> slice:
        start = self._page * self.page_size()
        return slice(start, min(start + self.page_size(), len(self._before)))

    def _redraw(self, before: bool) -> None:
        self._dirty = False
        if self.mode is None:
            return
        sl = self._page_slice()
        now = self._now - self._before if self.show_change() else self._now
        sources = [(self.before_view, self._before)] if before else []
        for view, tiles in sources + [(self.now_view, now)]:
            scaled = normalise_tiles(tiles[sl])[0]
            view.set_matrix(tile_mosaic(scaled, self._n_cols, zoom=self._zoom), levels=(-1.0, 1.0),
                            readout=self._readout, lock_aspect=True, **self._axes(len(scaled)))
        self._update_texts()

    def _axes(self, n_tiles: int) -> dict:
        h, w = self._before.shape[1:]
        rows = math.ceil(n_tiles / self._n_cols)
        first = self.first_unit()
        if self._per_tile > 1:      # conv with several channels: a row per filter
            y_ticks = [(tile_centre(r, h, zoom=self._zoom), str(first + r)) for r in range(rows)]
            x_ticks = [(tile_centre(k, w, zoom=self._zoom), str(k)) for k in range(self._n_cols)]
            return dict(x_label=self.tr("input channel"), y_label=self.tr("filter"),
                        x_ticks=x_ticks, y_ticks=y_ticks)
        y_ticks = [(tile_centre(r, h, zoom=self._zoom), str(first + r * self._n_cols)) for r in range(rows)]
        what = self.tr("filter") if self.mode == "conv" else self.tr("unit")
        return dict(y_label=self.tr("{0} (first in row)").format(what), y_ticks=y_ticks)

    def _readout(self, row: int, col: int, value: float) -> str:
        hit = mosaic_index(row, col, self._before.shape[1:], self._n_cols, zoom=self._zoom)
        if hit is None:
            return ""
        k, i, j = hit
        k += self._page_slice().start
        if k >= len(self._before):
            return ""
        if self.mode == "conv":
            f, ch = divmod(k, self._per_tile)
            what = self.tr("filter {f}").format(f=f) if self._per_tile == 1 else \
                self.tr("filter {f} · channel {c}").format(f=f, c=ch)
        else:
            what = self.tr("unit {k}").format(k=k)
        now, before = float(self._now[k, i, j]), float(self._before[k, i, j])
        return self.tr("{what}, pixel ({i}, {j}): w = {now} now, {before} before ({change})").format(
            what=what, i=i, j=j, now=format_value(now), before=format_value(before),
            change=format_value(now - before, "{:+.3g}"))

    def _on_hover(self, row: int, col: int) -> None:
        view = self.sender()
        text = view.readout_at(row, col) if isinstance(view, HeatmapWidget) and row >= 0 else ""
        if text:
            self.readout_label.setText(text)
        else:
            self._show_idle()

    def _show_idle(self) -> None:
        self.readout_label.setText(f"<span style='color:{style.GREY}'>{self._idle}</span>")

    def _update_texts(self) -> None:
        n = len(self._before)
        sl = self._page_slice()
        per = self._per_tile
        if self.mode == "dense":
            h, w = self._input_shape[1:]
            self.explain.setText(self.tr(
                "Each tile is one hidden unit's weights on the {h}×{w} image: "
                "<span style='color:{red}'>red</span> pixels excite it, "
                "<span style='color:{blue}'>blue</span> ones inhibit it (each tile scaled to its "
                "own largest |w|). Training grows simple features such as strokes; "
                "<i>Change since start</i> shows what it added to the random start.").format(
                h=h, w=w, red=self._red, blue=self._blue))
            self.page_label.setText(self.tr("units {a}–{b} of {n}").format(a=sl.start, b=sl.stop - 1, n=n))
        else:
            kh, kw = self._before.shape[1:]
            self.explain.setText(self.tr(
                "Each tile is one {kh}×{kw} filter of the first convolution layer, the pattern it "
                "looks for everywhere in the image: <span style='color:{red}'>red</span> "
                "= positive weight, <span style='color:{blue}'>blue</span> = negative (each tile "
                "scaled to its own largest |w|).").format(kh=kh, kw=kw, red=self._red, blue=self._blue))
            self.page_label.setText(self.tr("filters {a}–{b} of {n}").format(
                a=sl.start // per, b=(sl.stop - 1) // per, n=n // per))
        paged = self.page_count() > 1
        for widget in (self.prev_button, self.next_button):
            widget.setVisible(paged)
        self.prev_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page < self.page_count() - 1)
        title = self.tr("<b>Change since start</b>") if self.show_change() else self.tr("<b>Now</b>")
        step = self.tr("not trained yet") if self._step is None else self.tr("step {0}").format(self._step)
        self.now_title.setText(f"{title} · {step}")

    def _why_no_features(self, spec: dict) -> str:
        shape = tuple(spec["input_shape"])
        if len(shape) != 3:
            n = int(np.prod(shape))
            if n == 2:
                return self.tr(
                    "Learned features are pictures of the first layer's weights over the input "
                    "image, so they are shown only for image data. This network's input is 2 numbers "
                    "per sample, a point in the plane: the Weights panel shows its weights.")
            return self.tr(
                "Learned features are pictures of the first layer's weights over the input image, "
                "so they are shown only for image data. This network's input is {n} numbers per "
                "sample, not an image: the Weights panel shows its weights.").format(n=n)
        return self.tr("The first layer with weights does not look at the image directly, so its "
                       "weights cannot be drawn as pictures: the Weights panel shows them.")
