"""Play / Step / Reset of a session trained in its panel's thread (playground, function fit)."""
from gui.widgets.session_buttons import SessionButtons


class FakeThread:
    def __init__(self):
        self.playing, self.submitted = [], []

    def set_playing(self, on):
        self.playing.append(on)

    def submit(self, fn):
        self.submitted.append(fn)


class FakeSession:
    def __init__(self):
        self.trained = []

    def train(self, epochs):
        self.trained.append(epochs)


def test_play_toggles_pause_step_trains_one_epoch_reset_calls_the_panel(qtbot):
    thread, resets = FakeThread(), []
    b = SessionButtons(lambda: thread, lambda: resets.append(1), ("p", "s", "r"))
    for w in b.widgets():
        qtbot.addWidget(w)
    assert [w.toolTip() for w in b.widgets()] == ["p", "s", "r"]
    b.play.click()
    assert b.play.isChecked() and b.play.text() == "Pause" and thread.playing == [True]
    b.play.click()
    assert b.play.text() == "Play" and thread.playing == [True, False]
    b.step.click()
    session = FakeSession()
    (fn,) = thread.submitted
    fn(session)
    assert session.trained == [1]
    b.reset.click()
    assert resets == [1]


def test_the_thread_is_looked_up_on_each_press(qtbot):
    """A panel builds its buttons before its runner exists."""
    threads = []
    b = SessionButtons(lambda: threads[-1], lambda: None, ("", "", ""))
    qtbot.addWidget(b.play)
    threads.append(FakeThread())
    b.play.click()
    assert threads[0].playing == [True]
