"""A square drawing canvas for digits, and a small widget that shows arrays as grey images.

:class:`DigitCanvas` keeps every stroke as a list of points in canvas units (0..1 across the
square) and draws into a ``QImage`` at the screen's device-pixel ratio, white ink on black as in
MNIST. The image the network reads (:meth:`DigitCanvas.image`) is exactly that buffer, so what
the learner sees is what the network gets. Mouse, pen (tablet) and touch all draw; strokes are
antialiased with round caps and joins. Undo removes the last stroke and re-renders the rest.

:class:`ImageGrid` paints one ``(H, W)`` array or a stack ``(C, H, W)`` of them as a grid of
grey tiles (white = high), e.g. the preprocessing stages or a conv layer's feature maps.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from core import digits

from .stroke_image import render_strokes

MIN_SIDE = 280               # logical pixels
DEFAULT_PEN = 20             # pen width in px on a 280 px canvas: digits drawn ~200 px tall
PEN_RANGE = (4, 48)          # have strokes about as thick (relative to their size) as MNIST's
PASTE_SCALE = 0.7            # a pasted 28x28 test digit covers 70 % of the canvas side


@dataclass
class Stroke:
    width: float                                     # pen width as a fraction of the side
    points: list[tuple[float, float]] = field(default_factory=list)   # (x, y) in 0..1


@dataclass
class Pasted:
    digit28: np.ndarray                              # (28, 28) float32 in [0, 1]
    scale: float = PASTE_SCALE


def to_qimage(a: np.ndarray) -> QImage:
    """``(H, W)`` float array in [0, 1] -> an independent 8-bit grey ``QImage`` (white = 1)."""
    u8 = np.ascontiguousarray(np.clip(a * 255.0 + 0.5, 0, 255).astype(np.uint8))
    h, w = u8.shape
    return QImage(u8.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


class DigitCanvas(QWidget):
    """Draw a digit; ``image()`` is the drawing as ``(H, W)`` float32 in [0, 1], ink = 1.

    ``changed`` is emitted on every change (each mouse move while drawing); coalesce in the
    receiver. The square drawing area is centred in the widget and follows its size.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("digitCanvas")
        self.setMinimumSize(MIN_SIDE, MIN_SIDE)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(self.tr("Draw a digit with the mouse, a pen or a finger.\n"
                                "Delete clears, Ctrl+Z undoes the last stroke."))
        self._items: list[Stroke | Pasted] = []
        self._current: Stroke | None = None
        self._pen = DEFAULT_PEN / MIN_SIDE
        self._buffer = QImage()
        self._hint = self.tr("Draw a digit here")

    # -- public API ----------------------------------------------------------------------
    def image(self) -> np.ndarray:
        """The drawing, ``(H, W)`` float32 in [0, 1] with ink = 1, at device resolution."""
        self._ensure_buffer()
        b = self._buffer
        raw = np.frombuffer(b.constBits(), np.uint8).reshape(b.height(), b.bytesPerLine())
        return raw[:, :b.width()].astype(np.float32) * np.float32(1 / 255)

    def network_image(self) -> np.ndarray:
        """The drawing as the network should get it, ``(H, W)`` float32 in [0, 1]: the strokes
        redrawn with a pen relative to the drawing's size (``gui.widgets.stroke_image``), so a
        digit reads the same at any size; a pasted test digit as it is on the canvas."""
        if any(isinstance(i, Pasted) for i in self._items) or not self._items:
            return self.image()
        return render_strokes([s.points for s in self._items], min_size=self._pen)

    def is_dot(self) -> bool:
        """The drawing is strokes that all fit within one pen width: a click, not a digit."""
        strokes = [i for i in self._items if isinstance(i, Stroke)]
        if not strokes or len(strokes) != len(self._items):
            return False
        pts = np.concatenate([np.asarray(s.points, dtype=np.float64).reshape(-1, 2) for s in strokes])
        return float((pts.max(axis=0) - pts.min(axis=0)).max()) <= self._pen

    def is_empty(self) -> bool:
        return not self._items

    def stroke_count(self) -> int:
        return sum(isinstance(i, Stroke) for i in self._items)

    def pasted_digit(self) -> np.ndarray | None:
        """The 28x28 test digit on the canvas (see :meth:`paste_digit`), or None."""
        return next((i.digit28 for i in self._items if isinstance(i, Pasted)), None)

    def pen_width(self) -> float:
        """Pen width in pixels of a 280 px canvas (it scales with the canvas)."""
        return self._pen * MIN_SIDE

    def set_pen_width(self, px: float) -> None:
        self._pen = float(np.clip(px, *PEN_RANGE)) / MIN_SIDE

    def clear(self) -> None:
        self._items.clear()
        self._current = None
        self._rerender()

    def undo(self) -> None:
        """Remove the last stroke (or the pasted digit, if nothing was drawn over it)."""
        if self._items:
            self._items.pop()
            self._current = None
            self._rerender()

    def paste_digit(self, digit28: np.ndarray, scale: float = PASTE_SCALE) -> None:
        """Replace the drawing with a 28x28 digit (float in [0, 1] or uint8), centred at ``scale``."""
        d = np.asarray(digit28)
        d = d.astype(np.float32) / 255.0 if d.dtype == np.uint8 else d.astype(np.float32)
        self._items = [Pasted(np.clip(d, 0.0, 1.0), scale)]
        self._current = None
        self._rerender()

    def add_stroke(self, points: list[tuple[float, float]], width: float | None = None) -> None:
        """Add a stroke programmatically; ``points`` in canvas units (0..1), width in px@280."""
        w = self._pen if width is None else float(width) / MIN_SIDE
        self._items.append(Stroke(w, [(float(x), float(y)) for x, y in points]))
        self._rerender()

    # -- geometry and rendering ------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(360, 360)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(MIN_SIDE, width)              # square

    def area(self) -> QRect:
        """The square drawing area in widget coordinates."""
        side = min(self.width(), self.height())
        return QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)

    def _ensure_buffer(self) -> bool:
        """(Re)create the buffer for the current size and pixel ratio; True if it was."""
        side, dpr = self.area().width(), self.devicePixelRatioF()
        px = max(1, round(side * dpr))
        if self._buffer.isNull() or self._buffer.width() != px or self._buffer.devicePixelRatio() != dpr:
            self._buffer = QImage(px, px, QImage.Format.Format_Grayscale8)
            self._buffer.setDevicePixelRatio(dpr)
            self._render_all()
            return True
        return False

    def _rerender(self) -> None:
        self._ensure_buffer()
        self._render_all()
        self.update()
        self.changed.emit()

    def _render_all(self) -> None:
        self._buffer.fill(0)
        painter = self._painter()
        for item in self._items:
            if isinstance(item, Pasted):
                self._draw_pasted(painter, item)
            else:
                self._draw_stroke(painter, item, 0)
        painter.end()

    def _painter(self) -> QPainter:
        p = QPainter(self._buffer)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        return p

    def _draw_stroke(self, p: QPainter, s: Stroke, start: int) -> None:
        """Draw ``s`` from point ``start`` on (the segment into it included)."""
        side = self._buffer.width() / self._buffer.devicePixelRatio()
        pen = QPen(QColor(255, 255, 255), s.width * side, Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        pts = [QPointF(x * side, y * side) for x, y in s.points[max(0, start - 1):]]
        if len(pts) == 1:
            p.drawPoint(pts[0])
        else:
            p.drawPolyline(pts)

    def _draw_pasted(self, p: QPainter, item: Pasted) -> None:
        n = self._buffer.width()
        s = max(1, int(np.floor(item.scale * n + 0.5)))
        top = (n - s) // 2
        img = digits.paste(item.digit28, n, item.scale, top, top)
        q = to_qimage(img)
        q.setDevicePixelRatio(self._buffer.devicePixelRatio())
        p.drawImage(QPointF(0, 0), q)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._ensure_buffer() and self._items:
            self.changed.emit()                  # the same drawing at a new resolution

    def paintEvent(self, event) -> None:
        self._ensure_buffer()
        p = QPainter(self)
        r = self.area()
        p.drawImage(r, self._buffer)
        p.setPen(QPen(QColor("#7f7f7f"), 1))
        p.drawRect(r.adjusted(0, 0, -1, -1))
        if not self._items:
            p.setPen(QColor("#9a9a9a"))
            f = p.font()
            f.setPointSizeF(f.pointSizeF() * 1.3)
            p.setFont(f)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, self._hint)
        p.end()

    # -- input -------------------------------------------------------------------------------
    def _to_unit(self, pos: QPointF) -> tuple[float, float]:
        r = self.area()
        side = max(1, r.width())
        return (float(np.clip((pos.x() - r.x()) / side, 0, 1)),
                float(np.clip((pos.y() - r.y()) / side, 0, 1)))

    def _begin(self, pos: QPointF) -> None:
        self._current = Stroke(self._pen, [self._to_unit(pos)])
        self._items.append(self._current)
        self._paint_tail(1)

    def _extend(self, pos: QPointF) -> None:
        if self._current is None:
            return
        pt = self._to_unit(pos)
        if pt == self._current.points[-1]:
            return
        self._current.points.append(pt)
        self._paint_tail(len(self._current.points) - 1)

    def _end(self) -> None:
        self._current = None

    def _paint_tail(self, start: int) -> None:
        """Draw only the newest segment of the current stroke: O(1) per mouse move."""
        self._ensure_buffer()
        p = self._painter()
        self._draw_stroke(p, self._current, start)
        p.end()
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        self._extend(event.position())
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position())
            self._end()
        event.accept()

    def tabletEvent(self, event) -> None:
        kind = event.type()
        if kind == event.Type.TabletPress:
            self._begin(event.position())
        elif kind == event.Type.TabletMove:
            self._extend(event.position())
        elif kind == event.Type.TabletRelease:
            self._extend(event.position())
            self._end()
        event.accept()               # no synthesized mouse events as well

    def _own_key(self, event) -> bool:
        mods, key = event.modifiers(), event.key()
        return ((key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not mods)
                or (key == Qt.Key.Key_Z and mods == Qt.KeyboardModifier.ControlModifier))

    def event(self, event) -> bool:
        kind = event.type()
        if kind == event.Type.ShortcutOverride and self._own_key(event):
            event.accept()           # Delete / Ctrl+Z on the canvas are ours, not a window action
            return True
        if kind in (event.Type.TouchBegin, event.Type.TouchUpdate, event.Type.TouchEnd):
            pts = event.points()
            if pts:
                pos = pts[0].position()
                if kind == event.Type.TouchBegin:
                    self._begin(pos)
                else:
                    self._extend(pos)
            if kind == event.Type.TouchEnd:
                self._end()
            event.accept()
            return True
        if kind == event.Type.TouchCancel:
            self._end()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if not self._own_key(event):
            super().keyPressEvent(event)
        elif event.key() == Qt.Key.Key_Z:
            self.undo()
        else:
            self.clear()


