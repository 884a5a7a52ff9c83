"""``DebouncedSaver``: the debounce restarts on every edit, the maximum wait does not."""
from __future__ import annotations

from PySide6.QtCore import QTimer

from mlprep_desktop.ui.widgets.debounced_saver import DebouncedSaver


def test_edits_that_never_pause_are_still_saved_again_and_again(qtbot):
    saves: list[int] = []
    edits = 0
    saver = DebouncedSaver(lambda: saves.append(edits), delay_ms=400, max_wait_ms=150)

    def edit() -> None:
        nonlocal edits
        edits += 1
        saver.schedule()

    typing = QTimer()
    typing.setInterval(10)  # far shorter than the debounce: it never fires on its own
    typing.timeout.connect(edit)
    typing.start()
    qtbot.waitUntil(lambda: len(saves) >= 3, timeout=10_000)
    typing.stop()
    assert saves == sorted(saves) and saves[0] < saves[1] < saves[2]  # each save caught newer edits
    assert saver.flush() and not saver.pending and saves[-1] == edits


def test_a_failed_save_stays_pending_and_the_next_edit_retries_it(qtbot):
    calls: list[str] = []

    def save() -> None:
        calls.append("try")
        if len(calls) == 1:
            raise OSError("disk full")

    saver = DebouncedSaver(save, delay_ms=50, max_wait_ms=1000)
    with qtbot.waitSignal(saver.failed) as failed:
        saver.schedule()
    assert failed.args == ["disk full"] and saver.pending
    with qtbot.waitSignal(saver.saved):
        saver.schedule()
    assert calls == ["try", "try"] and not saver.pending


def test_cancel_drops_the_pending_edit_and_both_timers(qtbot):
    saves: list[int] = []
    saver = DebouncedSaver(lambda: saves.append(1), delay_ms=20, max_wait_ms=20)
    saver.schedule()
    saver.cancel()
    other = DebouncedSaver(lambda: saves.append(2), delay_ms=60, max_wait_ms=60)
    with qtbot.waitSignal(other.saved):
        other.schedule()  # by the time this one fired, the cancelled one would have too
    assert saves == [2]


def test_a_failed_save_is_retried_on_its_own_and_the_user_told_once(qtbot):
    calls: list[str] = []

    def save() -> None:
        calls.append("try")
        if len(calls) <= 3:
            raise OSError("database is locked")

    saver = DebouncedSaver(save, delay_ms=10, max_wait_ms=1000, retry_ms=20)
    failures: list[str] = []
    saver.failed.connect(failures.append)
    with qtbot.waitSignal(saver.recovered, timeout=5000):
        saver.schedule()  # no further edit: the retries alone save it
    assert calls == ["try"] * 4 and not saver.pending and not saver.failing
    assert failures == ["database is locked"]  # one message for the whole run of failures


def test_an_error_the_user_must_decide_is_not_retried_on_its_own(qtbot):
    class Conflict(Exception):
        retriable = False

    calls: list[str] = []

    def save() -> None:
        calls.append("try")
        raise Conflict("saved in another window")

    saver = DebouncedSaver(save, delay_ms=10, max_wait_ms=1000, retry_ms=10)
    with qtbot.waitSignal(saver.failed):
        saver.schedule()
    other = DebouncedSaver(lambda: None, delay_ms=200, max_wait_ms=200)
    with qtbot.waitSignal(other.saved):  # long enough for several retries, had there been any
        other.schedule()
    assert calls == ["try"] and saver.pending and not saver.failing
