"""``NoteListModel`` over the note summaries a search returned, and ``NoteListDelegate``,
which draws each note as its title, a line of date and tags, and a snippet (search matches
in bold)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from mlprep_desktop.core.clock import utc_now_iso
from mlprep_desktop.core.note_models import MATCH_END, MATCH_START, NoteSummary
from mlprep_desktop.core.note_policy import days_left
from mlprep_desktop.ui.notebook.note_times import when

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2


def detail_line(summary: NoteSummary) -> str:
    """'3 Mar · #ml #stats' (or, in the Trash, when it was deleted and how long it stays)."""
    if summary.deleted_at:
        left = days_left(summary.deleted_at, utc_now_iso())
        parts = [f"Deleted {when(summary.deleted_at)}", f"{left} day{'s' if left != 1 else ''} left"]
    else:
        parts = [when(summary.updated_at)]
    if summary.tags:
        parts.append(" ".join(f"#{t}" for t in summary.tags))
    return " · ".join(p for p in parts if p)


class NoteListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[NoteSummary] = []

    def set_rows(self, rows: list[NoteSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def summary_at(self, row: int) -> NoteSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, note_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == note_id), -1)

    def update_summary(self, summary: NoteSummary) -> None:
        """Show a saved note's new title, date and snippet in place (no re-sorting while typing)."""
        row = self.row_of(summary.id)
        if row >= 0:
            self._rows[row] = summary
            self.dataChanged.emit(self.index(row), self.index(row))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt's API)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        summary = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return summary.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{summary.title}, {detail_line(summary)}, {_plain(summary.snippet)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{summary.title}\n{detail_line(summary)}"
        if role == ID_ROLE:
            return summary.id
        if role == SUMMARY_ROLE:
            return summary
        return None


def _plain(snippet: str) -> str:
    return snippet.replace(MATCH_START, "").replace(MATCH_END, "")


class NoteListDelegate(QStyledItemDelegate):
    PADDING = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 (Qt's API)
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(200, line * 3 + self.PADDING * 2 + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        summary: NoteSummary | None = index.data(SUMMARY_ROLE)
        if summary is None:
            return super().paint(painter, option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active if option.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = option.palette.color(group, text_role)
        muted = option.palette.color(group, QPalette.ColorRole.PlaceholderText) if not selected else text_color
        rect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        line = QFontMetrics(option.font).lineSpacing()
        painter.save()
        title_font = QFont(option.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text_color)
        title = QFontMetrics(title_font).elidedText(summary.title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.x(), rect.y(), rect.width(), line), Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(option.font)
        painter.setPen(muted)
        metrics = QFontMetrics(option.font)
        detail = metrics.elidedText(detail_line(summary), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.x(), rect.y() + line, rect.width(), line), Qt.AlignmentFlag.AlignVCenter, detail)
        painter.setPen(text_color)
        self._draw_snippet(painter, option.font, summary.snippet, QRect(rect.x(), rect.y() + 2 * line, rect.width(), line))
        painter.restore()

    @staticmethod
    def _draw_snippet(painter: QPainter, font: QFont, snippet: str, rect: QRect) -> None:
        """The snippet on one line, matched words in bold, cut with '…' at the right edge."""
        bold = QFont(font)
        bold.setBold(True)
        x = rect.x()
        right = rect.right()
        parts = snippet.replace(MATCH_END, MATCH_START).split(MATCH_START)
        for i, part in enumerate(parts):
            if not part:
                continue
            piece_font = bold if i % 2 else font
            metrics = QFontMetrics(piece_font)
            width = metrics.horizontalAdvance(part)
            painter.setFont(piece_font)
            if x + width > right:
                part = metrics.elidedText(part, Qt.TextElideMode.ElideRight, right - x)
                painter.drawText(QRect(x, rect.y(), right - x, rect.height()), Qt.AlignmentFlag.AlignVCenter, part)
                break
            painter.drawText(QRect(x, rect.y(), width + 1, rect.height()), Qt.AlignmentFlag.AlignVCenter, part)
            x += width
        painter.setFont(font)
