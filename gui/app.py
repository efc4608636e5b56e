"""Application start-up: ``main()`` runs the app; ``create_main_window()``
builds the window (data loaded, default network built) without entering the
event loop, for tests and tools."""
from __future__ import annotations

import argparse
import os
import sys

from pyqtgraph.util.garbage_collector import GarbageCollector
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from core import threads

from . import platform_check, style, window_layout
from .language import add_cjk_fallback, install_translators
from .main_window import MainWindow

# How long a thread may hold the interpreter lock while another waits for it (Python's default:
# 5 ms). The GUI thread shares it with the layer statistics thread (14-19 ms of NumPy a sample
# for the CNN, much of it in small calls that keep the lock), so a timer or a paint could wait
# up to 5 ms for it; 1 ms bounds that (python -m gui.bench --switch-interval compares).
SWITCH_INTERVAL_S = 0.001


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv)
        sys.setswitchinterval(SWITCH_INTERVAL_S)
    QCoreApplication.setOrganizationName(QCoreApplication.organizationName() or "NumNet")
    QCoreApplication.setApplicationName(QCoreApplication.applicationName() or "NumNet Studio")
    if not hasattr(app, "gui_thread_gc"):
        # Python collects cyclic garbage in whichever thread happens to allocate. In the worker
        # thread, garbage holding Qt objects runs their destructors there: they lock a Qt mutex
        # and wait for the GIL the GUI thread holds while it waits for that mutex (a deadlock,
        # seen in the test suite). pyqtgraph's GarbageCollector collects in the GUI thread only.
        app.gui_thread_gc = GarbageCollector(interval=0.5)
    return app


def create_main_window(restore: bool = True) -> MainWindow:
    """The main window with MNIST (or the saved data set) loaded and a network built."""
    ensure_app()
    style.setup_pyqtgraph()
    threads.set_blas_threads(1)
    window = MainWindow()
    if restore:
        window.restore_settings()
    c = window.controller
    window.panels["trainingDock"].set_settings(c.settings)
    if not c.load_dataset(c.settings.dataset):
        c.load_dataset("mnist")
        window.panels["trainingDock"].set_dataset_choice("mnist")
    return window


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv if argv is None else argv
    parser = argparse.ArgumentParser(prog="numnet", description="NumNet Studio")
    parser.add_argument("--quit-after", type=int, metavar="MS",
                        help="close the window after MS milliseconds (smoke tests)")
    args, qt_args = parser.parse_known_args(argv[1:])
    problem = platform_check.xcb_problem(argv=qt_args)
    if problem:                   # Qt would abort with a long message: say what to install
        print(problem, file=sys.stderr)
        return 1
    # one BLAS thread for training keeps the GUI's timers steady on small machines
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    app = ensure_app(argv[:1] + qt_args)
    install_translators(app)
    add_cjk_fallback(app)
    window = create_main_window()
    if not getattr(window, "_restored_geometry", False):
        window_layout.first_size(window)
    window.show()
    if args.quit_after is not None:
        QTimer.singleShot(args.quit_after, window.close)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
