"""``PortabilityActions``: File › Import… / Export… and Questions › New / Edit question.

Owns the actions (objectNames ``importAction``, ``exportAction``, ``newQuestionAction``,
``editQuestionAction``) and the dialogs they open (non-blocking ``open()``, so tests and the
event loop keep running). Every write goes through the ``OperationRunner``; what changed is
published by the runner, which the main window passes to every tab.
"""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from mlprep_desktop.core.models import Question
from mlprep_desktop.services import exports, imports, own_questions
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.changes import Outcome
from mlprep_desktop.ui.operation_runner import OperationRunner
from mlprep_desktop.ui.portability.export_dialog import ExportDialog
from mlprep_desktop.ui.portability.import_dialog import ImportPreviewDialog
from mlprep_desktop.ui.portability.question_editor import QuestionEditorDialog

FOLDER_KEY = "portability.folder"


class PortabilityActions(QObject):
    message = Signal(str)  # a short status-bar message
    question_saved = Signal(str)  # the id of a question just added or edited
    export_finished = Signal(str)  # the summary of an export written in the background
    export_failed = Signal(str)  # why a background export could not be written

    def __init__(self, context: AppContext, runner: OperationRunner, window: QWidget, browser) -> None:
        super().__init__(window)
        self._ctx = context
        self._runner = runner
        self._window = window
        self._browser = browser
        self.dialog = None  # the dialog open now (for tests and to keep it alive)
        self._export_thread: threading.Thread | None = None
        self.export_finished.connect(self.message)
        self.export_failed.connect(runner.error_occurred)
        self.import_action = self._action("importAction", self.tr("&Import…"), "Ctrl+Shift+I",
                                          self.tr("Import an export of MLPrep Desktop (.json) or your own "
                                                  "questions (.csv, .md): see what changes first"), self.choose_import)
        self.export_action = self._action("exportAction", self.tr("&Export…"), "Ctrl+Shift+X",
                                          self.tr("Export everything of yours (JSON), the question list (CSV), "
                                                  "questions with your answers (Markdown) or an Anki deck"), self.export)
        self.new_question_action = self._action("newQuestionAction", self.tr("&New question…"), "Ctrl+Shift+Q",
                                                self.tr("Write a question of your own"), self.new_question)
        self.edit_question_action = self._action("editQuestionAction", self.tr("&Edit question…"), "Ctrl+Shift+U",
                                                 self.tr("Edit the question of your own shown in Browse"),
                                                 self.edit_question)

    def _action(self, name: str, text: str, shortcut: str, tip: str, slot) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def update_enabled(self) -> None:
        """Edit question is for own questions only (a bank update would undo an edit)."""
        q = self._browser.current_question
        self.edit_question_action.setEnabled(q is not None and q.source == "user")

    def _folder(self) -> Path:
        saved = self._ctx.preferences.get(FOLDER_KEY)
        if saved and Path(saved).is_dir():
            return Path(saved)
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(docs) if docs else Path.home()

    def _remember(self, path: Path) -> None:
        folder = path.parent
        if folder != self._folder():
            self._ctx.preferences.remember(FOLDER_KEY, str(folder))

    # ----- own questions
    def new_question(self) -> QuestionEditorDialog:
        return self._open_editor(None)

    def edit_question(self) -> QuestionEditorDialog | None:
        q = self._browser.current_question
        if q is None or q.source != "user":
            self.message.emit(self.tr("Only your own questions can be edited."))
            return None
        return self._open_editor(q)

    def _open_editor(self, question: Question | None) -> QuestionEditorDialog:
        op = own_questions.edit_question if question else own_questions.add_question

        def save(q: Question) -> Question | None:
            outcome = self._runner.run(lambda: op(self._ctx.database, q), source=self,
                                       on_error=dialog.show_problem)
            if outcome is None:
                return None
            self.question_saved.emit(outcome.value.id)
            self.message.emit(self.tr("Saved your question “%1”.").replace("%1", outcome.value.title))
            return outcome.value

        dialog = QuestionEditorDialog(save, question, self._window)
        self._show(dialog)
        return dialog

    # ----- import
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Import"), str(self._folder()),
            self.tr("MLPrep export or questions (*.json *.csv *.md);;All files (*)"))
        if path:
            self.preview_import(Path(path))

    def preview_import(self, path: Path) -> ImportPreviewDialog | None:
        """Show what importing ``path`` would do; Import in the dialog imports it."""
        outcome = self._runner.run(lambda: imports.import_path(self._ctx.database, path, dry_run=True), source=self)
        if outcome is None:
            return None
        dialog = ImportPreviewDialog(path, outcome.value, self._window)
        dialog.accepted.connect(lambda: self._import(path))
        self._show(dialog)
        return dialog

    def _import(self, path: Path) -> None:
        outcome = self._runner.run(lambda: imports.import_path(self._ctx.database, path), source=self)
        if outcome is not None:
            self._remember(path)
            self.message.emit(" ".join(line.strip() for line in outcome.value))

    # ----- export
    def export(self) -> ExportDialog:
        shown = self._browser.shown_question_ids()
        dialog = ExportDialog(len(shown), self._folder(), self._window)
        dialog.accepted.connect(lambda: self._export(dialog, shown))
        self._show(dialog)
        return dialog

    @property
    def exporting(self) -> bool:
        """An export is being written in the background."""
        return self._export_thread is not None and self._export_thread.is_alive()

    def finish_export(self) -> None:
        """Wait for a background export to be written (the window is closing)."""
        if self._export_thread is not None:
            self._export_thread.join()

    def _export(self, dialog: ExportDialog, shown: list[str]) -> None:
        if self.exporting:
            self.export_failed.emit(self.tr("An export is still being written; try again when it has finished."))
            return
        fmt, path = dialog.chosen_format(), dialog.chosen_path()
        ids = shown if dialog.only_shown() else None
        outcome = self._runner.run(lambda: Outcome(exports.prepare_export(self._ctx.database, fmt, path, ids=ids)),
                                   source=self)
        if outcome is None:
            return
        self._remember(path)
        job = outcome.value
        if isinstance(job, str):
            self.message.emit(job)
            return
        # The database has been read; rendering and writing the file (seconds for an Anki deck)
        # happen on a worker thread so the window keeps responding.
        self.message.emit(self.tr(job.busy_text))
        self._export_thread = threading.Thread(target=self._write_export, args=(job, path),
                                               name="mlprep-export")
        self._export_thread.start()

    def _write_export(self, job: exports.ExportJob, path: Path) -> None:  # worker thread: signals only
        try:
            summary = job.run()
        except Exception as exc:  # any failure is the user's to know about, on the GUI thread
            _emit(self.export_failed, self.tr("Could not export to %1: %2").replace("%1", str(path))
                  .replace("%2", str(exc)))
            return
        _emit(self.export_finished, summary)

    def _show(self, dialog) -> None:
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()


def _emit(signal, text: str) -> None:
    try:
        signal.emit(text)
    except RuntimeError:  # the window went away while the file was being written
        pass
