"""``InterviewBar``: while a mock interview is running and another tab is shown (Sketch opens
the whiteboard), a compact strip above the tabs keeps the interview in sight — that an interview
is running (or paused), the question number and title, the time left on the question and in
total (amber, then red, as on the clock) — with one click (or Ctrl+Shift+M) back to it.

It only reads the ``InterviewRunner`` (repainting on its ``ticked``) and emits ``back_clicked``;
the main window decides when it is shown (``set_wanted``)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from mlprep_desktop.core.interview import Countdown, Phase
from mlprep_desktop.core.interview_models import SessionStatus
from mlprep_desktop.ui.interview.interview_clock import _COLORS
from mlprep_desktop.ui.interview.interview_runner import InterviewRunner
from mlprep_desktop.ui.theme import is_dark
from mlprep_desktop.ui.widgets.palette_style_sheet import set_palette_style_sheet

BACK_SHORTCUT = "Ctrl+Shift+M"  # M for mock interview (Ctrl+Shift+I imports)


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when its text does not fit (the tooltip has it all)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(0, self.width())))


class InterviewBar(QFrame):
    back_clicked = Signal()

    def __init__(self, runner: InterviewRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interviewBar")
        self.setAccessibleName(self.tr("Interview running"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        # An accent line under the strip and the state in the accent colour: it reads as "live".
        set_palette_style_sheet(self, "#interviewBar { border-bottom: 2px solid palette(highlight); "
                                      "background: palette(alternate-base); }")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._runner = runner
        self._wanted = False
        self.state = QLabel(self)
        self.state.setObjectName("interviewBarState")
        bold = QFont(self.state.font())
        bold.setBold(True)
        self.state.setFont(bold)
        self.question = ElidedLabel(self)
        self.question.setObjectName("interviewBarQuestion")
        self.question.setMinimumWidth(80)
        self.clock = QLabel(self)
        self.clock.setObjectName("interviewBarClock")
        self.clock.setFont(bold)
        self.back = QPushButton(self.tr("Back to the interview"), self)
        self.back.setObjectName("interviewBarBack")
        self.back.setAccessibleName(self.tr("Back to the interview"))
        self.back.setToolTip(self.tr(f"Show the running interview: its question, answer and clock ({BACK_SHORTCUT})"))
        self.back.clicked.connect(self.back_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        layout.addWidget(self.state)
        layout.addWidget(self.question, 1)
        layout.addWidget(self.clock)
        layout.addWidget(self.back)
        runner.ticked.connect(self.refresh)
        runner.question_changed.connect(self.refresh)
        runner.finished.connect(self.refresh)
        self.hide()

    def set_wanted(self, wanted: bool) -> None:
        """The window wants the bar (another tab than the interview is shown); it appears only
        while an interview is running or paused."""
        self._wanted = wanted
        self.refresh()

    def refresh(self, *_args) -> None:
        runner = self._runner
        show = self._wanted and runner.active and runner.record is not None
        self.setVisible(show)
        if not show:
            return
        session = runner.session
        paused = session.status is SessionStatus.PAUSED
        self.state.setText(self.tr("Interview paused") if paused else self.tr("● Interview running"))
        item = runner.current_item
        title = self.tr(f"Question {session.current_index + 1} of {session.count}: ") + item.title
        self.question.set_full_text(title)
        question, total = session.question_countdown(), session.total_countdown()
        self.clock.setText(self.tr(f"{self._left(question)} · total {self._left(total)}"))
        self.clock.setToolTip(self.tr("Time left on this question · in the whole interview"))
        self.clock.setStyleSheet(f"color: {color};" if (color := self._color(question, total)) else "")
        self.state.setStyleSheet("" if paused else "color: palette(highlight);")
        self.setAccessibleDescription(f"{self.state.text()}. {title}. {self.clock.text()}")

    def _left(self, countdown: Countdown) -> str:
        return self.tr(f"{countdown.text[1:]} over") if countdown.phase is Phase.OVER else \
            self.tr(f"{countdown.text} left")

    def _color(self, question: Countdown, total: Countdown) -> str:
        phase = max((question.phase, total.phase), key=lambda p: (Phase.NORMAL, Phase.WARNING, Phase.OVER).index(p))
        pair = _COLORS.get(phase)
        if pair is None:
            return ""
        return pair[1] if is_dark(self.palette()) else pair[0]
