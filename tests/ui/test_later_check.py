"""The integrity check of a file unchanged since the last clean close runs after the window is
shown, in a thread; a failure is shown to the user."""
from __future__ import annotations

from mlprep_desktop.ui.backup import data_safety


def test_the_check_runs_after_start_only_for_a_cleanly_closed_file(open_window, qtbot, monkeypatch):
    window = open_window()  # a new file: checked before opening
    assert window.data_safety.check_later() is None
    window.close()
    window.context.close()
    messages: list = []
    monkeypatch.setattr(data_safety, "later_check_message",
                        lambda path: messages.append(path) or f"The database at {path} failed its integrity check")
    window = open_window()
    thread = window.data_safety.check_later()
    assert thread is not None
    thread.join(30)
    qtbot.waitUntil(lambda: window.findChild(object, "errorMessage") is not None
                    and window.findChild(object, "errorMessage").isVisible())
    assert messages == [window.context.database.path]
    assert "failed its integrity check" in window.statusBar().currentMessage()
    assert window.data_safety.check_later() is None  # once per start
