"""``ReviewPage``: after answering (or from the history), the summary and each question's review.

A list on the left (Summary, then the questions) picks what the right side shows. Read-only
for a past interview: ticks and scores are shown but cannot change. For a coding exercise the
item review shows ``coding`` (the tab's pane) and ``code_item_shown`` asks the tab to load it.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core.interview_models import InterviewItem, InterviewRecord, ItemStatus, SessionStatus
from mlprep_desktop.core.interview_summary import is_scored, item_score
from mlprep_desktop.core.models import Question
from mlprep_desktop.core.note_chunks import split_chunks, window_around
from mlprep_desktop.rendering.markdown_html import MarkdownRenderer, RenderedHtml
from mlprep_desktop.rendering.question_html import render_question
from mlprep_desktop.ui.interview.history_model import local_time
from mlprep_desktop.ui.interview.item_review import ItemReview
from mlprep_desktop.ui.interview.summary_view import SummaryView
from mlprep_desktop.ui.theme import render_theme
from mlprep_desktop.ui.widgets.math_prerenderer import RENDER_BUDGET_S, MathPrerenderer

SUMMARY_ROW = 0
# An answer longer than this (a pasted log, a huge formula dump) is reviewed a first part at a
# time, as the notebook previews long notes, so opening it never blocks for long.
REVIEW_ANSWER_CHARS = 12_000


class ReviewPage(QWidget):
    key_point_toggled = Signal(int, int, bool)  # item id, key point index, checked
    score_set = Signal(int, str, int)  # item id, kind, value
    flag_weak_clicked = Signal()
    done_clicked = Signal()
    code_item_shown = Signal(object)  # the coding InterviewItem now shown, or None (anything else)

    def __init__(self, questions, parent: QWidget | None = None, coding: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interviewReviewPage")
        self._questions = questions  # callable: question id -> Question | None
        self._renderer = MarkdownRenderer(render_theme(self))
        self.record: InterviewRecord | None = None
        self.read_only = False
        self._flagged: set[str] = set()
        self.title = QLabel(self)
        self.title.setObjectName("interviewReviewTitle")
        self.title.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("interviewReviewList")
        self.list.setAccessibleName(self.tr("Summary and questions"))
        self.list.setToolTip(self.tr("Pick the summary or a question (Alt+Up / Alt+Down)"))
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary = SummaryView(self)
        self.item_review = ItemReview(self, coding)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.summary)
        self.stack.addWidget(self.item_review)
        self.done = QPushButton(self.tr("Done"), self)
        self.done.setObjectName("interviewDone")
        self.done.setAccessibleName(self.tr("Done"))
        self.next_item = QPushButton(self.tr("Next ▸ (Alt+Down)"), self)
        self.next_item.setObjectName("interviewReviewNext")
        self.next_item.setAccessibleName(self.tr("Next in review"))
        self.next_item.setToolTip(self.tr("Review the next question, then the summary (Alt+Down)"))

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)
        split.addWidget(self.list)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 1000])
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.next_item)
        bottom.addWidget(self.done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        # an answer's formulas not drawn within RENDER_BUDGET_S are drawn a slice at a time
        self._math = MathPrerenderer(self)
        self._shown_question: Question | None = None  # the shown item's, for drawing it again
        self._math.finished.connect(self._on_math_finished)
        self.item_review.key_point_toggled.connect(self.key_point_toggled)
        self.item_review.score_set.connect(self.score_set)
        self.summary.flag_weak_clicked.connect(self.flag_weak_clicked)
        self.done.clicked.connect(self.done_clicked)
        self.next_item.clicked.connect(lambda: self.step(1))

    # ----- public
    def show_record(self, record: InterviewRecord, *, read_only: bool, flagged: set[str]) -> None:
        self.record = record
        self.read_only = read_only
        self._flagged = set(flagged)
        when = local_time(record.started_at)
        if read_only:
            self.title.setText(self.tr(f"<b>Interview of {when}</b> — {record.status_label.lower()}; "
                                       "read-only review."))
            self.done.setText(self.tr("Back to set-up"))
            self.done.setAccessibleName(self.tr("Back to set-up"))
            self.done.setToolTip(self.tr("Close the review: back to the set-up and the history of interviews"))
        else:
            self.title.setText(self.tr(f"<b>Review your interview of {when}</b> — tick the key points you "
                                       "covered and score each answer; everything is saved as you go."))
            self.done.setText(self.tr("Done"))
            self.done.setAccessibleName(self.tr("Done"))
            self.done.setToolTip(self.tr("Finish the review and see the summary"))
        self.list.blockSignals(True)
        self.list.clear()
        QListWidgetItem(self.tr("Summary"), self.list)
        for item in record.items:
            QListWidgetItem(self._label(item), self.list)
        self.list.blockSignals(False)
        self.summary.show_record(record, self._flagged)
        first = SUMMARY_ROW if read_only or record.status is SessionStatus.ABANDONED else 1
        self.list.blockSignals(True)  # shown once, below (the signal showed it a second time:
        self.list.setCurrentRow(first)  # ~45 ms more for a 300 KB answer)
        self.list.blockSignals(False)
        self._on_list_current_row_changed(first)

    def update_item(self, item: InterviewItem) -> None:
        """One item changed (tick or score): refresh its label and the summary, keep the view."""
        if self.record is None:
            return
        items = tuple(item if i.id == item.id else i for i in self.record.items)
        self.record = replace(self.record, items=items)
        row = next((n for n, i in enumerate(items, start=1) if i.id == item.id), None)
        if row is not None:
            self.list.item(row).setText(self._label(item))
        self.summary.show_record(self.record, self._flagged)
        self.item_review.replace_item(item)

    def set_flagged(self, flagged: set[str]) -> None:
        self._flagged = set(flagged)
        self.summary.set_flagged(self._flagged)

    def step(self, delta: int = 1) -> None:
        """Move through Summary and questions: after the last question comes the summary."""
        count = self.list.count()
        if count:
            self.list.setCurrentRow((self.list.currentRow() + delta) % count)

    def show_summary(self) -> None:
        self.list.setCurrentRow(SUMMARY_ROW)

    def score_current(self, kind: str, value: int) -> None:
        if self.stack.currentWidget() is self.item_review:
            self.item_review.set_score(kind, value)

    # ----- internals
    def _label(self, item: InterviewItem) -> str:
        mark = {ItemStatus.SKIPPED: " · skipped", ItemStatus.PENDING: " · not reached"}.get(item.status, "")
        scored = self.record is None or is_scored(self.record, item)
        score = f"{item_score(item) * 100:.0f}%" if scored else self.tr("not scored")
        return f"{item.position + 1}. {item.title}\n{score}{mark}"

    def _on_list_current_row_changed(self, row: int) -> None:
        if self.record is None or row < 0:
            return
        if row == SUMMARY_ROW:
            self._math.cancel()
            self.stack.setCurrentWidget(self.summary)
            self.code_item_shown.emit(None)
            return
        item = self.record.items[row - 1]
        question: Question | None = self._questions(item.question_id)
        self._shown_question = question
        answer, model = self._render_item(item, question)
        code = question is not None and question.exercise is not None and self.item_review.coding is not None
        # the key points too: their first formula drew at once (loading ziamath: ~0.3 s)
        self.item_review.show_item(item, row - 1, len(self.record.items), answer, model, self.read_only,
                                   self._renderer, code=code, math_budget=RENDER_BUDGET_S)
        self._math.start(dict.fromkeys(answer.pending_math + model.pending_math + self.item_review.pending_math))
        self.stack.setCurrentWidget(self.item_review)
        self.code_item_shown.emit(item if code else None)

    def _render_item(self, item: InterviewItem, question: Question | None) -> tuple[RenderedHtml, RenderedHtml]:
        """The answer and the model answer as HTML. Formulas not drawn within
        ``RENDER_BUDGET_S`` show as written until drawn a slice at a time (``_on_math_finished``):
        a long answer's first part can hold hundreds (~2 s to draw at once)."""
        answer = self._render_answer(item.answer)
        if question is not None:
            model = render_question(self._renderer, question, reveal=True, math_budget=RENDER_BUDGET_S)
        else:
            model = self._renderer.render(self.tr("*This question is no longer in the bank.*"))
        return answer, model

    def _on_math_finished(self) -> None:
        """The shown item's formulas are drawn: show its answers again, now with them."""
        item = self.item_review.item
        if item is None or self.stack.currentWidget() is not self.item_review:
            return
        answer, model = self._render_item(item, self._shown_question)
        self._math.start(dict.fromkeys(answer.pending_math + model.pending_math))  # none, unless the cache let go
        self.item_review.redraw_key_points(self._renderer)
        for view, rendered in ((self.item_review.your_answer, answer), (self.item_review.model_answer, model)):
            if view is self.item_review.your_answer and not item.answer.strip():
                continue
            bar = view.verticalScrollBar()
            position = bar.value()
            view.show_rendered(rendered)
            bar.setValue(position)

    def _render_answer(self, text: str) -> RenderedHtml:
        """The answer as HTML; a long one shown in its first pieces (whole Markdown blocks, cut
        where nothing carries over), with a note saying how much is shown."""
        if len(text) <= REVIEW_ANSWER_CHARS:
            return self._renderer.render(text, math_budget=RENDER_BUDGET_S)
        chunks = split_chunks(text)
        first, last = window_around(chunks, 0, REVIEW_ANSWER_CHARS, before=0)
        shown = "\n\n".join(chunk.text for chunk in chunks[first:last + 1])
        note = self.tr(f"*This answer is long ({len(text):,} characters), so the review shows its first part "
                       f"(lines 1–{chunks[last].last_line + 1} of {text.count(chr(10)) + 1}). The whole answer "
                       "is kept as you wrote it.*")
        return self._renderer.render(note + "\n\n" + shown, math_budget=RENDER_BUDGET_S)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._renderer = MarkdownRenderer(render_theme(self))
            self._on_list_current_row_changed(self.list.currentRow())
