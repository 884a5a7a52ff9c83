"""Edit › Preferences (Ctrl+,) as a user meets it: every control applies at once, shows on the
tab that uses it, and is still there after a restart; theme and fonts change without one; the
Python for exercises must be a working Python 3."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontInfo, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QTextEdit,
)

from mlprep_desktop.services.appearance import Appearance
from mlprep_desktop.ui.appearance import apply_appearance, dark_palette, editor_font
from mlprep_desktop.ui.theme import is_dark
from tests.ui.colour_helpers import colours_in, contrast


@pytest.fixture(autouse=True)
def system_look_afterwards():
    """The QApplication outlives the test: leave it as the platform made it."""
    yield
    apply_appearance(Appearance())


def open_preferences(qtbot, window) -> QDialog:
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(QDialog, "preferencesDialog")
    assert dialog is not None and dialog.isVisible()
    assert not dialog.isModal()  # the window stays usable; nothing waits on the dialog
    return dialog


def test_ctrl_comma_opens_preferences_and_the_theme_changes_live_and_is_kept(qtbot, open_window):
    window = open_window()
    window.show_tab(window.browser)  # a question on screen
    assert not is_dark(QApplication.palette())
    dialog = open_preferences(qtbot, window)
    theme = dialog.findChild(QComboBox, "themeCombo")
    theme.setCurrentIndex(theme.findData("dark"))
    assert is_dark(QApplication.palette())
    qtbot.waitUntil(lambda: is_dark(window.browser.palette()))  # widgets take it on their next event
    view = window.findChild(QTextEdit, "questionView")  # the answer is drawn again in dark colours
    muted = dark_palette().color(QPalette.ColorRole.PlaceholderText).name()
    qtbot.waitUntil(lambda: muted in view.document().defaultStyleSheet())
    assert window.context.appearance.current().theme == "dark"
    window.close()

    window = open_window()  # a restart (same process: the system look first, then the setting)
    apply_appearance(Appearance())
    window.close()
    assert not is_dark(QApplication.palette())
    window = open_window()
    assert is_dark(QApplication.palette())
    dialog = open_preferences(qtbot, window)
    theme = dialog.findChild(QComboBox, "themeCombo")
    assert theme.currentData() == "dark"
    theme.setCurrentIndex(theme.findData("system"))
    assert not is_dark(QApplication.palette())


def test_font_size_and_editor_font_apply_to_open_editors_at_once(qtbot, open_window):
    window = open_window()
    dialog = open_preferences(qtbot, window)
    note_editor = _note_editor(window)
    before = note_editor.font().pointSize()
    dialog.findChild(QSpinBox, "fontSizeSpin").setValue(15)
    assert QApplication.font().pointSize() == 15
    qtbot.waitUntil(lambda: window.findChild(QLabel, "questionCountLabel").font().pointSize() == 15)
    dialog.findChild(QSpinBox, "editorFontSizeSpin").setValue(before + 5)
    qtbot.waitUntil(lambda: note_editor.font().pointSize() == before + 5)
    assert note_editor.font().pointSize() != QApplication.font().pointSize()
    window.close()
    window = open_window()
    assert QApplication.font().pointSize() == 15
    qtbot.waitUntil(lambda: _note_editor(window).font().pointSize() == before + 5)
    dialog = open_preferences(qtbot, window)
    qtbot.mouseClick(dialog.findChild(QPushButton, "editorFontDefault"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _note_editor(window).font().pointSize() == before)
    assert window.context.appearance.current().editor_size == 0


def test_changing_the_text_size_keeps_the_editors_fixed_width_font(qtbot, open_window):
    """Qt forgets every class's font when the application's font is set: the code and note
    editors lost their fixed-width font when the text size changed, and did not get it back
    when it was set to the default again."""
    window = open_window()
    note_editor = _note_editor(window)
    editor_family = note_editor.font().family()
    assert editor_family != QApplication.font().family()  # the editors' fixed-width font
    dialog = open_preferences(qtbot, window)
    size = dialog.findChild(QSpinBox, "fontSizeSpin")
    for points in (size.value() + 6, 0):  # larger, then the system's size again
        size.setValue(points)
        qtbot.waitUntil(lambda: window.findChild(QLabel, "questionCountLabel").font().pointSize()
                        == QApplication.font().pointSize())
        qtbot.waitUntil(lambda: note_editor.font().family() == editor_family)
        assert note_editor.font().fixedPitch() or QFontInfo(note_editor.font()).fixedPitch()


def _note_editor(window):
    from mlprep_desktop.ui.notebook.note_editor import NoteEditor

    window.notebook.ensure_built()  # built when first shown; the editor exists from then on
    return window.findChild(NoteEditor, "noteEditor") or window.findChildren(NoteEditor)[0]


def test_daily_goal_and_retention_are_the_today_tabs_own(qtbot, open_window):
    window = open_window()
    dialog = open_preferences(qtbot, window)
    goal = dialog.findChild(QSpinBox, "preferencesGoal")
    assert goal.value() == window.findChild(QSpinBox, "todayGoal").value()
    goal.setValue(17)
    assert window.findChild(QSpinBox, "todayGoal").value() == 17  # one setting, shown in both places
    retention = dialog.findChild(QDoubleSpinBox, "preferencesRetention")
    retention.setValue(0.85)
    retention.editingFinished.emit()
    assert window.findChild(QDoubleSpinBox, "todayRetention").value() == pytest.approx(0.85)
    window.findChild(QSpinBox, "todayGoal").setValue(12)  # and the other way round
    assert goal.value() == 12
    window.close()
    window = open_window()
    settings = window.context.today.settings()
    assert (settings.goal, settings.retention) == (12, pytest.approx(0.85))


def test_interview_defaults_are_what_a_new_interview_starts_from(qtbot, open_window):
    window = open_window()
    dialog = open_preferences(qtbot, window)
    dialog.findChild(QSpinBox, "interviewDefaultCount").setValue(7)
    timing = dialog.findChild(QComboBox, "interviewDefaultTiming")
    timing.setCurrentIndex(timing.findData("fixed"))
    dialog.findChild(QSpinBox, "interviewDefaultMinutes").setValue(4)
    mode = dialog.findChild(QComboBox, "interviewDefaultMode")
    mode.setCurrentIndex(mode.findData("practice"))
    setup = window.interview.setup
    assert (setup.count.value(), setup.fixed_minutes.value(), setup.mode.currentData()) == (7, 4, "practice")
    assert setup.timing.currentData() == "fixed"
    window.close()
    window = open_window()
    setup = window.interview.setup
    assert (setup.count.value(), setup.fixed_minutes.value(), setup.mode.currentData()) == (7, 4, "practice")


def test_python_for_exercises_must_be_a_working_python_3(qtbot, open_window, tmp_path: Path):
    window = open_window()
    dialog = open_preferences(qtbot, window)
    edit = dialog.findChild(QLineEdit, "exercisePythonEdit")
    status = dialog.findChild(QLabel, "exercisePythonStatus")
    assert "built-in Python" in status.text()
    fake = tmp_path / "python3"
    fake.write_text("#!/bin/sh\necho 'I am not Python'\n")
    fake.chmod(0o755)
    for bad, says in ((str(tmp_path / "no-such-python"), "not a Python interpreter"),
                      (str(fake), "not a working Python 3")):
        edit.clear()
        qtbot.keyClicks(edit, bad)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert says in status.text() and "Not changed" in status.text()
        assert window.context.exercise_ops.python() is None
        assert dialog.isVisible()  # Enter checked the path; it did not close the dialog
    edit.clear()
    qtbot.keyClicks(edit, sys.executable)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.context.exercise_ops.python() == sys.executable
    assert sys.executable in status.text()
    window.close()
    window = open_window()
    assert window.context.exercise_ops.python() == sys.executable
    dialog = open_preferences(qtbot, window)
    assert dialog.findChild(QLineEdit, "exercisePythonEdit").text() == sys.executable
    qtbot.mouseClick(dialog.findChild(QPushButton, "exercisePythonReset"), Qt.MouseButton.LeftButton)
    assert window.context.exercise_ops.python() is None
    assert dialog.findChild(QLineEdit, "exercisePythonEdit").text() == ""


def test_appearance_setting_survives_a_broken_value(open_window):
    window = open_window()
    window.context.preferences.remember("appearance", {"theme": "purple", "font_size": 500})
    assert window.context.appearance.current() == Appearance()
    assert QFont().pointSize() > 0


def _fully_visible(widget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect().size() == widget.size()


def test_preferences_fit_a_1024x640_screen_with_close_and_the_last_setting_reachable(qtbot, open_window):
    """Issue 18 follow-up: the dialog was 640 px tall plus its title bar, taller than a 640 px
    screen. It now fits the screen's free area; the settings scroll, Close stays in view."""
    window = open_window()
    dialog = open_preferences(qtbot, window)
    dialog.fit_to(QRect(0, 0, 1024, 640))
    qtbot.waitUntil(lambda: dialog.height() <= 640 - 40)
    assert QRect(0, 0, 1024, 640).contains(dialog.geometry())
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    qtbot.waitUntil(lambda: _fully_visible(close))
    assert dialog.rect().contains(QRect(close.mapTo(dialog, close.rect().topLeft()), close.size()))
    last = dialog.findChild(QPushButton, "exercisePythonReset")  # the last setting of the last group
    scroll = dialog.findChild(QScrollArea, "preferencesScroll")
    scroll.ensureWidgetVisible(last)
    qtbot.waitUntil(lambda: _fully_visible(last))
    top = dialog.findChild(QComboBox, "themeCombo")  # and back up to the first
    scroll.ensureWidgetVisible(top)
    qtbot.waitUntil(lambda: _fully_visible(top))


