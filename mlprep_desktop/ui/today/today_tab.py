"""``TodayTab``: what to study today. The overview (today's progress line, Start / Continue,
Review mistakes, the daily goal, the interview date, retention, the plan, and the progress
page) and the focused session (``SessionView``).

Every write goes through ``self.operations`` (services.today); reads come from
``context.today``. The session lives in the database, so leaving the tab, or the app, and
coming back resumes at the same question."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core.models import Question, Rating, topic_label
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.changes import Change, ChangeKind
from mlprep_desktop.services.today import TodayState
from mlprep_desktop.ui.operation_runner import OperationRunner
from mlprep_desktop.ui.tab_page import TabPage
from mlprep_desktop.ui.today.progress_view import ProgressView
from mlprep_desktop.ui.widgets.debounced_saver import DebouncedSaver

if TYPE_CHECKING:
    from mlprep_desktop.rendering.markdown_html import MarkdownRenderer
    from mlprep_desktop.ui.coding.coding_pane import CodingPane
    from mlprep_desktop.ui.today.session_view import SessionView


class TodayTab(TabPage):
    topic_browse_requested = Signal(str)  # a topic slug: show Browse filtered to it
    interview_requested = Signal(list)  # topic slugs: set up a mock interview on them

    def __init__(self, context: AppContext, operations: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(operations, parent)
        self.setObjectName("todayTab")
        self.setAccessibleName(self.tr("Today"))
        self._ctx = context
        self._today = context.today
        # The session's page, its code editor and renderer are made when a session first
        # starts (issue 16: the overview is what start-up shows): see ``session``.
        self._session: SessionView | None = None
        self._coding: CodingPane | None = None
        self._renderer: MarkdownRenderer | None = None
        self._question: Question | None = None
        self._revealed = False
        self._shown_at = 0.0
        self._stale = True
        self.state: TodayState | None = None
        self._build()
        self._saver = DebouncedSaver(self._save_attempt, parent=self)
        self._saver.failed.connect(self.error_occurred)
        self._wire()
        self.refresh()

    # ----- construction
    def _build(self) -> None:
        self.pages = QStackedWidget(self)
        overview = QWidget(self)
        self.overview = overview
        title = QLabel(self.tr("Today"), overview)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        self.progress_label = QLabel(overview)
        self.progress_label.setObjectName("todayProgress")
        self.progress_label.setAccessibleName(self.tr("Today's progress"))
        big = self.progress_label.font()
        big.setPointSizeF(big.pointSizeF() * 1.2)
        self.progress_label.setFont(big)
        self.plan_label = QLabel(overview)
        self.plan_label.setObjectName("todayPlanLabel")
        self.plan_label.setWordWrap(True)
        self.start_button = QPushButton(self.tr("Start (Enter)"), overview)
        self.start_button.setObjectName("todayStart")
        self.start_button.setAccessibleName(self.tr("Start today's session"))
        self.start_button.setToolTip(self.tr("Study today's questions one at a time: due reviews first, then new ones"))
        self.start_button.setDefault(True)
        self.mistakes_button = QPushButton(overview)
        self.mistakes_button.setObjectName("todayMistakes")
        self.mistakes_button.setToolTip(self.tr("Drill the questions rated Again or Hard in the last two weeks, "
                                                "or scored low in a mock interview"))
        self.goal_met = QLabel(overview)
        self.goal_met.setObjectName("todayGoalMet")
        self.goal_met.setWordWrap(True)
        self.more_reviews = QPushButton(self.tr("More reviews"), overview)
        self.more_reviews.setObjectName("todayMoreReviews")
        self.more_reviews.setToolTip(self.tr("Five more of the reviews due today"))
        self.more_new = QPushButton(self.tr("More new questions"), overview)
        self.more_new.setObjectName("todayMoreNew")
        self.more_new.setToolTip(self.tr("Five more new questions from the plan"))
        self.mock_interview = QPushButton(self.tr("Mock interview on weakest topics"), overview)
        self.mock_interview.setObjectName("todayMockInterview")
        self.mock_interview.setToolTip(self.tr("Set up a mock interview on the topics you recall least"))

        self.goal_spin = QSpinBox(overview)
        self.goal_spin.setObjectName("todayGoal")
        self.goal_spin.setAccessibleName(self.tr("Daily goal"))
        self.goal_spin.setRange(1, 50)
        self.goal_spin.setSuffix(self.tr(" questions a day"))
        self.goal_spin.setToolTip(self.tr("How many questions a day (reviews and new), 1–50"))
        self.date_check = QCheckBox(self.tr("Interview on"), overview)
        self.date_check.setObjectName("todayInterviewOn")
        self.date_check.setToolTip(self.tr("With a date, reviews are scheduled to land before it and the plan "
                                           "fits the remaining topics into the days left"))
        self.date_edit = QDateEdit(overview)
        self.date_edit.setObjectName("todayInterviewDate")
        self.date_edit.setAccessibleName(self.tr("Interview date"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.retention_spin = QDoubleSpinBox(overview)
        self.retention_spin.setObjectName("todayRetention")
        self.retention_spin.setAccessibleName(self.tr("Desired retention"))
        self.retention_spin.setRange(0.70, 0.97)
        self.retention_spin.setSingleStep(0.01)
        self.retention_spin.setDecimals(2)
        self.retention_spin.setToolTip(self.tr("The chance of recall FSRS aims for at each review (0.90 is usual; "
                                               "higher means more reviews)"))
        self.plan_button = QPushButton(self.tr("Edit plan…"), overview)
        self.plan_button.setObjectName("todayEditPlan")
        self.plan_button.setToolTip(self.tr("Which topics each week, the start date and the number of weeks"))

        self.progress_view = ProgressView(overview)

        head = QVBoxLayout()
        head.addWidget(title)
        head.addWidget(self.progress_label)
        head.addWidget(self.plan_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.mistakes_button)
        buttons.addStretch(1)
        head.addLayout(buttons)
        head.addWidget(self.goal_met)
        more = QHBoxLayout()
        for button in (self.more_reviews, self.more_new, self.mock_interview):
            more.addWidget(button)
        more.addStretch(1)
        head.addLayout(more)
        settings = QHBoxLayout()
        settings.addWidget(QLabel(self.tr("Goal:"), overview))
        settings.addWidget(self.goal_spin)
        settings.addSpacing(12)
        settings.addWidget(self.date_check)
        settings.addWidget(self.date_edit)
        settings.addSpacing(12)
        retention_label = QLabel(self.tr("Retention:"), overview)
        retention_label.setBuddy(self.retention_spin)
        settings.addWidget(retention_label)
        settings.addWidget(self.retention_spin)
        settings.addSpacing(12)
        settings.addWidget(self.plan_button)
        settings.addStretch(1)
        head.addLayout(settings)
        line = QFrame(overview)
        line.setFrameShape(QFrame.Shape.HLine)
        head.addWidget(line)
        overview_layout = QVBoxLayout(overview)
        overview_layout.addLayout(head)
        overview_layout.addWidget(self.progress_view, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(overview)

        self.pages.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def _wire(self) -> None:
        self.start_button.clicked.connect(lambda: self.start())
        self.mistakes_button.clicked.connect(lambda: self.start("mistakes"))
        self.more_reviews.clicked.connect(lambda: self._more("reviews"))
        self.more_new.clicked.connect(lambda: self._more("new"))
        self.mock_interview.clicked.connect(self._on_mock_interview_clicked)
        self.goal_spin.editingFinished.connect(self._on_goal_edited)
        self.goal_spin.valueChanged.connect(self._on_goal_edited)
        self.date_check.toggled.connect(self._on_date_edited)
        self.date_edit.editingFinished.connect(self._on_date_edited)
        self.retention_spin.editingFinished.connect(self._on_retention_edited)
        self.plan_button.clicked.connect(self.edit_plan)
        self.progress_view.topic_activated.connect(self.topic_browse_requested)

    def _build_session(self) -> SessionView:
        from mlprep_desktop.ui.coding.coding_pane import CodingPane
        from mlprep_desktop.ui.today.session_view import SessionView

        # A coding question: the same code editor as Browse (todayCodeEditor …; runs recorded as "today").
        self._coding = coding = CodingPane(self._ctx.exercise_ops, self.operations, context="today",
                                           name_prefix="today", parent=self)
        self._session = session = SessionView(coding, self)
        self.pages.addWidget(session)
        session.reveal_toggled.connect(self.toggle_answer)
        session.rated.connect(self.rate)
        session.flag_toggled.connect(self._on_session_flag_toggled)
        session.back_requested.connect(self.leave_session)
        session.attempt_edited.connect(self._saver.schedule)
        session.attempt_left.connect(self.flush_pending)
        coding.error_occurred.connect(self.error_occurred)
        return session

    # ----- public API (the main window and tests)
    @property
    def session(self) -> SessionView:
        """The focused session's page (made on first use)."""
        return self._session if self._session is not None else self._build_session()

    @property
    def coding(self) -> CodingPane:
        """The session's code editor and runner (made with the session's page)."""
        if self._coding is None:
            self._build_session()
        assert self._coding is not None
        return self._coding

    @property
    def in_session(self) -> bool:
        return self._session is not None and self.pages.currentWidget() is self._session

    @property
    def current_question(self) -> Question | None:
        return self._question if self.in_session else None

    @property
    def revealed(self) -> bool:
        return self._revealed

    def refresh(self) -> None:
        """Recompute today's state and the progress page, and show them."""
        self.refresh_today()
        self.refresh_progress()

    def refresh_progress(self) -> None:
        self.progress_view.show_snapshot(self._today.progress())

    def refresh_today(self) -> None:
        """Today's queue, session, streak and settings on the overview."""
        self.state = state = self._today.state()
        self._stale = False
        queue = state.queue
        self.progress_label.setText(queue.progress_text())
        self._set_plan_line(state)
        resumable = state.session is not None and self._today.next_question(state) is not None
        self.start_button.setText(self.tr("Continue (Enter)") if resumable else self.tr("Start (Enter)"))
        self.start_button.setEnabled(not queue.finished or resumable)
        self.mistakes_button.setText(self.tr(f"Review mistakes ({state.mistakes})"))
        self.mistakes_button.setEnabled(state.mistakes > 0)
        streak = state.streak
        days = f"{streak.current} day{'s' if streak.current != 1 else ''}"
        if queue.goal_met:
            self.goal_met.setText(self.tr(f"Goal met: {queue.done} questions today. Streak: {days} "
                                          f"(best {streak.best}). Keep going with more, or try a mock interview."))
        elif queue.finished:
            self.goal_met.setText(self.tr(f"Nothing more to study today ({queue.done} done). Streak: {days}."))
        else:
            self.goal_met.setText(self.tr(f"Streak: {days} (best {streak.best})."))
        for button in (self.more_reviews, self.more_new, self.mock_interview):
            button.setVisible(queue.finished)
        self.more_reviews.setEnabled(queue.due_left > 0)
        self.more_new.setEnabled(queue.new_left > len(queue.new) and not state.final_pass)
        self._show_settings(state)

    def start(self, mode: str = "goal") -> bool:
        """Start (or continue) the session; False if there is nothing to study."""
        if not self.flush_pending():
            return False
        state = self.state or self._today.state()
        if mode == "goal" and state.session is not None and state.session.mode == "goal":
            question_id = self._today.next_question(state)  # continue where it was
            if question_id is None:
                outcome = self.operations.run(lambda: self._today.start(mode), source=self)
                question_id = outcome.value if outcome else None
        else:
            outcome = self.operations.run(lambda: self._today.start(mode), source=self)
            if outcome is None:
                return False
            question_id = outcome.value
        if question_id is None:
            self.refresh()
            self.message.emit(self.tr("Nothing to study right now."))
            return False
        self._show(question_id)
        return True

    def leave_session(self) -> None:
        self.flush_pending()
        if self._coding is not None:
            self._coding.shutdown()  # a run still going is stopped (Browse does the same on a switch)
        self.pages.setCurrentIndex(0)
        self.refresh()
        self.start_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def toggle_answer(self) -> None:
        if self._question is None:
            return
        self._revealed = not self._revealed
        if self._revealed:
            question_id = self._question.id
            self.operations.run(lambda: self._ctx.study_ops.mark_seen(question_id), source=self)
        self.session.study_bar.set_revealed(self._revealed)
        self._render()

    def rate(self, value: int) -> None:
        """Rate the question on screen and move on (the answer must be shown first)."""
        if self._question is None:
            return
        if not self._revealed:
            self.message.emit(self.tr("Show the answer first (Space), then rate how well you knew it."))
            return
        if not self.flush_pending():
            return
        question_id, rating = self._question.id, Rating(value)
        spent = max(0.0, self._ctx.clock() - self._shown_at)
        outcome = self.operations.run(lambda: self._today.rate(question_id, rating, spent), source=self)
        if outcome is None:
            return
        self.message.emit(self.tr(f"Rated “{rating.label}”."))
        if outcome.value is None:
            self._question = None
            self.leave_session()
            done = self.state.queue.done if self.state else 0
            self.message.emit(self.tr(f"Session done: {done} questions today."))
        else:
            self._show(outcome.value)

    def edit_plan(self) -> None:
        from mlprep_desktop.ui.today.plan_dialog import PlanDialog  # when asked for, not at start

        state = self.state or self._today.state()
        dialog = PlanDialog(state.plan, self._ctx.cards.settings().interview_date, self)
        if dialog.exec():
            plan = dialog.plan()
            self.operations.run(lambda: self._today.set_plan(plan), source=self)
            self.refresh()

    # ----- tab protocol
    def on_data_changed(self, change: Change) -> None:
        if change.concerns(ChangeKind.STUDY_STATE, ChangeKind.SETTINGS, ChangeKind.QUESTIONS,
                           ChangeKind.INTERVIEWS, ChangeKind.EXERCISE_RUNS):
            self._stale = True
            if self.isVisible() and not self.in_session:
                self.refresh()

    def flush_pending(self) -> bool:
        return self._saver.flush() and (self._coding is None or self._coding.flush_pending())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().showEvent(event)
        if self._stale and not self.in_session:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._renderer = None  # made again in the new palette's colours
            self._render()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        if not self.in_session and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and self.start_button.isEnabled():
            self.start()
            return
        super().keyPressEvent(event)

    # ----- internals
    def _show(self, question_id: str) -> None:
        question = self._ctx.questions.get(question_id)
        if question is None:
            return
        self._question = question
        self._revealed = False
        self._shown_at = self._ctx.clock()
        self.operations.run(lambda: self._today.show(question_id), source=self)
        self.state = state = self._today.state()
        queue = state.queue
        if state.session is not None and state.session.mode == "mistakes":
            left = len(state.session.pending)
            info = self.tr(f"Reviewing mistakes · {left} left · {topic_label(question.topic)}")
        else:
            kind = (self.tr("again (learning step)") if question_id in queue.learning
                    else self.tr("review") if question_id in queue.reviews else self.tr("new"))
            info = self.tr(f"{queue.progress_text()} · this one: {kind} · {topic_label(question.topic)}")
        self.coding.load(question.id if question.exercise is not None else None)
        self.session.show_question(question, self._rendered(), info, self._ctx.study_ops.answer(question_id),
                                   self._ctx.study_ops.state(question_id).flagged, revealed=False)
        self.pages.setCurrentWidget(self.session)
        self.session.focus_question()

    def _rendered(self):
        from mlprep_desktop.rendering.markdown_html import MarkdownRenderer
        from mlprep_desktop.rendering.question_html import render_question
        from mlprep_desktop.ui.theme import render_theme

        assert self._question is not None
        if self._renderer is None:
            self._renderer = MarkdownRenderer(render_theme(self))
        return render_question(self._renderer, self._question, reveal=self._revealed,
                               titles=self._ctx.questions.titles())

    def _render(self) -> None:
        if self._question is not None and self.in_session:
            self.session.show_rendered(self._rendered())

    def _save_attempt(self) -> None:
        if self._question is not None:
            outcome = self._today.save_attempt(self._question.id, self.session.attempt.toPlainText())
            self.operations.publish(outcome.change, self)

    def _on_session_flag_toggled(self, flagged: bool) -> None:
        if self._question is None:
            return
        question_id = self._question.id
        outcome = self.operations.run(lambda: self._ctx.study_ops.set_flag(question_id, flagged), source=self,
                                      on_error=lambda _m: self.session.study_bar.set_flagged(not flagged))
        if outcome is not None:
            self.message.emit(self.tr("Flagged to revisit.") if flagged else self.tr("Flag removed."))

    def _more(self, kind: str) -> None:
        outcome = self.operations.run(lambda: self._today.more(kind), source=self)
        if outcome is not None and outcome.value is not None:
            self._show(outcome.value)
        else:
            self.refresh()

    def _on_mock_interview_clicked(self) -> None:
        topics = self._today.weakest_topics()
        self.interview_requested.emit(topics)

    def _set_plan_line(self, state: TodayState) -> None:
        plan = state.plan
        topics = ", ".join(topic_label(t) for t in plan.weeks[state.week])
        text = self.tr(f"Plan week {state.week + 1} of {len(plan.weeks)}: {topics}.")
        interview = state.settings.interview_date
        if interview is not None:
            days = (interview - self._today.now().date()).days
            if state.final_pass:
                text += " " + self.tr(f"Interview in {days} days: final pass, reviews only.")
            elif days >= 0:
                text += " " + self.tr(f"Interview in {days} days.")
        self.plan_label.setText(text)

    def _show_settings(self, state: TodayState) -> None:
        settings = state.settings
        for widget in (self.goal_spin, self.date_check, self.date_edit, self.retention_spin):
            widget.blockSignals(True)
        self.goal_spin.setValue(settings.goal)
        self.retention_spin.setValue(settings.retention)
        has_date = settings.interview_date is not None
        self.date_check.setChecked(has_date)
        self.date_edit.setEnabled(has_date)
        today = self._today.now().date()
        self.date_edit.setMinimumDate(_qdate(today.toordinal() + 1))
        self.date_edit.setDate(_qdate(settings.interview_date.toordinal()) if has_date
                               else _qdate(today.toordinal() + 28))
        for widget in (self.goal_spin, self.date_check, self.date_edit, self.retention_spin):
            widget.blockSignals(False)

    def _on_goal_edited(self, *_args) -> None:
        goal = self.goal_spin.value()
        if self.state is not None and goal == self.state.settings.goal:
            return
        self.operations.run(lambda: self._today.set_goal(goal), source=self)
        self.refresh()

    def _on_date_edited(self, *_args) -> None:
        self.date_edit.setEnabled(self.date_check.isChecked())
        chosen = date.fromordinal(self.date_edit.date().toJulianDay() - _JULIAN_OFFSET) \
            if self.date_check.isChecked() else None
        if self.state is not None and chosen == self.state.settings.interview_date:
            return
        self.operations.run(lambda: self._today.set_interview_date(chosen), source=self)
        self.refresh()

    def _on_retention_edited(self) -> None:
        value = round(self.retention_spin.value(), 2)
        if self.state is not None and abs(value - self.state.settings.retention) < 1e-9:
            return
        self.operations.run(lambda: self._today.set_retention(value), source=self)
        self.refresh()


_JULIAN_OFFSET = QDate(1, 1, 1).toJulianDay() - 1  # QDate Julian day -> Python ordinal


def _qdate(ordinal: int) -> QDate:
    return QDate.fromJulianDay(ordinal + _JULIAN_OFFSET)
