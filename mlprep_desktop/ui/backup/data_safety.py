"""``DataSafety``: the main window's automatic backups, File › Restore backup… and
Tools › Check database, kept out of ``main_window.py``.

Restoring replaces the whole file, so instead of asking every tab to forget what it has open
(a running interview, an open board or note that may not exist in the backup), the window is
rebuilt: every pending edit is written, the database is closed, the backup swapped in
(``services.backups.restore_backup``: the current file is backed up first), and a new main
window is built on the same path by the injected ``window_factory``; ``window_replaced``
hands it to the composition root. GUI thread only.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QWidget

from mlprep_desktop import APP_NAME
from mlprep_desktop.services.backups import BackupError, BackupService, check_backup, restore_backup
from mlprep_desktop.services.db_check import check_database
from mlprep_desktop.services.errors import DatabaseError
from mlprep_desktop.services.start_checks import later_check_message
from mlprep_desktop.ui.backup.backup_scheduler import BackupScheduler
from mlprep_desktop.ui.operation_runner import OperationRunner

if TYPE_CHECKING:  # imported when opened, not at start-up
    from mlprep_desktop.ui.backup.restore_dialog import RestoreBackupDialog


class DataSafety(QObject):
    window_replaced = Signal(object)  # the new main window, built on the restored file
    later_check_done = Signal(object)  # the message of a failed integrity check after start, or None

    def __init__(self, window: QWidget, window_factory: Callable[[Path], QWidget] | None) -> None:
        super().__init__(window)
        self._window = window
        self._factory = window_factory
        self.service = BackupService(window.context.database.path)
        self.scheduler = BackupScheduler(self.service, parent=self)
        self.scheduler.failed.connect(window.show_error)
        self.dialog: RestoreBackupDialog | None = None

        self.restore_action = QAction(self.tr("&Restore backup…"), window)
        self.restore_action.setObjectName("restoreBackupAction")
        self.restore_action.setStatusTip(self.tr("Replace your data with an automatic backup (yours is backed up first)"))
        self.restore_action.setToolTip(self.restore_action.statusTip())
        self.restore_action.setEnabled(window_factory is not None)
        self.restore_action.triggered.connect(self.choose_backup)
        self.checker = DatabaseChecker(window)

    def check_later(self) -> threading.Thread | None:
        """Run the integrity check the start left for later (the file was unchanged since the
        app's clean close), in a thread, after the window is shown; a failure is shown as an
        error. Returns the thread, or None when the check already ran at start."""
        database = self._window.context.database
        if not database.check_pending:
            return None
        database.check_pending = False
        path = database.path
        self.later_check_done.connect(self._on_later_check_done)
        thread = threading.Thread(target=lambda: self.later_check_done.emit(later_check_message(path)),
                                  name="mlprep-quick-check", daemon=True)
        thread.start()
        return thread

    def _on_later_check_done(self, message: str | None) -> None:
        if message:
            self._window.show_error(message)

    def add_actions(self, file_menu: QMenu, tools_menu: QMenu) -> None:
        file_menu.addAction(self.restore_action)
        tools_menu.addAction(self.checker.action)

    def on_close(self) -> None:
        """The window closes: one last automatic backup (if automatic backups are on)."""
        self.scheduler.back_up_on_close()

    # ----- restore
    def choose_backup(self) -> RestoreBackupDialog:
        """Open the (window-modal) restore dialog; accepting it restores the chosen file."""
        self._window.flush_all()  # so the pre-restore backup holds what is on screen
        from mlprep_desktop.ui.backup.restore_dialog import RestoreBackupDialog

        dialog = self.dialog = RestoreBackupDialog(self.service, self._window)
        dialog.finished.connect(lambda result: self._on_dialog_finished(dialog, result))
        dialog.open()
        return dialog

    def _on_dialog_finished(self, dialog: RestoreBackupDialog, result: int) -> None:
        dialog.deleteLater()
        self.dialog = None
        if result == QDialog.DialogCode.Accepted and dialog.chosen_path() is not None:
            self.restore_from(dialog.chosen_path())

    def restore_from(self, backup: Path) -> QWidget | None:
        """Restore ``backup`` and rebuild the window on it; returns the new window, or None
        (with the reason shown) when nothing was replaced."""
        window = self._window
        if self._factory is None:
            return None
        try:
            check_backup(backup)
        except BackupError as exc:
            window.show_error(str(exc))
            return None
        if not window.flush_all():
            window.show_error(self.tr("Some edits cannot be saved right now, so the backup was not restored "
                                      "(it would lose them). Fix the problem shown before and try again."))
            return None
        automatic = self.scheduler.started
        self.scheduler.stop()
        self.scheduler.wait()
        db_path = window.context.database.path
        window.context.close()
        problem = None
        try:
            result = restore_backup(self.service, backup)
        except BackupError as exc:
            problem = str(exc)
        try:
            new = self._factory(db_path)
        except DatabaseError as exc:
            QMessageBox.critical(window, APP_NAME, str(exc))
            window.hide()
            window.deleteLater()
            return None
        new.show()
        if automatic:
            new.data_safety.scheduler.start()
        if problem is not None:
            new.show_error(problem)
        else:
            note = self.tr(f" Your data before the restore is in {result.previous_saved_as}.") \
                if result.previous_saved_as else ""
            new.statusBar().showMessage(self.tr(f"Restored the backup {backup.name}.") + note, 15000)
        window.hide()  # no closeEvent: every edit was written and the old database is closed
        window.deleteLater()
        self.window_replaced.emit(new)
        return new


class DatabaseChecker(QObject):
    """Tools › Check database: runs the check as an operation and shows its short report."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.runner: OperationRunner = window.operations  # repairs reach every tab as a DATABASE change
        self.report_box: QMessageBox | None = None
        self.action = QAction(self.tr("&Check database"), window)
        self.action.setObjectName("checkDatabaseAction")
        self.action.setStatusTip(self.tr("Check the database file, rebuild search indexes and remove rows that "
                                         "point at deleted notes; your own work is never deleted"))
        self.action.setToolTip(self.action.statusTip())
        self.action.triggered.connect(self.run_check)

    def run_check(self) -> QMessageBox | None:
        self._window.flush_all()
        database = self._window.context.database
        outcome = self.runner.run(lambda: check_database(database), source=self)
        if outcome is None:
            return None
        report = outcome.value
        box = self.report_box = QMessageBox(
            QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Warning,
            self.tr("Check database"), "\n".join(report.lines()), QMessageBox.StandardButton.Ok, self._window)
        box.setObjectName("checkDatabaseReport")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
        return box
