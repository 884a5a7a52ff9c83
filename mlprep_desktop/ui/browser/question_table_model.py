"""``QuestionTableModel``: a table model over the rows a question search returned."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from mlprep_desktop.core.models import DIFFICULTIES, TOPICS, QuestionRow, QuestionState, Rating, Status, topic_label

COLUMNS = ("Question", "Type", "Topic", "Difficulty", "Status")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# Answered with the column's text (a tooltip shows it whole, wherever the column cuts it).
_TEXT_ROLES = frozenset(int(role) for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                                               Qt.ItemDataRole.ToolTipRole))


def status_text(state: QuestionState) -> str:
    """E.g. 'Good · due 14 Mar' (the last rating and the next review), 'Again · due today',
    'Seen', 'New · Flagged'."""
    if state.status is Status.RATED and state.last_rating:
        label = Rating(state.last_rating).label
        text = f"{label} · {due_text(state)}" if state.due else f"Rated: {label}"
    else:
        text = state.status.label
    return f"{text} · Flagged" if state.flagged else text


def due_text(state: QuestionState) -> str:
    """When the next review falls: 'due today' (or overdue), else 'due 14 Mar' (local date)."""
    if state.due_now:
        return "due today"
    due = datetime.fromisoformat(state.due.replace("Z", "+00:00")).astimezone()
    return f"due {due.day} {due:%b}"


def exercise_text(row: QuestionRow) -> str:
    return {True: " · Solved", False: " · Attempted"}.get(row.state.solved, "")


STATUS_COLUMN = 4


def _column_text(row: QuestionRow, column: int) -> str:
    if column == 0:
        return row.title
    if column == 1:
        return row.type.capitalize()
    if column == 2:
        return topic_label(row.topic)
    if column == 3:
        return row.difficulty.capitalize()
    return status_text(row.state) + exercise_text(row) + (" · Note" if row.has_note else "")


def _sort_key(row: QuestionRow, column: int):
    if column == 0:
        return row.title.casefold()
    if column == 1:
        return row.type
    if column == 2:
        return TOPICS.index(row.topic) if row.topic in TOPICS else len(TOPICS)
    if column == 3:
        return DIFFICULTIES.index(row.difficulty) if row.difficulty in DIFFICULTIES else 9
    state = row.state
    return (not state.flagged, state.due or "9999", state.review_count > 0, state.seen_at is not None,
            state.last_rating or 0)


class QuestionTableModel(QAbstractTableModel):
    """Rows are ``QuestionRow``s in the order given (search rank) until ``sort`` is asked.

    The rows may be a lazy sequence (the repository's search result reads a page of rows when
    one is first asked for): the model keeps it as it is and only reads the rows the view
    shows, unless a column sort needs them all. It uses ``index_of(id)`` and ``id_at(i)`` when
    the sequence has them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: Sequence[QuestionRow] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- data
    def set_rows(self, rows: Sequence[QuestionRow]) -> None:
        self.beginResetModel()
        self._rows = rows if isinstance(rows, list) or hasattr(rows, "index_of") else list(rows)
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def row_at(self, row: int) -> QuestionRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def id_at(self, row: int) -> str:
        id_at = getattr(self._rows, "id_at", None)
        return id_at(row) if id_at is not None else self._rows[row].id

    def row_of(self, question_id: str) -> int:
        index_of = getattr(self._rows, "index_of", None)
        if index_of is not None:
            return index_of(question_id)
        return next((i for i, r in enumerate(self._rows) if r.id == question_id), -1)

    def status_texts(self, limit: int) -> list[str]:
        """The Status column's text of the first ``limit`` rows (what ``data`` shows there),
        without a model index per row: the table sizes the column from them at every search."""
        prefetch = getattr(self._rows, "prefetch", None)
        if prefetch is not None:
            prefetch(limit)  # one query, not one per page
        return [_column_text(self._rows[i], STATUS_COLUMN) for i in range(min(limit, len(self._rows)))]

    def update_state(self, state: QuestionState) -> None:
        """Show a question's new state at once (after a rating or a flag)."""
        row = self.row_of(state.question_id)
        if row < 0:
            return
        old = self._rows[row]
        if state.solved is None:  # a study write does not know the runs
            state = replace(state, solved=old.state.solved)
        self._rows[row] = replace(old, state=state)  # type: ignore[index]
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # --- Qt model API
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # The view asks each shown cell for a dozen roles at every paint: the others answer
        # None before anything else is looked at.
        if role not in _TEXT_ROLES:
            return self.id_at(index.row()) if role == ID_ROLE and index.isValid() else None
        if not index.isValid():
            return None
        return _column_text(self._rows[index.row()], index.column())  # the tooltip: the whole text

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:
            self._sort = None
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self.id_at(i.row()) for i in persistent]
        self._sort = (column, order)
        self._apply_sort(column, order)
        self.changePersistentIndexList(
            persistent, [self.index(self.row_of(qid), i.column()) for qid, i in zip(ids, persistent)]
        )
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        self._rows = list(self._rows)  # a column sort needs every row
        self._rows.sort(key=lambda r: _sort_key(r, column), reverse=order == Qt.SortOrder.DescendingOrder)
