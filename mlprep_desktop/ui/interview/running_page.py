"""``RunningPage``: one question at a time against the clock, with the answer editor.

A passive view: buttons emit signals and the tab decides. While paused the question and the
answer are hidden behind a notice (no thinking on paused time). A coding question is answered
in ``coding`` (the tab's ``CodingPane``, given at construction) instead of the Markdown box.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.rendering.markdown_html import RenderedHtml
from mlprep_desktop.ui.browser.question_view import QuestionView
from mlprep_desktop.ui.interview.answer_editor import AnswerEditor
from mlprep_desktop.ui.interview.interview_clock import InterviewClock


def _button(parent: QWidget, name: str, text: str, accessible: str, tip: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setToolTip(tip)
    return button


class RunningPage(QWidget):
    next_clicked = Signal()
    previous_clicked = Signal()
    skip_clicked = Signal()
    end_clicked = Signal()
    pause_clicked = Signal()
    reveal_clicked = Signal()
    sketch_clicked = Signal()

    def __init__(self, parent: QWidget | None = None, coding: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interviewRunningPage")
        self.coding = coding
        tr = self.tr
        self.progress = QLabel(self)
        self.progress.setObjectName("interviewProgress")
        self.progress.setAccessibleName(tr("Question number"))
        font = QFont(self.progress.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.progress.setFont(font)
        self.clock = InterviewClock(self)
        self.pause = _button(self, "interviewPause", tr("Pause (Ctrl+P)"), tr("Pause"),
                             tr("Stop the clock; the question is hidden while paused (Ctrl+P)"))
        self.pause.setCheckable(True)
        widths = []  # one width for "Pause" and "Resume", so nothing beside it shifts
        for text in (tr("Resume (Ctrl+P)"), tr("Pause (Ctrl+P)")):
            self.pause.setText(text)
            widths.append(self.pause.sizeHint().width())
        self.pause.setMinimumWidth(max(widths))
        self.pause.clicked.connect(lambda _=False: self.pause_clicked.emit())

        self.view = QuestionView(self)
        self.view.setObjectName("interviewQuestion")
        self.view.setAccessibleName(tr("Interview question"))
        self.reveal = _button(self, "interviewReveal", tr("Show model answer (Ctrl+R)"), tr("Show model answer"),
                              tr("Practice mode: reveal the model answer for this question (Ctrl+R)"))
        self.reveal.clicked.connect(self.reveal_clicked)
        self.sketch = _button(self, "interviewSketch", tr("Sketch"), tr("Sketch on the whiteboard"),
                              tr("Open a whiteboard board linked to this answer"))
        self.sketch.clicked.connect(self.sketch_clicked)
        self.sketch.hide()
        self.answer_label = QLabel(tr("Your answer (Markdown, saved as you type):"), self)
        self.answer = AnswerEditor(self)
        self.answer.setObjectName("interviewAnswer")
        self.answer.setAccessibleName(tr("Your answer"))
        self.answer.setPlaceholderText(tr("Answer as you would out loud: the idea first, then the details."))
        self.answer_label.setBuddy(self.answer)

        self.previous = _button(self, "interviewPrevious", tr("◂ Previous (Alt+Left)"), tr("Previous question"),
                                tr("Back to the previous question (Alt+Left)"))
        self.skip = _button(self, "interviewSkip", tr("Skip (Ctrl+Shift+Enter)"), tr("Skip question"),
                            tr("Pass on this question and move on; you can come back with Previous"))
        self.next = _button(self, "interviewNext", tr("Next ▸ (Ctrl+Enter)"), tr("Next question"),
                            tr("Save and go to the next question (Ctrl+Enter)"))
        self.next.setDefault(True)
        self.end = _button(self, "interviewEnd", tr("End interview…"), tr("End interview early"),
                           tr("Stop here and review your answers (asks first; Ctrl+Shift+E)"))
        for button, signal in ((self.previous, self.previous_clicked), (self.skip, self.skip_clicked),
                               (self.next, self.next_clicked), (self.end, self.end_clicked)):
            button.clicked.connect(signal)

        self._index = 0
        self._build_layout()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.progress)
        top.addStretch(1)
        top.addWidget(self.clock)
        top.addWidget(self.pause)

        answer_box = QWidget(self)
        answer_layout = QVBoxLayout(answer_box)
        answer_layout.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        tools.addWidget(self.answer_label, 1)
        tools.addWidget(self.reveal)
        tools.addWidget(self.sketch)
        answer_layout.addLayout(tools)
        self.answer_stack = QStackedWidget(answer_box)
        self.answer_stack.addWidget(self.answer)
        if self.coding is not None:
            self.answer_stack.addWidget(self.coding)
        answer_layout.addWidget(self.answer_stack, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("interviewRunningSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(answer_box)
        self.splitter.setSizes([560, 700])

        self.paused_notice = QLabel(
            self.tr("<h2>Paused</h2><p>The clock is stopped and the question is hidden.</p>"
                    "<p>Press <b>Resume</b> or Ctrl+P to carry on.</p>"), self)
        self.paused_notice.setObjectName("interviewPausedNotice")
        self.paused_notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content = QStackedWidget(self)
        self.content.addWidget(self.splitter)
        self.content.addWidget(self.paused_notice)

        bottom = QHBoxLayout()
        bottom.addWidget(self.previous)
        bottom.addWidget(self.skip)
        bottom.addStretch(1)
        bottom.addWidget(self.end)
        bottom.addWidget(self.next)
        for button in (self.previous, self.skip, self.next, self.end):
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.content, 1)
        layout.addLayout(bottom)

    # ----- updates from the tab
    def show_question(self, index: int, count: int, rendered: RenderedHtml, answer: str) -> None:
        self._index = index
        self.progress.setText(self.tr(f"Question {index + 1} of {count}"))
        self.view.show_rendered(rendered)
        self.answer.blockSignals(True)
        self.answer.setPlainText(answer)
        self.answer.moveCursor(self.answer.textCursor().MoveOperation.End)
        self.answer.blockSignals(False)
        self.previous.setEnabled(index > 0)
        last = index == count - 1
        self.next.setText(self.tr("Finish ▸ (Ctrl+Enter)") if last else self.tr("Next ▸ (Ctrl+Enter)"))
        self.next.setToolTip(self.tr("End the interview and review your answers (Ctrl+Enter)") if last
                             else self.tr("Save and go to the next question (Ctrl+Enter)"))

    @property
    def coding_shown(self) -> bool:
        return self.coding is not None and self.answer_stack.currentWidget() is self.coding

    def show_coding(self, coding: bool) -> None:
        """Answer in the code editor (a coding exercise) or in the Markdown box."""
        coding = coding and self.coding is not None
        self.answer_stack.setCurrentWidget(self.coding if coding else self.answer)
        self.answer_label.setText(
            self.tr("Your code (saved as you type; Ctrl+Enter runs the tests, Ctrl+. stops them):") if coding
            else self.tr("Your answer (Markdown, saved as you type):"))
        self.answer_label.setBuddy(self.coding.editor if coding else self.answer)

    def answer_widget(self) -> QWidget:
        """Where the candidate types now (to give it the focus)."""
        return self.coding.editor if self.coding_shown else self.answer

    def show_rendered(self, rendered: RenderedHtml) -> None:
        self.view.show_rendered(rendered)

    def set_practice(self, practice: bool, revealed: bool) -> None:
        self.reveal.setVisible(practice)
        self.reveal.setText(self.tr("Hide model answer (Ctrl+R)") if revealed else self.tr("Show model answer (Ctrl+R)"))

    @property
    def paused(self) -> bool:
        return self.content.currentWidget() is self.paused_notice

    def set_paused(self, paused: bool) -> None:
        self.pause.setChecked(paused)
        self.pause.setText(self.tr("Resume (Ctrl+P)") if paused else self.tr("Pause (Ctrl+P)"))
        self.pause.setAccessibleName(self.tr("Resume") if paused else self.tr("Pause"))
        self.content.setCurrentWidget(self.paused_notice if paused else self.splitter)
        for button in (self.next, self.skip, self.reveal, self.sketch):
            button.setEnabled(not paused)
        self.previous.setEnabled(not paused and self._index > 0)
