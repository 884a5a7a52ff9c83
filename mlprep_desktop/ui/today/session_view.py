"""``SessionView``: one question at a time in a focused study session — the same question view,
attempt box, reveal and 1–4 rating as Browse, with a line saying where the session stands.
A coding question is answered in the code editor (the ``coding`` pane the tab passes in, Browse's
``CodingPane``: the starter or the saved draft, Run/Stop, the test results) instead.

Keys where the user reads (the question and the study buttons): Space reveals, 1–4 rate,
F flags; Esc (anywhere in the view) goes back to the Today overview. The attempt box and the
code editor keep their keys for typing. It emits what the user does; the Today tab runs the
operations."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core.models import Question
from mlprep_desktop.rendering.markdown_html import RenderedHtml
from mlprep_desktop.ui.browser.question_detail_pane import AnswerEditor, is_reveal_key
from mlprep_desktop.ui.browser.question_view import QuestionView
from mlprep_desktop.ui.browser.study_bar import StudyBar


class SessionView(QWidget):
    reveal_toggled = Signal()
    rated = Signal(int)
    flag_toggled = Signal(bool)
    back_requested = Signal()
    attempt_edited = Signal()
    attempt_left = Signal()  # the attempt box lost focus: write the draft now

    def __init__(self, coding: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.coding = coding
        self.setObjectName("todaySession")
        self.setAccessibleName(self.tr("Study session"))
        self.info = QLabel(self)
        self.info.setObjectName("todaySessionInfo")
        self.info.setAccessibleName(self.tr("Session progress"))
        self.info.setWordWrap(True)
        self.back = QPushButton(self.tr("Back to Today (Esc)"), self)
        self.back.setObjectName("todayBack")
        self.back.setToolTip(self.tr("Leave the session; Start (Continue) brings you back to this question"))
        self.back.clicked.connect(self.back_requested)

        self.view = QuestionView(self)
        self.view.setObjectName("todayQuestion")
        self.view.setAccessibleName(self.tr("Question"))
        self.study_bar = StudyBar(self)
        # Browse's study bar owns the plain names (showAnswerButton, rate1…); these are Today's.
        bar = self.study_bar
        for button, name in ((bar.show_answer, "todayShowAnswer"), (bar.flag, "todayFlag"),
                             (bar.sketch, "todaySketch"), (bar.notes, "todayNotes"),
                             (bar.last_rating, "todayLastRating"),
                             *((b, f"todayRate{n}") for n, b in enumerate(bar.rate_buttons, start=1))):
            button.setObjectName(name)
        self.attempt_label = QLabel(self.tr("My answer (saved automatically, shared with Browse):"), self)
        self.attempt = AnswerEditor(self)
        self.attempt.setObjectName("todayAttempt")
        self.attempt.setAccessibleName(self.tr("My answer"))
        self.attempt.setPlaceholderText(self.tr("Answer in your own words, then reveal the model answer (Ctrl+Enter, "
                                                "or Space from the question) and rate how well you knew it (1–4)."))
        self.attempt_label.setBuddy(self.attempt)
        self.attempt.textChanged.connect(self.attempt_edited)
        self.attempt.reveal_requested.connect(self.reveal_toggled)
        self.attempt.focus_lost.connect(self.attempt_left)

        top = QHBoxLayout()
        top.addWidget(self.info, 1)
        top.addWidget(self.back)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(self.study_bar)
        lower_layout.addWidget(self.attempt_label)
        lower_layout.addWidget(self.attempt)
        lower_layout.addWidget(coding, 1)
        coding.hide()
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([560, 240])
        self._split = split
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.study_bar.reveal_toggled.connect(self.reveal_toggled)
        self.study_bar.rated.connect(self.rated)
        self.study_bar.flag_toggled.connect(self.flag_toggled)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.back_requested)
        for widget in (self.view, self.study_bar.show_answer, self.study_bar.flag, *self.study_bar.rate_buttons):
            widget.installEventFilter(self)

    def show_question(self, question: Question, rendered: RenderedHtml, info: str, attempt: str,
                      flagged: bool, revealed: bool) -> None:
        """Put ``question`` on screen (the attempt box filled without emitting an edit); a
        coding question shows the coding pane (loaded by the tab) instead of the attempt box."""
        self.info.setText(info)
        self.view.show_rendered(rendered)
        self.study_bar.set_question_loaded(True)
        self.study_bar.set_revealed(revealed)
        self.study_bar.set_flagged(flagged)
        coding = question.exercise is not None
        if coding != self.coding.isVisibleTo(self):
            self.coding.setVisible(coding)
            self.attempt_label.setVisible(not coding)
            self.attempt.setVisible(not coding)
            total = sum(self._split.sizes()) or 800
            self._split.setSizes([total * 2 // 5, total * 3 // 5] if coding else [total * 7 // 10, total * 3 // 10])
        self.attempt.blockSignals(True)
        self.attempt.setPlainText(attempt)
        self.attempt.blockSignals(False)

    def show_rendered(self, rendered: RenderedHtml) -> None:
        self.view.show_rendered(rendered)

    def focus_question(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's API)
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and is_reveal_key(event):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.reveal_toggled.emit()
            return True
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            key = event.key()
            action = None
            if key == Qt.Key.Key_Space and not isinstance(watched, QAbstractButton):
                action = self.reveal_toggled.emit
            elif key == Qt.Key.Key_F:
                action = self.study_bar.flag.toggle
            elif Qt.Key.Key_1 <= key <= Qt.Key.Key_4:
                action = lambda: self.rated.emit(key - Qt.Key.Key_0)  # noqa: E731
            if action is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    action()
                return True
        return super().eventFilter(watched, event)
