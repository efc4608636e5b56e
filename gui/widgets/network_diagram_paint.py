"""Painting of ``NetworkDiagram`` (kept apart from its model and hover logic)."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen

from core.layers import LAYER_TYPES
from gui import style
from gui.widgets.blank_image import blank_image

INK = QColor("#333333")
MUTED = QColor("#6b6b6b")


def _pale(color: str, white: float = 0.72) -> QColor:
    """The layer kind's colour mixed with white: a light fill that dark text reads on."""
    c = QColor(color)
    return QColor(*(round(v + (255 - v) * white) for v in (c.red(), c.green(), c.blue())))


def _tr(text: str) -> str:
    """The diagram's own strings (lupdate files them under the NetworkDiagram class)."""
    return QCoreApplication.translate("NetworkDiagram", text)


def small_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
    return small


def _fonts(widget) -> tuple[QFont, QFont, QFont]:
    base = QFont(widget.font())
    bold = QFont(base)
    bold.setBold(True)
    return base, bold, small_font(base)


def front_rect(col) -> QRectF:
    """The front feature map of a block column."""
    off = 5.0 * (min(col.shape[0], 4) - 1)
    r = col.rect
    return QRectF(r.left() + off, r.top() + off, r.width() - off, r.height() - off)


def paint_diagram(w, p: QPainter) -> None:
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.fillRect(w.rect(), QColor("white"))
    cols = w._cols
    if not cols:
        p.setPen(MUTED)
        p.drawText(w.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                   _tr("Add layers to see the network here."))
        return
    _paint_links(p, cols)
    hover = w._hover
    for conn, pa, pb in w._conns:
        color = conn.color
        if hover is not None:
            k, unit = hover
            mine = (cols[k].layer == conn.layer and conn.dst == unit) or (
                k + 1 < len(cols) and cols[k + 1].layer == conn.layer and conn.src == unit)
            if not mine:
                color = QColor(color)
                color.setAlpha(40)
        p.setPen(QPen(color, conn.width))
        p.drawLine(pa, pb)
    fonts = _fonts(w)
    p.drawImage(QPointF(0, 0), _columns_image(w, fonts))
    if w.picked is not None:
        _paint_info(w, p, w.unit_info(*w.picked), fonts[2])
    if len(cols) == 1:
        p.setFont(fonts[0])
        p.setPen(MUTED)
        p.drawText(QRectF(w.width() * 0.55, 0, w.width() * 0.4, w.height()),
                   Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                   _tr("Only the input so far: add layers with “Add layer” or load a preset."))
    _paint_legend(w, p, fonts[2])


def _columns_image(w, fonts) -> QImage:
    """The columns (units, feature maps, titles, sizes, badges) on a transparent image, drawn
    afresh only when they change: with each weight snapshot only the connections between
    them do (the columns were ~60 % of a paint of 3-4 ms that a 60 Hz timer waited for)."""
    dpr = w.devicePixelRatioF()
    # which units a column shows matters only to a hovered, clicked or lit one (a big layer's
    # strongest units change as it learns; the circles stay where they are)
    marked = w._hover is not None or w.picked is not None or w._activity is not None
    key = (w.width(), w.height(), dpr, w.font().key(), w.stagger, w._hover, w.picked,
           id(w._activity), [(c.kind, c.layer, c.title, c.subtitle, c.shape,
                              tuple(c.shown) if marked else len(c.shown),
                              c.rect.getRect(), c.box, tuple(c.badges)) for c in w._cols])
    cached = w._columns_cache
    if cached is not None and cached[0] == key:
        return cached[1]
    image = blank_image(w.width(), w.height(), dpr)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    stagger = any(c.kind == "block" and QFontMetrics(fonts[2]).horizontalAdvance(
        "×".join(map(str, c.shape))) > c.box - 4 for c in w._cols)
    for k, col in enumerate(w._cols):
        _paint_column(w, painter, k, col, fonts, stagger and k % 2 == 1)
    painter.end()
    w._columns_cache = (key, image, w._activity)     # (the activity held: its id stays its own)
    return image


