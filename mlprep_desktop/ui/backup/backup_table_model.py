"""``BackupTableModel``: the automatic backups with their date, size and what they hold."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QDateTime, QLocale, QModelIndex, QObject, Qt

from mlprep_desktop.services.backups import BackupInfo, DataSummary


@dataclass(frozen=True)
class BackupRow:
    info: BackupInfo
    summary: DataSummary | None  # None: the file could not be read
    problem: str = ""


class BackupTableModel(QAbstractTableModel):
    COLUMNS = ("Date", "Size", "Answered", "Notes", "Boards", "Reviews")
    TIPS = ("When the backup was made (local time)", "Size of the backup file",
            "Questions you had rated at least once", "Notes (not counting the Trash)", "Whiteboard boards",
            "Ratings you had given, in total")

    def __init__(self, rows: list[BackupRow], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = rows

    def row_at(self, row: int) -> BackupRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt's API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt's API)
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(self.TIPS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                local = QDateTime.fromSecsSinceEpoch(int(row.info.created_at.timestamp())).toLocalTime()
                return QLocale().toString(local, "ddd d MMM yyyy  HH:mm:ss")
            if column == 1:
                return QLocale().formattedDataSize(row.info.size)
            if row.summary is None:
                return self.tr("unreadable") if column == 2 else ""
            return str((row.summary.questions_answered, row.summary.notes, row.summary.boards,
                        row.summary.reviews)[column - 2])
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.problem or str(row.info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
