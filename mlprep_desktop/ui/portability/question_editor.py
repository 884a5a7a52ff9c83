"""``QuestionEditorDialog``: write or edit one of your own questions.

The dialog only collects the fields; saving is an operation (``services.own_questions``) run
through the ``OperationRunner`` by whoever opened it, so a refused question (an empty title,
a write error) keeps the dialog open with everything typed still there.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core import own_questions as rules
from mlprep_desktop.core.models import DIFFICULTIES, QUESTION_TYPES, TOPICS, Question, topic_label


class QuestionEditorDialog(QDialog):
    """Edits ``question`` (None: a new one). ``save`` is called with the edited question when
    the user presses Save and returns the stored one, or None when it was refused."""

    def __init__(self, save: Callable[[Question], Question | None], question: Question | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionEditor")
        self.setAccessibleName(self.tr("Question editor"))
        self.setWindowTitle(self.tr("Edit your question") if question else self.tr("New question"))
        self._save = save
        self._id = question.id if question else ""
        self.saved: Question | None = None
        self.resize(760, 820)
        form = QFormLayout()
        self.title = self._line("questionTitle", self.tr("The question, as the interviewer asks it ($…$ for math)"))
        form.addRow(self.tr("&Title:"), self.title)
        self.type = self._combo("questionType", [(t, t.capitalize()) for t in QUESTION_TYPES])
        form.addRow(self.tr("T&ype:"), self.type)
        self.topic = self._combo("questionTopic", [(t, topic_label(t)) for t in TOPICS])
        form.addRow(self.tr("T&opic:"), self.topic)
        self.difficulty = self._combo("questionDifficulty", [(d, d.capitalize()) for d in DIFFICULTIES])
        form.addRow(self.tr("&Difficulty:"), self.difficulty)
        self.minutes = QSpinBox(self)
        self.minutes.setObjectName("questionMinutes")
        self.minutes.setRange(1, rules.MAX_MINUTES)
        self.minutes.setValue(5)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setToolTip(self.tr("Time a good answer takes in an interview"))
        form.addRow(self.tr("&Minutes:"), self.minutes)
        self.prompt = self._text("questionPrompt", self.tr("Optional details under the title (Markdown)"), 60)
        form.addRow(self.tr("&Prompt:"), self.prompt)
        self.answer = self._text("questionAnswer", self.tr("A model answer: Markdown, ```code```, $math$ and $$display math$$"), 200)
        form.addRow(self.tr("&Answer:"), self.answer)
        self.key_points = self._text("questionKeyPoints", self.tr("One key point per line"), 70)
        form.addRow(self.tr("&Key points:"), self.key_points)
        self.pitfalls = self._text("questionPitfalls", self.tr("One pitfall per line"), 50)
        form.addRow(self.tr("P&itfalls:"), self.pitfalls)
        self.follow_ups = self._text("questionFollowUps", self.tr("One per line: **Question?** answer"), 60)
        form.addRow(self.tr("&Follow-ups:"), self.follow_ups)
        self.tags = self._line("questionTags", self.tr("Lowercase words joined by '-', separated by spaces"))
        form.addRow(self.tr("Ta&gs:"), self.tags)
        self.problem = QLabel(self)
        self.problem.setObjectName("questionEditorProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c0392b;")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("questionEditorButtons")
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveQuestionButton")
        self.save_button.setToolTip(self.tr("Save the question (Ctrl+Return)"))
        self.save_button.setShortcut("Ctrl+Return")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        if question is not None:
            self._fill(question)

    def _line(self, name: str, tip: str) -> QLineEdit:
        w = QLineEdit(self)
        w.setObjectName(name)
        w.setAccessibleName(name)
        w.setPlaceholderText(tip)
        w.setToolTip(tip)
        return w

    def _text(self, name: str, tip: str, height: int) -> QPlainTextEdit:
        w = QPlainTextEdit(self)
        w.setObjectName(name)
        w.setAccessibleName(name)
        w.setPlaceholderText(tip)
        w.setToolTip(tip)
        w.setTabChangesFocus(True)
        w.setMinimumHeight(height)
        return w

    def _combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        w = QComboBox(self)
        w.setObjectName(name)
        w.setAccessibleName(name)
        for value, label in items:
            w.addItem(label, value)
        return w

    def _fill(self, q: Question) -> None:
        self.title.setText(q.title)
        for combo, value in ((self.type, q.type), (self.topic, q.topic), (self.difficulty, q.difficulty)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.minutes.setValue(q.minutes)
        self.prompt.setPlainText(q.prompt)
        self.answer.setPlainText(q.answer)
        self.key_points.setPlainText("\n".join(q.key_points))
        self.pitfalls.setPlainText("\n".join(q.pitfalls))
        self.follow_ups.setPlainText("\n".join(f"**{f.question}** {f.answer}" for f in q.follow_ups))
        self.tags.setText(" ".join(q.tags))

    def question(self) -> Question:
        """The question as typed (raises ValueError for a malformed follow-up line)."""
        return rules.from_fields({
            "id": self._id, "title": self.title.text(), "type": self.type.currentData(),
            "topic": self.topic.currentData(), "difficulty": self.difficulty.currentData(),
            "minutes": str(self.minutes.value()), "prompt": self.prompt.toPlainText(),
            "answer": self.answer.toPlainText(), "key_points": self.key_points.toPlainText(),
            "pitfalls": self.pitfalls.toPlainText(), "follow_ups": self.follow_ups.toPlainText(),
            "tags": self.tags.text(),
        })

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _on_buttons_accepted(self) -> None:
        try:
            question = self.question()
        except ValueError as exc:
            self.show_problem(str(exc))
            return
        saved = self._save(question)
        if saved is not None:
            self.saved = saved
            self.accept()
