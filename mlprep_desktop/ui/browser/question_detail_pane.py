"""``QuestionDetailPane``: the browser's right pane — the question (``QuestionView``), the
study buttons (``StudyBar``) and the "my answer" editor, split vertically so the question gets
most of the height. It only shows; the browser tab studies and saves."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from mlprep_desktop.ui.browser.question_view import QuestionView
from mlprep_desktop.ui.browser.study_bar import StudyBar


def is_reveal_key(event: QKeyEvent) -> bool:
    """Ctrl+Enter (either Enter key): show / hide the model answer, from anywhere in the study
    view — the one study key that also works while typing "My answer"."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return mods == Qt.KeyboardModifier.ControlModifier and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class AnswerEditor(QPlainTextEdit):
    """A plain-text editor that says when it loses focus (so the draft is flushed) and when
    Ctrl+Enter asks for the model answer (Space types a space here: it is an editor)."""

    focus_lost = Signal()
    reveal_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's API)
        if is_reveal_key(event):
            event.accept()
            self.reveal_requested.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().focusOutEvent(event)
        self.focus_lost.emit()


class QuestionDetailPane(QWidget):
    """``add_coding(pane)``: the code editor shown instead of "my answer" for a coding question
    (added when the first one is shown)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QuestionView(self)
        self.view.setObjectName("questionView")
        self.view.setAccessibleName(self.tr("Question"))
        self.study_bar = StudyBar(self)
        self.answer_label = QLabel(self.tr("My answer (saved automatically):"), self)
        self.answer_edit = AnswerEditor(self)
        self.answer_edit.setObjectName("myAnswer")
        self.answer_edit.setAccessibleName(self.tr("My answer"))
        self.answer_edit.setPlaceholderText(
            self.tr("Answer in your own words, then press Ctrl+Enter to see the model answer. Saved as you type.")
        )
        self.answer_label.setBuddy(self.answer_edit)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        split.addWidget(self.view)
        answer_box = QWidget(split)
        answer_layout = QVBoxLayout(answer_box)
        answer_layout.setContentsMargins(0, 4, 0, 0)
        answer_layout.addWidget(self.study_bar)
        answer_layout.addWidget(self.answer_label)
        answer_layout.addWidget(self.answer_edit)
        self._answer_layout = answer_layout
        split.addWidget(answer_box)
        self.split = split
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([600, 220])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def add_coding(self, coding: QWidget) -> None:
        """Put the code editor under the study buttons (once)."""
        self._answer_layout.addWidget(coding, 1)
