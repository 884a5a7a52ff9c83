"""A database that fails its check at start: offer the newest sound backup instead of only
refusing. The damaged file is never written to: a restore moves it, unchanged, into
``backups/`` (``services.backups.restore_backup``)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale
from PySide6.QtWidgets import QMessageBox

from mlprep_desktop import APP_NAME
from mlprep_desktop.services.backups import BackupError, BackupService, restore_backup


def _tr(text: str) -> str:
    return QCoreApplication.translate("DamagedStart", text)


def ask_with_message_box(text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setObjectName("damagedDatabaseMessage")
    box.button(QMessageBox.StandardButton.Yes).setText(_tr("Restore the backup"))
    box.button(QMessageBox.StandardButton.No).setText(_tr("Quit"))
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes


def offer_newest_backup(db_path: Path, problem: str,
                        ask: Callable[[str], bool] | None = None) -> tuple[bool, str]:
    """Ask (``ask(text)``, a message box by default) to restore the newest backup that passes
    its check. Returns (True, what was done) when it was restored — open the file again — or
    (False, the message to show before quitting)."""
    ask = ask or ask_with_message_box
    service = BackupService(db_path)
    newest = service.newest_sound()
    if newest is None:
        return False, problem
    when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(newest.created_at.timestamp())).toLocalTime(),
                              QLocale.FormatType.LongFormat)
    summary = service.summary(newest.path)
    text = _tr(f"{problem}\n\nThe newest sound backup is from {when}: {summary.questions_answered} questions "
               f"answered, {summary.notes} notes, {summary.boards} boards, {summary.reviews} reviews.\n\n"
               f"Restore it? The damaged file is moved, unchanged, into {service.folder}.")
    if not ask(text):
        return False, problem
    try:
        result = restore_backup(service, newest.path)
    except BackupError as exc:
        return False, _tr(f"{problem}\n\nThe backup could not be restored: {exc}")
    return True, _tr(f"Restored the backup from {when}. The damaged file was moved, unchanged, to "
                     f"{result.previous_saved_as}.")
