"""An axis's draw specifications as plain numbers, to compare two ways of laying it out
(tests/gui/test_live_axis.py, tests/gui/test_sliding_axis.py)."""
from PySide6.QtGui import QPainter, QPicture


def specs(axis, generate):
    """``generate(axis, painter)``'s (axis line, ticks, texts) with pens as colours and points
    as coordinates."""
    picture = QPicture()
    painter = QPainter(picture)
    try:
        axis_spec, ticks, texts = generate(axis, painter)
    finally:
        painter.end()
    pen, a, b = axis_spec
    return ((pen.color().rgba(), a.x(), a.y(), b.x(), b.y()),
            [(pen.color().rgba(), p1.x(), p1.y(), p2.x(), p2.y()) for pen, p1, p2 in ticks],
            [(r.x(), r.y(), r.width(), r.height(), int(flags), s) for r, flags, s in texts])
