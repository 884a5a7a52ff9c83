"""The child process of the SIGKILL test (not a test module).

``python -m tests.ui.notebook_kill_child DB TEXT``: starts the app on DB, creates a note with
Ctrl+N, types TEXT into the editor with key events, lets the event loop run for the autosave
debounce interval plus a margin (a QTimer, not a sleep), prints ``READY <note id>`` and keeps
running until it is killed.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest

from mlprep_desktop.app import create_main_window, ensure_application

MARGIN_MS = 500


def run_loop_for(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(db_path: str, text: str) -> int:
    app = ensure_application()
    window = create_main_window(db_path)
    window.show()
    window.activateWindow()
    window.show_tab(window.notebook)
    run_loop_for(50)  # let the tab take the focus
    tab = window.notebook
    QTest.keyClick(tab.pane.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    note = tab.current_note
    if note is None:
        print("FAILED no note was created", flush=True)
        return 1
    tab.editor.setFocus()
    QTest.keyClicks(tab.editor, text)
    run_loop_for(tab.AUTOSAVE_MS + MARGIN_MS)  # one debounce interval (and a margin) after the last key
    print(f"READY {note.id}", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
