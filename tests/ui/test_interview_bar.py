"""Issue 18 item 4: sketching during an interview no longer hides it. On any other tab a bar
says an interview is running, shows the question and the time left (turning red when it runs
out), and one click (or Ctrl+Shift+M) goes back; it is gone once the interview ends."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from mlprep_desktop.core.interview_models import InterviewConfig, Timing
from mlprep_desktop.services.appearance import Appearance
from mlprep_desktop.ui.appearance import apply_appearance
from mlprep_desktop.ui.theme import is_dark
from tests.ui.colour_helpers import contrast
from tests.ui.interview_helpers import FakeClock


def test_sketch_keeps_the_question_and_clock_in_sight_with_a_way_back(qtbot, open_window):
    clock = FakeClock()
    window = open_window(clock=clock)
    tabs = window.findChild(QWidget, "mainTabs")
    bar = window.findChild(QWidget, "interviewBar")
    assert bar is not None and not bar.isVisible()
    tabs.setCurrentWidget(window.interview)
    assert window.interview.start(InterviewConfig(count=2, timing=Timing.FIXED, fixed_minutes=2))
    assert not bar.isVisible()  # the interview tab shows its own clock
    title = window.interview.runner.current_item.title

    qtbot.mouseClick(window.findChild(QPushButton, "interviewSketch"), Qt.MouseButton.LeftButton)
    assert tabs.currentWidget() is window.whiteboard
    assert bar.isVisible()
    assert "Interview running" in window.findChild(QLabel, "interviewBarState").text()
    question = window.findChild(QLabel, "interviewBarQuestion")
    assert question.full_text() == f"Question 1 of 2: {title}" and question.toolTip() == question.full_text()
    assert question.text().rstrip("…") and question.full_text().startswith(question.text().rstrip("…"))
    clock_label = window.findChild(QLabel, "interviewBarClock")
    assert clock_label.text() == "02:00 left · total 04:00 left"

    clock.advance(150)  # past the 2-minute budget: the bar counts overtime, in red
    qtbot.waitUntil(lambda: clock_label.text().startswith("00:30 over · total"))
    assert "color" in clock_label.styleSheet()
    assert tabs.currentWidget() is window.whiteboard  # running out never pulls the user away

    qtbot.mouseClick(window.findChild(QPushButton, "interviewBarBack"), Qt.MouseButton.LeftButton)
    assert tabs.currentWidget() is window.interview and not bar.isVisible()

    tabs.setCurrentWidget(window.notebook)
    assert bar.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tabs.currentWidget() is window.interview

    window.interview.runner.end()
    tabs.setCurrentWidget(window.whiteboard)
    assert not bar.isVisible()  # answering is over: nothing is running


def test_a_paused_interview_says_so_on_the_bar(qtbot, open_window):
    window = open_window(clock=FakeClock())
    tabs = window.findChild(QWidget, "mainTabs")
    tabs.setCurrentWidget(window.interview)
    assert window.interview.start(InterviewConfig(count=1))
    window.interview.runner.toggle_pause()
    tabs.setCurrentWidget(window.browser)
    assert window.findChild(QWidget, "interviewBar").isVisible()
    assert window.findChild(QLabel, "interviewBarState").text() == "Interview paused"


def test_the_bar_follows_a_switch_to_the_dark_theme(qtbot, open_window):
    """Seen in the dark screenshots: the bar kept the light theme's background (a style sheet
    reads palette(...) once) while the clock took the dark theme's light text: unreadable."""
    window = open_window(clock=FakeClock())
    tabs = window.findChild(QWidget, "mainTabs")
    tabs.setCurrentWidget(window.interview)
    assert window.interview.start(InterviewConfig(count=2, timing=Timing.FIXED, fixed_minutes=2))
    tabs.setCurrentWidget(window.whiteboard)
    bar = window.findChild(QWidget, "interviewBar")
    assert bar.isVisible()
    try:
        window.operations.run(lambda: window.context.appearance.set(Appearance(theme="dark")))
        qtbot.waitUntil(lambda: is_dark(window.whiteboard.palette()))
        clock_label = window.findChild(QLabel, "interviewBarClock")
        image = bar.grab().toImage()
        background = image.pixelColor(bar.width() // 2, 1)  # above the labels, inside the strip
        assert background.lightness() < 100, background.name()
        origin = clock_label.mapTo(bar, clock_label.rect().topLeft())
        ink = max(contrast(image.pixelColor(origin.x() + x, origin.y() + y), background)
                  for x in range(clock_label.width()) for y in range(clock_label.height()))
        assert ink >= 4.5, f"the clock's text has {ink:.2f}:1 against the bar"
    finally:
        apply_appearance(Appearance())

