"""``SummaryView``: the overall score, time per question against its budget, the weakest topics,
and one click to flag the weak questions to revisit (the browser's flag)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core.interview import format_duration
from mlprep_desktop.core.interview_models import InterviewItem, InterviewRecord, ItemStatus
from mlprep_desktop.core.interview_summary import WEAK_BELOW, InterviewSummary, is_scored, item_score, summarize
from mlprep_desktop.core.models import topic_label

COLUMNS = ("#", "Question", "Topic", "Time", "Budget", "Against budget", "Score")


class SummaryTableModel(QAbstractTableModel):
    """One row per question: time spent against its budget, and its score."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[InterviewItem] = []
        self._unscored: set[int] = set()  # item ids left out of the score (ended early)

    def set_items(self, items: list[InterviewItem], unscored: set[int] | None = None) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._unscored = set(unscored or ())
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 6 and item.id in self._unscored:
                return self.tr("not scored")
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return item.title
        if role == Qt.ItemDataRole.ToolTipRole and column == 6 and item.id in self._unscored:
            return self.tr("The interview was ended early: questions not answered are not scored")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3, 4, 5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(item: InterviewItem, column: int) -> str:
        if column == 0:
            return str(item.position + 1)
        if column == 1:
            suffix = {ItemStatus.SKIPPED: " (skipped)", ItemStatus.PENDING: " (not reached)"}.get(item.status, "")
            return item.title + suffix
        if column == 2:
            return topic_label(item.topic)
        if column == 3:
            return format_duration(item.elapsed_seconds)
        if column == 4:
            return format_duration(item.budget_seconds)
        if column == 5:
            delta = item.elapsed_seconds - item.budget_seconds
            return f"+{format_duration(delta)} over" if delta >= 1 else f"{format_duration(-delta)} spare"
        return f"{item_score(item) * 100:.0f}%"

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None


class SummaryView(QWidget):
    flag_weak_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interviewSummary")
        self.setAccessibleName(self.tr("Interview summary"))
        self.summary: InterviewSummary | None = None
        self.score = QLabel(self)
        self.score.setObjectName("interviewScore")
        font = QFont(self.score.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.score.setFont(font)
        self.details = QLabel(self)
        self.details.setObjectName("interviewSummaryDetails")
        self.details.setWordWrap(True)
        self.details.setToolTip(self.tr(
            "A question's score is the mean of: the share of key points ticked, accuracy/4 and communication/4.\n"
            "The overall score is the mean over the questions."))
        self.weak_topics = QLabel(self)
        self.weak_topics.setObjectName("interviewWeakTopics")
        self.weak_topics.setWordWrap(True)
        self.model = SummaryTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("interviewSummaryTable")
        self.table.setAccessibleName(self.tr("Time and score per question"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.flag_weak = QPushButton(self)
        self.flag_weak.setObjectName("interviewFlagWeak")
        self.flag_weak.setAccessibleName(self.tr("Flag weak questions to revisit"))
        self.flag_weak.setToolTip(self.tr(
            f"Flag every question scoring under {WEAK_BELOW:.0%} to revisit in the Browse tab"))
        self.flag_weak.clicked.connect(self.flag_weak_clicked)

        top = QHBoxLayout()
        top.addWidget(self.score)
        top.addWidget(self.details, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.weak_topics, 1)
        actions.addWidget(self.flag_weak)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)

    def show_record(self, record: InterviewRecord, flagged: set[str]) -> None:
        summary = summarize(record)
        self.summary = summary
        self.score.setText(self.tr(f"{summary.score:.0f}%") if summary.scored else "–")
        count = len(record.items)
        of_count = self.tr("of 1 question") if count == 1 else self.tr(f"of {count} questions")
        scores = [f"{name} {mean:.1f}/4" for name, mean in ((self.tr("technical accuracy"), summary.accuracy_mean),
                                                             (self.tr("communication"), summary.communication_mean))
                  if mean is not None]
        scored = " · ".join(scores) if scores else self.tr("no self-scores yet")
        lines = [
            self.tr(f"Key points ticked: {summary.key_points_ticked} of {summary.key_points_total} · "
                    f"{scored} · {summary.graded} {of_count} self-scored"),
            self.tr(f"Time {format_duration(summary.elapsed_seconds)} of {format_duration(summary.budget_seconds)} · "
                    f"{summary.over_budget} {of_count} over budget · {summary.answered} answered, "
                    f"{summary.skipped} skipped"),
        ]
        if record.ended_early:
            unreached = sum(i.status is ItemStatus.PENDING for i in record.items)
            lines.insert(0, self.tr(
                f"Ended early: {summary.scored} of {count} questions scored (only what was answered); "
                f"{unreached} not reached."))
        self.details.setText("\n".join(lines))
        if summary.weakest_topics:
            listed = ", ".join(f"{topic_label(t.topic)} {t.score * 100:.0f}%" for t in summary.weakest_topics)
            weak = any(t.score < WEAK_BELOW for t in summary.weakest_topics)
            prefix = self.tr("Weakest topics: ") if weak else self.tr("No weak topics; lowest: ")
            self.weak_topics.setText(prefix + listed)
        else:
            self.weak_topics.setText("")
        self.model.set_items(list(record.items), {i.id for i in record.items if not is_scored(record, i)})
        self.set_flagged(flagged)

    def set_flagged(self, flagged: set[str]) -> None:
        """Relabel the flag button for the weak questions not flagged yet."""
        if self.summary is None:
            return
        weak = {i.question_id for i in self.summary.weak_items}
        todo = weak - flagged
        if not weak:
            self.flag_weak.setText(self.tr("No weak questions to flag"))
        elif not todo:
            self.flag_weak.setText(self.tr("The weak question is flagged ✓") if len(weak) == 1
                                   else self.tr(f"All {len(weak)} weak questions are flagged ✓"))
        else:
            self.flag_weak.setText(self.tr("Flag 1 weak question to revisit") if len(todo) == 1
                                   else self.tr(f"Flag {len(todo)} weak questions to revisit"))
        self.flag_weak.setEnabled(bool(todo))

    def weak_question_ids(self) -> list[str]:
        return [i.question_id for i in self.summary.weak_items] if self.summary else []
