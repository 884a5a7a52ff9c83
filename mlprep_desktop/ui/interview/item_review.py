"""``ItemReview``: one question's review — your answer beside the model answer, the key points
as a checklist pre-ticked by ``core.grading`` (with the words that matched), and the 1–4
self-scores for technical accuracy and communication. Emits what the candidate changes.

A coding question shows, instead of the rendered answer, ``coding`` (the tab's read-only
``CodingPane``: the code with its test results) beside the model answer, which holds the
reference solution; the tab loads the pane (``ReviewPage.code_item_shown``)."""
from __future__ import annotations

import math
import time

from PySide6.QtCore import QSizeF, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core.grading import (
    MATCH_THRESHOLD,
    MIN_MATCHED_WORDS,
    MIN_PHRASES,
    PHRASE_THRESHOLD,
    KeyPointMatch,
    accuracy_from_tests,
    answer_stems,
    match_key_point,
)
from mlprep_desktop.core.interview import format_duration
from mlprep_desktop.core.interview_models import SCORE_RANGE, InterviewItem, ItemStatus, KeyPointCheck
from mlprep_desktop.core.models import topic_label
from mlprep_desktop.rendering.markdown_html import MarkdownRenderer, RenderedHtml
from mlprep_desktop.ui.browser.question_view import QuestionView
from mlprep_desktop.ui.theme import document_css
from mlprep_desktop.ui.widgets.palette_style_sheet import set_palette_style_sheet

SCORE_TIPS = {
    "accuracy": ("Wrong or missing", "Partly right, with gaps", "Right on the essentials", "Precise and complete"),
    "communication": ("Hard to follow", "Understandable but muddled", "Clear and ordered", "Crisp: idea first, then detail"),
}


