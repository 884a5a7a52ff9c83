"""``InterviewClock``: the large countdowns for the current question and the whole interview.

It only paints what ``core.interview.Countdown`` says; it keeps no time of its own. Each
countdown turns amber in its last minute and red at zero, then shows the overtime ("+01:05").
"""
from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from mlprep_desktop.core.interview import Countdown, Phase
from mlprep_desktop.ui.theme import is_dark

_COLORS = {  # (light, dark) palette
    Phase.WARNING: ("#b35c00", "#ffb74d"),
    Phase.OVER: ("#c62828", "#ff6b6b"),
}


class InterviewClock(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interviewClock")
        self.setAccessibleName(self.tr("Interview clock"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.question_label = self._value_label("interviewQuestionClock", 30)
        self.total_label = self._value_label("interviewTotalClock", 20)
        self.question_caption = self._caption(self.tr("This question"))
        self.total_caption = self._caption(self.tr("Total"))
        for caption in (self.question_caption, self.total_caption):
            # as wide as the longest state it can show, so pausing or overtime moves nothing
            longest = caption.text() + " — " + ", ".join((self.tr("overtime"), self.tr("paused")))
            caption.setMinimumWidth(caption.fontMetrics().horizontalAdvance(longest) + 2)
        layout = QGridLayout(self)
        layout.setContentsMargins(14, 4, 14, 4)
        layout.setHorizontalSpacing(24)
        layout.setVerticalSpacing(0)
        layout.addWidget(self.question_caption, 0, 0)
        layout.addWidget(self.total_caption, 0, 1)
        layout.addWidget(self.question_label, 1, 0)
        layout.addWidget(self.total_label, 1, 1)
        self.question_phase = Phase.NORMAL
        self.total_phase = Phase.NORMAL
        self._paused = False

    def _value_label(self, name: str, points: int) -> QLabel:
        label = QLabel("--:--", self)
        label.setObjectName(name)
        font = QFont(self.font())
        font.setPointSize(points)
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFamilies(["DejaVu Sans Mono", "Menlo", "Consolas", "monospace"])
        label.setFont(font)
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance("+00:00:00"))
        return label

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text, self)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        label.setFont(font)
        return label

    def show_countdowns(self, question: Countdown, total: Countdown, *, paused: bool = False) -> None:
        self._paused = paused
        self.question_phase = question.phase
        self.total_phase = total.phase
        self._paint(self.question_label, self.question_caption, question, self.tr("This question"))
        self._paint(self.total_label, self.total_caption, total, self.tr("Total"))
        state = self.tr("paused") if paused else ""
        self.setToolTip(
            self.tr(f"This question: {self._spoken(question)}. Whole interview: {self._spoken(total)}. {state}").strip()
        )
        self.setAccessibleDescription(self.toolTip())

    def _paint(self, label: QLabel, caption: QLabel, countdown: Countdown, name: str) -> None:
        label.setText(countdown.text)
        label.setProperty("phase", countdown.phase.value)
        color = self._color(countdown.phase)
        label.setStyleSheet(f"color: {color};" if color else "")
        states = []
        if countdown.phase is Phase.OVER:
            states.append(self.tr("overtime"))
        if self._paused:
            states.append(self.tr("paused"))
        suffix = " — " + ", ".join(states) if states else ""
        caption.setText(name + suffix)

    def _color(self, phase: Phase) -> str:
        pair = _COLORS.get(phase)
        if pair is None:
            return ""
        return pair[1] if is_dark(self.palette()) else pair[0]

    def _spoken(self, countdown: Countdown) -> str:
        if countdown.phase is Phase.OVER:
            return self.tr(f"{countdown.text[1:]} over time")
        return self.tr(f"{countdown.text} left")

    def clear(self) -> None:
        for label in (self.question_label, self.total_label):
            label.setText("--:--")
            label.setStyleSheet("")
        self.question_phase = self.total_phase = Phase.NORMAL
