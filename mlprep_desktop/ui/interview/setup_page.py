"""``SetupPage``: choose the interview (count, mix, topics, difficulty, timing, mode) and see
past interviews. Emits ``start_requested(InterviewConfig)`` and ``history_opened(session_id)``."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core.interview_models import (
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    CandidateGroup,
    InterviewConfig,
    InterviewMode,
    InterviewRecord,
    Timing,
)
from mlprep_desktop.core.interview_plan import BALANCED_ORDER, RECENT_SESSIONS, pool_sizes
from mlprep_desktop.core.models import DIFFICULTIES, TOPICS, topic_label
from mlprep_desktop.ui.interview.history_model import SESSION_ID_ROLE, InterviewHistoryModel

_TIMINGS = (
    (Timing.TOTAL, "One total limit"),
    (Timing.QUESTION_MINUTES, "Each question's own time"),
    (Timing.FIXED, "Fixed time per question"),
)
_MODE_HELP = {
    InterviewMode.EXAM: "Exam: difficulty and model answers stay hidden until the review.",
    InterviewMode.PRACTICE: "Practice: you may reveal each model answer as you go (noted in the review).",
}


def _questions_fit(n: int) -> str:
    return "1 question fits" if n == 1 else f"{n} questions fit"


def _named(widget, name: str, accessible: str, tip: str):
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    widget.setToolTip(tip)
    return widget


class SetupPage(QWidget):
    start_requested = Signal(object)  # InterviewConfig
    history_opened = Signal(int)  # session id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interviewSetupPage")
        self._groups: list[CandidateGroup] = []  # the questions counted per type, topic, difficulty
        self._blocked: str | None = None
        self._chosen_types: set[str] = set(BALANCED_ORDER)  # the user's ticks for "Chosen types"
        self._build()
        self._refresh_info()

    def _build(self) -> None:
        tr = self.tr
        self.count = _named(QSpinBox(self), "interviewCount", tr("Number of questions"),
                            tr("How many questions (1–10)"))
        self.count.setRange(MIN_QUESTIONS, MAX_QUESTIONS)
        self.mix = _named(QComboBox(self), "interviewMix", tr("Question mix"),
                          tr("Balanced takes theory, math, applied and coding in turn"))
        self.mix.addItem(tr("Balanced"), "balanced")
        self.mix.addItem(tr("Chosen types"), "chosen")
        self.type_boxes: dict[str, QCheckBox] = {}
        types_row = QHBoxLayout()
        for kind in BALANCED_ORDER:
            box = _named(QCheckBox(tr(kind.capitalize()), self), f"interviewType{kind.capitalize()}",
                         tr(f"Include {kind} questions"), tr(f"Include {kind} questions"))
            box.setChecked(True)
            box.toggled.connect(lambda checked, k=kind: self._on_type_toggled(k, checked))
            self.type_boxes[kind] = box
            types_row.addWidget(box)
        types_row.addStretch(1)
        self.topics = QWidget(self)
        self.topics.setObjectName("interviewTopics")
        self.topics.setAccessibleName(tr("Topics"))
        self.topic_boxes: dict[str, QCheckBox] = {}
        topics_grid = QGridLayout(self.topics)
        topics_grid.setContentsMargins(0, 0, 0, 0)
        topics_grid.setVerticalSpacing(2)
        rows = (len(TOPICS) + 1) // 2
        for n, slug in enumerate(TOPICS):
            box = _named(QCheckBox(tr(topic_label(slug)).replace("&", "&&"), self.topics), f"interviewTopic_{slug}",
                         tr(f"Topic {topic_label(slug)}"), tr("Tick topics to draw from; none ticked means every topic"))
            self.topic_boxes[slug] = box
            topics_grid.addWidget(box, n % rows, n // rows)
        self.topics_hint = QLabel(tr("No topic ticked means every topic."), self)
        self.clear_topics = _named(QPushButton(tr("Clear topics"), self), "interviewClearTopics",
                                   tr("Clear topics"), tr("Untick every topic: draw from all of them"))
        self.clear_topics.clicked.connect(self._on_clear_topics_clicked)
        self.difficulty = _named(QComboBox(self), "interviewDifficulty", tr("Difficulty"),
                                 tr("Only questions of this difficulty"))
        self.difficulty.addItem(tr("Any level"), None)
        for level in DIFFICULTIES:
            self.difficulty.addItem(tr(level.capitalize()), level)
        self.timing = _named(QComboBox(self), "interviewTiming", tr("Timing"), tr("How the clock's budget is set"))
        for value, label in _TIMINGS:
            self.timing.addItem(tr(label), value.value)
        self.fixed_minutes = _named(QSpinBox(self), "interviewFixedMinutes", tr("Minutes per question"),
                                    tr("Minutes allowed for every question"))
        self.fixed_minutes.setRange(1, 60)
        self.fixed_minutes.setSuffix(tr(" min per question"))
        self.total_minutes = _named(QSpinBox(self), "interviewTotalMinutes", tr("Total minutes"),
                                    tr("Minutes for the whole interview, shared by the questions' own times"))
        self.total_minutes.setRange(5, 240)
        self.total_minutes.setSuffix(tr(" min in total"))
        self.mode = _named(QComboBox(self), "interviewMode", tr("Mode"),
                           tr("Exam hides difficulty and answers until the end; practice lets you reveal them"))
        self.mode.addItem(tr("Exam"), InterviewMode.EXAM.value)
        self.mode.addItem(tr("Practice"), InterviewMode.PRACTICE.value)
        self.mode_help = QLabel(self)
        self.mode_help.setWordWrap(True)
        self.info = QLabel(self)
        self.info.setObjectName("interviewSetupInfo")
        self.info.setWordWrap(True)
        self.start = _named(QPushButton(tr("Start interview (Ctrl+Enter)"), self), "interviewStart",
                            tr("Start interview"), tr("Start the clock with the first question (Ctrl+Enter)"))
        self.start.setDefault(True)

        form_box = QGroupBox(tr("New mock interview"), self)
        form = QFormLayout(form_box)
        form.addRow(tr("&Questions:"), self.count)
        form.addRow(tr("&Mix:"), self.mix)
        form.addRow("", types_row)
        topics_label = QLabel(tr("&Topics:"), form_box)
        topics_label.setBuddy(self.topic_boxes[TOPICS[0]])
        form.addRow(topics_label, self.topics)
        topics_row = QHBoxLayout()
        topics_row.addWidget(self.topics_hint, 1)
        topics_row.addWidget(self.clear_topics)
        form.addRow("", topics_row)
        form.addRow(tr("&Difficulty:"), self.difficulty)
        timing_row = QHBoxLayout()
        timing_row.addWidget(self.timing, 1)
        timing_row.addWidget(self.fixed_minutes)
        timing_row.addWidget(self.total_minutes)
        timing_label = QLabel(tr("T&iming:"), form_box)
        timing_label.setBuddy(self.timing)
        form.addRow(timing_label, timing_row)
        form.addRow(tr("M&ode:"), self.mode)
        form.addRow("", self.mode_help)

        self.history_model = InterviewHistoryModel(self)
        self.history = _named(QTableView(self), "interviewHistory", tr("Past interviews"),
                              tr("Past interviews: double-click or press Enter to open the review"))
        self.history.setModel(self.history_model)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setAlternatingRowColors(True)
        self.history.verticalHeader().hide()
        self.history.setWordWrap(False)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.open_history = _named(QPushButton(tr("Open review"), self), "interviewOpenHistory",
                                   tr("Open review"), tr("Show the selected interview's review (Enter)"))
        self.history_empty = QLabel(tr("No interviews yet. Your past sessions will be listed here."), self)
        self.history_empty.setObjectName("interviewHistoryEmpty")
        history_box = QGroupBox(tr("Past interviews"), self)
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history_empty)
        history_layout.addWidget(self.history, 1)
        history_layout.addWidget(self.open_history, 0, Qt.AlignmentFlag.AlignRight)

        form_scroll = QScrollArea(self)  # a short window scrolls the form instead of clipping it
        form_scroll.setObjectName("interviewSetupScroll")
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        form_scroll.setWidget(form_box)
        form_scroll.setMinimumWidth(form_box.sizeHint().width() + 20)
        # What the choices add up to and Start stay below the scrolled form: reachable at 1024×640.
        left = QWidget(self)
        left.setObjectName("interviewSetupColumn")
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(form_scroll, 1)
        column.addWidget(self.info)
        column.addWidget(self.start, 0, Qt.AlignmentFlag.AlignLeft)
        # On a wide screen the form stays a form (about 100 characters), the history takes the rest.
        left.setMaximumWidth(max(form_scroll.minimumWidth(), self.fontMetrics().averageCharWidth() * 100))
        layout = QHBoxLayout(self)
        layout.addWidget(left, 2)
        layout.addWidget(history_box, 3)

        self.mix.currentIndexChanged.connect(self._on_choice_changed)
        self.timing.currentIndexChanged.connect(self._on_choice_changed)
        self.mode.currentIndexChanged.connect(self._on_choice_changed)
        self.difficulty.currentIndexChanged.connect(self._on_choice_changed)
        self.count.valueChanged.connect(self._on_choice_changed)
        for box in self.topic_boxes.values():
            box.toggled.connect(self._on_choice_changed)
        self.start.clicked.connect(self.request_start)
        self.open_history.clicked.connect(self._on_open_history_clicked)
        self.history.activated.connect(self._on_history_activated)
        self.set_config(InterviewConfig())

    # ----- public API
    def config(self) -> InterviewConfig:
        chosen = self.mix.currentData() == "chosen"
        return InterviewConfig(
            count=self.count.value(),
            types=tuple(k for k, box in self.type_boxes.items() if box.isChecked()) if chosen else (),
            topics=tuple(self._checked_topics()),
            difficulty=self.difficulty.currentData(),
            timing=Timing(self.timing.currentData()),
            fixed_minutes=self.fixed_minutes.value(),
            total_minutes=self.total_minutes.value(),
            mode=InterviewMode(self.mode.currentData()),
        )

    def set_config(self, config: InterviewConfig) -> None:
        self.count.setValue(config.count)
        self._chosen_types = set(BALANCED_ORDER) if config.balanced else set(config.types)
        self.mix.setCurrentIndex(0 if config.balanced else 1)
        for slug, box in self.topic_boxes.items():
            box.blockSignals(True)
            box.setChecked(slug in config.topics)
            box.blockSignals(False)
        self.difficulty.setCurrentIndex(max(0, self.difficulty.findData(config.difficulty)))
        self.timing.setCurrentIndex(max(0, self.timing.findData(config.timing.value)))
        self.fixed_minutes.setValue(config.fixed_minutes)
        self.total_minutes.setValue(config.total_minutes)
        self.mode.setCurrentIndex(max(0, self.mode.findData(config.mode.value)))
        self._on_choice_changed()

    def set_candidates(self, groups: Sequence[CandidateGroup]) -> None:
        """The questions an interview can draw, counted per (type, topic, difficulty) with how
        many were answered recently: what "N questions fit" counts."""
        self._groups = list(groups)
        self._refresh_info()

    def set_history(self, records: list[InterviewRecord]) -> None:
        self.history_model.set_records(records)
        empty = not records
        self.history_empty.setVisible(empty)
        self.open_history.setEnabled(not empty)
        if records:
            self.history.selectRow(0)

    def set_blocked(self, reason: str | None) -> None:
        """Disable Start, saying why (e.g. an interrupted interview waits to be resumed)."""
        self._blocked = reason
        self._refresh_info()

    def request_start(self) -> None:
        if self.start.isEnabled():
            self.start_requested.emit(self.config())

    def open_selected(self) -> None:
        index = self.history.currentIndex()
        if index.isValid():
            self.history_opened.emit(index.data(SESSION_ID_ROLE))

    # ----- internals
    def _checked_topics(self) -> list[str]:
        return [slug for slug, box in self.topic_boxes.items() if box.isChecked()]

    def _on_type_toggled(self, kind: str, checked: bool) -> None:
        if self.mix.currentData() == "chosen":
            (self._chosen_types.add if checked else self._chosen_types.discard)(kind)
        self._on_choice_changed()

    def _on_choice_changed(self, *_args) -> None:
        chosen = self.mix.currentData() == "chosen"
        for kind, box in self.type_boxes.items():
            # Balanced draws every type in turn, so its (greyed) boxes are all ticked; the
            # user's own ticks come back when "Chosen types" is picked again.
            box.blockSignals(True)
            box.setChecked(kind in self._chosen_types if chosen else True)
            box.blockSignals(False)
            box.setEnabled(chosen)
            box.setToolTip(self.tr(f"Include {kind} questions") if chosen else self.tr(
                "Balanced takes every type in turn; choose \"Chosen types\" to pick them"))
        timing = Timing(self.timing.currentData())
        self.fixed_minutes.setVisible(timing is Timing.FIXED)
        self.total_minutes.setVisible(timing is Timing.TOTAL)
        self.mode_help.setText(self.tr(_MODE_HELP[InterviewMode(self.mode.currentData())]))
        self._refresh_info()

    def _refresh_info(self) -> None:
        if not hasattr(self, "start"):
            return
        config = self.config()
        pool, fresh = pool_sizes(self._groups, config)
        no_types = self.mix.currentData() == "chosen" and not any(b.isChecked() for b in self.type_boxes.values())
        if self._blocked:
            text, ok = self._blocked, False
        elif no_types:
            text, ok = self.tr("Tick at least one question type, or choose Balanced."), False
        elif not pool:
            text, ok = self.tr("No questions match these choices. Tick more topics or types, or pick any level."), False
        else:
            n = min(config.count, pool)
            recent = pool - fresh
            if not recent:
                text = self.tr(f"{_questions_fit(pool)}; this interview will have {n}.")
            elif fresh >= n:
                text = self.tr(f"{_questions_fit(fresh)}; this interview will have {n}. Not counted: "
                               f"{recent} you answered in your last {RECENT_SESSIONS} interviews.")
            else:
                repeats = n - fresh
                text = self.tr(f"{_questions_fit(pool)}, {fresh or 'none'} of them new since your last "
                               f"{RECENT_SESSIONS} interviews; this interview will have {n}, "
                               f"{repeats} of them {'a repeat' if repeats == 1 else 'repeats'}.")
            ok = True
        self.info.setText(text)
        self.start.setEnabled(ok)

    def _on_clear_topics_clicked(self) -> None:
        for box in self.topic_boxes.values():
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self._on_choice_changed()

    def _on_history_activated(self, index: QModelIndex) -> None:
        self.history_opened.emit(index.data(SESSION_ID_ROLE))

    def _on_open_history_clicked(self) -> None:
        self.open_selected()
