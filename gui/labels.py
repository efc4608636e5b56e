"""Display names of registry entries, translated: what every panel shows for an activation,
a layer kind or an optimizer (the English names live with the entries in ``core``)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core import activations, optimizers
from core.layers import LAYER_TYPES


def activation_label(name: str | None) -> str:
    """An activation's display name (None: identity); an unknown name as it is."""
    cls = activations.ACTIVATIONS.get(name or "identity")
    return QCoreApplication.translate("activations", cls.label) if cls is not None else str(name)


def layer_label(kind: str | None) -> str:
    """A layer kind's short display name; an unknown kind as it is."""
    cls = LAYER_TYPES.get(kind)
    return QCoreApplication.translate("layers", cls.label) if cls is not None else str(kind)


def optimizer_label(name: str) -> str:
    """An optimizer's display name; an unknown name as it is."""
    cls = optimizers.OPTIMIZERS.get(name)
    return QCoreApplication.translate("optimizers", cls.label) if cls is not None else str(name)
