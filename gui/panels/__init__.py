"""One dockable panel per module; each is testable alone (see gui/main_window.py for the wiring)."""
