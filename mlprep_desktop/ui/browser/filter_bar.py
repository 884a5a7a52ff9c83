"""``FilterBar``: type, topic, difficulty and status filters, each option with its count."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QSizePolicy, QWidget

from mlprep_desktop.core.models import DIFFICULTIES, QUESTION_TYPES, TOPICS, Status, topic_label

_FACETS = {
    "type": ("All types", [(t, t.capitalize()) for t in QUESTION_TYPES]),
    "topic": ("All topics", [(t, topic_label(t)) for t in TOPICS]),
    "difficulty": ("All levels", [(d, d.capitalize()) for d in DIFFICULTIES]),
    "status": ("Any status", [(s.value, s.label) for s in Status]),
}


class FilterBar(QWidget):
    """Emits ``filters_changed`` when the user picks an option; ``set_counts`` relabels."""

    filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(4)
        self._combos: dict[str, QComboBox] = {}
        self._labels: dict[str, dict[str, str]] = {}
        for facet, (all_label, options) in _FACETS.items():
            combo = QComboBox(self)
            combo.setObjectName(f"{facet}Filter")
            combo.setAccessibleName(self.tr(f"Filter by {facet}"))
            combo.setToolTip(self.tr(f"Show only questions of this {facet}"))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.addItem(self.tr(all_label), None)
            for value, label in options:
                combo.addItem(self.tr(label), value)
            self._labels[facet] = {None: self.tr(all_label), **{v: self.tr(lbl) for v, lbl in options}}
            combo.currentIndexChanged.connect(self._on_combo_changed)
            position = len(self._combos)
            self._combos[facet] = combo
            layout.addWidget(combo, position // 2, position % 2)

    def value(self, facet: str) -> str | None:
        return self._combos[facet].currentData()

    def set_value(self, facet: str, value: str | None) -> None:
        combo = self._combos[facet]
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def combo(self, facet: str) -> QComboBox:
        return self._combos[facet]

    def set_counts(self, counts: dict[str, dict[str, int]], total_for: dict[str, int]) -> None:
        """Relabel every option 'Label (n)'; ``total_for[facet]`` is the count for 'All'."""
        for facet, combo in self._combos.items():
            facet_counts = counts.get(facet, {})
            for i in range(combo.count()):
                value = combo.itemData(i)
                n = total_for.get(facet, 0) if value is None else facet_counts.get(value, 0)
                text = f"{self._labels[facet][value]} ({n})"
                if combo.itemText(i) != text:  # each change relabels and repaints the combo
                    combo.setItemText(i, text)

    def _on_combo_changed(self, _index: int) -> None:
        self.filters_changed.emit()
