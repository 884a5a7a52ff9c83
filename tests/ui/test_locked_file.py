"""Another program holding a write lock on the database: typing never freezes, the user is told
once, the text stays on screen, and it is saved on its own once the lock is gone."""
from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QMessageBox, QPlainTextEdit

from tests.ui.stall_meter import StallMeter


def test_a_draft_typed_while_the_file_is_locked_is_saved_once_the_lock_is_released(qtbot, open_window, db_path):
    window = open_window()
    window.show_tab(window.browser)
    window.browser.select_question("cross-validation")
    answer = window.findChild(QPlainTextEdit, "myAnswer")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of a long write
    try:
        with StallMeter() as meter:
            answer.setFocus()
            qtbot.keyClicks(answer, "k-fold keeps every row for testing once")
            box = None

            def told() -> bool:
                nonlocal box
                box = window.findChild(QMessageBox, "errorMessage")
                return box is not None and box.isVisible()

            qtbot.waitUntil(told, timeout=10_000)
        assert "another program is writing" in box.text()
        assert meter.longest < 3.0, f"the window froze for {meter.longest:.1f} s"  # was 5 s a save
        assert answer.toPlainText() == "k-fold keeps every row for testing once"
    finally:
        other.execute("ROLLBACK")
        other.close()

    def saved() -> bool:
        with sqlite3.connect(db_path) as conn:
            row = conn.execute("SELECT body FROM answers WHERE question_id = 'cross-validation'").fetchone()
        return row is not None and row[0] == "k-fold keeps every row for testing once"

    qtbot.waitUntil(saved, timeout=20_000)  # retried on its own: no further typing
