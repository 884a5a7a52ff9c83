"""Helpers for the notebook's UI tests: reach the tab, type lines, find and click links in a
rendered view, read what the database holds."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QTextBrowser


def open_notebook(qtbot, open_window):
    """A new main window on the test's database, showing the notebook with focus in it."""
    window = open_window()
    window.show_tab(window.notebook)
    qtbot.waitUntil(lambda: window.notebook.isAncestorOf(QApplication.focusWidget()))
    return window, window.notebook


def type_lines(qtbot, widget, *lines: str) -> None:
    """Type each line, pressing Enter between them (as a user would)."""
    for i, line in enumerate(lines):
        if i:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClicks(widget, line)


def fragments(view: QTextBrowser):
    """(text, char format) of every fragment of a rendered document."""
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            yield fragment.text(), fragment.charFormat(), fragment.position(), fragment.length()
            it += 1
        block = block.next()


def fragment_format(view: QTextBrowser, text: str) -> QTextCharFormat | None:
    return next((fmt for t, fmt, _, _ in fragments(view) if t == text), None)


def anchor_point(view: QTextBrowser, href: str) -> QPoint | None:
    """Where on the viewport the link to ``href`` is (scrolled into view), or None."""
    for _, fmt, position, length in fragments(view):
        if fmt.anchorHref() == href:
            cursor = QTextCursor(view.document())
            cursor.setPosition(position + length // 2)
            view.setTextCursor(cursor)
            view.ensureCursorVisible()
            return view.cursorRect(cursor).center()
    return None


def click_link(qtbot, view: QTextBrowser, href: str) -> None:
    qtbot.waitUntil(lambda: anchor_point(view, href) is not None)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=anchor_point(view, href))


def db_rows(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def list_titles(tab) -> list[str]:
    model = tab.pane.model
    return [model.index(r).data() for r in range(model.rowCount())]
