"""The panels of the main window, and the interface between a panel and the window.

``PANELS`` lists every docked panel once (a :class:`PanelEntry` per panel); the
main window builds them in this order and adds each to the View menu. A panel
implements whichever slots of :class:`PanelSlots` it needs and declares whichever
signals of :class:`PanelSignals` it emits; :func:`check_interface` compares them
with these declarations when the panel is built, so a slot taking the wrong
arguments fails at start-up with a clear message instead of later (PySide would
otherwise call a slot with fewer arguments than the signal carries).
"""
from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QMetaMethod, QObject, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QWidget

from core.data import Dataset

from .run_state import RunState

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea


@dataclass(frozen=True)
class PanelEntry:
    object_name: str              # the dock's objectName (saved layouts refer to it)
    title: str                    # dock title and View menu entry (translatable, context "MainWindow")
    module: str                   # the module that defines the panel, e.g. "gui.panels.metrics_panel"
    class_name: str               # a QWidget subclass whose constructor takes only ``parent=None``
    area: Qt.DockWidgetArea = RIGHT   # RIGHT panels share one tab group; the first is raised


def _n(text: str) -> str:
    return QT_TRANSLATE_NOOP("MainWindow", text)


PANELS: list[PanelEntry] = [
    PanelEntry("trainingDock", _n("Training"), "gui.panels.training_panel", "TrainingPanel", LEFT),
    PanelEntry("startDock", _n("Welcome"), "gui.panels.start_panel", "StartPanel"),
    PanelEntry("metricsDock", _n("Loss and accuracy"), "gui.panels.metrics_panel", "MetricsPanel"),
    PanelEntry("coachDock", _n("Coach"), "gui.panels.coach_panel", "CoachPanel", LEFT),
    PanelEntry("runsDock", _n("Runs"), "gui.panels.runs_panel", "RunsPanel"),
    PanelEntry("architectureDock", _n("Architecture"), "gui.panels.architecture_panel",
               "ArchitecturePanel"),
    PanelEntry("weightsDock", _n("Weights"), "gui.panels.weights_panel", "WeightsPanel"),
    PanelEntry("featuresDock", _n("Learned features"), "gui.panels.features_panel", "FeaturesPanel"),
    PanelEntry("distributionsDock", _n("Distributions"), "gui.panels.distributions_panel",
               "DistributionsPanel"),
    PanelEntry("evaluationDock", _n("Evaluation"), "gui.panels.evaluation_panel", "EvaluationPanel"),
    PanelEntry("canvasDock", _n("Draw a digit"), "gui.panels.canvas_panel", "CanvasPanel"),
    PanelEntry("optimizerLabDock", _n("Optimizer lab"), "gui.panels.optimizer_lab_panel",
               "OptimizerLabPanel"),
    PanelEntry("descentDock", _n("1-D gradient descent"), "gui.panels.descent_1d_panel",
               "Descent1DPanel"),
    PanelEntry("optimizerRaceDock", _n("Optimizers on MNIST"), "gui.panels.optimizer_race_panel",
               "OptimizerRacePanel"),
    PanelEntry("initDock", _n("Weight initialization"), "gui.panels.init_experiment_panel",
               "InitExperimentPanel"),
    PanelEntry("experimentsDock", _n("Experiments"), "gui.panels.experiments_panel", "ExperimentsPanel"),
    PanelEntry("searchDock", _n("Hyperparameter search"), "gui.panels.search_panel", "SearchPanel"),
    PanelEntry("chainRuleDock", _n("Chain rule"), "gui.panels.chain_rule_panel", "ChainRulePanel"),
    PanelEntry("backpropDock", _n("Backpropagation"), "gui.panels.backprop_panel", "BackpropPanel"),
    PanelEntry("gradientCheckDock", _n("Gradient check"), "gui.panels.gradient_check_panel",
               "GradientCheckPanel"),
    PanelEntry("nudgeWeightDock", _n("Nudge a weight"), "gui.panels.nudge_weight_panel",
               "NudgeWeightPanel"),
    PanelEntry("playgroundDock", _n("2-D playground"), "gui.panels.playground_panel", "PlaygroundPanel"),
    PanelEntry("perceptronDock", _n("Perceptron and logic gates"), "gui.panels.perceptron_panel",
               "PerceptronPanel"),
    PanelEntry("functionFittingDock", _n("Fitting a function"), "gui.panels.function_fitting_panel",
               "FunctionFittingPanel"),
]

