"""A damaged record or search index, met in the browser: told, and everything else works."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTextBrowser

from tests.storage.test_damaged_records import damage_index, damage_text


def test_a_damaged_question_says_so_and_a_damaged_index_still_searches(qtbot, open_window):
    window = open_window()
    window.show_tab(window.browser)
    damage_text(window.context.database, "cross-validation")
    assert window.browser.select_question("cross-validation")
    view = window.findChild(QTextBrowser, "questionView")
    qtbot.waitUntil(lambda: "could not be read in full" in view.toPlainText())
    assert "Check database" in view.toPlainText() and "Restore backup" in view.toPlainText()  # what to do
    assert window.browser.select_question("what-is-overfitting")  # the others still open
    qtbot.waitUntil(lambda: "could not be read" not in view.toPlainText())

    damage_index(window.context.database)
    search = window.findChild(QLineEdit, "searchBox")
    search.setFocus()
    qtbot.keyClicks(search, "overfitting")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    label = window.findChild(QLabel, "noMatchesLabel")
    qtbot.waitUntil(lambda: label.isVisible() and "search index" in label.text())
    assert window.browser.model.rowCount() >= 1
