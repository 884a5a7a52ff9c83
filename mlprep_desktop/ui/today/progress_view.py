"""``ProgressView``: the progress page — a year of reviews (heatmap), streaks, per-topic mastery
(click a topic to browse it), the next 14 days' due reviews and the mock-interview trend.

It shows a ``ProgressSnapshot`` (services.today); it never reads the database itself."""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.services.today import ProgressSnapshot
from mlprep_desktop.ui.today.activity_heatmap import ActivityHeatmap
from mlprep_desktop.ui.today.small_charts import BarChart, TrendChart
from mlprep_desktop.ui.today.topic_mastery_model import TOPIC_ROLE, TopicMasteryModel


class ProgressView(QWidget):
    topic_activated = Signal(str)  # a topic slug: browse its questions

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressView")
        self.setAccessibleName(self.tr("Progress"))
        self.heatmap = ActivityHeatmap(self)
        self.heatmap_caption = QLabel(self)
        self.heatmap_caption.setObjectName("heatmapCaption")
        self.streak_label = QLabel(self)
        self.streak_label.setObjectName("streakLabel")
        self.streak_label.setAccessibleName(self.tr("Streak"))

        self.mastery_model = TopicMasteryModel(self)
        self.mastery = QTableView(self)
        self.mastery.setObjectName("topicMastery")
        self.mastery.setAccessibleName(self.tr("Mastery per topic"))
        self.mastery.setModel(self.mastery_model)
        self.mastery.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.mastery.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.mastery.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mastery.setAlternatingRowColors(True)
        self.mastery.verticalHeader().hide()
        self.mastery.setToolTip(self.tr("Click a topic (or press Enter) to browse its questions"))
        header = self.mastery.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The number columns are fitted to their contents when the rows or the font change
        # (_fit_columns), not at every layout: ResizeToContents asked each cell for eight roles
        # about eight times while the window was first shown (issue 16: ~9,000 calls at start).
        for column in range(1, TopicMasteryModel.COLUMNS.__len__()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.mastery.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.mastery.clicked.connect(self._on_mastery_activated)
        self.mastery.activated.connect(self._on_mastery_activated)

        self.forecast = BarChart("dueForecast", self.tr("Reviews due in the next 14 days"), self)
        self.forecast.empty_text = self.tr("No reviews due in the next 14 days. Questions you rate are "
                                           "scheduled for review and show up here.")
        self.trend = TrendChart("interviewTrend", self.tr("Mock interview scores"), self)
        self.trend.empty_text = self.tr("No reviewed mock interviews yet: scores appear here after you grade one.")

        activity = QGroupBox(self.tr("Activity"), self)
        activity_layout = QVBoxLayout(activity)
        activity_layout.addWidget(self.heatmap, 0, Qt.AlignmentFlag.AlignLeft)
        activity_layout.addWidget(self.heatmap_caption)
        activity_layout.addWidget(self.streak_label)
        mastery_box = QGroupBox(self.tr("Mastery per topic"), self)
        QVBoxLayout(mastery_box).addWidget(self.mastery)
        forecast_box = QGroupBox(self.tr("Reviews due, next 14 days"), self)
        QVBoxLayout(forecast_box).addWidget(self.forecast)
        trend_box = QGroupBox(self.tr("Mock interview scores"), self)
        QVBoxLayout(trend_box).addWidget(self.trend)

        grid = self._grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(activity, 0, 0)
        grid.addWidget(forecast_box, 1, 0)
        grid.addWidget(trend_box, 2, 0)
        grid.addWidget(mastery_box, 0, 1, 4, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)
        self._activity, self._mastery_box = activity, mastery_box
        mastery_box.setObjectName("topicMasteryBox")
        # a 2560-px window: the table stays a table (names near their figures), not a 1800-px strip
        mastery_box.setMaximumWidth(self.fontMetrics().averageCharWidth() * 110)
        self._stacked = False
        self.snapshot: ProgressSnapshot | None = None

    MASTERY_MIN_CHARS = 70  # narrower than this beside the activity: the table goes below it

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        room = self.width() - self._activity.sizeHint().width()
        stacked = room < self.fontMetrics().averageCharWidth() * self.MASTERY_MIN_CHARS
        if stacked == self._stacked:
            return
        self._stacked = stacked
        self._grid.removeWidget(self._mastery_box)
        if stacked:  # a 1024-px window: topic names whole, below the charts (the tab scrolls)
            self._grid.addWidget(self._mastery_box, 3, 0)
            self._grid.setColumnStretch(1, 0)
            self._mastery_box.setMinimumHeight(self.fontMetrics().height() * 24)
        else:
            self._grid.addWidget(self._mastery_box, 0, 1, 4, 1)
            self._grid.setColumnStretch(1, 1)
            self._mastery_box.setMinimumHeight(0)

    def show_snapshot(self, snapshot: ProgressSnapshot) -> None:
        self.snapshot = snapshot
        self.heatmap.set_counts(snapshot.per_day, snapshot.today)
        days = self.heatmap.active_days()
        self.heatmap_caption.setText(self.tr(
            f"{snapshot.reviews_last_year} reviews on {days} day{'s' if days != 1 else ''} in the last year"))
        streak = snapshot.streak
        self.streak_label.setText(self.tr(
            f"Current streak: {streak.current} day{'s' if streak.current != 1 else ''} · "
            f"best: {streak.best} day{'s' if streak.best != 1 else ''}"))
        self.mastery_model.set_rows(snapshot.mastery, snapshot.coding)
        self.mastery.setColumnHidden(4, not self.mastery_model.has_coding())
        self._fit_columns()
        labels = [self.tr("today")] + [(snapshot.today + timedelta(days=i)).strftime("%a")[:2]
                                        for i in range(1, len(snapshot.forecast))]
        self.forecast.set_values(snapshot.forecast, labels)
        self.trend.set_values([score for _, score in snapshot.interview_trend],
                              [when[:10] for when, _ in snapshot.interview_trend])

    def _fit_columns(self) -> None:
        for column in range(1, self.mastery_model.columnCount()):
            self.mastery.resizeColumnToContents(column)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_columns()

    def _on_mastery_activated(self, index: QModelIndex) -> None:
        topic = index.data(TOPIC_ROLE)
        if topic:
            self.topic_activated.emit(topic)
