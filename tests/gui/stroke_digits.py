"""Digits drawn as strokes, the way a learner draws them with a mouse: three or four variants of
each digit (a 1 with and without a flag, a 7 with a bar, an open 4, a 9 with a straight or a
curved tail …), in canvas units. :func:`placed` moves a drawing to any size and place."""
from __future__ import annotations

import numpy as np


def arc(cx, cy, rx, ry, a0, a1, n=18):
    """Points on an ellipse from angle a0 to a1 (degrees; 0 = right, 90 = down)."""
    return [(cx + rx * np.cos(t), cy + ry * np.sin(t)) for t in np.radians(np.linspace(a0, a1, n))]


# each digit: a list of drawings; a drawing: a list of strokes; a stroke: a list of (x, y)
DIGITS: dict[int, list[list[list[tuple[float, float]]]]] = {
    0: [[arc(0.5, 0.5, 0.2, 0.32, -90, 270, 30)],
        [arc(0.5, 0.5, 0.16, 0.34, -100, 265, 30)],
        [arc(0.5, 0.52, 0.24, 0.3, -80, 285, 30)]],
    1: [[[(0.52, 0.15), (0.5, 0.85)]],
        [[(0.58, 0.15), (0.45, 0.85)]],
        [[(0.38, 0.3), (0.55, 0.15), (0.55, 0.85)]],                       # with a flag
        [[(0.4, 0.28), (0.54, 0.15), (0.52, 0.85)], [(0.4, 0.85), (0.66, 0.85)]]],   # and a foot
    2: [[arc(0.5, 0.33, 0.18, 0.16, 200, 390) + [(0.3, 0.82), (0.72, 0.82)]],
        [arc(0.48, 0.32, 0.17, 0.17, 180, 400) + [(0.32, 0.84), (0.7, 0.82)]],
        [arc(0.5, 0.3, 0.2, 0.15, 190, 370) + [(0.36, 0.62), (0.3, 0.84), (0.74, 0.84)]]],
    3: [[arc(0.5, 0.33, 0.17, 0.15, 210, 450), arc(0.5, 0.65, 0.19, 0.17, 270, 510)],
        [arc(0.48, 0.32, 0.18, 0.16, 200, 450) + arc(0.48, 0.66, 0.2, 0.18, 270, 500)],
        [[(0.3, 0.18), (0.68, 0.18), (0.46, 0.45)] + arc(0.48, 0.64, 0.2, 0.2, 270, 500)]],
    4: [[[(0.55, 0.15), (0.3, 0.6), (0.75, 0.6)], [(0.62, 0.35), (0.62, 0.85)]],
        [[(0.32, 0.15), (0.3, 0.55), (0.72, 0.55)], [(0.62, 0.15), (0.62, 0.86)]],       # open
        [[(0.6, 0.85), (0.6, 0.15), (0.28, 0.62), (0.76, 0.62)]]],
    5: [[[(0.68, 0.18), (0.38, 0.18), (0.35, 0.45)], arc(0.5, 0.63, 0.2, 0.19, 230, 480)],
        [[(0.38, 0.18), (0.35, 0.46)] + arc(0.5, 0.63, 0.2, 0.19, 230, 480), [(0.38, 0.18), (0.7, 0.18)]],
        [[(0.66, 0.16), (0.36, 0.17), (0.34, 0.44)] + arc(0.49, 0.64, 0.21, 0.2, 235, 470)]],
    6: [[arc(0.5, 0.65, 0.17, 0.18, 0, 360, 24), [(0.64, 0.2), (0.33, 0.62)]],
        [[(0.62, 0.16)] + arc(0.5, 0.64, 0.18, 0.19, 200, 560, 30)],
        [arc(0.62, 0.55, 0.3, 0.4, 240, 180, 8) + arc(0.5, 0.66, 0.18, 0.17, 180, 540, 26)],
        [[(0.64, 0.15), (0.5, 0.25), (0.4, 0.4), (0.36, 0.58)] + arc(0.49, 0.71, 0.13, 0.13, 180, 540, 24)]],
    7: [[[(0.28, 0.22), (0.72, 0.22), (0.5, 0.82)]],
        [[(0.3, 0.18), (0.72, 0.18), (0.45, 0.85)], [(0.42, 0.5), (0.66, 0.5)]],     # with a bar
        [[(0.3, 0.25), (0.34, 0.18), (0.7, 0.18), (0.56, 0.5), (0.48, 0.86)]]],
    8: [[arc(0.5, 0.32, 0.14, 0.15, 0, 360, 24), arc(0.5, 0.66, 0.18, 0.18, 0, 360, 24)],
        [arc(0.5, 0.32, 0.15, 0.15, 90, 450, 24) + arc(0.5, 0.66, 0.18, 0.18, -90, 270, 24)],
        [[(0.66, 0.22)] + arc(0.5, 0.3, 0.16, 0.13, -30, 200, 12) + [(0.68, 0.74)]
         + arc(0.5, 0.7, 0.18, 0.15, 0, 180, 12) + [(0.66, 0.22)]],
        [arc(0.5, 0.27, 0.11, 0.11, 90, 450, 20) + arc(0.5, 0.6, 0.2, 0.22, -90, 270, 28)]],
    9: [[arc(0.5, 0.35, 0.17, 0.16, 0, 360, 24), [(0.67, 0.35), (0.62, 0.85)]],
        [arc(0.5, 0.34, 0.18, 0.17, 10, 370, 24) + [(0.66, 0.86)]],
        [arc(0.5, 0.34, 0.17, 0.16, 0, 360, 24) + arc(0.4, 0.36, 0.27, 0.5, 0, 100, 10)],
        [arc(0.5, 0.28, 0.13, 0.12, 0, 360, 24) + [(0.63, 0.4), (0.61, 0.65), (0.58, 0.88)]]],
}


def placed(drawing, size: float, centre=(0.5, 0.5)):
    """``drawing`` scaled so that its bounding box's longer side is ``size`` of the canvas,
    centred at ``centre``."""
    pts = np.concatenate([np.asarray(s, float) for s in drawing])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    scale = size / max(hi - lo)
    mid = (lo + hi) / 2
    return [[tuple(np.asarray(centre) + (np.asarray(p) - mid) * scale) for p in s] for s in drawing]


def all_drawings():
    """(digit, variant index, drawing) for every drawing of :data:`DIGITS`."""
    return [(d, k, drawing) for d, drawings in DIGITS.items() for k, drawing in enumerate(drawings)]
