"""``InterviewTab``: timed mock interviews — set-up, running against the clock, review and summary.

Pages: set-up (with the history), running, review. A banner above them offers to resume or
abandon an interview that a crash or a close interrupted. A coding exercise is answered in a
``CodingPane`` (children named ``interviewCodeEditor``, ``interviewRunTestsButton`` …): its code
is the item's answer, each run is stored as the item's last run; the review shows the code in
a read-only pane (``interviewReviewCodeEditor`` …) that can run the final code again. Moving to
another question, ending the interview or leaving the review stops a run and waits for its child. A ``TabPage``: its writes report
``INTERVIEWS`` (and ``STUDY_STATE`` for flags) through the window's ``OperationRunner``. Time
comes from ``clock`` (default: the context's, injected by the composition root).
"""
from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from mlprep_desktop.core.interview_models import InterviewConfig, InterviewMode, SessionStatus
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.changes import Change, ChangeKind
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.ui.interview.interview_runner import InterviewRunner
from mlprep_desktop.ui.operation_runner import OperationRunner
from mlprep_desktop.ui.tab_page import TabPage
from mlprep_desktop.ui.theme import render_theme

if TYPE_CHECKING:
    from mlprep_desktop.services.interview_ops import InterviewOperations
    from mlprep_desktop.ui.coding.coding_pane import CodingPane


# Built with the running and review pages (see InterviewTab._build_answer_pages).
_ANSWER_PAGES = frozenset({"running", "review", "coding", "review_coding", "_renderer"})