@pytest.mark.parametrize("how", ["preferences", "system"])
def test_an_unticked_check_box_is_visible_on_the_dark_theme(qtbot, open_window, how, request):
    """Issue 18 follow-up: Fusion drew an unticked box's edge in the window colour darkened
    (#222 on #2b2b2b): all but invisible. Its edge now has at least 3:1 contrast, whether the
    dark palette comes from Preferences or from the system while the app runs (the fix is
    only installed on a dark palette: issue 16)."""
    QApplication.setStyle("fusion")  # as on a light start: without the fix
    window = open_window()
    dialog = open_preferences(qtbot, window)
    if how == "preferences":
        theme = dialog.findChild(QComboBox, "themeCombo")
        theme.setCurrentIndex(theme.findData("dark"))
    else:
        QApplication.setPalette(dark_palette())
        request.addfinalizer(lambda: QApplication.setPalette(QPalette()))  # the system's again
    qtbot.waitUntil(lambda: is_dark(window.today.palette()))
    qtbot.waitUntil(lambda: type(QApplication.style()).__name__ == "IndicatorContrastStyle")
    # Setting a style forgets the class fonts: new editors still take the fixed-width one.
    assert QApplication.font("NoteEditor").toString() == editor_font(window.context.appearance.current()).toString()
    advance = dialog.findChild(QCheckBox, "preferencesAdvanceAfterRating")
    advance.setChecked(False)
    dialog.scroll.ensureWidgetVisible(advance)
    qtbot.waitUntil(lambda: _fully_visible(advance))
    image = advance.grab().toImage()
    option = QStyleOptionButton()
    advance.initStyleOption(option)
    box = advance.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, advance)
    background = advance.palette().color(QPalette.ColorRole.Window)
    best = max(contrast(image.pixelColor(x, y), background)
               for x in range(box.left(), box.right() + 1) for y in range(box.top(), box.bottom() + 1))
    assert best >= 3.0, f"the unticked box's edge has {best:.2f}:1 against the window"


    return {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}


def test_a_notes_question_link_takes_the_dark_themes_link_colour(qtbot, open_window):
    """Seen in the dark screenshots: a note's 'Question: …' link, laid out before the switch,
    stayed the light theme's #0000ff on the dark background (1.9:1)."""
    from tests.ui.test_lazy_creation import open_question_note_from_browse

    window = open_window()
    open_question_note_from_browse(qtbot, window)
    link = window.notebook.findChild(QLabel, "noteQuestionLink")
    qtbot.waitUntil(lambda: "#0000ff" in colours_in(link))  # the light theme's link colour
    dialog = open_preferences(qtbot, window)
    theme = dialog.findChild(QComboBox, "themeCombo")
    theme.setCurrentIndex(theme.findData("dark"))
    wanted = dark_palette().color(QPalette.ColorRole.Link).name()
    qtbot.waitUntil(lambda: wanted in colours_in(link))
    assert "#0000ff" not in colours_in(link)