# the main window cannot work without these (the others it can do without, with a warning)
REQUIRED = ("trainingDock", "metricsDock")


class PanelSlots(Protocol):
    """Slots the main window calls on a panel; a panel implements those it needs."""

    def set_dataset(self, dataset: Dataset, /) -> None: ...
    def set_model(self, spec: dict, params: dict[str, np.ndarray], /) -> None: ...
    def update_snapshot(self, params: dict[str, np.ndarray], step: int, /) -> None: ...
    def update_stats(self, stats: dict, step: int, /) -> None: ...
    def set_training_state(self, state: RunState, /) -> None: ...
    def set_batch_size(self, m: int, /) -> None: ...
    def add_steps(self, cols: dict, /) -> None: ...
    def add_epoch(self, ep: dict, /) -> None: ...
    def mark_setting(self, name: str, value: object, step: int, /) -> None: ...
    def set_runs(self, view: object, /) -> None: ...


class PanelSignals(QObject):
    """Signals the main window connects when a panel has them (declared here only to be
    compared with a panel's own: same name, same number of arguments)."""

    snapshot_wanted = Signal()            # send me update_snapshot soon
    stats_wanted = Signal()               # send me update_stats soon
    status_message = Signal(str)          # a line for the status bar
    apply_requested = Signal(dict, int)   # build this spec with this seed
    stop_requested = Signal()             # stop training and wait for it
    open_requested = Signal(tuple)        # show and raise these docks (object names)
    start_training_requested = Signal()   # press Start
    concepts_requested = Signal()         # open Help → Concepts


# controller signal -> panel slot, connected when the panel has the slot
FEEDS = [("dataset_changed", "set_dataset"), ("model_changed", "set_model"),
         ("snapshot", "update_snapshot"), ("stats", "update_stats"),
         ("state_changed", "set_training_state"), ("steps_ready", "add_steps"),
         ("epoch_ready", "add_epoch"), ("setting_changed", "mark_setting"), ("runs_changed", "set_runs")]


class PanelInterfaceError(TypeError):
    """A panel's slot or signal does not match the interface the main window uses."""


def _signals(meta) -> dict[str, QMetaMethod]:
    methods = (meta.method(i) for i in range(meta.methodCount()))
    return {bytes(m.name()).decode(): m for m in methods
            if m.methodType() == QMetaMethod.MethodType.Signal}


# name -> number of arguments (without self), and name -> QMetaMethod of the declared signal
SLOT_ARITY = {name: len(inspect.signature(fn).parameters) - 1
              for name, fn in vars(PanelSlots).items() if inspect.isfunction(fn) and name[0] != "_"}
SIGNALS = {name: m for name, m in _signals(PanelSignals.staticMetaObject).items()
           if name in vars(PanelSignals)}


def check_interface(panel: QWidget) -> None:
    """Raise PanelInterfaceError if a slot or signal the panel has takes the wrong arguments."""
    cls = type(panel).__name__
    for name, n in SLOT_ARITY.items():
        slot = getattr(panel, name, None)
        if slot is None:
            continue
        want = f"{name}{inspect.signature(getattr(PanelSlots, name))}".replace("(self, ", "(")
        try:
            inspect.signature(slot).bind(*([None] * n))
        except (TypeError, ValueError):
            sig = inspect.signature(slot) if callable(slot) else f": {type(slot).__name__}"
            raise PanelInterfaceError(f"{cls}.{name}{sig} does not fit the main window, which "
                                      f"calls {want} ({n} argument(s))") from None
    own = _signals(panel.metaObject())
    for name, expected in SIGNALS.items():
        attr = getattr(panel, name, None)
        if attr is None:
            continue
        mine = own.get(name)
        if not isinstance(attr, SignalInstance) or mine is None:
            raise PanelInterfaceError(f"{cls}.{name} should be a Signal "
                                      f"{bytes(expected.methodSignature()).decode()}")
        if mine.parameterCount() != expected.parameterCount():
            raise PanelInterfaceError(
                f"{cls}.{name} is {bytes(mine.methodSignature()).decode()} but the main window "
                f"expects {bytes(expected.methodSignature()).decode()}")


def build_panel(entry: PanelEntry) -> QWidget:
    """Import, construct and check the panel of ``entry`` (any error propagates)."""
    cls = getattr(importlib.import_module(entry.module), entry.class_name)
    panel = cls()
    try:
        check_interface(panel)
    except PanelInterfaceError:
        panel.deleteLater()
        raise
    return panel
