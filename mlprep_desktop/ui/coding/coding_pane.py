"""``CodingPane``: write code for an exercise, run its tests, see what fails and where.

Used by Browse (the draft is saved as you type, per question) and by mock interviews (the
interview keeps the code: ``drafts=False``; it listens to ``code_edited``). Runs are
asynchronous (``RunWorker``); every finished run is recorded through the operation runner
(``EXERCISE_RUNS``). Switching question or closing stops a run and waits for its child.

Embedding it elsewhere (Today's session, the interview's review):
- ``name_prefix`` names the children so ``findChild`` stays unambiguous in one window: none
  gives Browse's contract names (``codeEditor``, ``runTestsButton``, ``stopRunButton``,
  ``testSummary``, ``testResults``, ``runOutput``, ``resetStarterButton``); ``"interview"``
  gives ``interviewCodeEditor``, ``interviewRunTestsButton`` …, ``"today"`` (Today's session)
  ``todayCodeEditor`` … (``rename`` changes them later).
- ``load(question_id, code)`` shows an exercise with that code (no draft is read when
  ``code`` is given); ``show_result(result)`` shows a stored run's results without running.
- ``recorder``: a callable ``(question_id, code, result) -> Outcome`` that stores a finished run
  instead of ``exercise_ops.record`` (an interview stores it on its item); its value is emitted
  by ``run_recorded``. ``set_read_only(True)``: the code cannot change (Run still works).
- ``shutdown()`` before hiding it for good; ``load`` and ``closeEvent`` do it themselves.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core.exercise import Exercise
from mlprep_desktop.runner.results import RunResult
from mlprep_desktop.services.exercise_ops import ExerciseOperations
from mlprep_desktop.ui.coding.code_editor import CodeEditor
from mlprep_desktop.ui.coding.run_worker import RunWorker
from mlprep_desktop.ui.coding.test_results_model import LINE_ROLE, TestResultsModel
from mlprep_desktop.ui.operation_runner import OperationRunner
from mlprep_desktop.ui.widgets.debounced_saver import DebouncedSaver


class CodingPane(QWidget):
    run_finished = Signal(object)  # RunResult of the shown question's last run
    run_recorded = Signal(object)  # what the recorder's Outcome carried (an ExerciseRun by default)
    code_edited = Signal()
    error_occurred = Signal(str)

    def __init__(self, exercise_ops: ExerciseOperations, operations: OperationRunner, *,
                 context: str = "browse", drafts: bool = True, name_prefix: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recorder: Callable[[str, str, RunResult], object] | None = None
        self._ops = exercise_ops
        self.operations = operations
        self.context = context
        self._drafts = drafts
        self._question_id: str | None = None
        self._exercise: Exercise | None = None
        self._run_token: tuple[str, str, int] | None = None
        self._runs = 0
        self._run_allowed = True
        self.last_result: RunResult | None = None
        self._build()
        self.rename(name_prefix)
        self.worker = RunWorker(self)
        self.worker.finished.connect(self._on_worker_finished)
        self.worker.test_started.connect(self._on_worker_test_started)
        self._saver = DebouncedSaver(self._save_draft, parent=self)
        self._saver.failed.connect(self.error_occurred)
        self.editor.textChanged.connect(self._on_editor_changed)
        self.editor.focus_lost.connect(self.flush_pending)
        self.editor.run_requested.connect(self.run_tests)
        self.run_button.clicked.connect(self.run_tests)
        self.stop_button.clicked.connect(self.stop)
        self.reset_button.clicked.connect(self.reset_to_starter)
        self.results.activated.connect(self._on_results_activated)
        self.results.clicked.connect(self._on_results_activated)
        stop = QShortcut(QKeySequence("Ctrl+."), self)
        stop.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        stop.activated.connect(self.stop)
        self._set_running(False)
        app = QCoreApplication.instance()
        if app is not None:  # quitting never leaves a child behind
            app.aboutToQuit.connect(self.shutdown)

    def _build(self) -> None:
        self.editor = CodeEditor(self)
        self.editor.setAccessibleName(self.tr("Code editor"))
        self.editor.setToolTip(self.tr("Tab indents, Shift+Tab dedents, Ctrl+/ comments, Ctrl+Enter runs the tests"))
        self.run_button = QPushButton(self.tr("Run tests"), self)
        self.run_button.setAccessibleName(self.tr("Run tests"))
        self.run_button.setToolTip(self.tr("Run your code against the exercise's tests (Ctrl+Enter)"))
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setAccessibleName(self.tr("Stop the run"))
        self.stop_button.setToolTip(self.tr("Stop the running tests now (Ctrl+.)"))
        self.reset_button = QPushButton(self.tr("Reset to starter"), self)
        self.reset_button.setAccessibleName(self.tr("Reset to starter"))
        self.reset_button.setToolTip(self.tr("Replace your code with the starter code (asks first)"))
        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Test summary"))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = TestResultsModel(self)
        self.results = QListView(self)
        self.results.setAccessibleName(self.tr("Test results"))
        self.results.setToolTip(self.tr("Click a failed test to put the cursor on its line"))
        self.results.setModel(self.model)
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.output = QPlainTextEdit(self)
        self.output.setAccessibleName(self.tr("Printed output"))
        self.output.setReadOnly(True)
        self.output.setPlaceholderText(self.tr("What your code prints appears here."))
        self.output.setFont(self.editor.font())

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.reset_button)
        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.setChildrenCollapsible(False)
        bottom.addWidget(self.results)
        bottom.addWidget(self.output)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        split.addWidget(self.editor)
        holder = QWidget(split)
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addLayout(buttons)
        holder_layout.addWidget(bottom)
        split.addWidget(holder)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    # ----- public API
    NAMES = ("codeEditor", "runTestsButton", "stopRunButton", "resetStarterButton", "testSummary",
             "testResults", "runOutput")

    def rename(self, prefix: str = "") -> None:
        """Name the children ``codeEditor`` … (no prefix) or ``<prefix>CodeEditor`` …"""
        widgets = (self.editor, self.run_button, self.stop_button, self.reset_button, self.summary,
                   self.results, self.output)
        for widget, name in zip(widgets, self.NAMES):
            widget.setObjectName(prefix + name[0].upper() + name[1:] if prefix else name)

    def set_read_only(self, read_only: bool) -> None:
        """Show code that cannot change (a finished interview's answer): no typing, no reset."""
        self.editor.setReadOnly(read_only)
        self.reset_button.setVisible(not read_only)

    def set_run_enabled(self, enabled: bool) -> None:
        """Allow running at all (a read-only past review shows results only)."""
        self._run_allowed = enabled
        self._set_running(self.running)

    def show_result(self, result: RunResult | None, note: str = "") -> None:
        """Show a stored run's results (nothing runs); ``note`` follows the summary."""
        if result is None:
            return
        self.last_result = result
        self.model.set_result(result)
        self.summary.setText(result.summary() + (f" — {note}" if note else ""))
        self.output.setPlainText(result.output)

    @property
    def question_id(self) -> str | None:
        return self._question_id

    @property
    def running(self) -> bool:
        return self.worker.running

    def code(self) -> str:
        return self.editor.toPlainText()

    def load(self, question_id: str | None, code: str | None = None) -> None:
        """Show ``question_id``'s exercise with ``code`` (default: the saved draft, else the
        starter). Stops a run of the previous question (its result is dropped)."""
        self.flush_pending()
        self.shutdown()
        self._question_id = question_id
        self._exercise = self._ops.exercise(question_id) if question_id else None
        if code is None and question_id:
            code = self._ops.code(question_id)
        self.editor.blockSignals(True)
        self.editor.setPlainText(code or "")
        self.editor.blockSignals(False)
        self.editor.highlighter.rehighlight()
        self.last_result = None
        self.output.clear()
        names = self._exercise.test_names if self._exercise else []
        self.model.set_names(names)
        self.summary.setText(self.tr(f"{len(names)} tests · not run yet (Ctrl+Enter runs them)") if names else "")
        self._set_running(False)

    def run_tests(self) -> None:
        """Run the tests on the code as it is now (saving the draft first)."""
        if self._question_id is None or self.running or not self._run_allowed:
            return
        self.flush_pending()
        code = self.code()
        self._runs += 1
        self._run_token = (self._question_id, code, self._runs)
        try:
            process = self._ops.process(self._question_id, code)
        except Exception as exc:
            self.error_occurred.emit(str(exc))
            return
        self.model.set_names(self._exercise.test_names if self._exercise else [])
        self.output.clear()
        self.summary.setText(self.tr("Running…"))
        self._set_running(True)
        self.worker.start(process, self._run_token)

    def stop(self) -> None:
        if self.running:
            self.worker.stop()

    def shutdown(self) -> None:
        """Stop any run and wait for its child to be gone; its result is dropped."""
        self._run_token = None
        self.worker.shutdown()
        self._set_running(False)

    def reset_to_starter(self, *, confirm: bool = True) -> None:
        if self._question_id is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Reset to starter"),
                self.tr("Replace your code with the starter code? Your current code is lost."),
                QMessageBox.StandardButton.Reset | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Reset:
                return
        question_id = self._question_id
        self._saver.cancel()
        if self._drafts:
            outcome = self.operations.run(lambda: self._ops.reset_to_starter(question_id), source=self)
            if outcome is None:
                return
            starter = outcome.value
        else:
            starter = self._exercise.starter if self._exercise else ""
        self.editor.setPlainText(starter)

    def flush_pending(self) -> bool:
        return self._saver.flush()

    # ----- internals
    def _set_running(self, running: bool) -> None:
        loaded = self._question_id is not None
        self.run_button.setEnabled(loaded and not running and self._run_allowed)
        self.stop_button.setEnabled(running)
        self.reset_button.setEnabled(loaded and not running and not self.editor.isReadOnly())

    def _on_editor_changed(self) -> None:
        self.code_edited.emit()
        if self._drafts and self._question_id is not None:
            self._saver.schedule()

    def _save_draft(self) -> None:
        if self._drafts and self._question_id is not None:
            outcome = self._ops.save_draft(self._question_id, self.code())
            self.operations.publish(outcome.change, self)

    def _on_worker_test_started(self, name: str) -> None:
        if self.running:
            self.summary.setText(self.tr(f"Running {name}…"))

    def _on_worker_finished(self, result: RunResult, token: object) -> None:
        if token is None or token != self._run_token:
            return  # a run of a question no longer shown, stopped on the switch
        question_id, code, _ = token
        self._run_token = None
        self._set_running(False)
        self.last_result = result
        self.model.set_result(result)
        self.summary.setText(result.summary())
        self.output.setPlainText(result.output)
        recorder = self.recorder
        if recorder is not None:
            outcome = self.operations.run(lambda: recorder(question_id, code, result), source=self)
        else:
            outcome = self.operations.run(lambda: self._ops.record(question_id, code, result, self.context),
                                          source=self)
        if outcome is not None:
            self.run_recorded.emit(outcome.value)
        failing = next((t for t in result.tests if not t.passed and t.line), None)
        if result.error_line:
            self.editor.go_to_line(result.error_line)
        elif failing is None and result.all_passed:
            self.summary.setText(result.summary() + self.tr(" — all passed"))
        self.run_finished.emit(result)

    def _on_results_activated(self, index: QModelIndex) -> None:
        line = index.data(LINE_ROLE)
        if line:
            self.editor.go_to_line(int(line))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        self.flush_pending()
        self.shutdown()
        super().closeEvent(event)