def _paint_links(p: QPainter, cols) -> None:
    """Links without drawn weights: receptive fields between blocks, fans into neurons."""
    pen = QPen(QColor("#9aa3ad"), 1, Qt.PenStyle.DashLine)
    for a, b in zip(cols, cols[1:], strict=False):
        if a.kind != "block" or b.kind == "error":
            continue
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        fa = front_rect(a)
        if b.kind == "block":
            win = max(4.0, fa.height() * 0.22)
            patch = QRectF(fa.center().x() - win / 2, fa.center().y() - win / 2, win, win)
            target = front_rect(b).center()
            p.drawLine(patch.topRight(), target)
            p.drawLine(patch.bottomRight(), target)
            p.setPen(QPen(QColor("#5b6670"), 1))
            p.drawRect(patch)
        else:
            src = QPointF(fa.right(), fa.center().y())
            for c in b.centers + ([b.ellipsis] if b.ellipsis is not None else []):
                p.drawLine(src, c)


def _paint_column(w, p: QPainter, k: int, col, fonts, lower: bool) -> None:
    _, bold, small = fonts
    x = col.rect.center().x()
    box = max(col.box - 4, 24.0)
    if col.kind == "neurons":
        fill = QColor("#eeeeee") if col.layer is None else QColor("white")
        r = col.rect.width() / 2
        for unit, c in zip(col.shown, col.centers, strict=False):
            hovered = w._hover == (k, unit)
            picked = w.picked == (col.layer, unit)
            lit = w.activity_color(col.layer, unit)
            p.setPen(QPen(QColor(style.BLACK if hovered or picked else "#4a4a4a"),
                          3.0 if picked else 2.5 if hovered else 1.2))
            p.setBrush(lit if lit is not None else QColor("#fff3c4") if hovered else fill)
            p.drawEllipse(c, r, r)
        if col.ellipsis is not None:
            p.setPen(MUTED)
            p.setFont(bold)
            p.drawText(QRectF(x - 20, col.ellipsis.y() - 10, 40, 20), Qt.AlignmentFlag.AlignCenter, "⋮")
    elif col.kind == "block":
        fill = QColor("#e6e6e6") if col.layer is None else _pale(LAYER_TYPES[col.op].color)
        sheets = min(col.shape[0], 4)
        front = front_rect(col)
        p.setPen(QPen(QColor("#5b6670"), 1))
        for s in range(sheets):
            off = 5.0 * s
            p.setBrush(fill.darker(100 + 7 * (sheets - 1 - s)))
            p.drawRect(QRectF(col.rect.left() + off, col.rect.top() + off, front.width(), front.height()))
    else:
        p.setPen(QPen(QColor(style.VERMILION), 2, Qt.PenStyle.DashLine))
        p.setBrush(QColor("#fde8e0"))
        p.drawRoundedRect(col.rect, 6, 6)
        p.setFont(bold)
        p.setPen(QColor(style.VERMILION))
        p.drawText(col.rect, Qt.AlignmentFlag.AlignCenter, "?")
    # title and subtitle above
    top = 6.0
    label_box = box
    if w.stagger:
        label_box = 2 * box - 4
        top += 2 * QFontMetrics(bold).height() if k % 2 else 0
    for text, f, color in ((col.title, bold, INK),
                           (col.subtitle if col.kind != "error" else "", small, MUTED)):
        fm = QFontMetrics(f)
        if text:
            p.setFont(f)
            p.setPen(QColor(style.VERMILION) if col.kind == "error" else color)
            p.drawText(QRectF(x - label_box / 2, top, label_box, fm.height()), Qt.AlignmentFlag.AlignCenter,
                       fm.elidedText(text, Qt.TextElideMode.ElideRight, int(label_box)))
        top += fm.height()
    # size below, then the badges of the layers that keep the shape
    y = col.rect.bottom() + 6
    if col.kind == "error":
        p.setFont(small)
        p.setPen(QColor(style.VERMILION))
        rect = QRectF(x - box / 2, y, box, 6 * QFontMetrics(small).height())
        p.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, col.subtitle)
        return
    if col.kind == "neurons":
        label, font = f"{col.size:,}", bold
    else:
        label, font = "×".join(map(str, col.shape)), small
        y += QFontMetrics(small).height() if lower else 0
    fm = QFontMetrics(font)
    p.setFont(font)
    p.setPen(INK)
    p.drawText(QRectF(x - box, y, 2 * box, fm.height()), Qt.AlignmentFlag.AlignCenter, label)
    y += fm.height() + 3
    fm = QFontMetrics(small)
    p.setFont(small)
    for _i, text in col.badges:
        tw = min(fm.horizontalAdvance(text) + 10, box)
        rr = QRectF(x - tw / 2, y, tw, fm.height() + 2)
        p.setPen(QPen(QColor(style.PURPLE), 1))
        p.setBrush(QColor("#f7e6f0"))
        p.drawRoundedRect(rr, 5, 5)
        p.setPen(QColor("#6b2a50"))
        p.drawText(rr, Qt.AlignmentFlag.AlignCenter, fm.elidedText(text, Qt.TextElideMode.ElideRight,
                                                                   int(tw - 4)))
        y += fm.height() + 5


