"""Chain rule (链式法则) on a computational graph (计算图), step by step.

The book's graphs from ``core.chain_rule`` — buying apples, apples and oranges, one
neuron — drawn by ``GraphView``. The learner edits the inputs and steps: forward node
by node, then backward edge by edge; each backward step shows the upstream gradient,
the node's local derivative and their product. Every number is computed by the node
classes of ``core.graph_nodes``; nothing here runs while the panel is hidden (there is
nothing to run: it only reacts to the learner).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.chain_rule import GRAPHS, GraphRun, Step
from core.graph_nodes import SCALAR_NODES
from gui import style
from gui.widgets.graph_view import GraphView, fmt


def _value_label(text: str) -> str:
    return QCoreApplication.translate("chain_rule", text)


def _wrt(name: str) -> str:
    """A value's name after ∂: in parentheses when it is more than one word."""
    return f"({name})" if " " in name else name


class ChainRulePanel(QWidget):
    """Computational graphs with forward and backward stepping; no slots from the window."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("chainRulePanel")
        self.run: GraphRun | None = None
        self.step = 0
        self.spins: dict[str, QDoubleSpinBox] = {}

        self.graph_combo = QComboBox()
        for key, g in GRAPHS.items():
            self.graph_combo.addItem(_value_label(g.title), key)
        self.graph_combo.setToolTip(self.tr("Which computational graph to work through: the book's "
                                            "shopping examples, or one neuron with an activation"))
        self.graph_combo.currentIndexChanged.connect(self._graph_changed)
        self.help_label = QLabel()
        self.help_label.setWordWrap(True)
        self.help_label.setStyleSheet(f"color: {style.GREY}")

        self.inputs_box = QWidget()
        self.inputs_form = QFormLayout(self.inputs_box)
        self.inputs_form.setContentsMargins(0, 0, 0, 0)
        self.defaults_button = QPushButton(self.tr("Default values"))
        self.defaults_button.setToolTip(self.tr("Put the book's numbers back into the inputs"))
        self.defaults_button.clicked.connect(self.reset_inputs)
        self.back_button = QPushButton(self.tr("◀ Back"))
        self.back_button.setToolTip(self.tr("Undo the last step"))
        self.back_button.clicked.connect(lambda: self.go_to(self.step - 1))
        self.step_button = QPushButton(self.tr("Step ▶"))
        self.step_button.setToolTip(self.tr("Forward: compute the next node. Backward: send the "
                                            "gradient down the next edge (upstream × local derivative)."))
        self.step_button.clicked.connect(lambda: self.go_to(self.step + 1))
        self.reset_button = QPushButton(self.tr("Start over"))
        self.reset_button.setToolTip(self.tr("Back to the inputs alone, before any node is computed"))
        self.reset_button.clicked.connect(lambda: self.go_to(0))
        self.all_button = QPushButton(self.tr("All steps"))
        self.all_button.setToolTip(self.tr("Do every forward and backward step at once"))
        self.all_button.clicked.connect(lambda: self.go_to(len(self.run.steps) if self.run else 0))
        self.step_label = QLabel()
        self.step_label.setStyleSheet("font-weight: bold")

        buttons = QGridLayout()
        buttons.addWidget(self.back_button, 0, 0)
        buttons.addWidget(self.step_button, 0, 1)
        buttons.addWidget(self.reset_button, 1, 0)
        buttons.addWidget(self.all_button, 1, 1)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Inputs (edit them):")))
        left.addWidget(self.inputs_box)
        left.addWidget(self.defaults_button)
        left.addSpacing(8)
        left.addLayout(buttons)
        left.addWidget(self.step_label)
        left.addStretch(1)
        left_box = QWidget()
        left_box.setLayout(left)
        left_box.setMaximumWidth(300)

        self.view = GraphView()
        self.view.setToolTip(self.tr("The computational graph: values flow left to right along the "
                                     "arrows (black, above); backpropagation sends gradients right to "
                                     "left (red, below). Each red number is ∂(output)/∂(that value)."))
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.TextFormat.RichText)
        self.explain.setMinimumHeight(4 * self.fontMetrics().height())
        self.explain.setStyleSheet("QLabel { background: #f7f7f2; border: 1px solid #dddddd; "
                                   "padding: 6px; }")
        self.grads_label = QLabel()
        self.grads_label.setWordWrap(True)
        self.grads_label.setTextFormat(Qt.TextFormat.RichText)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Graph:")))
        top.addWidget(self.graph_combo)
        top.addWidget(self.help_label, 1)
        middle = QHBoxLayout()
        middle.addWidget(left_box)
        middle.addWidget(self.view, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.explain)
        layout.addWidget(self.grads_label)
        self._graph_changed()

    # -- public (tests, tools) ------------------------------------------------------------
    def select_graph(self, key: str) -> None:
        self.graph_combo.setCurrentIndex(self.graph_combo.findData(key))

    def set_input(self, key: str, value: float) -> None:
        self.spins[key].setValue(value)

    def go_to(self, n: int) -> None:
        """Show the state after the first ``n`` steps (clamped)."""
        total = len(self.run.steps) if self.run else 0
        self.step = max(0, min(n, total))
        self._refresh()

    def reset_inputs(self) -> None:
        for v in self.run.graph.inputs:
            self.spins[v.key].blockSignals(True)
            self.spins[v.key].setValue(v.default)
            self.spins[v.key].blockSignals(False)
        self._recompute()

    # -- building ------------------------------------------------------------------------
    def _graph_changed(self, *_):
        graph = GRAPHS[self.graph_combo.currentData()]
        self.help_label.setText(_value_label(graph.help))
        while self.inputs_form.rowCount():
            self.inputs_form.removeRow(0)
        self.spins = {}
        for v in graph.inputs:
            spin = QDoubleSpinBox()
            spin.setRange(-1e6, 1e6)
            spin.setDecimals(3)
            spin.setSingleStep(0.1 if abs(v.default) < 10 else 1.0)
            spin.setValue(v.default)
            spin.setToolTip(self.tr("Change this input: every value and gradient of the graph is "
                                    "computed again"))
            spin.valueChanged.connect(self._recompute)
            self.inputs_form.addRow(_value_label(v.label), spin)
            self.spins[v.key] = spin
        self.step = 0
        self._recompute()

    def _recompute(self, *_):
        graph = GRAPHS[self.graph_combo.currentData()]
        self.run = GraphRun(graph, {k: s.value() for k, s in self.spins.items()})
        self.go_to(self.step)

    # -- showing ---------------------------------------------------------------------------
    def _refresh(self):
        run, n = self.run, self.step
        self.view.set_state(run, n)
        total = len(run.steps)
        self.back_button.setEnabled(n > 0)
        self.reset_button.setEnabled(n > 0)
        self.step_button.setEnabled(n < total)
        self.all_button.setEnabled(n < total)
        if n == 0:
            phase = self.tr("inputs only")
        elif n <= run.n_forward:
            phase = self.tr("forward")
        else:
            phase = self.tr("backward")
        self.step_label.setText(self.tr("Step {0} of {1} · {2}").format(n, total, phase))
        self.explain.setText(self.describe(run.steps[n - 1]) if n else self.tr(
            "Press <b>Step ▶</b> to compute the graph forward, one node at a time. Once the output is "
            "known, the steps go backward: each edge gets the gradient of the output with respect to "
            "its value — the <b>chain rule</b> (链式法则): upstream gradient × local derivative."))
        self.grads_label.setText(self.gradient_text())

    def output_label(self) -> str:
        return _value_label(self.run.graph.value(self.run.graph.output).label)

    def gradient_text(self) -> str:
        """∂output/∂input for every input whose gradient is complete so far."""
        run, out = self.run, self.output_label()
        parts = []
        for v in run.graph.inputs:
            consumers = [e for e in run.graph.edges() if e[0] == v.key]
            _, grads = run.state_after(self.step)
            if all((v.key, i) in grads for _, i, _ in consumers):
                g = run.grad_after(self.step, v.key)
                parts.append(f"∂{_wrt(out)}/∂{_wrt(_value_label(v.label))} = <b>{fmt(g)}</b>")
        if not parts:
            return ""
        return self.tr("Gradients found so far: {0}").format(" · ".join(parts))

    def describe(self, step: Step) -> str:
        graph = self.run.graph
        node = graph.nodes[step.node]
        cls = SCALAR_NODES[node.kind]
        args = [fmt(v) for v in step.inputs]
        expr = cls.expression.format(*args)
        if step.phase == "forward":
            name = _value_label(graph.value(node.output).label)
            return self.tr("<b>Forward</b>, node {0} ({1}): {2} = <b>{3}</b> → {4}").format(
                step.node + 1, cls.symbol, expr, fmt(step.output), name)
        out = _wrt(self.output_label())
        target = _value_label(graph.value(node.inputs[step.arg]).label)
        here = _wrt(_value_label(graph.value(node.output).label))
        text = self.tr(
            "<b>Backward</b> through node {0} ({1}), along the edge to <i>{2}</i>:<br>"
            "upstream gradient ∂{3}/∂{4} = {5}<br>"
            "local derivative {6} = <b>{7}</b> (with {8})<br>"
            "chain rule: {5} × {7} = <b>{9}</b> = ∂{3}/∂{10}").format(
            step.node + 1, cls.symbol, target, out, here, fmt(step.upstream), step.formula,
            fmt(step.local), ", ".join(f"{n} = {v}" for n, v in zip("xy", args, strict=False)),
            fmt(step.product), _wrt(target))
        if step.accumulated:
            total = self.run.grad_after(self.step, node.inputs[step.arg])
            text += "<br>" + self.tr("{0} feeds more than one node: the gradients of its edges add up "
                                     "to {1}.").format(target, fmt(total))
        return text
