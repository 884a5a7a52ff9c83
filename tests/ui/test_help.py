"""Help (issue 18, item 16): the keyboard-shortcut sheet on F1, the first-run guide (shown on
the first start, in the window, dismissed for good, back from Help), and the README's
"Using it" in the app."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFrame, QPushButton, QTextBrowser

from mlprep_desktop.ui.help.using_it import using_it_markdown


def test_f1_shows_every_menu_shortcut_and_the_tabs_keys(qtbot, open_window):
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = window.findChild(QDialog, "shortcutSheet")
    assert sheet is not None and sheet.isVisible() and not sheet.isModal()
    text = sheet.findChild(QTextBrowser, "shortcutSheetText").toPlainText()
    for keys, what in (("Ctrl+,", "Preferences"), ("F1", "Keyboard shortcuts"),
                       ("Ctrl+P", "Pause"), ("Ctrl+F", "Search"), ("Ctrl+Enter", "Run the tests")):
        assert keys in text and what in text, (keys, what)


@pytest.mark.first_start
def test_the_first_start_shows_the_guide_in_the_window_until_closed(qtbot, open_window):
    window = open_window()  # a new database: the first start
    guide = window.findChild(QFrame, "firstRunGuide")
    assert guide.isVisible() and guide.window() is window  # part of the window: nothing modal
    assert window.isActiveWindow() and window.tabs.isEnabled()
    for tab in ("Today", "Browse", "Interview", "Whiteboard", "Notebook"):
        assert tab in guide.findChild(object, "firstRunGuideText").text()
    qtbot.mouseClick(guide.findChild(QPushButton, "firstRunGuideClose"), Qt.MouseButton.LeftButton)
    assert not guide.isVisible()
    window.close()
    window = open_window()  # closed once: not again
    guide = window.findChild(QFrame, "firstRunGuide")
    assert not guide.isVisible()
    window.help.guide_action.trigger()  # Help › Getting started
    assert guide.isVisible()


def test_a_returning_user_sees_no_guide(open_window):
    window = open_window()  # the conftest marks the guide as seen, as closing it does
    assert not window.findChild(QFrame, "firstRunGuide").isVisible()


def test_using_it_from_the_readme_is_in_the_app(qtbot, open_window):
    markdown = using_it_markdown()
    assert markdown is not None and markdown.startswith("## Using it") and "\n## " not in markdown[3:]
    window = open_window()
    window.help.using_action.trigger()
    dialog = window.findChild(QDialog, "usingItDialog")
    assert dialog.isVisible() and not dialog.isModal()
    text = dialog.findChild(QTextBrowser, "usingItText").toPlainText()
    assert "Using it" in text and "Whiteboard" in text and "Notebook" in text
    assert "## " not in text  # rendered, not shown as Markdown source
