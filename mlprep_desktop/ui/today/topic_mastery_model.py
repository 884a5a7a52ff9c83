"""``TopicMasteryModel``: per topic, how much is seen and how well it is remembered."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from mlprep_desktop.core.models import topic_label
from mlprep_desktop.core.study_progress import TopicMastery

TOPIC_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the number behind a cell (0–1), for bars and sorting
# The roles answered; the view asks each cell for a dozen at every paint.
_ROLES = frozenset(int(role) for role in (
    TOPIC_ROLE, VALUE_ROLE, Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole))


class TopicMasteryModel(QAbstractTableModel):
    COLUMNS = ("Topic", "Seen", "Recall", "Mastered", "Coding solved")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TopicMastery] = []
        self._coding: dict[str, tuple[int, int]] | None = None

    def set_rows(self, rows: list[TopicMastery], coding: dict[str, tuple[int, int]] | None) -> None:
        self.beginResetModel()
        self._rows = [r for r in rows if r.total]  # topics without questions have nothing to show
        self._coding = coding
        self.endResetModel()

    def row_at(self, row: int) -> TopicMastery | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def has_coding(self) -> bool:
        return self._coding is not None

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == TOPIC_ROLE:
            return row.topic
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return topic_label(row.topic)
            if column == 1:
                return f"{row.seen} of {row.total} ({row.share_seen:.0%})"
            if column == 2:
                return "–" if row.recall is None else f"{row.recall:.0%}"
            if column == 3:
                return str(row.mastered)
            if self._coding is None:
                return "–"
            solved, total = self._coding.get(row.topic, (0, 0))
            return f"{solved} of {total}" if total else "–"
        if role == VALUE_ROLE:
            return (None, row.share_seen, row.recall, None, None)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return ("Click to browse this topic's questions",
                    "Questions of this topic you have rated at least once",
                    "Mean predicted chance (FSRS) that you recall this topic's seen questions today",
                    "Questions remembered three weeks or more",
                    "Coding exercises whose tests all passed")[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None
