"""``PortabilityActions``: File › Import… / Export… and Questions › New / Edit question.

Owns the actions (objectNames ``importAction``, ``exportAction``, ``newQuestionAction``,
``editQuestionAction``) and the dialogs they open (non-blocking ``open()``, so tests and the
event loop keep running). Every write goes through the ``OperationRunner``; what changed is
published by the runner, which the main window passes to every tab.

Slow work runs on worker threads, one of each kind at a time, with ``busy_indicator`` shown: an
import and its preview (``ImportJob``, its own database connection: one transaction), and the
writing of an Anki deck (``ExportJob``, after the database was read on the GUI thread).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QProgressBar, QWidget

from mlprep_desktop.core.models import Question
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.changes import Outcome
from mlprep_desktop.services.errors import OperationError, WriteError
from mlprep_desktop.ui.operation_runner import OperationRunner
from mlprep_desktop.ui.widgets.background_work import BackgroundWork, emit_from_worker

if TYPE_CHECKING:  # the dialogs and the services behind them are imported when used, not at start-up
    from mlprep_desktop.services import exports, imports
    from mlprep_desktop.ui.portability.export_dialog import ExportDialog
    from mlprep_desktop.ui.portability.question_editor import QuestionEditorDialog

FOLDER_KEY = "portability.folder"
log = logging.getLogger("mlprep")


class PortabilityActions(QObject):
    message = Signal(str)  # a short status-bar message
    question_saved = Signal(str)  # the id of a question just added or edited
    export_finished = Signal(str)  # the summary of an export written in the background
    export_failed = Signal(str)  # why a background export could not be written
    import_done = Signal(object, object)  # (the ImportJob, its Outcome), on the GUI thread
    import_failed = Signal(str)  # why a background import (or its preview) was refused

    def __init__(self, context: AppContext, runner: OperationRunner, window: QWidget, browser) -> None:
        super().__init__(window)
        self._ctx = context
        self._runner = runner
        self._window = window
        self._browser = browser
        self.dialog = None  # the dialog open now (for tests and to keep it alive)
        self._closing = False
        self._export_work = BackgroundWork("mlprep-export")
        self._import_work = BackgroundWork("mlprep-import")
        self.export_finished.connect(self._on_export_finished)
        self.export_failed.connect(self._on_export_failed)
        self.import_done.connect(self._on_import_done)
        self.import_failed.connect(self._on_import_failed)
        self.busy_indicator = QProgressBar(window)  # shown while an import or an export runs
        self.busy_indicator.setObjectName("portabilityBusy")
        self.busy_indicator.setAccessibleName(self.tr("Import or export running"))
        self.busy_indicator.setRange(0, 0)  # busy: how long a merge takes is not known ahead
        self.busy_indicator.setMaximumWidth(160)
        self.busy_indicator.setTextVisible(False)
        self.busy_indicator.hide()
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
        from mlprep_desktop.services import own_questions

        op = own_questions.edit_question if question else own_questions.add_question

        def save(q: Question) -> Question | None:
            outcome = self._runner.run(lambda: op(self._ctx.database, q), source=self,
                                       on_error=dialog.show_problem)
            if outcome is None:
                return None
            self.question_saved.emit(outcome.value.id)
            self.message.emit(self.tr("Saved your question “%1”.").replace("%1", outcome.value.title))
            return outcome.value

        from mlprep_desktop.ui.portability.question_editor import QuestionEditorDialog

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

    @property
    def importing(self) -> bool:
        """An import or its preview is running in the background."""
        return self._import_work.busy

    def finish_import(self) -> None:
        """Wait for a background import to be committed (the window is closing: its report,
        still queued, is then dropped; the data is in the file)."""
        self._closing = True
        self._import_work.wait()

    def preview_import(self, path: Path) -> bool:
        """Read and check ``path`` in the background, then show what importing it would do in
        ``self.dialog`` (Import there imports it). False if it was refused at once."""
        return self._start_import(Path(path), dry_run=True)

    def _start_import(self, path: Path, *, dry_run: bool) -> bool:
        if self.importing:
            self._runner.error_occurred.emit(self.tr(
                "An import is still running; try again when it has finished."))
            return False
        from mlprep_desktop.services import imports

        outcome = self._runner.run(lambda: Outcome(imports.prepare_import(self._ctx.database, path,
                                                                          dry_run=dry_run)), source=self)
        if outcome is None:
            return False
        job = outcome.value
        busy = self.tr("Reading %1…") if dry_run else self.tr("Importing %1…")
        self.message.emit(busy.replace("%1", path.name))
        self._import_work.start(lambda: self._run_import(job))
        self._update_busy()
        return True

    def _run_import(self, job: imports.ImportJob) -> None:  # worker thread: signals only
        try:
            outcome = job.run()
        except (WriteError, OperationError) as exc:
            emit_from_worker(self.import_failed, str(exc))
            return
        except Exception as exc:  # anything else is the user's to know about, too
            log.exception("import of %s failed", job.path)
            emit_from_worker(self.import_failed, self.tr("Could not import %1: %2").replace("%1", str(job.path))
                             .replace("%2", str(exc)))
            return
        emit_from_worker(self.import_done, job, outcome)

    def _on_import_done(self, job: imports.ImportJob, outcome: Outcome[list[str]]) -> None:
        self._import_work.wait()  # it has emitted its last word: let the thread end
        self._update_busy()
        if self._closing:
            return
        if job.dry_run:
            from mlprep_desktop.ui.portability.import_dialog import ImportPreviewDialog

            dialog = ImportPreviewDialog(job.path, outcome.value, self._window)
            dialog.accepted.connect(lambda: self._start_import(job.path, dry_run=False))
            self._show(dialog)
            return
        self._remember(job.path)
        self._runner.publish(outcome.change, self)  # every tab refreshes what the import changed
        self.message.emit(" ".join(line.strip() for line in outcome.value))

    def _on_import_failed(self, text: str) -> None:
        self._import_work.wait()
        self._update_busy()
        if not self._closing:
            self._runner.error_occurred.emit(text)

    # ----- export
    def export(self) -> ExportDialog:
        shown = self._browser.shown_question_ids()
        from mlprep_desktop.ui.portability.export_dialog import ExportDialog

        dialog = ExportDialog(len(shown), self._folder(), self._window)
        dialog.accepted.connect(lambda: self._export(dialog, shown))
        self._show(dialog)
        return dialog

    @property
    def exporting(self) -> bool:
        """An export is being written in the background."""
        return self._export_work.busy

    def finish_export(self) -> None:
        """Wait for a background export to be written (the window is closing)."""
        self._export_work.wait()

    def _export(self, dialog: ExportDialog, shown: list[str]) -> None:
        if self.exporting:
            self._runner.error_occurred.emit(self.tr(
                "An export is still being written; try again when it has finished."))
            return
        fmt, path = dialog.chosen_format(), dialog.chosen_path()
        ids = shown if dialog.only_shown() else None
        from mlprep_desktop.services import exports

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
        self._export_work.start(lambda: self._write_export(job, path))
        self._update_busy()

    def _write_export(self, job: exports.ExportJob, path: Path) -> None:  # worker thread: signals only
        try:
            summary = job.run()
        except Exception as exc:  # any failure is the user's to know about, on the GUI thread
            emit_from_worker(self.export_failed, self.tr("Could not export to %1: %2").replace("%1", str(path))
                             .replace("%2", str(exc)))
            return
        emit_from_worker(self.export_finished, summary)

    def _on_export_finished(self, summary: str) -> None:
        self._export_work.wait()
        self._update_busy()
        self.message.emit(summary)

    def _on_export_failed(self, text: str) -> None:
        self._export_work.wait()
        self._update_busy()
        self._runner.error_occurred.emit(text)

    def _update_busy(self) -> None:
        self.busy_indicator.setVisible(self.importing or self.exporting)

    def _show(self, dialog) -> None:
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