class ImageGrid(QWidget):
    """Paints an ``(H, W)`` array or a ``(C, H, W)`` stack as a grid of grey tiles (nearest).

    Values are shown from 0 (black) to ``vmax`` (white; default: the array's maximum, so
    each update uses the full range). An optional ``box`` (top, left, bottom, right) in array
    pixels is outlined in orange on a single image. The stack becomes one ``QImage`` (the maps
    one below the other), so an update costs a few NumPy calls however many maps there are.
    """

    def __init__(self, tile: int = 96, columns: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._tile, self._columns = tile, columns
        self._image = QImage()
        self._n = 0
        self._box: tuple[int, int, int, int] | None = None
        self._shape = (1, 1)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._resize_to(1)

    def _grid(self, n: int) -> tuple[int, int]:
        cols = min(self._columns or max(1, int(np.ceil(np.sqrt(n)))), n)
        return cols, int(np.ceil(n / cols))

    def _resize_to(self, n: int) -> None:
        cols, rows = self._grid(max(n, 1))
        gap = 2 if n > 1 else 0
        self.setFixedSize(cols * self._tile + (cols - 1) * gap, rows * self._tile + (rows - 1) * gap)

    def set_array(self, a: np.ndarray | None, vmax: float | None = None,
                  box: tuple[int, int, int, int] | None = None) -> None:
        if a is None:
            self._n, self._box = 0, None
            self.update()
            return
        a = np.asarray(a, dtype=np.float32)
        stack = a[None] if a.ndim == 2 else a
        top = float(stack.max()) if vmax is None else float(vmax)
        n, h, w = stack.shape
        self._image = to_qimage(stack.reshape(n * h, w) * np.float32(1 / top if top > 0 else 0))
        self._shape, self._box = (h, w), box
        if n != self._n:
            self._n = n
            self._resize_to(n)
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#202020"))
        n, (h, w) = self._n, self._shape
        cols, _ = self._grid(max(1, n))
        gap = 2 if n > 1 else 0
        # big images (a whole canvas) are smoothed when shrunk; small ones show their pixels
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, h > self._tile)
        for k in range(n):
            r, c = divmod(k, cols)
            target = QRectF(c * (self._tile + gap), r * (self._tile + gap), self._tile, self._tile)
            p.drawImage(target, self._image, QRectF(0, k * h, w, h))
        if self._box is not None and n:
            t, left, b, right = self._box
            sy, sx = self._tile / h, self._tile / w
            p.setPen(QPen(QColor("#E69F00"), 2))
            p.drawRect(QRectF(left * sx, t * sy, (right - left) * sx, (b - t) * sy))
        p.end()
