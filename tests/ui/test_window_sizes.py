"""Small and large windows (issue 18, item 8): at 1024×640 everything is reachable (Start
interview, readable titles, the note's title and question link); at 2560×1440 the answer text
keeps a readable line length (~90 characters) and the interview set-up form is not stretched."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView, QTextEdit, QWidget

from mlprep_desktop.ui.widgets.readable_width import READABLE_CHARS


def sized(qtbot, window, width: int, height: int):
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
    return window


def fully_visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect().size() == widget.size()


def test_start_interview_is_on_screen_in_a_1024x640_window(qtbot, open_window):
    window = sized(qtbot, open_window(), 1024, 640)
    window.show_tab(window.interview)
    start = window.findChild(QPushButton, "interviewStart")
    qtbot.waitUntil(lambda: fully_visible(start))
    bottom_right = start.mapTo(window, start.rect().bottomRight())
    assert window.rect().contains(bottom_right)


def test_question_titles_keep_forty_characters_in_a_1024x640_window(qtbot, open_window):
    window = sized(qtbot, open_window(), 1024, 640)
    window.show_tab(window.browser)
    table = window.findChild(QTableView, "questionTable")
    chars = table.fontMetrics().averageCharWidth()
    qtbot.waitUntil(lambda: table.columnWidth(0) >= 40 * chars)
    assert not table.isColumnHidden(2) and not table.isColumnHidden(4)  # topic and status stay
    sized(qtbot, window, 2200, 1200)
    qtbot.waitUntil(lambda: not table.isColumnHidden(1) and not table.isColumnHidden(3))  # room again


def test_note_title_and_question_link_are_not_cut_in_a_1024x640_window(qtbot, open_window):
    window = sized(qtbot, open_window(), 1024, 640)
    window.browser.select_question("bias-variance-tradeoff")
    window.notebook.open_question_note("bias-variance-tradeoff")
    window.show_tab(window.notebook)
    title = window.findChild(QLineEdit, "noteTitle")
    link = window.findChild(QLabel, "noteQuestionLink")
    qtbot.waitUntil(lambda: fully_visible(title) and fully_visible(link))
    qtbot.waitUntil(lambda: title.fontMetrics().horizontalAdvance(title.text()) < title.width())
    assert link.height() >= link.heightForWidth(link.width())  # wrapped, all of it shown


def test_a_2560_window_keeps_answer_lines_readable_and_the_form_compact(qtbot, open_window):
    window = sized(qtbot, open_window(), 2560, 1440)
    window.show_tab(window.browser)
    window.browser.select_question("bias-variance-tradeoff")
    view = window.findChild(QTextEdit, "questionView")
    chars = view.fontMetrics().averageCharWidth()
    qtbot.waitUntil(lambda: view.lineWrapMode() == QTextEdit.LineWrapMode.FixedPixelWidth)
    assert view.lineWrapColumnOrWidth() <= (READABLE_CHARS + 10) * chars
    assert view.viewport().width() > view.lineWrapColumnOrWidth()
    window.show_tab(window.interview)
    column = window.findChild(QWidget, "interviewSetupColumn")
    qtbot.waitUntil(column.isVisible)
    assert column.width() <= 110 * column.fontMetrics().averageCharWidth()
    sized(qtbot, window, 1024, 640)
    window.show_tab(window.browser)
    qtbot.waitUntil(lambda: view.lineWrapMode() == QTextEdit.LineWrapMode.WidgetWidth)  # never sideways


def test_today_topic_names_are_whole_in_a_1024x640_window(qtbot, open_window):
    window = sized(qtbot, open_window(), 1024, 640)
    window.show_tab(window.today)
    table = window.findChild(QTableView, "topicMastery")
    longest = max(table.fontMetrics().horizontalAdvance(table.model().index(r, 0).data())
                  for r in range(table.model().rowCount()))
    qtbot.waitUntil(lambda: table.columnWidth(0) > longest)  # below the charts; the tab scrolls
    sized(qtbot, window, 2560, 1440)
    box = window.findChild(QWidget, "topicMasteryBox")
    qtbot.waitUntil(lambda: box.x() > window.width() // 3)  # beside the charts again, not 1800 px wide
    assert box.width() <= 115 * box.fontMetrics().averageCharWidth()