class KeyPointText(QuestionView):
    """A key point drawn like the answers (Markdown, math as images), as a frameless, wrapped,
    non-scrolling block as tall as its text. Mouse clicks pass through to the row."""

    def __init__(self, rendered: RenderedHtml, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.viewport().setAutoFillBackground(False)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        self.setPalette(palette)
        self.document().setDocumentMargin(0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._on_document_size_changed)
        self.show_rendered(rendered)

    def show_rendered(self, rendered: RenderedHtml) -> None:
        self._images = rendered.images
        self.document().setDefaultStyleSheet(document_css(self) + " p { margin-top: 0; margin-bottom: 0; }")
        self.setHtml(rendered.html)

    def _on_document_size_changed(self, size: QSizeF) -> None:
        height = max(self.fontMetrics().height(), math.ceil(size.height()))
        if height != self.height():
            self.setFixedHeight(height)


class KeyPointRow(QWidget):
    """A checkbox, the key point's wrapped text (clicking it toggles), and what matched."""

    toggled = Signal(bool)

    def __init__(self, index: int, check: KeyPointCheck, read_only: bool, rendered: RenderedHtml,
                 parent: QWidget | None = None, why: KeyPointMatch | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox(self)
        self.box.setObjectName(f"interviewKeyPoint{index}")
        self.box.setAccessibleName(check.text)
        self.box.setChecked(check.checked)
        self.box.setEnabled(not read_only)
        self.box.setToolTip(self.tr("Tick it if your answer covered this point"))
        self.text = KeyPointText(rendered, self)
        self.text.setObjectName(f"interviewKeyPointText{index}")
        self.text.setAccessibleName(check.text)
        self.match = QLabel(self._match_text(check), self)
        self.match.setObjectName(f"interviewKeyPointMatch{index}")
        self.match.setWordWrap(True)
        self.match.setTextFormat(Qt.TextFormat.PlainText)
        small = QFont(self.match.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        small.setItalic(True)
        self.match.setFont(small)
        if why is not None and why.words:
            self.match.setToolTip(self._why_text(why))
            self.setToolTip(self.match.toolTip())
        text_box = QVBoxLayout()
        text_box.setSpacing(0)
        text_box.addWidget(self.text)
        text_box.addWidget(self.match)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text_box, 1)
        self.box.toggled.connect(self.toggled)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        if self.box.isEnabled() and event.button() == Qt.MouseButton.LeftButton:
            self.box.toggle()
        super().mousePressEvent(event)

    def _match_text(self, check: KeyPointCheck) -> str:
        if not check.matched_words:
            return self.tr("matched: nothing")
        words = ", ".join(check.matched_words)
        if check.auto:
            return self.tr(f"matched: {words} — ticked automatically")
        return self.tr(f"matched: {words} — too few of its words to tick automatically")

    def _why_text(self, why: KeyPointMatch) -> str:
        """Why the grader did (not) tick this point: the words found, the words missing, the
        phrases found side by side, and the rule."""
        lines = [self.tr(f"Found {len(why.matched)} of its {len(why.words)} words: ") +
                 (", ".join(why.matched) or self.tr("none"))]
        if why.missing:
            lines.append(self.tr("Missing: ") + ", ".join(why.missing))
        if why.phrases:
            lines.append(self.tr("Phrases found side by side: ") + ", ".join(why.phrases))
        verdict = self.tr("Ticked automatically") if why.is_match else self.tr("Not ticked automatically")
        lines.append(verdict + self.tr(
            f": it needs {MATCH_THRESHOLD:.0%} of the words (at least {MIN_MATCHED_WORDS}), or "
            f"{MIN_PHRASES} phrases and {PHRASE_THRESHOLD:.0%} of the words. Formulas count by their "
            "symbols (\\delta, δ and delta are one word)."))
        return "\n".join(lines)


class ItemReview(QWidget):
    key_point_toggled = Signal(int, int, bool)  # item id, key point index, checked
    score_set = Signal(int, str, int)  # item id, "accuracy" | "communication", 1–4

    def __init__(self, parent: QWidget | None = None, coding: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interviewReviewItem")
        self.coding = coding
        self._item: InterviewItem | None = None
        self._rows: list[KeyPointRow] = []
        self.pending_math: tuple[tuple[str, bool, str], ...] = ()  # the key points' (see show_item)
        self.header = QLabel(self)
        self.header.setObjectName("interviewReviewHeader")
        self.header.setWordWrap(True)
        self.facts = QLabel(self)
        self.facts.setObjectName("interviewReviewFacts")
        self.facts.setWordWrap(True)
        self.your_answer = QuestionView(self)  # draws the answer's math; refuses files and the network
        self.your_answer.setObjectName("interviewReviewAnswer")
        self.your_answer.setAccessibleName(self.tr("Your answer"))
        self.model_answer = QuestionView(self)
        self.model_answer.setObjectName("interviewModelAnswer")
        self.model_answer.setAccessibleName(self.tr("Model answer"))

        answers = QSplitter(Qt.Orientation.Horizontal, self)
        answers.setChildrenCollapsible(False)
        self.yours = QStackedWidget(self)
        self.yours.addWidget(self._titled(self.tr("Your answer"), self.your_answer))
        if coding is not None:
            self.yours.addWidget(self._titled(self.tr("Your code and its tests"), coding))
        answers.addWidget(self.yours)
        answers.addWidget(self._titled(self.tr("Model answer"), self.model_answer))
        answers.setStretchFactor(0, 1)
        answers.setStretchFactor(1, 1)
        answers.setSizes([600, 600])  # code and reference side by side, the same width

        self.checklist = QWidget(self)
        self.checklist.setObjectName("interviewKeyPoints")
        self.checklist_layout = QVBoxLayout(self.checklist)
        self.checklist_layout.setContentsMargins(4, 4, 4, 4)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.checklist)
        self.score_groups: dict[str, QButtonGroup] = {}
        scores = QHBoxLayout()
        for kind, label in (("accuracy", self.tr("Technical accuracy:")), ("communication", self.tr("Communication:"))):
            scores.addWidget(QLabel(label, self))
            scores.addLayout(self._score_buttons(kind))
            scores.addSpacing(18)
        scores.addStretch(1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setToolTip(self.tr(
            f"A key point is pre-ticked when at least {MATCH_THRESHOLD:.0%} of its content words (and at least "
            f"{MIN_MATCHED_WORDS}) appear in your answer, or {MIN_PHRASES} of its phrases (\"chain rule\") and "
            f"{PHRASE_THRESHOLD:.0%} of its words do, after dropping common words and reducing words to "
            "their stems (\"regularised\" meets \"regularization\"); formulas count by their symbols "
            "(\\delta, δ and delta are the same word). Hover over a key point to see which words were found "
            "and which are missing. You decide: tick or untick any of them."))
        lower_layout.addWidget(self.hint)
        lower_layout.addWidget(scroll, 1)
        lower_layout.addLayout(scores)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        split.addWidget(answers)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([340, 280])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.facts)
        layout.addWidget(split, 1)

    def _titled(self, title: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(f"<b>{title}</b>", box)
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return box

    def _score_buttons(self, kind: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(2)
        group = QButtonGroup(self)
        group.setExclusive(True)
        for value in SCORE_RANGE:
            button = QPushButton(str(value), self)
            button.setObjectName(f"interview{kind.capitalize()}{value}")
            name = "Technical accuracy" if kind == "accuracy" else "Communication"
            button.setAccessibleName(self.tr(f"{name} {value} of 4"))
            key = "Ctrl" if kind == "accuracy" else "Alt"
            button.setToolTip(self.tr(f"{name} {value}/4: {SCORE_TIPS[kind][value - 1]} ({key}+{value})"))
            button.setCheckable(True)
            set_palette_style_sheet(button, "QPushButton:checked { background-color: palette(highlight);"
                                 " color: palette(highlighted-text); font-weight: bold; }")
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("00") + 24)
            group.addButton(button, value)
            row.addWidget(button)
        group.idClicked.connect(lambda value, k=kind: self._on_score_clicked(k, value))
        self.score_groups[kind] = group
        return row

    # ----- public
    @property
    def item(self) -> InterviewItem | None:
        return self._item

    def show_item(self, item: InterviewItem, index: int, count: int, answer: RenderedHtml, model: RenderedHtml,
                  read_only: bool, renderer: MarkdownRenderer | None = None, code: bool = False,
                  math_budget: float | None = None) -> None:
        """Show ``item``; its key points are drawn with ``renderer`` (math as images). ``code``:
        show the coding pane (the tab loads it) instead of the rendered answer. ``math_budget``:
        as for ``MarkdownRenderer.render``, shared by the key points; the formulas it leaves are
        in ``pending_math`` (draw them, then call ``redraw_key_points``)."""
        renderer = renderer or MarkdownRenderer()
        deadline = None if math_budget is None else time.perf_counter() + math_budget
        pending: dict[tuple[str, bool, str], None] = {}

        def render(text: str) -> RenderedHtml:
            budget = None if deadline is None else max(0.0, deadline - time.perf_counter())
            rendered = renderer.render(text, math_budget=budget)
            pending.update(dict.fromkeys(rendered.pending_math))
            return rendered

        self._item = item
        code = code and self.coding is not None
        self.yours.setCurrentIndex(1 if code else 0)
        self.header.setText(f"<h3>{self.tr(f'Question {index + 1} of {count}')}: {_escape(item.title)}</h3>")
        self.facts.setText(self._facts(item))
        self.hint.setText(self.tr("<b>Key points</b> — as ticked in this review (read-only).") if read_only else self.tr(
            "<b>Key points</b> — pre-ticked where your answer uses enough of their words; "
            "tick or untick to grade yourself honestly."))
        self.your_answer.show_rendered(answer if item.answer.strip() else
                                       RenderedHtml(f"<p><i>{self.tr('No answer was written.')}</i></p>"))
        self.model_answer.show_rendered(model)
        while self.checklist_layout.count():
            taken = self.checklist_layout.takeAt(0)
            if taken.widget() is not None:
                taken.widget().hide()
                taken.widget().deleteLater()
        self._rows = []
        stems = answer_stems(item.answer)
        for n, check in enumerate(item.key_points):
            why = match_key_point(check.text, stems)
            row = KeyPointRow(n, check, read_only, render(check.text), self.checklist, why)
            row.toggled.connect(lambda checked, i=n: self._on_key_point_toggled(i, checked))
            self.checklist_layout.addWidget(row)
            self._rows.append(row)
        if not item.key_points:
            none = self.tr("This question has no key points.")
            empty = KeyPointRow(0, KeyPointCheck(none), True, render(none), self.checklist)
            empty.box.hide()
            self.checklist_layout.addWidget(empty)
            self._rows.append(empty)
        self.checklist_layout.addStretch(1)
        for kind, value in (("accuracy", item.accuracy), ("communication", item.communication)):
            group = self.score_groups[kind]
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(group.id(button) == value)
                button.setEnabled(not read_only)
            group.setExclusive(True)
        self.pending_math = tuple(pending)

    def redraw_key_points(self, renderer: MarkdownRenderer) -> None:
        """Draw the key points again (their pending formulas are drawn now)."""
        if self._item is None:
            return
        for row, check in zip(self._rows, self._item.key_points):
            row.text.show_rendered(renderer.render(check.text))

    def replace_item(self, item: InterviewItem) -> None:
        """The shown item was saved with a change (a tick, a score, a test run): keep it and show
        its facts and scores as stored."""
        if self._item is not None and self._item.id == item.id:
            self._item = item
            self.facts.setText(self._facts(item))
            for kind, value in (("accuracy", item.accuracy), ("communication", item.communication)):
                group = self.score_groups[kind]
                if group.checkedId() != (value or -1):
                    group.setExclusive(False)
                    for button in group.buttons():
                        button.setChecked(group.id(button) == value)
                    group.setExclusive(True)

    def set_score(self, kind: str, value: int) -> None:
        """Keyboard path: score the shown item as if the button were clicked."""
        button = self.score_groups[kind].button(value)
        if button is not None and button.isEnabled():
            button.click()

    def key_point_boxes(self) -> list[QCheckBox]:
        return [row.box for row in self._rows if row.box.isVisibleTo(self)]

    def _facts(self, item: InterviewItem) -> str:
        spent = format_duration(item.elapsed_seconds)
        budget = format_duration(item.budget_seconds)
        parts = [topic_label(item.topic), item.type.capitalize(), self.tr(f"time {spent} of {budget}")]
        if item.overtime_seconds >= 1:
            parts.append(self.tr(f"over by {format_duration(item.overtime_seconds)}"))
        if item.status is ItemStatus.SKIPPED:
            parts.append(self.tr("skipped"))
        elif item.status is ItemStatus.PENDING:
            parts.append(self.tr("not reached"))
        if item.revealed:
            parts.append(self.tr("model answer was revealed while answering"))
        run = item.code_run
        if run is not None:
            score = accuracy_from_tests(run.passed, run.total, run.all_passed)
            parts.append(self.tr(f"tests {run.passed}/{run.total} passed → technical accuracy {score} of 4"))
        return " · ".join(p for p in parts if p)

    def _on_key_point_toggled(self, index: int, checked: bool) -> None:
        if self._item is not None:
            self.key_point_toggled.emit(self._item.id, index, checked)

    def _on_score_clicked(self, kind: str, value: int) -> None:
        if self._item is not None:
            self.score_set.emit(self._item.id, kind, value)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
