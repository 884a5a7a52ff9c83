"""The child process of the autosave kill tests (not a test module).

``python -m tests.ui.autosave_kill_child EDITOR DB``: starts the app on DB, opens one of the
four autosaved editors (``note``, ``draft``, ``interview``, ``strokes``), prints
``READY <id of the record edited>``, then edits without ever pausing: every ``TICK_MS`` a
QTimer types the next word (``w0000 w0001 …``) with key events, or draws the next pen
stroke with mouse events, and prints ``EDIT <n> <monotonic seconds>`` after edit n. It keeps
going until it is killed.
"""
from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEventLoop, QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from mlprep_desktop.app import create_main_window, ensure_application

TICK_MS = 30


def word(n: int) -> str:
    return f"w{n:04d} "


def run_loop_for(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def stroke_points(n: int) -> list[QPointF]:
    """The n-th stroke: a short zig-zag on its own spot of a 20-column grid."""
    x, y = (n % 20) * 30 - 300, (n // 20) * 30 - 300
    return [QPointF(x, y), QPointF(x + 8, y + 12), QPointF(x + 16, y), QPointF(x + 24, y + 12)]


def open_note(window):
    tab = window.notebook
    window.show_tab(tab)
    run_loop_for(50)  # let the tab take the focus
    QTest.keyClick(tab.pane.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    tab.editor.setFocus()
    return tab.current_note.id, tab.editor


def open_draft(window):
    tab = window.browser
    window.show_tab(tab)
    question_id = sorted(window.context.questions.titles())[0]
    assert tab.select_question(question_id)
    tab.answer_edit.setFocus()
    return question_id, tab.answer_edit


def open_interview(window):
    tab = window.interview
    window.show_tab(tab)
    QTest.mouseClick(window.findChild(QPushButton, "interviewStart"), Qt.MouseButton.LeftButton)
    answer = window.findChild(QPlainTextEdit, "interviewAnswer")
    answer.setFocus()
    return tab.runner.current_item.id, answer


def open_board(window):
    tab = window.whiteboard
    window.show_tab(tab)
    tab.new_board()
    tab.view.set_zoom(1.0)
    tab.view.centerOn(0, 0)
    tab.view.setFocus()
    QTest.keyClick(tab.view.viewport(), Qt.Key.Key_P)  # the pen
    return tab.current_board_id, tab.view


def draw(view, n: int) -> None:
    viewport = view.viewport()
    points = [view.mapFromScene(p) for p in stroke_points(n)]
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(viewport, point)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])


OPENERS = {"note": open_note, "draft": open_draft, "interview": open_interview, "strokes": open_board}


def main(editor: str, db_path: str) -> int:
    app = ensure_application()
    window = create_main_window(db_path)
    window.show()
    window.activateWindow()
    record_id, widget = OPENERS[editor](window)
    print(f"READY {record_id}", flush=True)
    count = 0

    def edit() -> None:
        nonlocal count
        if editor == "strokes":
            draw(widget, count)
        else:
            QTest.keyClicks(widget, word(count))
        print(f"EDIT {count} {time.monotonic():.4f}", flush=True)
        count += 1

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(edit)
    timer.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
