"""What the canvas panel says with its answer: how sure the network is, and a warning when
the drawing does not look like the digits it learned from at all (``core.digit_typicality``)
or is a mere dot. The texts keep the ``CanvasPanel`` translation context."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.digit_typicality import UNUSUAL, Typicality

from .digit_reading import Reading

UNSURE = 60.0            # % below which the answer is called unsure


def _tr(text: str) -> str:
    return QCoreApplication.translate("CanvasPanel", text)


def hint_tooltip() -> str:
    return _tr("The network can only answer 0–9: it names a digit for anything, often at 99%. So "
               "the drawing is also compared with the training digits of the class it was given: "
               "what is left of it after taking away that class's average image and its 10 main "
               "ways of varying (principal components). If more is left than for 95% of MNIST's "
               "own test digits of that class, the drawing is called unlike the digits the network "
               "learned from, and its answer means little.")


def sure_text(r: Reading) -> str:
    """How sure the network is of a (non-blank) reading's answer."""
    p = 100 * float(r.proba[r.answer])
    return (_tr("only {p:.1f}% sure") if p < UNSURE else _tr("{p:.1f}% sure")).format(p=p)


def warning_text(r: Reading, is_dot: bool) -> str:
    """Why the answer means little, or "" if the drawing looks like a digit."""
    if is_dot:
        return _tr("A dot is not a digit: the network can only answer 0–9, so it always names one.")
    if r.atypical is not None and r.atypical > UNUSUAL:
        return _tr("Unlike the digits it learned from: this fits a {k} worse than {pct:.0f}% of "
                   "MNIST's test {k}s. The network can only answer 0–9, so it names a digit "
                   "anyway.").format(k=r.answer, pct=r.atypical)
    return ""


def load_typicality() -> Typicality | None:
    """The measure of how digit-like a drawing is; without its file the panel just does not say."""
    try:
        return Typicality.load()
    except (OSError, ValueError, KeyError):
        return None
