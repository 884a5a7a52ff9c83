"""``InterviewHistoryModel``: past interviews — date, questions, score, duration, status."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from mlprep_desktop.core.interview import format_duration
from mlprep_desktop.core.interview_models import InterviewRecord
from mlprep_desktop.core.interview_summary import summarize

COLUMNS = ("Date", "Questions", "Score", "Duration", "Status")
SESSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def local_time(iso: str) -> str:
    """'2026-11-21T06:47:35Z' shown in the user's time zone: '2026-11-21 07:47'."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class InterviewHistoryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[InterviewRecord] = []
        self._scores: dict[int, float] = {}

    def set_records(self, records: list[InterviewRecord]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._scores = {r.id: s.score for r in records if r.items and (s := summarize(r)).scored}
        self.endResetModel()

    def record_at(self, row: int) -> InterviewRecord | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def row_of(self, session_id: int) -> int:
        return next((i for i, r in enumerate(self._records) if r.id == session_id), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._records[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(record, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            titles = "\n".join(f"{i.position + 1}. {i.title}" for i in record.items)
            return f"{record.status_label}\n{titles}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SESSION_ID_ROLE:
            return record.id
        return None

    def _text(self, record: InterviewRecord, column: int) -> str:
        if column == 0:
            return local_time(record.started_at)
        if column == 1:
            titles = "; ".join(i.title for i in record.items)
            return f"{len(record.items)}: {titles}"
        if column == 2:
            if record.status.unfinished or record.id not in self._scores:
                return "–"
            return f"{self._scores[record.id]:.0f}%"
        if column == 3:
            return format_duration(sum(i.elapsed_seconds for i in record.items))
        return record.status_label

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None
