"""Save dialogs that give a usable file name or say why not.

:func:`ask_save_path` shows the save dialog with one filter per kind of file, adds the chosen
filter's suffix to a name typed without one (asking before it replaces an existing file, which
the dialog could not know about), and refuses a name with an extension the filters do not
offer, with a message: a file is never written under a name the app will not open again.
:func:`resolve_suffix` is that rule alone (no Qt).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

_SUFFIX = re.compile(r"\(\*\.(\w+)")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SavePaths", text)


def filter_text(filters: list[tuple[str, str]]) -> str:
    """``[("PNG image", "png"), …]`` as a dialog's filter string ``"PNG image (*.png);;…"``."""
    return ";;".join(f"{label} (*.{suffix})" for label, suffix in filters)


def resolve_suffix(path: str, chosen_filter: str, suffixes: list[str]) -> tuple[str, str]:
    """``(path, problem)``: ``path`` with the chosen filter's suffix added if its name has no
    extension; ``problem`` (translated) is non-empty if the extension is not one of ``suffixes``."""
    found = _SUFFIX.search(chosen_filter or "")
    suffix = found.group(1) if found and found.group(1) in suffixes else suffixes[0]
    folder, name = os.path.split(path)
    name = name.rstrip(".")
    stem, ext = os.path.splitext(name)
    if not stem:                                   # ".png" alone: a name is missing
        stem, ext = name, ""
    ext = ext[1:].lower()
    if not ext:
        return os.path.join(folder, f"{name}.{suffix}"), ""
    if ext in suffixes:
        return os.path.join(folder, name), ""
    choices = _tr(" or ").join(f".{s}" for s in suffixes)
    return path, _tr("Not saved: {0} ends in .{1}, but this can only be saved as {2}. "
                     "Choose a name ending in {2} (or none: it is added).").format(name, ext, choices)


def ask_save_path(parent: QWidget, title: str, filters: list[tuple[str, str]],
                  show_error) -> str:
    """Ask where to save; returns the full path, or "" if cancelled or refused (``show_error``
    got the reason). Remembers the folder for the next dialog."""
    folder = QSettings().value("lastFolder", str(Path.home()), type=str)
    path, chosen = QFileDialog.getSaveFileName(parent, title, folder, filter_text(filters))
    if not path:
        return ""
    resolved, problem = resolve_suffix(path, chosen, [s for _, s in filters])
    if problem:
        show_error(problem)
        return ""
    if resolved != path and os.path.exists(resolved) and not _confirm_replace(parent, resolved):
        return ""
    QSettings().setValue("lastFolder", str(Path(resolved).parent))
    return resolved


def _confirm_replace(parent: QWidget, path: str) -> bool:
    if getattr(parent, "quiet_errors", False):        # tests: never a modal dialog
        return True
    answer = QMessageBox.question(parent, _tr("Replace file?"),
                                  _tr("{0} already exists. Replace it?").format(os.path.basename(path)))
    return answer == QMessageBox.StandardButton.Yes
