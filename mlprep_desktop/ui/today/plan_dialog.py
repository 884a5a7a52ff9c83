"""``PlanDialog``: edit the study plan — its start date, its number of weeks and the week of
each topic. Every topic stays in some week (the plan covers all topics by its end)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core.models import TOPICS, topic_label
from mlprep_desktop.core.study_plan import MAX_WEEKS, SEED_THEMES, StudyPlan


class PlanDialog(QDialog):
    def __init__(self, plan: StudyPlan, interview: date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planDialog")
        self.setWindowTitle(self.tr("Study plan"))
        self._plan = plan
        self.start_edit = QDateEdit(self)
        self.start_edit.setObjectName("planStart")
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("ddd d MMM yyyy")
        self.start_edit.setDate(QDate(plan.start.year, plan.start.month, plan.start.day))
        self.weeks_spin = QSpinBox(self)
        self.weeks_spin.setObjectName("planWeeks")
        self.weeks_spin.setRange(1, MAX_WEEKS)
        self.weeks_spin.setValue(len(plan.weeks))
        self.weeks_spin.setToolTip(self.tr("Changing the number of weeks spreads the topics evenly again, in order"))
        note = QLabel(self.tr(
            "The default follows the seed plan: " + "; ".join(f"week {i + 1} {t.lower()}" for i, t in
                                                              enumerate(SEED_THEMES)) + "."), self)
        note.setWordWrap(True)
        if interview is not None:
            note.setText(note.text() + " " + self.tr(
                f"With the interview on {interview:%d %b %Y}, the weeks run faster if needed so every "
                "topic comes before the final pass."))
        self._combos: dict[str, QComboBox] = {}
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        for n, topic in enumerate(TOPICS):
            combo = QComboBox(grid_host)
            combo.setObjectName(f"planWeek_{topic}")
            combo.setAccessibleName(self.tr(f"Week of {topic_label(topic)}"))
            self._combos[topic] = combo
            grid.addWidget(QLabel(topic_label(topic), grid_host), n // 2, (n % 2) * 2)
            grid.addWidget(combo, n // 2, (n % 2) * 2 + 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        form = QFormLayout()
        form.addRow(self.tr("Start:"), self.start_edit)
        form.addRow(self.tr("Weeks:"), self.weeks_spin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self._on_defaults_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(720, 560)
        self._fill()
        self.weeks_spin.valueChanged.connect(self._on_weeks_changed)

    def plan(self) -> StudyPlan:
        """The plan as edited (normalized: every topic in exactly one week)."""
        return self._from_combos(self.weeks_spin.value())

    def _from_combos(self, count: int) -> StudyPlan:
        """The plan the combos show, topics in the plan's order (so re-flowing it keeps that
        order: typing "26" in Weeks passes through 2 weeks and must end as 26 directly would)."""
        weeks: list[list[str]] = [[] for _ in range(count)]
        order = [t for week in self._plan.weeks for t in week]
        for topic in sorted(self._combos, key=lambda t: order.index(t) if t in order else len(order)):
            weeks[min(count - 1, max(0, self._combos[topic].currentIndex()))].append(topic)
        start = self.start_edit.date()
        return StudyPlan(date(start.year(), start.month(), start.day()), tuple(tuple(w) for w in weeks)).normalized()

    def _fill(self) -> None:
        count = len(self._plan.weeks)
        for topic, combo in self._combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([self.tr(f"Week {i + 1}") for i in range(count)])
            combo.setCurrentIndex(self._plan.week_of(topic))
            combo.blockSignals(False)

    def _on_weeks_changed(self, count: int) -> None:
        self._plan = self._from_combos(len(self._plan.weeks)).with_weeks(count)
        self._fill()

    def _on_defaults_clicked(self) -> None:
        self._plan = StudyPlan.default(self._plan.start)
        self.weeks_spin.blockSignals(True)
        self.weeks_spin.setValue(len(self._plan.weeks))
        self.weeks_spin.blockSignals(False)
        self._fill()
