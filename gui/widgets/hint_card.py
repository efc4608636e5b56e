"""One coach hint as a compact card: title, one line, "Why?" (expands the explanation), "Apply"
(with a tooltip naming the change) and a dismiss button.

The texts come from the hint's rule in ``core.coach.RULES`` (context ``"coach"``), the concept
line from ``gui.concepts``. The card only shows and asks: its signals say what the learner
clicked, the coach panel does the rest.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout

from core import coach, live_settings

from .. import concepts
from ..labels import layer_label
from ..tooltips import tooltip
from .wrapped_note import WrappedNote


def _tr(text: str) -> str:
    return QCoreApplication.translate("coach", text)


def _fill(text: str, values: dict) -> str:
    """A rule's translated text with its {placeholders}; a translation that lost one still shows."""
    try:
        return _tr(text).format(**values)
    except (KeyError, IndexError, ValueError):
        return text.format(**values)


def change_text(hint: coach.Hint) -> str:
    """What Apply does, in words: the rule's sentence and every setting's new value."""
    parts = [_fill(hint.about.apply, hint.values)]
    for name, value in hint.change.settings.items():
        s = live_settings.get(name)
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        label = QCoreApplication.translate(s.context, s.label)
        parts.append(f"{label} → {shown}")
    return "\n".join(parts)


class HintCard(QFrame):
    apply_clicked = Signal(object)       # the coach.Hint
    dismiss_clicked = Signal(object)
    concepts_clicked = Signal()

    def __init__(self, hint: coach.Hint, parent=None):
        super().__init__(parent)
        self.hint = hint
        rule = hint.about
        self.setObjectName(f"hintCard_{rule.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # as tall as its text needs: a short column scrolls the cards rather than squashing them
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(f"#{self.objectName()} {{ border: 1px solid #d0d0d0; border-left: 4px "
                           "solid #E69F00; border-radius: 3px; background: #fffdf6; }")

        self.title = QLabel(f"<b>{_tr(rule.title)}</b>")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.why_button = QToolButton()
        self.why_button.setText(self.tr("Why?"))
        self.why_button.setCheckable(True)
        self.why_button.setToolTip(self.tr("Show the explanation, in the course notes' terms"))
        self.why_button.toggled.connect(self.show_why)
        self.apply_button = QToolButton()
        self.apply_button.setText(self.tr("Apply"))
        self.apply_button.clicked.connect(lambda: self.apply_clicked.emit(self.hint))
        self.dismiss_button = QToolButton()
        self.dismiss_button.setText("×")
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.setToolTip(self.tr("Dismiss this hint (it stays away for this network)"))
        self.dismiss_button.clicked.connect(lambda: self.dismiss_clicked.emit(self.hint))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(4)
        top.addWidget(self.title, 1)
        for button in (self.why_button, self.apply_button, self.dismiss_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.summary = WrappedNote()
        self.why = WrappedNote()
        self.why.setTextFormat(Qt.TextFormat.RichText)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.why.setOpenExternalLinks(False)
        self.why.linkActivated.connect(lambda _link: self.concepts_clicked.emit())
        self.set_hint(hint)
        self.why.hide()

        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 6, 6)
        box.setSpacing(4)
        box.addLayout(top)
        box.addWidget(self.summary)
        box.addWidget(self.why)

    def set_hint(self, hint: coach.Hint) -> None:
        """Show ``hint`` (of this card's rule; its numbers may be new): only the texts change,
        the card stays (building one costs milliseconds, a toy run's numbers move every epoch)."""
        self.hint = hint
        rule = hint.about
        self.apply_button.setEnabled(bool(hint.change))
        self.apply_button.setToolTip(tooltip(change_text(hint)) if hint.change else self.tr(
            "Nothing to change automatically here: see Why?"))
        values = dict(hint.values)
        if values.get("kind") is not None:         # a layer named as the other panels name it
            values["layer"] = self.tr("layer {0} ({1})").format(values["index"], layer_label(values["kind"]))
        self.summary.setText(_fill(rule.summary, values))
        concept = concepts.concept(rule.concept)
        why, name = escape(_fill(rule.why, values)), escape(concept.display_name())
        word, link = self.tr("Concept"), self.tr("(Help → Concepts)")
        self.why.setText(f"{why}<br><br><i>{word}</i> — {name}: {concept.display_chinese()} "
                         f"<a href='concepts'>{link}</a>")

    def show_why(self, on: bool) -> None:
        self.why.setVisible(on)
