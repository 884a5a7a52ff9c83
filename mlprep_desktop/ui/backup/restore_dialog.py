"""``RestoreBackupDialog`` (File › Restore backup…): pick an automatic backup, or another
file, to restore. It only chooses; the main window does the restore."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.services.backups import BackupError, BackupService
from mlprep_desktop.ui.backup.backup_table_model import BackupRow, BackupTableModel


def load_rows(service: BackupService) -> list[BackupRow]:
    rows = []
    for info in service.backups():
        try:
            rows.append(BackupRow(info, service.summary(info.path)))
        except BackupError as exc:
            rows.append(BackupRow(info, None, str(exc)))
    return rows


class RestoreBackupDialog(QDialog):
    def __init__(self, service: BackupService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBackupDialog")
        self.setAccessibleName(self.tr("Restore backup"))
        self.setWindowTitle(self.tr("Restore backup"))
        self.resize(720, 420)
        self._chosen: Path | None = None
        self.model = BackupTableModel(load_rows(service), self)

        intro = QLabel(self.tr(
            f"Backups are kept in {service.folder}. Restoring replaces all your current data with "
            "the backup's; your current data is backed up first, so you can go back."), self)
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableView(self)
        self.table.setObjectName("backupTable")
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.empty = QLabel(self.tr("No automatic backups yet: one is made at start, every 30 minutes "
                                    "and on close."), self)
        self.empty.setVisible(self.model.rowCount() == 0)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.restore_button.setObjectName("restoreBackupButton")
        self.restore_button.setToolTip(self.tr("Replace your data with the selected backup"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button = QPushButton(self.tr("Other &file…"), self)
        self.other_button.setObjectName("restoreOtherFileButton")
        self.other_button.setToolTip(self.tr("Restore a backup file from somewhere else"))
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.other_button.clicked.connect(self._on_other_clicked)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        if self.model.rowCount():
            self.table.selectRow(0)
        self.table.setFocus()
        self._update_buttons()

    def chosen_path(self) -> Path | None:
        """The file to restore, once the dialog was accepted."""
        return self._chosen

    def _selected_row(self) -> BackupRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self._selected_row()
        self.restore_button.setEnabled(row is not None and row.summary is not None)

    def _on_restore_clicked(self) -> None:
        row = self._selected_row()
        if row is not None and row.summary is not None:
            self._chosen = row.info.path
            self.accept()

    def _on_table_double_clicked(self, _index) -> None:
        self._on_restore_clicked()

    def _on_other_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Restore from file"), "",
                                              self.tr("SQLite database (*.sqlite *.db);;All files (*)"))
        if name:
            self._chosen = Path(name)
            self.accept()
