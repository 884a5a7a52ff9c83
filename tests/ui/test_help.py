"""Help (issue 18, item 16): the keyboard-shortcut sheet on F1, the first-run guide (shown on
the first start, in the window, dismissed for good, back from Help), and the README's
"Using it" in the app."""
from __future__ import annotations

import re
from html import unescape

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QFrame, QPushButton, QTextBrowser

from mlprep_desktop.ui.help.shortcut_sheet import sheet_html
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


def _listed_keys(label: str) -> set[str]:
    """The key sequences a row of the sheet names, as a user reads them: "Ctrl+X / C / V" is
    three (the modifiers carry over), "1 – 4" four, "V P H" three letters; words such as
    "Space + drag" name no single sequence and add nothing that could match by accident."""
    if all(len(part) == 1 for part in label.split(" ")) and " " in label:
        return {_portable(part) for part in label.split(" ")}
    found: set[str] = set()
    for group in label.split(", "):
        prefix = ""
        for part in group.split(" / "):
            part = part.strip()
            if "+" in part.rstrip("+") or (part.endswith("++")):
                prefix = part[: part.rstrip("+").rfind("+") + 1] if not part.endswith("++") else part[:-1]
            elif prefix:
                part = prefix + part
            if " – " in part:
                first, last = part.split(" – ")
                head, start = first[:-1], first[-1]
                found |= {_portable(head + chr(c)) for c in range(ord(start), ord(last) + 1)}
            else:
                found.add(_portable(part))
    return found


def _portable(keys: str | QKeySequence) -> str:
    sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    # The sheet says Enter for both Enter keys (the app binds Return and keypad Enter alike).
    return sequence.toString(QKeySequence.SequenceFormat.PortableText).replace("Return", "Enter")


def test_the_sheet_lists_every_key_sequence_the_window_binds(qtbot, open_window):
    """Every QAction / QShortcut key in the main window (menus, tabs, panes, toolbars) is on
    the sheet, so a new shortcut cannot be left off it again (issue 18: Ctrl+Enter and
    Ctrl+Shift+M were missing)."""
    window = open_window()
    for page in (window.browser, window.interview, window.whiteboard, window.notebook, window.today):
        window.show_tab(page)  # each tab is built (and binds its keys) when first shown
    bound: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            bound.setdefault(_portable(sequence), action.objectName() or action.text())
    for shortcut in window.findChildren(QShortcut):
        for sequence in shortcut.keys():
            bound.setdefault(_portable(sequence), f"QShortcut in {type(shortcut.parent()).__name__}")
    assert {"Ctrl+Enter", "Ctrl+Shift+M", "Ctrl+Shift+N", "F1", "Ctrl+F"} <= bound.keys()  # the walk sees them

    labels = [unescape(cell) for cell in re.findall(r"<tr><td><b>(.*?)</b>", sheet_html(window))]
    listed = set().union(*(_listed_keys(label) for label in labels))
    missing = {keys: owner for keys, owner in bound.items() if keys not in listed}
    assert not missing, f"bound but not on the shortcut sheet: {missing}"

    qtbot.keyClick(window, Qt.Key.Key_F1)  # and the sheet F1 opens shows those rows
    text = window.findChild(QDialog, "shortcutSheet").findChild(QTextBrowser, "shortcutSheetText").toPlainText()
    for keys, what in (("Ctrl+Enter", "Show / hide the model answer (also from My answer)"),
                       ("Ctrl+Shift+M", "Back to the running interview")):
        assert keys in text and what in text, (keys, what)


def test_the_sheets_key_reading_is_not_vacuous():
    """The parser the test above relies on reads rows as a user does."""
    assert _listed_keys("Ctrl+X / C / V") == {"Ctrl+X", "Ctrl+C", "Ctrl+V"}
    assert _listed_keys("Ctrl+1 – 4") == {"Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4"}
    assert _listed_keys("V P H") == {"V", "P", "H"}
    assert _listed_keys("Ctrl+wheel, Ctrl++ / Ctrl+= / Ctrl+-") >= {"Ctrl++", "Ctrl+=", "Ctrl+-"}
    assert "Ctrl+Shift+M" not in _listed_keys("Ctrl+Shift+N")
