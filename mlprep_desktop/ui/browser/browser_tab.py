"""``BrowserTab``: search and filter the bank, read a question, reveal, rate, flag, draft an answer."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QSplitter, QVBoxLayout, QWidget

from mlprep_desktop.core.models import Question, QuestionFilter, Rating, Status
from mlprep_desktop.core.search_query import search_terms
from mlprep_desktop.core.study_card import StudyCard
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.changes import Change, ChangeKind
from mlprep_desktop.ui.operation_runner import OperationRunner
from mlprep_desktop.ui.tab_page import TabPage
from mlprep_desktop.ui.theme import render_theme
from mlprep_desktop.ui.widgets.debounced_saver import DebouncedSaver

if TYPE_CHECKING:
    from mlprep_desktop.ui.coding.coding_pane import CodingPane

class BrowserTab(TabPage):
    counts_changed = Signal(int, int)  # shown, total
    sketch_requested = Signal(str)  # question id: open its whiteboard board
    notes_requested = Signal(str)  # question id: open (or create) its note
    note_open_requested = Signal(int)  # note id: a note in "Notes that link here" was clicked

    # When the search runs: at once (on the next turn of the event loop, so the key is drawn
    # first) when the last search took at most FAST_SEARCH_MS, or when typing resumes after a
    # pause; else after a pause of twice the last search's time, between the bounds (a slow
    # search is not run for every key of a word typed quickly). Keys typed while a search runs
    # wait in the event queue and are all in the next one. FAST_SEARCH_MS is the latency
    # allowed from a key to the table showing its results (issue 16: 100 ms): a search within
    # it runs at once; waiting for a pause only pays for searches slower than that.
    FAST_SEARCH_MS = 100
    SEARCH_DELAY_MS = 150
    MIN_SEARCH_DELAY_MS = 15

    def __init__(self, context: AppContext, operations: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(operations, parent, lazy=True)
        self.setObjectName("browserTab")
        self.setAccessibleName(self.tr("Browse questions"))
        self._ctx = context
        self._backlinks_shown = False  # set by enable_links(notes=True)
        self._links = {"sketch": False, "notes": False}  # the Sketch / Notes buttons, shown once built

    def build_page(self) -> None:
        """The widgets, the search's first run (on first show: see TabPage). The modules of
        the page (Markdown, the question view, the coding pane) are imported here, not at start
        (issue 16)."""
        from mlprep_desktop.rendering.markdown_html import MarkdownRenderer
        from mlprep_desktop.ui.widgets.math_prerenderer import MathPrerenderer

        context = self._ctx
        self._renderer = MarkdownRenderer(render_theme(self))
        self._question: Question | None = None
        self._card: StudyCard | None = None  # the shown question: when shown, answer revealed
        self._answer_for: str | None = None
        self._rendered_for = ""  # the search text the shown question was highlighted for
        self._titles = context.questions.titles()
        # A search shows its results first: formulas of the question it selects that take
        # longer than RENDER_BUDGET_S to draw are drawn a slice at a time afterwards.
        self._math_budget: float | None = None
        self._math = MathPrerenderer(self)
        self._math.finished.connect(self._render)
        self._build()
        self._saver = DebouncedSaver(self._save_answer, parent=self)
        self._saver.failed.connect(self.error_occurred)
        self._wire()
        self.study_bar.sketch.setVisible(self._links["sketch"])
        self.study_bar.notes.setVisible(self._links["notes"])
        self.refresh()

    # ----- construction
    def _build(self) -> None:
        """Two panes side by side: the list (search, filters, table) and the question with
        the study buttons and "my answer"; their widgets are kept here under short names."""
        from mlprep_desktop.ui.browser.question_detail_pane import QuestionDetailPane
        from mlprep_desktop.ui.browser.question_list_pane import QuestionListPane

        self.list_pane = QuestionListPane(self)
        self.search_box, self.filters = self.list_pane.search_box, self.list_pane.filters
        self.model, self.table = self.list_pane.model, self.list_pane.table
        self._coding: CodingPane | None = None  # made when the first coding question is shown
        self.detail_pane = QuestionDetailPane(self)
        self.view, self.study_bar = self.detail_pane.view, self.detail_pane.study_bar
        self.answer_label, self.answer_edit = self.detail_pane.answer_label, self.detail_pane.answer_edit
        self._detail_split = self.detail_pane.split

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("browserSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_pane)
        self.splitter.addWidget(self.detail_pane)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def _wire(self) -> None:
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_delay_ms = self.MIN_SEARCH_DELAY_MS
        self._search_timer.timeout.connect(self.refresh)
        self._search_ended = float("-inf")  # the clock when the last search was shown
        self.search_box.textChanged.connect(self._on_search_text_changed)
        self.search_box.returnPressed.connect(self._on_search_box_return)
        self.filters.filters_changed.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.view.question_link_activated.connect(self.select_question)
        self.study_bar.reveal_toggled.connect(self.toggle_answer)
        self.study_bar.rated.connect(self.rate)
        self.study_bar.flag_toggled.connect(self.set_flag)
        self.study_bar.sketch_clicked.connect(lambda: self._question and self.sketch_requested.emit(self._question.id))
        self.study_bar.notes_clicked.connect(lambda: self._question and self.notes_requested.emit(self._question.id))
        self.view.note_link_activated.connect(self.note_open_requested)
        self.answer_edit.textChanged.connect(self._on_answer_edited)
        self.answer_edit.reveal_requested.connect(self.toggle_answer)
        self.answer_edit.focus_lost.connect(self.flush_pending)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        # The study keys (Space, 1-4, F) act where the user reads: the table, the question and
        # the study buttons. Never in the search box, the filters or the answer editor, where
        # those keys mean typing or choosing.
        for widget in (self.table, self.view, self.study_bar.show_answer, self.study_bar.flag,
                       *self.study_bar.rate_buttons):
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's API)
        """Study keys on the table, the view and the study buttons: Space reveals (a focused
        button keeps Space for itself), 1-4 rate, F flags, S sketches, N opens the note.
        Ctrl+Enter reveals there too (and in "My answer", which emits it itself)."""
        from mlprep_desktop.ui.browser.question_detail_pane import is_reveal_key

        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and is_reveal_key(event):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.toggle_answer()
            return True
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            key = event.key()
            action = None
            if key == Qt.Key.Key_Space and isinstance(watched, QAbstractButton):
                action = None
            elif key == Qt.Key.Key_Space:
                action = self.toggle_answer
            elif key == Qt.Key.Key_F:
                action = self.study_bar.flag.toggle if self._question is not None else None
            elif key == Qt.Key.Key_S and self.study_bar.sketch.isVisible():
                action = self.study_bar.sketch.click
            elif key == Qt.Key.Key_N and self.study_bar.notes.isVisible():
                action = self.study_bar.notes.click
            elif Qt.Key.Key_1 <= key <= Qt.Key.Key_4:
                action = lambda: self.rate(key - Qt.Key.Key_0)  # noqa: E731
            if action is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    action()
                return True
        return super().eventFilter(watched, event)

    # ----- public API (used by the main window and by tests)
    @property
    def current_question(self) -> Question | None:
        """The question Browse shows (reading it builds Browse if it was never shown: Questions ›
        Edit question acts on it, as before the tabs were built lazily)."""
        return self._question

    @property
    def revealed(self) -> bool:
        return self._card is not None and self._card.revealed

    def current_filter(self) -> QuestionFilter:
        status = self.filters.value("status")
        return QuestionFilter(
            text=self.search_box.text(),
            type=self.filters.value("type"),
            topic=self.filters.value("topic"),
            difficulty=self.filters.value("difficulty"),
            status=Status(status) if status else None,
        )

    def refresh(self) -> None:
        """Re-run the search with the current text and filters; keep the selection if it is shown.
        New formulas of the question it shows are drawn after the results (see build_page)."""
        from mlprep_desktop.ui.widgets.math_prerenderer import RENDER_BUDGET_S

        self._math_budget = RENDER_BUDGET_S
        try:
            self._refresh()
        finally:
            self._math_budget = None

    def _refresh(self) -> None:
        self._search_timer.stop()
        started = self._ctx.clock()
        flt = self.current_filter()
        rows, counts = self._ctx.questions.browse_rows(flt)  # one query: rows and facet counts
        self.model.set_rows(rows)
        self._show_counts(counts)
        self.list_pane.show_no_matches(not rows, index_damaged=self._ctx.questions.index_damaged)
        self.counts_changed.emit(len(rows), self._ctx.questions.total())
        row = self.model.row_of(self._question.id) if self._question else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            shown = self._question.id if self._question else None
            self._select_row(row)
            if self._question is not None and self._question.id == shown and flt.text != self._rendered_for:
                self._render()  # same question, new search words to highlight
        else:
            self._show_question(None)
        self._search_ended = self._ctx.clock()
        took_ms = (self._search_ended - started) * 1000
        self._search_delay_ms = 0 if took_ms <= self.FAST_SEARCH_MS else int(
            min(self.SEARCH_DELAY_MS, max(self.MIN_SEARCH_DELAY_MS, 2 * took_ms)))

    def _on_search_text_changed(self) -> None:
        """Search on the next turn of the event loop after a fast search or when typing resumes
        after a pause (the last search ended at least the delay ago); else wait for a pause."""
        delay = self._search_delay_ms
        paused = (self._ctx.clock() - self._search_ended) * 1000 >= delay and not self._search_timer.isActive()
        self._search_timer.start(0 if paused else delay)
        self._math.cancel()  # the shown question may change: its search draws what it shows

    def shown_question_ids(self) -> list[str]:
        """The ids of the questions the table shows now, in its order."""
        return [self.model.id_at(i) for i in range(self.model.rowCount())]

    def reload_question(self) -> None:
        """Read the shown question again (its content was edited) and show it."""
        if self._question is not None:
            self._question = self._ctx.questions.get(self._question.id) or self._question
            self._render()

    def select_question(self, question_id: str) -> bool:
        """Select a question, clearing search and filters if they hide it."""
        if self.model.row_of(question_id) < 0:
            if self._ctx.questions.get(question_id) is None:
                self.message.emit(self.tr("That question is not in the bank."))
                return False
            self.search_box.blockSignals(True)
            self.search_box.clear()
            self.search_box.blockSignals(False)
            for facet in ("type", "topic", "difficulty", "status"):
                self.filters.combo(facet).blockSignals(True)
                self.filters.set_value(facet, None)
                self.filters.combo(facet).blockSignals(False)
            self.refresh()
        row = self.model.row_of(question_id)
        if row < 0:
            return False
        self._select_row(row)
        return True

    def show_topic(self, topic: str) -> None:
        """Show one topic's questions: search and the other filters cleared."""
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        for facet in ("type", "topic", "difficulty", "status"):
            self.filters.combo(facet).blockSignals(True)
            self.filters.set_value(facet, topic if facet == "topic" else None)
            self.filters.combo(facet).blockSignals(False)
        self.refresh()

    def enable_links(self, *, sketch: bool | None = None, notes: bool | None = None) -> None:
        """Show the Sketch / Notes buttons once the tabs they open exist."""
        if sketch is not None:
            self._links["sketch"] = sketch
        if notes is not None:
            self._links["notes"] = notes
            self._backlinks_shown = notes  # "Notes that link here" under the question
        if not self.is_built:
            return  # the build shows them
        self.study_bar.sketch.setVisible(self._links["sketch"])
        self.study_bar.notes.setVisible(self._links["notes"])
        if notes is not None:
            self._render()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def toggle_answer(self) -> None:
        """Show the model answer (marking the question seen) or hide it again. The answer is
        shown even when the seen mark cannot be stored (the error is shown)."""
        card = self._card
        if self._question is None or card is None:
            return
        ops = self._ctx.study_ops
        outcome = self.operations.run(lambda: ops.toggle_reveal(card), source=self)
        self._card = outcome.value if outcome is not None else card.toggled()
        if outcome is not None and outcome.change:
            self.model.update_state(ops.state(card.question_id))
        self.study_bar.set_revealed(self._card.revealed)
        self._render()

    def rate(self, value: int) -> None:
        """Rate the shown question 1-4 (the answer must be revealed first: else a hint)."""
        from mlprep_desktop.ui.browser.question_table_model import due_text

        card = self._card
        if self._question is None or card is None:
            return
        rating = Rating(value)
        outcome = self.operations.run(lambda: self._ctx.study_ops.rate_card(card, rating), source=self)
        if outcome is None:
            return
        state = outcome.value
        self.model.update_state(state)
        self._refresh_counts()
        when = f" ({due_text(state)})" if state.due else ""
        self.study_bar.set_last_rating(int(rating), due_text(state) if state.due else "")
        if not self._ctx.preferences.advance_after_rating:
            self.message.emit(self.tr(f"Rated “{rating.label}”{when}."))
            return
        row = self.model.row_of(card.question_id)
        if 0 <= row < self.model.rowCount() - 1:
            self._select_row(row + 1)
            self.message.emit(self.tr(f"Rated “{rating.label}”{when}. Next question."))
        else:
            self.message.emit(self.tr(f"Rated “{rating.label}”{when}. That was the last question in the list."))

    def set_flag(self, flagged: bool) -> None:
        if self._question is None:
            return
        question_id = self._question.id
        outcome = self.operations.run(lambda: self._ctx.study_ops.set_flag(question_id, flagged), source=self,
                                      on_error=lambda _: self.study_bar.set_flagged(not flagged))
        if outcome is None:
            return
        self.model.update_state(outcome.value)
        self._refresh_counts()
        self.message.emit(self.tr("Flagged to revisit.") if flagged else self.tr("Flag removed."))

    def flush_pending(self) -> bool:
        """Write any unsaved draft now (tab switch, focus loss, close, quit).
        Returns False when it could not be written (it stays on screen and pending)."""
        return self._saver.flush() and (self._coding is None or self._coding.flush_pending())

    def on_data_changed(self, change: Change) -> None:
        """Another part of the app wrote something; refresh what this tab shows of it."""
        if change.concerns(ChangeKind.STUDY_STATE, ChangeKind.QUESTIONS, ChangeKind.EXERCISE_RUNS):
            self._titles = self._ctx.questions.titles()
            self.refresh()
        if change.concerns(ChangeKind.NOTE_LINKS):  # the "· Note" marks and the backlinks
            self.refresh()
            self._render()
        if change.concerns(ChangeKind.INTERVIEWS, ChangeKind.STUDY_STATE):
            self._reload_answer()

    def _reload_answer(self) -> None:
        """Show the shown question's latest attempt again (an interview answer may now be the
        newest), unless the user's own edit is still waiting to be saved."""
        if self._answer_for is None or self._saver.pending:
            return
        latest = self._ctx.study_ops.answer(self._answer_for)
        if latest != self.answer_edit.toPlainText():
            self.answer_edit.blockSignals(True)
            self.answer_edit.setPlainText(latest)
            self.answer_edit.blockSignals(False)

    # ----- internals
    def _select_row(self, row: int) -> None:
        from mlprep_desktop.ui.browser.question_table_model import ID_ROLE

        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        question_id = index.data(ID_ROLE)
        if self._question is None or self._question.id != question_id:
            self._show_question(question_id)

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        from mlprep_desktop.ui.browser.question_table_model import ID_ROLE

        question_id = current.data(ID_ROLE) if current.isValid() else None
        if question_id and (self._question is None or self._question.id != question_id):
            self._show_question(question_id)

    def _show_question(self, question_id: str | None) -> None:
        from mlprep_desktop.ui.browser.question_table_model import due_text

        if not self.flush_pending():
            # The draft could not be written: stay on its question so nothing is lost.
            row = self.model.row_of(self._question.id) if self._question else -1
            if row >= 0:
                self._select_row(row)
            return
        self._question = self._ctx.questions.get(question_id) if question_id else None
        self._card = self._ctx.study_ops.show(self._question.id) if self._question is not None else None
        self.study_bar.set_question_loaded(self._question is not None)
        self.study_bar.set_revealed(False)
        self.study_bar.set_last_rating(None)
        self.answer_edit.setEnabled(self._question is not None)
        self.answer_edit.blockSignals(True)
        if self._question is None:
            self._answer_for = None
            self.answer_edit.clear()
            self.view.clear()
            self._math.cancel()
        else:
            self._answer_for = self._question.id
            self.answer_edit.setPlainText(self._ctx.study_ops.answer(self._question.id))
            state = self._ctx.study_ops.state(self._question.id)
            self.study_bar.set_flagged(state.flagged)
            self.study_bar.set_last_rating(state.last_rating, due_text(state) if state.due else "")
            self._render()
        self.answer_edit.blockSignals(False)
        self._show_coding(self._question is not None and self._question.exercise is not None)

    @property
    def coding(self) -> CodingPane:
        """The code editor of coding questions (made on first use: most questions have none,
        and a visit to Browse need not build its ~30 widgets)."""
        if self._coding is None:
            from mlprep_desktop.ui.coding.coding_pane import CodingPane

            self.ensure_built()
            pane = CodingPane(self._ctx.exercise_ops, self.operations, context="browse", parent=self)
            pane.hide()
            pane.error_occurred.connect(self.error_occurred)
            pane.run_finished.connect(lambda _result: self.refresh())  # solved / attempted marks
            self.detail_pane.add_coding(pane)
            self._coding = pane
        return self._coding

    def _show_coding(self, coding: bool) -> None:
        """A coding question is answered in the code editor instead of "My answer"."""
        if not coding and self._coding is None:
            self.answer_label.setVisible(True)
            self.answer_edit.setVisible(True)
            return
        was = self.coding.isVisibleTo(self)
        self.coding.load(self._question.id if coding else None)
        self.coding.setVisible(coding)
        self.answer_label.setVisible(not coding)
        self.answer_edit.setVisible(not coding)
        if coding != was:
            total = sum(self._detail_split.sizes()) or 820
            self._detail_split.setSizes([total * 2 // 5, total * 3 // 5] if coding else [total * 3 // 4, total // 4])

    def _render(self) -> None:
        from mlprep_desktop.rendering.markdown_html import RenderedHtml
        from mlprep_desktop.rendering.note_html import backlinks_markdown
        from mlprep_desktop.rendering.question_html import render_question

        if self._question is None:
            return
        self._rendered_for = self.search_box.text()
        rendered = render_question(
            self._renderer,
            self._question,
            reveal=self.revealed,
            highlight=search_terms(self.search_box.text()),
            titles=self._titles,
            math_budget=self._math_budget,
        )
        # Formulas a search left pending are drawn once typing pauses (not for every key's
        # result); nothing pending: any earlier drawing is cancelled.
        self._math.start(rendered.pending_math, after_ms=self.SEARCH_DELAY_MS)
        if self._backlinks_shown:
            links = backlinks_markdown(self._ctx.notes.backlinks(self._question.id))
            if links:
                extra = self._renderer.render(links)
                rendered = RenderedHtml(rendered.html + extra.html, {**rendered.images, **extra.images})
        self.view.show_rendered(rendered)

    def _on_answer_edited(self) -> None:
        if self._answer_for is not None:
            self._saver.schedule()

    def _save_answer(self) -> None:
        """The debounced draft save; a refused write raises to the saver, which keeps the draft
        pending and reports it."""
        if self._answer_for is not None:
            outcome = self._ctx.study_ops.save_answer(self._answer_for, self.answer_edit.toPlainText())
            self.operations.publish(outcome.change, self)

    def _on_search_box_return(self) -> None:
        self.refresh()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh_counts(self, flt: QuestionFilter | None = None) -> None:
        self._show_counts(self._ctx.questions.facet_counts(flt or self.current_filter()))

    def _show_counts(self, counts: dict[str, dict[str, int]]) -> None:
        totals = {facet: sum(v.values()) for facet, v in counts.items() if facet != "status"}
        status = counts["status"]
        totals["status"] = status["new"] + status["seen"] + status["rated"]
        self.filters.set_counts(counts, totals)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and self.is_built:
            from mlprep_desktop.rendering.markdown_html import MarkdownRenderer

            self._renderer = MarkdownRenderer(render_theme(self))
            self._render()