def _paint_info(w, p: QPainter, lines: list[str], font: QFont) -> None:
    """The box of the clicked unit, in the top right corner."""
    if not lines:
        return
    p.setFont(font)
    fm = QFontMetrics(font)
    width = min(max(fm.horizontalAdvance(t) for t in lines) + 16, w.width() - 16)
    top = 10 + 3 * fm.height()                  # below the columns' titles
    rect = QRectF(w.width() - width - 8, top, width, len(lines) * fm.height() + 10)
    p.setPen(QPen(QColor("#8a8a8a"), 1))
    p.setBrush(QColor(255, 255, 255, 235))
    p.drawRoundedRect(rect, 5, 5)
    p.setPen(INK)
    for i, text in enumerate(lines):
        p.drawText(QPointF(rect.left() + 8, rect.top() + 5 + fm.ascent() + i * fm.height()),
                   fm.elidedText(text, Qt.TextElideMode.ElideRight, int(width - 14)))


def _paint_legend(w, p: QPainter, font: QFont) -> None:
    p.setFont(font)
    fm = QFontMetrics(font)
    y = w.height() - fm.height() - 4
    width = w.width() - 16
    if not w.has_weights():
        p.setPen(MUTED)
        text = _tr("After Apply, lines show the weights: blue negative, red positive, thicker = larger. "
                    "Hover a neuron for its weights.")
        p.drawText(QRectF(8, y - fm.height(), width, 2 * fm.height()),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap, text)
        return
    x = 8.0
    for value, label in ((-1.0, _tr("negative")), (1.0, _tr("positive"))):
        color = w._colors(np.array([value]), 1.0)[0][0]
        p.setPen(QPen(color, 3))
        p.drawLine(QPointF(x, y + fm.height() / 2), QPointF(x + 18, y + fm.height() / 2))
        p.setPen(INK)
        p.drawText(QPointF(x + 22, y + fm.ascent()), label)
        x += 30 + fm.horizontalAdvance(label)
    p.drawText(QPointF(x, y + fm.ascent()), _tr("weight, thickness = |w|"))
    if w.activity_label():
        x += 12 + fm.horizontalAdvance(_tr("weight, thickness = |w|"))
        p.drawText(QPointF(x, y + fm.ascent()),
                   _tr("units coloured by their activation a for {0}; click one").format(w.activity_label()))
    if w._step is not None:
        text = _tr("step {0}").format(f"{w._step:,}")
        p.drawText(QPointF(w.width() - 8 - fm.horizontalAdvance(text), y + fm.ascent()), text)
