"""Before Qt starts, a missing library of its X11 plugin is named in one line with the command
that installs it (instead of Qt's abort)."""
import pytest

from gui import app, platform_check
from gui.platform_check import debian_package, xcb_problem

X11 = {"DISPLAY": ":0"}


def loader(missing):
    def load(name):
        if name in missing:
            raise OSError(f"{name}: cannot open shared object file")
        return object()
    return load


def test_one_line_names_the_missing_library_and_the_apt_command():
    line = xcb_problem(X11, [], "linux", loader({"libxcb-cursor.so.0"}), debian=True)
    assert "\n" not in line and "libxcb-cursor.so.0" in line
    assert line.endswith("sudo apt-get install libxcb-cursor0")
    two = xcb_problem(X11, [], "linux", loader({"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}), debian=True)
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1, which are missing" in two
    assert two.endswith("sudo apt-get install libxcb-icccm4 libxcb-keysyms1")
    other = xcb_problem(X11, [], "linux", loader({"libxcb-cursor.so.0"}), debian=False)
    assert "apt-get" not in other and "your distribution" in other


@pytest.mark.parametrize("environ, argv, platform", [
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, [], "linux"),       # another plugin asked for
    ({"DISPLAY": ":0"}, ["-platform", "wayland"], "linux"),
    ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, [], "linux"),
    ({}, [], "linux"),                                                      # no X display at all
    ({"DISPLAY": ":0"}, [], "darwin"),
    ({"DISPLAY": ":0"}, [], "win32"),
])
def test_nothing_is_checked_where_xcb_is_not_used(environ, argv, platform):
    def load(name):
        raise AssertionError("no library should be looked for")
    assert xcb_problem(environ, argv, platform, load) is None


@pytest.mark.parametrize("environ, argv", [({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, []),
                                           ({"WAYLAND_DISPLAY": "w", "DISPLAY": ":0"}, ["-platform", "xcb"])])
def test_xcb_asked_for_is_checked(environ, argv):
    assert "libxcb-keysyms.so.1" in xcb_problem(environ, argv, "linux", loader({"libxcb-keysyms.so.1"}))
    assert xcb_problem(environ, argv, "linux", loader(set())) is None


def test_package_names_follow_debians_rule():
    assert [debian_package(s) for s in ("libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libX11-xcb.so.1",
                                        "libGL.so.1", "libX11.so.6")] == \
        ["libxcb-cursor0", "libxkbcommon-x11-0", "libx11-xcb1", "libgl1", "libx11-6"]


def test_main_prints_the_line_and_exits_before_qt_starts(monkeypatch, capsys):
    monkeypatch.setattr(platform_check, "xcb_problem", lambda argv: "NumNet Studio cannot open a window: …")
    monkeypatch.setattr(app, "ensure_app", lambda *a: pytest.fail("Qt must not be started"))
    assert app.main(["numnet"]) == 1
    assert capsys.readouterr().err == "NumNet Studio cannot open a window: …\n"
