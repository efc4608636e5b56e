"""A transparent image to draw into off screen, the size of a widget or view in device pixels
(a plot's settled curves, a diagram's columns), shown later with ``QPainter.drawImage``."""
from __future__ import annotations

import math

from PySide6.QtGui import QImage


def blank_image(width: float, height: float, dpr: float) -> QImage:
    """A transparent image of ``width`` × ``height`` (logical pixels) at ``dpr``."""
    image = QImage(max(1, math.ceil(width * dpr)), max(1, math.ceil(height * dpr)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(0)
    return image
