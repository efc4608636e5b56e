"""Marking display strings for translation without importing Qt.

Registries in ``core`` carry display names, formulas and help texts. They are
English here and translated where they are shown: the GUI calls
``QCoreApplication.translate(context, text)``. ``pyside6-lupdate`` finds the
strings by this function's name, exactly as it finds Qt's own
``QT_TRANSLATE_NOOP``, so the call must keep this name and literal arguments.
"""
from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Return ``text`` unchanged; lupdate records it under ``context``."""
    return text
