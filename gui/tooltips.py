"""Tooltips that wrap: Qt shows a plain-text tooltip on one line however long it is, but wraps
rich text. ``tooltip(text, formula)`` escapes the text and adds the formula below it in italics."""
from __future__ import annotations

from html import escape

WIDTH_PX = 420


def tooltip(text: str, formula: str = "") -> str:
    """Rich text for ``setToolTip``: ``text`` wrapped at about WIDTH_PX, ``formula`` below it."""
    body = escape(text, quote=False).replace("\n", "<br>")
    if formula:
        body += f"<br><br><i>{escape(formula, quote=False)}</i>"
    return f"<p style='max-width: {WIDTH_PX}px'>{body}</p>"
