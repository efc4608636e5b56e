"""The transparent image drawn into off screen (gui.widgets.blank_image)."""
import numpy as np
from PySide6.QtGui import QImage

from gui.widgets.blank_image import blank_image


def test_it_covers_the_size_in_device_pixels_and_is_transparent():
    image = blank_image(200.5, 100, 1.5)
    assert (image.width(), image.height()) == (301, 150)           # rounded up: no pixel short
    assert image.devicePixelRatio() == 1.5 and image.format() == QImage.Format.Format_ARGB32_Premultiplied
    pixels = np.frombuffer(image.constBits(), np.uint8)
    assert not pixels.any()                                        # transparent everywhere
    assert (blank_image(0, 0, 2.0).width(), blank_image(0, 0, 2.0).height()) == (1, 1)
