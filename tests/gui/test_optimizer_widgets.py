"""The shared optimizer widgets enumerate the registry: colours, markers, names, tooltips, table."""
from PySide6 import QtGui
from PySide6.QtWidgets import QWidget

from core import optimizers
from gui import style
from gui.widgets import optimizer_widgets as ow


def test_colours_and_markers_follow_the_registry_order(monkeypatch):
    names = list(optimizers.OPTIMIZERS)
    assert [ow.color(n) for n in names] == [style.PALETTE[i % len(style.PALETTE)] for i in range(len(names))]
    # the markers learners know from the book's figures stay with their optimizers
    assert {n: ow.marker(n) for n in ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")} == {
        "sgd": "o", "momentum": "s", "nesterov": "t", "adagrad": "d", "rmsprop": "star", "adam": "x"}
    shown = names[:min(len(style.PALETTE), len(ow.SYMBOLS))]
    assert len({(ow.color(n), ow.marker(n)) for n in shown}) == len(shown)
    # one more optimizer takes the next colour and symbol, cycling when the lists run out
    monkeypatch.setitem(optimizers.OPTIMIZERS, "extra", optimizers.SGD)
    assert ow.color("extra") == style.PALETTE[len(names) % len(style.PALETTE)]
    assert ow.marker("extra") == ow.SYMBOLS[len(names) % len(ow.SYMBOLS)]


def test_names_and_tooltips_come_from_the_registry(qapp):
    assert ow.optimizer_names() == {n: cls.label for n, cls in optimizers.OPTIMIZERS.items()}
    for name, cls in optimizers.OPTIMIZERS.items():
        tip = ow.tooltip(name)
        assert QtGui.Qt.mightBeRichText(tip)           # rich text: Qt wraps long lines
        assert cls.rule in tip and cls.help in tip


def test_table_has_a_checkbox_and_a_rate_per_optimizer(qtbot):
    rates = {n: 0.001 * (i + 1) for i, n in enumerate(optimizers.OPTIMIZERS)}
    grid, checks, spins = ow.optimizer_table(rates, checked={"adam"}, columns=2)
    host = QWidget()
    host.setLayout(grid)
    qtbot.addWidget(host)
    assert list(checks) == list(spins) == list(optimizers.OPTIMIZERS)
    assert [n for n, cb in checks.items() if cb.isChecked()] == ["adam"]
    assert {n: s.value() for n, s in spins.items()} == rates
    assert grid.count() == 2 * len(optimizers.OPTIMIZERS)
    assert not checks["sgd"].icon().isNull()
