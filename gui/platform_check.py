"""Before Qt starts: can its X11 platform plugin (xcb) load?

On Linux, Qt opens windows through its xcb plugin, which needs a set of system libraries
(libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1 … on Debian and Ubuntu). When one is missing,
Qt prints a long message and aborts (exit code 134). :func:`xcb_problem` looks for the
libraries first, the way the plugin will (the dynamic loader), and gives one line that names
the missing ones and the command that installs them; ``gui.app.main`` prints it and exits.
Nothing is checked where the xcb plugin will not be used (another platform asked for,
a Wayland session, no X display, not Linux).
"""
from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Callable, Mapping

# what Qt 6's libqxcb.so and libQt6XcbQpa.so.6 link against (readelf -d), beyond the C/C++
# runtime and Qt itself
XCB_LIBRARIES = (
    "libxcb.so.1", "libX11.so.6", "libX11-xcb.so.1", "libxkbcommon.so.0", "libxkbcommon-x11.so.0",
    "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-util.so.1", "libxcb-image.so.0",
    "libxcb-keysyms.so.1", "libxcb-randr.so.0", "libxcb-render.so.0", "libxcb-render-util.so.0",
    "libxcb-shape.so.0", "libxcb-shm.so.0", "libxcb-sync.so.1", "libxcb-xfixes.so.0",
    "libxcb-xkb.so.1", "libGL.so.1",
)


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package of a shared library: ``libxcb-cursor.so.0`` → ``libxcb-cursor0``,
    ``libxkbcommon-x11.so.0`` → ``libxkbcommon-x11-0`` (a name ending in a digit gets a dash)."""
    m = re.fullmatch(r"(.+)\.so\.(\d+)", soname)
    if m is None:
        return soname
    name, version = m.group(1).lower(), m.group(2)
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def uses_xcb(environ: Mapping[str, str], argv: list[str], platform: str) -> bool:
    """Whether Qt will open its windows through the xcb plugin."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if "-platform" in argv[:-1]:
        chosen = argv[argv.index("-platform") + 1]
    if chosen:
        return chosen.split(":")[0] == "xcb"
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return False                                 # Qt takes its Wayland plugin
    return bool(environ.get("DISPLAY"))


def missing_libraries(load: Callable[[str], object] = ctypes.CDLL) -> list[str]:
    """The libraries of :data:`XCB_LIBRARIES` that the dynamic loader cannot load."""
    missing = []
    for soname in XCB_LIBRARIES:
        try:
            load(soname)
        except OSError:
            missing.append(soname)
    return missing


def xcb_problem(environ: Mapping[str, str] = os.environ, argv: list[str] | None = None,
                platform: str = sys.platform, load: Callable[[str], object] = ctypes.CDLL,
                debian: bool | None = None) -> str | None:
    """One line saying which libraries Qt's xcb plugin lacks and how to install them, or None."""
    if not uses_xcb(environ, sys.argv if argv is None else argv, platform):
        return None
    missing = missing_libraries(load)
    if not missing:
        return None
    if debian is None:
        debian = os.path.exists("/etc/debian_version")
    how = ("install them with: sudo apt-get install " + " ".join(debian_package(s) for s in missing)
           if debian else "install the packages of your distribution that provide them")
    return (f"NumNet Studio cannot open a window: Qt's X11 plugin (xcb) needs {', '.join(missing)}, "
            f"which {'is' if len(missing) == 1 else 'are'} missing; {how}")
