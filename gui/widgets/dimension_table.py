"""Andrew Ng's "check the matrix dimensions" (核对矩阵的维数) as a table.

For a batch of ``m`` samples, one row per layer with the shapes of X (the
layer's input), W[l], b[l], Z[l], A[l], dW[l], db[l] as ``core.spec.dimension_table``
computes them, written in the chosen notation (``gui.notation``: the book's rows =
samples, as the app computes, or Andrew Ng's columns = samples), the parameter count
and the float32 memory of the parameters, and a total row.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import notation
from core import spec as spec_mod
from gui.notation import NotationCombo, notation_setting

# table column -> key in a core.spec.dimension_table row
COLUMNS = ("index", "layer", "X", "W", "b", "Z", "A", "dW", "db", "params", "bytes")
HEADERS = ("l", "layer", "X", "W[l]", "b[l]", "Z[l]", "A[l]", "dW[l]", "db[l]", "params", "memory")


def shape_text(shape) -> str:
    """A shape as NumPy prints it: (64, 784), (100,); no array: an em dash."""
    return "—" if shape is None else str(tuple(int(s) for s in shape))


def bytes_text(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 ** 2:
        return f"{n / 1024:.1f} KiB"
    return f"{n / 1024 ** 2:.2f} MiB"


class DimensionTable(QWidget):
    """The dimension table of a spec for batch size m (its own spin box or ``set_batch_size``)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("dimensionTable")
        self._spec: dict | None = None
        self.rows: list[dict] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        head = QHBoxLayout()
        m_label = QLabel(self.tr("Batch size m"))
        self.m_spin = QSpinBox()
        self.m_spin.setRange(1, 65536)
        self.m_spin.setValue(64)
        tip = self.tr("m: how many samples go through the network together. Each sample is one row "
                      "of X, Z and A (one column in Andrew Ng's notation), so m is one of their "
                      "dimensions; W and b do not depend on m. It follows the batch size of the "
                      "training settings.")
        for w in (m_label, self.m_spin):
            w.setToolTip(tip)
        self.m_spin.valueChanged.connect(self._refresh)
        self.total = QLabel()
        self.total.setWordWrap(True)
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(m_label)
        head.addWidget(self.m_spin)
        head.addSpacing(12)
        head.addWidget(self.total, 1)
        lay.addLayout(head)
        row = QHBoxLayout()
        self.notation_combo = NotationCombo()
        notation_label = QLabel(self.tr("Notation:"))
        notation_label.setToolTip(self.notation_combo.toolTip())
        row.addWidget(notation_label)
        row.addWidget(self.notation_combo)
        row.addStretch(1)
        lay.addLayout(row)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #777777;")
        lay.addWidget(self.hint)
        self.table = QTableWidget(0, len(COLUMNS))
        labels = [self.tr("l"), self.tr("layer"), *HEADERS[2:9], self.tr("params"), self.tr("memory")]
        self.table.setHorizontalHeaderLabels(labels)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        header_tips = {
            "l": self.tr("The layer's index, as in the parameter names 0.W, 0.b and in the layer list "
                         "(Andrew Ng counts from 1: his W[1] is our layer 0)."),
            "X": self.tr("The layer's input: A of the layer before (for layer 0, the data). A dense "
                         "layer flattens it to (m, inputs) before computing X·W."),
            "W[l]": self.tr("Weights: (inputs, units) for a dense layer — Z = X·W + b; "
                            "(filters, channels, kh, kw) for a convolution; γ for BatchNorm."),
            "b[l]": self.tr("Biases: one per unit or filter; broadcast over the m samples (β for "
                            "BatchNorm)."),
            "Z[l]": self.tr("The weighted sums before the activation."),
            "A[l]": self.tr("The layer's output after the activation: the next layer's X."),
            "dW[l]": self.tr("The gradient of the loss with respect to W: always W's shape."),
            "db[l]": self.tr("The gradient with respect to b: always b's shape."),
            "params": self.tr("Trainable numbers in this layer: W and b."),
            "memory": self.tr("Memory of the layer's parameters as float32 (4 bytes each); "
                              "gradients and optimizer state need as much again or more."),
        }
        for c, h in enumerate(HEADERS):      # tips keyed by the untranslated header
            if h in header_tips:
                self.table.horizontalHeaderItem(c).setToolTip(header_tips[h])
        lay.addWidget(self.table)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("color: #666666;")
        lay.addWidget(self.caption)
        lay.addStretch(1)
        notation_setting().changed.connect(self._refresh)
        self.set_spec(None)

    def set_spec(self, spec: dict | None) -> None:
        self._spec = spec
        self._refresh()

    def set_batch_size(self, m: int) -> None:
        self.m_spin.setValue(int(m))

    def batch_size(self) -> int:
        return self.m_spin.value()

    def cell(self, row: int, key: str) -> str:
        """The text of the cell of ``key`` (one of COLUMNS) in ``row`` (for tests)."""
        return self.table.item(row, COLUMNS.index(key)).text()

    def notation(self) -> str:
        return notation_setting().current()

    def _captions(self, key: str) -> None:
        ng = notation.get(key).samples_in_columns
        self.table.horizontalHeaderItem(COLUMNS.index("X")).setText("A[l−1]" if ng else "X")
        if ng:
            self.caption.setText(self.tr(
                "Andrew Ng's notation, samples in columns: W[l] (n[l], n[l−1]) · A[l−1] (n[l−1], m) + "
                "b[l] (n[l], 1) → Z[l] (n[l], m); b is broadcast over the m columns; A[l] has Z[l]'s "
                "shape; dW and db have the shapes of W and b. Layers count from 1: W[1] is the first. "
                "Convolutions: (m, n_H, n_W, n_C), W (f, f, n_C_prev, n_C)."))
        else:
            self.caption.setText(self.tr(
                "Read each row like Andrew Ng's check, with samples in rows as in \"Deep Learning from "
                "Scratch\" (and as the app computes): X (m, inputs) · W (inputs, units) + b (units,) → "
                "Z (m, units); A has Z's shape and is the next layer's X; dW and db always have the "
                "shapes of W and b. Only X, Z and A grow with m — the parameters do not."))

    def _refresh(self):
        nkey = self.notation()
        self._captions(nkey)
        m = self.m_spin.value()
        try:
            self.rows = spec_mod.dimension_table(self._spec, m) if self._spec else []
        except ValueError as e:
            self.rows = []
            self.hint.setText(self.tr("Fix this first to see the dimensions: {0}").format(e))
        else:
            self.hint.setText("" if self.rows else self.tr("Add layers to see their dimensions."))
        self.hint.setVisible(bool(self.hint.text()))
        self.table.setRowCount(len(self.rows) + (1 if self.rows else 0))
        for r, row in enumerate(notation.dimension_rows(nkey, self.rows)):
            for c, key in enumerate(COLUMNS):
                v = row[key]
                if key == "index":
                    text = str(row["number"])
                elif key == "layer":
                    text = row["kind"]
                elif key == "params":
                    text = f"{v:,}"
                elif key == "bytes":
                    text = bytes_text(v)
                else:
                    text = shape_text(v)
                self._set(r, c, text, key)
            self.table.item(r, COLUMNS.index("layer")).setToolTip(row["layer"])
        if self.rows:
            n = sum(row["params"] for row in self.rows)
            nbytes = sum(row["bytes"] for row in self.rows)
            last = len(self.rows)
            for c, key in enumerate(COLUMNS):
                totals = {"layer": self.tr("total"), "params": f"{n:,}", "bytes": bytes_text(nbytes)}
                text = totals.get(key, "")
                self._set(last, c, text, key, bold=True)
            self.total.setText(self.tr("{0} parameters · {1} as float32").format(f"{n:,}",
                                                                                bytes_text(nbytes)))
        else:
            self.total.setText("")
        t = self.table
        rows_h = t.rowCount() * t.verticalHeader().defaultSectionSize()
        t.setMaximumHeight(t.horizontalHeader().sizeHint().height() + rows_h
                           + t.horizontalScrollBar().sizeHint().height() + 2 * t.frameWidth() + 2)

    def _set(self, r, c, text, key, bold=False):
        item = QTableWidgetItem(text)
        right = key in ("params", "bytes", "index")
        align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
        item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        if key in ("X", "W", "b", "Z", "A", "dW", "db"):
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            item.setFont(font)
            if text == "—":
                item.setForeground(QBrush(QColor("#aaaaaa")))
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.table.setItem(r, c, item)