class InterviewTab(TabPage):
    sketch_requested = Signal(int, str)  # interview item id, question title

    def __init__(self, context: AppContext, operations: OperationRunner, parent: QWidget | None = None,
                 clock: Callable[[], float] | None = None, rng: random.Random | None = None) -> None:
        super().__init__(operations, parent, lazy=True)
        self.setObjectName("interviewTab")
        self.setAccessibleName(self.tr("Mock interview"))
        self._ctx = context
        self._rng = rng or random.Random()
        self._sketch_enabled = False
        # The runner exists before the page (the interview bar follows it); it only runs once
        # the page has started or resumed an interview.
        self.runner = InterviewRunner(context, operations, clock or context.clock, self)
        if context.interviews.unfinished() is not None:
            # After construction, once the main window listens to ``message``; cancelled with the tab.
            QTimer.singleShot(0, self, lambda: self.message.emit(
                self.tr("An interrupted mock interview can be resumed in the Interview tab.")))

    @property
    def _ops(self) -> InterviewOperations:  # made on first use (not at start-up: issue 16)
        return self._ctx.interview_ops

    def build_page(self) -> None:
        """The set-up page and the banner (on first show: see TabPage). Their modules are
        imported here, not when the app starts; the running and review pages are built when
        first needed (``_build_answer_pages``)."""
        from mlprep_desktop.ui.interview.resume_banner import ResumeBanner
        from mlprep_desktop.ui.interview.setup_page import SetupPage

        self._revealed = False
        self.banner = ResumeBanner(self)
        self.setup = SetupPage(self)
        self._review_item_id: int | None = None
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("interviewPages")
        self.pages.addWidget(self.setup)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self._wire()
        self._shortcuts()
        self._defaults_shown = self._ops.last_config()
        self.setup.set_config(self._defaults_shown)
        self._refresh_setup()
        self._offer_resume()

    def _build_answer_pages(self) -> None:
        """The running and review pages with their coding panes and the question renderer:
        built when an interview starts or resumes, a past one is opened, or code first reads one
        of them (``running``, ``review``, ``coding``, ``review_coding``: see ``__getattr__``).
        The set-up page alone is what a visit to the tab shows (issue 16: the two pages held
        ~180 of the window's ~690 widgets)."""
        from mlprep_desktop.rendering.markdown_html import MarkdownRenderer
        from mlprep_desktop.ui.coding.coding_pane import CodingPane
        from mlprep_desktop.ui.interview.review_page import ReviewPage
        from mlprep_desktop.ui.interview.running_page import RunningPage

        self.ensure_built()
        context, operations = self._ctx, self.operations
        self._renderer = MarkdownRenderer(render_theme(self))
        coding = CodingPane(context.exercise_ops, operations, context="interview", drafts=False,
                            name_prefix="interview", parent=self)
        coding.recorder = self._record_answer_run
        review_coding = CodingPane(context.exercise_ops, operations, context="interview", drafts=False,
                                   name_prefix="interviewReview", parent=self)
        review_coding.set_read_only(True)
        review_coding.recorder = self._record_review_run
        running = RunningPage(self, coding=coding)
        review = ReviewPage(context.questions.get, self, coding=review_coding)
        self.coding, self.review_coding, self.running, self.review = coding, review_coding, running, review
        self.pages.addWidget(running)
        self.pages.addWidget(review)
        self._wire_answer_pages()
        running.sketch.setVisible(self._sketch_enabled)

    if not TYPE_CHECKING:  # mypy sees the attributes _build_answer_pages sets
        def __getattr__(self, name: str):
            if name in _ANSWER_PAGES and self.is_built and self.__dict__.get("running") is None:
                self._build_answer_pages()
                return getattr(self, name)
            return super().__getattr__(name)

    def _page_shown(self, name: str) -> bool:
        """Whether the page ``name`` ('running' or 'review') is the one shown (never builds it)."""
        page = self.__dict__.get(name)
        return page is not None and self.pages.currentWidget() is page

    def in_review(self) -> bool:
        """Whether the review page is shown (the main window asks; builds nothing)."""
        return self.is_built and self._page_shown("review")

    # ----- construction
    def _wire(self) -> None:
        self.setup.start_requested.connect(self.start)
        self.setup.history_opened.connect(self.open_history)
        self.banner.resume_clicked.connect(self.resume_interrupted)
        self.banner.abandon_clicked.connect(self.abandon_interrupted)
        r = self.runner
        r.ticked.connect(self._on_runner_ticked)
        r.question_changed.connect(self._on_runner_question_changed)
        r.time_ran_out.connect(self._on_runner_time_ran_out)
        r.finished.connect(self._on_runner_finished)
        r.error_occurred.connect(self.error_occurred)

    def _wire_answer_pages(self) -> None:
        r, run = self.runner, self.running
        run.next_clicked.connect(r.next)
        run.previous_clicked.connect(r.previous)
        run.skip_clicked.connect(r.skip)
        run.end_clicked.connect(self.end_early)
        run.pause_clicked.connect(r.toggle_pause)
        run.reveal_clicked.connect(self.toggle_reveal)
        run.sketch_clicked.connect(self._on_running_sketch_clicked)
        run.answer.textChanged.connect(lambda: r.set_answer(run.answer.toPlainText()))
        run.answer.focus_lost.connect(r.flush_answer)
        self.coding.code_edited.connect(self._on_coding_code_edited)
        self.coding.editor.focus_lost.connect(r.flush_answer)
        self.coding.run_recorded.connect(r.update_item)
        self.coding.error_occurred.connect(self.error_occurred)
        self.review_coding.run_recorded.connect(self._on_review_coding_run_recorded)
        self.review_coding.error_occurred.connect(self.error_occurred)
        self.review.code_item_shown.connect(self._on_review_code_item_shown)
        self.review.key_point_toggled.connect(self._on_review_key_point_toggled)
        self.review.score_set.connect(self._on_review_score_set)
        self.review.flag_weak_clicked.connect(self.flag_weak_questions)
        self.review.done_clicked.connect(self._on_review_done_clicked)

    def _shortcuts(self) -> None:
        def add(keys, slot) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        ctrl = Qt.KeyboardModifier.ControlModifier
        shift = Qt.KeyboardModifier.ShiftModifier
        alt = Qt.KeyboardModifier.AltModifier
        running, reviewing = self._when_running, self._when_reviewing
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            add(QKeySequence(ctrl | key), self._on_primary_key)  # start, or next / finish
            add(QKeySequence(ctrl | shift | key), lambda: running(self.runner.skip))
        add(QKeySequence(alt | Qt.Key.Key_Right), lambda: running(self.runner.next))
        add(QKeySequence(alt | Qt.Key.Key_Left), lambda: running(self.runner.previous))
        add(QKeySequence(ctrl | Qt.Key.Key_P), lambda: running(self.runner.toggle_pause))
        add(QKeySequence(ctrl | shift | Qt.Key.Key_E), lambda: running(self.end_early))
        add(QKeySequence(ctrl | Qt.Key.Key_R), lambda: running(self.toggle_reveal))
        add(QKeySequence(alt | Qt.Key.Key_Down), lambda: reviewing(lambda: self.review.step(1)))
        add(QKeySequence(alt | Qt.Key.Key_Up), lambda: reviewing(lambda: self.review.step(-1)))
        for value in (1, 2, 3, 4):  # Ctrl+1..4 technical accuracy, Alt+1..4 communication
            digit = Qt.Key(Qt.Key.Key_0 + value)
            add(QKeySequence(ctrl | digit), lambda v=value: reviewing(lambda: self.review.score_current("accuracy", v)))
            add(QKeySequence(alt | digit),
                lambda v=value: reviewing(lambda: self.review.score_current("communication", v)))

    # ----- tab protocol
    def flush_pending(self) -> bool:
        """Write the pending answer and the clock now (tab switch, focus loss, close, quit)."""
        return self.runner.flush()

    def on_data_changed(self, change: Change) -> None:
        if change.concerns(ChangeKind.QUESTIONS):
            self._refresh_setup()
        if change.concerns(ChangeKind.SETTINGS) and self.pages.currentWidget() is self.setup:
            self._take_default_setup()
        if change.concerns(ChangeKind.STUDY_STATE) and self._page_shown("review"):
            self.review.set_flagged(self._flagged_ids())

    def _take_default_setup(self) -> None:
        """Edit › Preferences changed the interview defaults: the set-up shows them (the
        topics, mix and difficulty being chosen stay)."""
        from dataclasses import replace

        stored = self._ops.last_config()
        if stored == self._defaults_shown:
            return  # another setting changed (the daily goal …): keep what is being chosen
        self._defaults_shown = stored
        self.setup.set_config(replace(self.setup.config(), count=stored.count, timing=stored.timing,
                                      fixed_minutes=stored.fixed_minutes, total_minutes=stored.total_minutes,
                                      mode=stored.mode))

    def enable_sketch(self, enabled: bool) -> None:
        """Show the Sketch button once the whiteboard exists (the main window decides)."""
        self._sketch_enabled = enabled
        if self.is_built and self.__dict__.get("running") is not None:
            self.running.sketch.setVisible(enabled)

    # ----- actions
    def start(self, config: InterviewConfig | None = None) -> bool:
        """Plan and start an interview with ``config`` (default: the set-up pane's).

        Refused while an interview runs, or while an interrupted one waits: that one is then
        offered in the banner (so Start is never blocked without saying what to do)."""
        config = config or self.setup.config()
        if self.runner.active or self._offer_resume():
            self.message.emit(self.tr("Resume or abandon the interrupted interview first."))
            return False
        outcome = self.operations.run(lambda: self._ops.start(config, self._rng), source=self)
        if outcome is None:
            return False
        if outcome.value is None:
            self.message.emit(self.tr("No questions match these choices."))
            return False
        self._begin(outcome.value)
        return True

    def resume_interrupted(self) -> None:
        """Resume the interview the banner offers (if it is still unfinished)."""
        record = self._offered()
        if record is None:
            self._offer_resume()
            return
        self.banner.hide()
        self.setup.set_blocked(None)
        self._begin(record)
        self.message.emit(self.tr("Interview resumed; the clock is running again."))

    def abandon_interrupted(self) -> None:
        """Abandon the interview the banner offers; the next interrupted one (if any) is offered."""
        record = self._offered()
        if record is not None:
            if self.operations.run(lambda: self._ops.abandon(record.id), source=self) is None:
                return
            self.message.emit(self.tr("The interrupted interview was abandoned; it stays in the history."))
        self._refresh_setup()
        if self._offer_resume():
            self.message.emit(self.tr("Another interrupted interview is waiting: resume or abandon it too."))

    def end_early(self) -> None:
        if not self.runner.active:
            return
        session = self.runner.session
        left = session.count - session.current_index - 1
        not_asked = (self.tr("1 question after this one will not be asked.") if left == 1
                     else self.tr(f"{left} questions after this one will not be asked."))
        text = self.tr(f"End the interview now? {not_asked} "
                       "You will go straight to the review.") if left else self.tr(
            "End the interview now and go to the review?")
        if self.confirm(self.tr("End interview"), text):
            self.runner.end()

    def confirm(self, title: str, text: str) -> bool:
        """Ask a yes/no question (tests replace this or answer the message box)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("interviewConfirm")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def toggle_reveal(self) -> None:
        if not self.runner.active or self.runner.record.config.mode is not InterviewMode.PRACTICE:
            return
        self._revealed = not self._revealed
        if self._revealed:
            self.runner.reveal()
        self._render_current()

    def open_history(self, session_id: int) -> None:
        record = self._ctx.interviews.load(session_id)
        if record is None:
            return
        editable = record.status is SessionStatus.REVIEWING
        self.review.show_record(record, read_only=not editable, flagged=self._flagged_ids(record))
        self.pages.setCurrentWidget(self.review)

    def flag_weak_questions(self) -> None:
        """Flag every weak question of the review not flagged yet: all of them or none."""
        weak = self.review.summary.weak_question_ids()
        outcome = self.operations.run(lambda: self._ctx.study_ops.flag_all(weak), source=self)
        self.review.set_flagged(self._flagged_ids())
        if outcome is not None and outcome.value:
            n = len(outcome.value)
            self.message.emit(self.tr("Flagged 1 question to revisit in the Browse tab.") if n == 1
                              else self.tr(f"Flagged {n} questions to revisit in the Browse tab."))

    # ----- internals
    def _begin(self, record) -> None:
        self._revealed = False
        self.pages.setCurrentWidget(self.running)
        self.runner.begin(record)
        self.running.answer_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def _when_running(self, action) -> None:
        if self._page_shown("running") and self.runner.active:
            action()

    def _when_reviewing(self, action) -> None:
        if self._page_shown("review"):
            action()

    def _on_primary_key(self) -> None:
        page = self.pages.currentWidget()
        if page is self.setup:
            self.setup.request_start()
        elif self._page_shown("running") and self.runner.active:
            self.runner.next()

    def _on_runner_ticked(self) -> None:
        session = self.runner.session
        if session is None:
            return
        paused = session.status is SessionStatus.PAUSED
        self.running.clock.show_countdowns(session.question_countdown(), session.total_countdown(), paused=paused)
        if self.running.paused != paused:
            self.running.set_paused(paused)

    def _on_runner_question_changed(self, index: int) -> None:
        item = self.runner.current_item
        self._revealed = item.revealed
        self.running.show_question(index, self.runner.session.count, self._rendered(), self.runner.answer(item.id))
        self._show_code_answer(item)
        self.running.set_practice(self.runner.record.config.mode is InterviewMode.PRACTICE, self._revealed)
        self.running.set_paused(self.runner.session.status is SessionStatus.PAUSED)
        self.running.answer_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    # ----- coding exercises
    def _exercise_of(self, item):
        question = self._ctx.questions.get(item.question_id)
        return question.exercise if question is not None else None

    def _show_code_answer(self, item) -> None:
        """A coding item is answered in the code pane (its answer, else the starter, with its
        last run's results); any other item in the Markdown box. Stops a run of the item before."""
        if self._exercise_of(item) is None:
            self.coding.load(None)
            self.running.show_coding(False)
            return
        code = self.runner.answer(item.id) or self._ops.final_code(item)
        self.coding.load(item.question_id, code)
        self._show_stored_run(self.coding, item, code)
        self.running.show_coding(True)

    def _show_stored_run(self, pane: CodingPane, item, code: str) -> None:
        from mlprep_desktop.runner.results import result_from_dict

        run = item.code_run
        result = result_from_dict(run.result) if run is not None else None
        if result is not None:
            pane.show_result(result, "" if run.code == code else self.tr("an earlier run; the code changed since"))

    def _on_coding_code_edited(self) -> None:
        if self.running.coding_shown and self.runner.active:
            self.runner.set_answer(self.coding.code())

    def _record_answer_run(self, question_id: str, code: str, result):
        item = self.runner.current_item if self.runner.active else None
        if item is None or item.question_id != question_id:
            raise OperationError(self.tr("The run finished after its question was left; it was not kept."))
        return self._ops.record_code_run(item.id, code, result)

    def _record_review_run(self, question_id: str, code: str, result):
        return self._ops.record_code_run(self._review_item_id, code, result)

    def _on_review_code_item_shown(self, item) -> None:
        """Load the review's code pane with ``item``'s final code and its stored results."""
        from mlprep_desktop.runner.results import result_from_dict

        pane = self.review_coding
        if item is None:
            self._review_item_id = None
            pane.load(None)
            return
        self._review_item_id = item.id
        code = self._ops.final_code(item)
        pane.load(item.question_id, code)
        pane.set_run_enabled(not self.review.read_only)
        run = item.code_run
        if run is None:
            pane.summary.setText(self.tr("The tests were never run on this code.") if self.review.read_only else
                                 self.tr("The tests were not run on this code: Run tests scores it."))
        elif run.code != code:
            result = result_from_dict(run.result)
            if result is not None:
                pane.show_result(result, self.tr("an earlier run, before your last edit")
                                 + ("" if self.review.read_only else self.tr(": Run tests scores your final code")))
        else:
            self._show_stored_run(pane, item, code)

    def _on_review_coding_run_recorded(self, item) -> None:
        if self.review.record is not None and self.review.record.item(item.id) is not None:
            self.review.update_item(item)

    def _rendered(self):
        from mlprep_desktop.rendering.question_html import render_question

        item = self.runner.current_item
        question = self._ctx.questions.get(item.question_id)
        practice = self.runner.record.config.mode is InterviewMode.PRACTICE
        if question is None:
            return self._renderer.render(self.tr("*This question is no longer in the bank.*"))
        hint = (self.tr("Write your answer on the right. Show the model answer (Ctrl+R) only once you have tried.")
                if practice else self.tr("Write your answer on the right. The model answer comes in the review."))
        return render_question(self._renderer, question, reveal=practice and self._revealed,
                               show_difficulty=practice, show_minutes=False, hidden_hint=hint)

    def _render_current(self) -> None:
        if self.runner.active:
            self.running.show_rendered(self._rendered())
            self.running.set_practice(self.runner.record.config.mode is InterviewMode.PRACTICE, self._revealed)

    def _on_runner_time_ran_out(self, what: str) -> None:
        if what == "question":
            self.message.emit(self.tr("Time is up for this question. Carry on if you need to: "
                                      "the overtime is recorded."))
        else:
            self.message.emit(self.tr("The interview's total time is up. Finish when you are ready: "
                                      "overtime is recorded."))

    def _on_runner_finished(self, session_id: int) -> None:
        self.coding.load(None)  # answering is over: a run still going is stopped, its child gone
        record = self._ctx.interviews.load(session_id)
        if record is None:
            self._show_setup()
            return
        self.review.show_record(record, read_only=False, flagged=self._flagged_ids(record))
        self.pages.setCurrentWidget(self.review)
        self.message.emit(self.tr("Interview over. Review each answer, then see the summary."))

    def _on_review_key_point_toggled(self, item_id: int, index: int, checked: bool) -> None:
        self._write_review(lambda: self._ops.set_key_point(item_id, index, checked))

    def _on_review_score_set(self, item_id: int, kind: str, value: int) -> None:
        """A self-score; technical accuracy is also the question's review (FSRS)."""
        self._write_review(lambda: self._ops.set_score(item_id, kind, value))

    def _write_review(self, write) -> None:
        """Store one tick or score at once; on failure say so and show what is stored."""
        outcome = self.operations.run(write, source=self, on_error=lambda _: self._reload_review())
        if outcome is not None:
            self.review.update_item(outcome.value)

    def _reload_review(self) -> None:
        """Show what is stored again (after a failed write), on the same row."""
        if self.review.record is None:
            return
        record = self._ctx.interviews.load(self.review.record.id)
        if record is not None:
            row = self.review.list.currentRow()
            self.review.show_record(record, read_only=self.review.read_only, flagged=self._flagged_ids(record))
            self.review.list.setCurrentRow(row)

    def _on_review_done_clicked(self) -> None:
        """Done finishes the review and shows the summary (read-only from then on); on a
        read-only review the same button leads back to the set-up and the history."""
        record = self.review.record
        if record is None or self.review.read_only:
            self._show_setup()
            return
        outcome = self.operations.run(lambda: self._ops.complete(record.id), source=self)
        if outcome is None:
            return
        self._refresh_setup()  # the history lists it as completed when the candidate goes back
        completed = outcome.value
        if completed is None:
            self._show_setup()
            return
        self.review.show_record(completed, read_only=True, flagged=self._flagged_ids(completed))
        self.review.show_summary()
        self.message.emit(self.tr("Review finished and saved. Here is your summary; "
                                  "\"Back to set-up\" starts another interview."))

    def _on_running_sketch_clicked(self) -> None:
        if self.runner.active:
            item = self.runner.current_item
            self.runner.flush()
            self.sketch_requested.emit(item.id, item.title)

    def _show_setup(self) -> None:
        self.review_coding.load(None)
        self._refresh_setup()
        self.pages.setCurrentWidget(self.setup)
        self._offer_resume()  # an older interrupted interview may still wait

    def _refresh_setup(self) -> None:
        self.setup.set_candidates(self._ctx.interviews.candidate_groups())
        self.setup.set_history(self._ctx.interviews.history())

    def _offer_resume(self) -> bool:
        """Show the banner for the newest interrupted interview (and block Start), or hide it.
        Returns True when one waits. Nothing is offered while an interview runs here."""
        if self.runner.active:
            return False
        record = self._ctx.interviews.unfinished()
        if record is None:
            self.banner.hide()
            self.banner.record_id = None
            self.setup.set_blocked(None)
            return False
        self.banner.show_for(record, self._ctx.interviews.unfinished_count() - 1)
        self.setup.set_blocked(self.tr("An interrupted interview is waiting: resume or abandon it first (above)."))
        return True

    def _offered(self):
        """The session the banner offers, as stored now; None if it is no longer unfinished."""
        if self.banner.record_id is None:
            return None
        record = self._ctx.interviews.load(self.banner.record_id)
        return record if record is not None and record.status.unfinished else None

    def _flagged_ids(self, record=None) -> set[str]:
        record = record or self.review.record
        if record is None:
            return set()
        return {i.question_id for i in record.items if self._ctx.study.state(i.question_id).flagged}

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and self.is_built:
            from mlprep_desktop.rendering.markdown_html import MarkdownRenderer

            self._renderer = MarkdownRenderer(render_theme(self))
            self._render_current()
